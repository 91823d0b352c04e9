<?cs # The audit log: filters (kept in the URL, so a view can be bookmarked) and events newest
     first, 50 a page. ActionChoices, OrgChoices, SubjectChoices (select items); Form.* the
     filters; Events.N.{Id,When,WhoName,WhoUsername,Org,Action,ActionCode,SubjectType,SubjectId,
     SubjectName,SubjectHref,Old,New,Detail,Address}; FilterTags, FilterClear (the chosen filters as
     removable tags, components/filter_list.cs); EventCount; Newest (1 on the first page),
     NewestHref; Paging.{Prev,Next}; WhoMatches and WhoChoices.N.{Username,Name,Href} when the
     username is not one person's; WhoName; TimeZone; ClearHref. ?>
<?cs call:back_link(App.Base + "/admin") ?>
<div class="govuk-grid-row">
  <div class="govuk-grid-column-two-thirds">
    <h1 class="govuk-heading-l">Audit log</h1>
    <p class="govuk-body">Every sign-in and every change an administrator makes, newest first. Times are <?cs var:TimeZone ?> time. The filters are kept in the page address, so a view can be bookmarked.</p>
  </div>
</div>
<?cs include:"components/filter_list.cs" ?><?cs call:filter_panel_start("filters") ?>
<form method="get" action="<?cs var:App.Base ?>/admin/audit" novalidate>
  <h2 class="govuk-heading-m">Filters</h2>
  <div class="govuk-grid-row">
    <div class="govuk-grid-column-one-half"><?cs
      call:select("action", "Action", "", ActionChoices, Form.action) ?>
    </div>
    <div class="govuk-grid-column-one-half"><?cs
      call:input("who", "text", "Username", "Who did it: their username, or the beginning of it", "off", "govuk-input--width-20", "false", "") ?>
    </div>
  </div>
  <div class="govuk-grid-row">
    <div class="govuk-grid-column-one-half"><?cs
      call:date_input("from", "From date", "For example, 27 3 2026") ?>
    </div>
    <div class="govuk-grid-column-one-half"><?cs
      call:date_input("to", "To date", "Includes the whole of that day") ?>
    </div>
  </div>
  <div class="govuk-grid-row">
    <div class="govuk-grid-column-one-half"><?cs
      call:select("organisation", "Organisation", "", OrgChoices, Form.organisation) ?>
    </div>
    <div class="govuk-grid-column-one-quarter"><?cs
      call:select("subject_type", "Subject", "What the event is about", SubjectChoices, Form.subject_type) ?>
    </div>
    <div class="govuk-grid-column-one-quarter"><?cs
      call:input("subject_id", "text", "Subject number", "As in its page address", "off", "govuk-input--width-10", "false", "numeric") ?>
    </div>
  </div>
  <div class="govuk-button-group"><?cs
    call:button("Apply filters", "") ?>
  </div>
</form><?cs
call:filter_panel_end() ?><?cs
if:subcount(Errors) == 0 ?><?cs
call:filter_tags() ?>
<div class="govuk-grid-row">
  <div class="govuk-grid-column-full" id="results"><?cs
  if:?WhoMatches ?><?cs
    if:WhoMatches == 0 ?>
    <p class="govuk-body">Nobody whose username is or starts with ‘<?cs var:Form.who ?>’ has signed in.</p><?cs
    else ?>
    <p class="govuk-body">Several people’s usernames start with ‘<?cs var:Form.who ?>’. Choose one:</p>
    <ul class="govuk-list"><?cs
      each:person = WhoChoices ?>
      <li><a class="govuk-link" href="<?cs var:person.Href ?>"><?cs var:person.Name ?> (<?cs var:person.Username ?>)</a></li><?cs
      /each ?>
    </ul><?cs
    /if ?><?cs
  elif:EventCount == 0 ?>
    <p class="govuk-body">No events match these filters<?cs if:!Newest ?> on this page<?cs /if ?>.</p><?cs
    if:NewestHref ?><p class="govuk-body"><a class="govuk-link" href="<?cs var:NewestHref ?>">Go to the newest events</a></p><?cs /if ?><?cs
  else ?>
    <table class="govuk-table app-list govuk-!-font-size-16" id="events">
      <caption class="govuk-table__caption govuk-table__caption--m">Events<?cs if:WhoName ?> by <?cs var:WhoName ?><?cs /if ?>, newest first<?cs if:!Newest ?> (an earlier page)<?cs /if ?></caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <th scope="col" class="govuk-table__header">When</th>
          <th scope="col" class="govuk-table__header">Who</th>
          <th scope="col" class="govuk-table__header">Organisation</th>
          <th scope="col" class="govuk-table__header">Action</th>
          <th scope="col" class="govuk-table__header">Subject</th>
          <th scope="col" class="govuk-table__header">Change</th>
          <th scope="col" class="govuk-table__header">Detail</th>
        </tr>
      </thead>
      <tbody class="govuk-table__body"><?cs
      each:event = Events ?>
        <tr class="govuk-table__row" data-event-id="<?cs var:event.Id ?>" data-action="<?cs var:event.ActionCode ?>">
          <td class="govuk-table__cell" data-label="When"><?cs var:event.When ?></td>
          <td class="govuk-table__cell" data-label="Who"><?cs
            if:event.WhoName ?><?cs var:event.WhoName ?><br><span class="govuk-hint govuk-!-margin-0 govuk-!-font-size-16"><?cs var:event.WhoUsername ?></span><?cs
            elif:event.Address ?>Not signed in<?cs
            else ?>The scheduled job<?cs /if ?></td>
          <td class="govuk-table__cell" data-label="Organisation"><?cs var:event.Org ?></td>
          <td class="govuk-table__cell" data-label="Action"><?cs var:event.Action ?></td>
          <td class="govuk-table__cell" data-label="Subject"><?cs
            if:event.SubjectType ?><?cs var:event.SubjectType ?><?cs
              if:event.SubjectHref ?>: <a class="govuk-link" href="<?cs var:event.SubjectHref ?>"><?cs if:event.SubjectName ?><?cs var:event.SubjectName ?><?cs else ?><?cs var:event.SubjectId ?><?cs /if ?></a><?cs
              elif:event.SubjectName ?>: <?cs var:event.SubjectName ?><?cs
              elif:event.SubjectId ?> <?cs var:event.SubjectId ?><?cs /if ?><?cs
            /if ?></td>
          <td class="govuk-table__cell" data-label="Change"><?cs
            if:?event.Old || ?event.New ?><?cs
              if:?event.Old ?><?cs var:event.Old ?><?cs else ?><span class="govuk-hint govuk-!-font-size-16">none</span><?cs /if ?>
              <span aria-hidden="true">→</span><span class="govuk-visually-hidden">changed to</span>
              <?cs if:?event.New ?><?cs var:event.New ?><?cs else ?><span class="govuk-hint govuk-!-font-size-16">none</span><?cs /if ?><?cs
            /if ?></td>
          <td class="govuk-table__cell" data-label="Detail"><?cs var:event.Detail ?><?cs
            if:event.Address ?><br><span class="govuk-hint govuk-!-margin-0 govuk-!-font-size-16">From <?cs var:event.Address ?></span><?cs /if ?></td>
        </tr><?cs
      /each ?>
      </tbody>
    </table><?cs
    call:pagination(Paging.Prev, Paging.Next) ?><?cs
    if:NewestHref ?><p class="govuk-body"><a class="govuk-link" href="<?cs var:NewestHref ?>">Go to the newest events</a></p><?cs /if ?><?cs
  /if ?>
  </div>
</div><?cs
/if ?>
