<?cs # The signed-in staff member's inbox, newest first, one page at a time.
     Messages.N.{Id,Kind,KindLabel,KindColour (fcgi/vocabulary.c),Subject,Body,Link,When,Unread,
     Client (the client's name, for a reader whose organisation may see them)};
     Filter.Orgs.N.{Value,Text}, Filter.Name, Form.org: the messages of one organisation.
     Inbox.{Total,Unread,Page,Pages,TotalMore,UnreadMore,Cap}; Pagination.{Prev,Next}; Notice.Done (after marking read). ?>
<div class="govuk-grid-row">
  <div class="govuk-grid-column-two-thirds"><?cs
    if:Notice.Done ?><?cs call:notification_banner("inbox-done-title", "", Notice.Done, "success") ?><?cs /if ?>
    <h1 class="govuk-heading-l">Inbox</h1>
    <p class="govuk-body" id="inbox-summary"><?cs
      if:Inbox.Total == 0 ?>You have no messages.<?cs
      elif:Inbox.TotalMore ?>More than <?cs var:Inbox.Cap ?> messages, <?cs
        if:Inbox.UnreadMore ?>more than <?cs var:Inbox.Cap ?><?cs else ?><?cs var:Inbox.Unread ?><?cs /if ?> unread. The latest <?cs var:Inbox.Cap ?> are listed.<?cs
      else ?><?cs var:Inbox.Total ?> message<?cs if:Inbox.Total != 1 ?>s<?cs /if ?>, <?cs var:Inbox.Unread ?> unread.<?cs /if ?></p>
    <p class="govuk-body"><a class="govuk-link" id="email-preferences" href="<?cs var:App.Base ?>/preferences">Choose which messages also come by e-mail</a></p><?cs
    if:subcount(Filter.Orgs) > 2 ?>
    <form method="get" action="<?cs var:App.Base ?>/inbox" class="app-inbox-filter" novalidate><?cs
      call:select("org", "Show messages about the referrals of", "", Filter.Orgs, Form.org) ?><?cs
      call:button("Filter", "govuk-button--secondary") ?>
    </form><?cs
    /if ?><?cs
    if:Inbox.Unread > 0 ?>
    <form method="post" action="<?cs var:App.Base ?>/inbox/read-all" novalidate>
      <input type="hidden" name="csrf" value="<?cs var:Csrf ?>"><?cs
      call:button("Mark all as read", "govuk-button--secondary") ?>
    </form><?cs
    /if ?>
  </div>
</div><?cs
if:subcount(Messages) > 0 ?>
<table class="govuk-table" id="inbox-messages">
  <caption class="govuk-table__caption govuk-table__caption--m">Messages<?cs
    if:Inbox.Pages > 1 ?> (page <?cs var:Inbox.Page ?> of <?cs var:Inbox.Pages ?>)<?cs /if ?></caption>
  <thead class="govuk-table__head">
    <tr class="govuk-table__row">
      <th scope="col" class="govuk-table__header">Message</th>
      <th scope="col" class="govuk-table__header">Received</th>
      <th scope="col" class="govuk-table__header"><span class="govuk-visually-hidden">Action</span></th>
    </tr>
  </thead>
  <tbody class="govuk-table__body"><?cs
  each:m = Messages ?>
    <tr class="govuk-table__row<?cs if:m.Unread ?> app-inbox-unread<?cs /if ?>" id="message-<?cs var:m.Id ?>">
      <td class="govuk-table__cell app-wrap"><?cs
        if:m.Unread ?><strong class="govuk-tag govuk-tag--blue">Unread</strong> <?cs /if ?><?cs
        call:tag(m.KindLabel, m.KindColour) ?>
        <p class="govuk-body govuk-!-margin-top-2 govuk-!-margin-bottom-1"><?cs
          if:m.Unread ?><strong><?cs /if ?><?cs
          if:m.Link ?><a class="govuk-link" href="<?cs var:App.Base ?><?cs var:m.Link ?>"><?cs var:m.Subject ?></a><?cs
          else ?><?cs var:m.Subject ?><?cs /if ?><?cs
          if:m.Unread ?></strong><?cs /if ?></p><?cs
        if:m.Client ?>
        <p class="govuk-body-s govuk-!-margin-bottom-1" data-client>Client: <?cs var:m.Client ?></p><?cs /if ?><?cs
        if:m.Body ?>
        <p class="govuk-body-s govuk-!-margin-bottom-0"><?cs var:m.Body ?></p><?cs /if ?>
      </td>
      <td class="govuk-table__cell"><?cs var:m.When ?></td>
      <td class="govuk-table__cell"><?cs
        if:m.Unread ?>
        <form method="post" action="<?cs var:App.Base ?>/inbox/<?cs var:m.Id ?>/read" novalidate>
          <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
          <input type="hidden" name="page" value="<?cs var:Inbox.Page ?>">
          <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button">Mark as read<span class="govuk-visually-hidden">: <?cs var:m.Subject ?></span></button>
        </form><?cs
        /if ?></td>
    </tr><?cs
  /each ?>
  </tbody>
</table><?cs
/if ?><?cs
call:pagination(Pagination.Prev, Pagination.Next) ?>
