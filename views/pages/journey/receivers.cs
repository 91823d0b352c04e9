<?cs # Receiving organisations, per chosen issue: ReceiverIssues.N.{Id,Name,Field,Handled,Order} with
     Eligible.M.{Value,Text,Hint,Banner} (offered as checkboxes named Field, closest match first;
     Order: the line that says why), Others.M.{Id,Name,Reason}
     (handle the issue but cannot take this client) and None (no organisation can: a gap in
     service, which administrators have been told about); Receivers.Stale: how many chosen
     issues are no longer offered. Timeframes.Chosen.{Update,Close} and Timeframes.Urgent.Chosen:
     the urgency chosen on the details page (its timeframes, shown without JavaScript too). ?>
<?cs include:"pages/journey/parts.cs" ?>
<?cs def:receivers_not_offered(issue) ?>
      <table class="govuk-table">
        <caption class="govuk-table__caption govuk-table__caption--s">Organisations that handle <?cs var:issue.Name ?> but cannot take this referral</caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            <th scope="col" class="govuk-table__header">Organisation</th>
            <th scope="col" class="govuk-table__header">Why not</th>
          </tr>
        </thead>
        <tbody class="govuk-table__body"><?cs
        each:other = issue.Others ?>
          <tr class="govuk-table__row">
            <td class="govuk-table__cell app-wrap"><a class="govuk-link" href="<?cs var:App.Base ?>/organisations/<?cs var:other.Id ?>"><?cs var:other.Name ?></a></td>
            <td class="govuk-table__cell"><?cs var:other.Reason ?></td>
          </tr><?cs
        /each ?>
        </tbody>
      </table><?cs
/def ?>
<?cs call:journey_top() ?>
<div class="govuk-grid-row">
  <div class="govuk-grid-column-two-thirds"><?cs
    call:journey_heading() ?>
    <p class="govuk-body" id="chosen-timeframes"><?cs if:Timeframes.Urgent.Chosen ?>This is an urgent referral<?cs else ?>This referral is not urgent<?cs /if ?>: the receiving organisation must update it within <?cs var:Timeframes.Chosen.Update ?> and close it within <?cs var:Timeframes.Chosen.Close ?>.</p>
    <p class="govuk-body">Only organisations that can take this referral for this client are offered: active and accepting referrals, with room for more, handling the issue, accepting the client’s age, gender and local authority, and taking referrals from your organisation; the closest matches come first. You can choose several for an issue: the first to acknowledge takes the referral and the others are closed.</p><?cs
    if:subcount(ReceiverIssues) == 0 ?>
    <p class="govuk-body" id="receivers_issues" tabindex="-1">No issues are chosen yet. <a class="govuk-link" href="<?cs var:App.Base + Draft.Steps.details ?>">Choose the issues in the referral details</a>.</p><?cs
    elif:Receivers.Stale > 0 ?>
    <div class="govuk-inset-text" id="receivers_issues" tabindex="-1">An issue you chose is no longer offered: <a class="govuk-link" href="<?cs var:App.Base + Draft.Steps.details ?>">change the issues in the referral details</a>.</div><?cs
    /if ?><?cs
    call:journey_form_start() ?><?cs
    each:issue = ReceiverIssues ?>
      <h2 class="govuk-heading-m"><?cs var:issue.Name ?></h2><?cs
      if:issue.None ?>
      <div class="govuk-warning-text" id="<?cs var:issue.Field ?>" tabindex="-1">
        <span class="govuk-warning-text__icon" aria-hidden="true">!</span>
        <strong class="govuk-warning-text__text">
          <span class="govuk-visually-hidden">Warning</span>
          No organisation can receive a referral for <?cs var:issue.Name ?> for this client: <?cs
          if:issue.Handled == 0 ?>no organisation handles <?cs var:issue.Name ?>.<?cs
          else ?>none of the organisations that handle it can take it (see why below).<?cs /if ?>
        </strong>
      </div>
      <p class="govuk-body">Everything you have entered is kept. To continue without it, <a class="govuk-link" href="<?cs var:App.Base + Draft.Steps.details ?>">change the issues in the referral details</a> and untick <?cs var:issue.Name ?>. The system administrators have been told about this gap in service.</p>
      <p class="govuk-body">You can still contact a service directly: <a class="govuk-link" id="directory_<?cs var:issue.Id ?>" href="<?cs var:App.Base ?>/organisations?issue=<?cs var:issue.Id ?>">find organisations for <?cs var:issue.Name ?> in the directory</a>.</p><?cs
      else ?><?cs
        if:issue.Order ?>
      <p class="govuk-body" id="order_<?cs var:issue.Id ?>"><?cs var:issue.Order ?></p><?cs
        /if ?><?cs
        call:checkboxes(issue.Field, "Organisations to refer to for " + issue.Name, "Select all that apply.", issue.Eligible) ?>
      <ul class="govuk-list" id="profiles_<?cs var:issue.Id ?>"><?cs
        each:item = issue.Eligible ?>
        <li><a class="govuk-link" href="<?cs var:App.Base ?>/organisations/<?cs var:item.Value ?>">Profile and contact details of <?cs var:item.Text ?></a><?cs
          if:item.Banner ?>
          <div class="govuk-inset-text app-wrap"><strong>Alert from <?cs var:item.Text ?>:</strong> <?cs var:item.Banner ?></div><?cs
          /if ?></li><?cs
        /each ?>
      </ul><?cs
      /if ?><?cs
      if:subcount(issue.Others) > 0 ?><?cs
        if:issue.None ?><?cs
          call:receivers_not_offered(issue) ?><?cs
        else ?>
      <details class="govuk-details">
        <summary class="govuk-details__summary">
          <span class="govuk-details__summary-text">Organisations not offered for <?cs var:issue.Name ?> (<?cs var:subcount(issue.Others) ?>)</span>
        </summary>
        <div class="govuk-details__text"><?cs call:receivers_not_offered(issue) ?></div>
      </details><?cs
        /if ?><?cs
      /if ?><?cs
    /each ?><?cs
    call:journey_form_end("Continue") ?>
  </div>
</div>
