<?cs # A client's notes on a page of their own (the client profile may include the same
     partials). Client.{Id,Name}; Notice.Added; the partials' data. ?><?cs
call:back_link(App.Base + "/clients/" + Client.Id) ?>
<div class="govuk-grid-row">
  <div class="govuk-grid-column-two-thirds"><?cs
    if:Notice.Added ?><?cs call:notification_banner("notes-added-title", "", Notice.Added, "success") ?><?cs /if ?>
    <span class="govuk-caption-l app-wrap"><?cs var:Client.Name ?></span>
    <h1 class="govuk-heading-l">Client notes</h1>
    <p class="govuk-body">Every organisation that works with this client can read these notes.</p><?cs
    include:"pages/notes/note_form.cs" ?>
    <h2 class="govuk-heading-m">Notes</h2><?cs
    include:"pages/notes/notes_list.cs" ?>
  </div>
</div>
