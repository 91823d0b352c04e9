<?cs # A client's profile, Referrals tab: the referrals the active organisation sent or received
     for them (every one for administrators), newest first; after a send (?sent=1), a banner
     listing what was just sent. Client.{Id,Name,DateOfBirth,Age};
     Referrals.N and Sent.N: {Id,Status,StatusLabel,StatusColour,Issue,SendingOrg,ReceivingOrg,
     Urgent,Sent,UpdateDue,CloseDue,Closed,Direction, and the due date of an open one's state:
     UpdateDueNow (New) or CloseDueNow (Acknowledged)}; SentBanner, SentCount. ?><?cs
include:"pages/clients/tabs.cs" ?><?cs
call:back_link(App.Base + "/clients") ?><?cs
if:SentBanner ?>
<div class="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="sent-title" data-module="govuk-notification-banner">
  <div class="govuk-notification-banner__header">
    <h2 class="govuk-notification-banner__title" id="sent-title">Success</h2>
  </div>
  <div class="govuk-notification-banner__content">
    <p class="govuk-notification-banner__heading">Referrals sent</p>
    <p class="govuk-body"><?cs var:SentCount ?> referral<?cs if:SentCount != 1 ?>s<?cs /if ?> sent for <?cs var:Client.Name ?>:</p>
    <ul class="govuk-list govuk-list--bullet" id="sent-referrals"><?cs
    each:r = Sent ?>
      <li class="app-wrap" data-referral="<?cs var:r.Id ?>"><a class="govuk-link" href="<?cs var:App.Base ?>/referrals/<?cs var:r.Id ?>">Referral <?cs var:r.Id ?>: <?cs var:r.Issue ?> to <?cs var:r.ReceivingOrg ?></a><?cs if:r.Urgent ?> (urgent)<?cs /if ?></li><?cs
    /each ?>
    </ul>
  </div>
</div><?cs
/if ?><?cs
call:client_tabs_start("referrals") ?>
    <h2 class="govuk-heading-m">Referrals</h2><?cs
    if:subcount(Referrals) == 0 ?>
    <p class="govuk-body" id="referrals">There are no referrals for <?cs var:Client.Name ?> that your organisation sent or received.</p><?cs
    else ?>
    <table class="govuk-table app-list" id="referrals">
      <caption class="govuk-table__caption govuk-table__caption--s">Referrals for <?cs var:Client.Name ?>, newest first</caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <th scope="col" class="govuk-table__header">Issue</th>
          <th scope="col" class="govuk-table__header">From</th>
          <th scope="col" class="govuk-table__header">To</th>
          <th scope="col" class="govuk-table__header">Sent</th>
          <th scope="col" class="govuk-table__header">Status</th>
        </tr>
      </thead>
      <tbody class="govuk-table__body"><?cs
      each:r = Referrals ?>
        <tr class="govuk-table__row">
          <td class="govuk-table__cell" data-label="Issue"><a class="govuk-link" href="<?cs var:App.Base ?>/referrals/<?cs var:r.Id ?>"><?cs var:r.Issue ?></a><?cs if:r.Urgent ?> <?cs call:tag("Urgent", "red") ?><?cs /if ?></td>
          <td class="govuk-table__cell" data-label="From"><?cs var:r.SendingOrg ?></td>
          <td class="govuk-table__cell" data-label="To"><?cs var:r.ReceivingOrg ?></td>
          <td class="govuk-table__cell" data-label="Sent"><?cs var:r.Sent ?></td>
          <td class="govuk-table__cell" data-label="Status"><?cs call:tag(r.StatusLabel, r.StatusColour) ?>
            <?cs if:r.Closed ?><br><span class="govuk-hint govuk-!-margin-0 govuk-!-font-size-16">on <?cs var:r.Closed ?></span><?cs
            elif:r.UpdateDueNow ?><br><span class="govuk-hint govuk-!-margin-0 govuk-!-font-size-16">Update due <?cs var:r.UpdateDueNow ?></span><?cs
            elif:r.CloseDueNow ?><br><span class="govuk-hint govuk-!-margin-0 govuk-!-font-size-16">Close due <?cs var:r.CloseDueNow ?></span><?cs
            /if ?></td>
        </tr><?cs
      /each ?>
      </tbody>
    </table><?cs
    /if ?><?cs
call:client_tabs_end() ?>
