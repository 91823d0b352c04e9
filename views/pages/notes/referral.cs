<?cs # A referral's notes and files on a page of their own (the referral page includes the
     same partials). Referral.{Id,Issue,SendingOrg,ReceivingOrg}; Notice.Added; the partials' data. ?><?cs
call:back_link(App.Base + "/referrals/" + Referral.Id) ?>
<div class="govuk-grid-row">
  <div class="govuk-grid-column-two-thirds"><?cs
    if:Notice.Added ?><?cs call:notification_banner("notes-added-title", "", Notice.Added, "success") ?><?cs /if ?>
    <span class="govuk-caption-l">Referral <?cs var:Referral.Id ?>: <?cs var:Referral.Issue ?></span>
    <h1 class="govuk-heading-l">Notes and files</h1>
    <p class="govuk-body">Seen by <?cs var:Referral.SendingOrg ?> (sender) and <?cs var:Referral.ReceivingOrg ?> (receiver).</p>
    <h2 class="govuk-heading-m">Notes</h2><?cs
    include:"pages/notes/note_form.cs" ?><?cs
    include:"pages/notes/notes_list.cs" ?>
    <h2 class="govuk-heading-m">Files</h2><?cs
    include:"pages/notes/file_form.cs" ?><?cs
    include:"pages/notes/files_list.cs" ?>
  </div>
</div>
