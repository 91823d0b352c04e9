<?cs # The upload form (a partial). FileForm.{Action,Back,Max,MaxSize,Full}; errors for "file".
     NoteForm.ReadOnly: why the referral is read-only for the organisation (closed, withdrawn,
     or Removed for its receiver): no form, that sentence instead. ?><?cs
if:NoteForm.ReadOnly ?>
<p class="govuk-body" id="read-only"><?cs var:NoteForm.ReadOnly ?></p><?cs
elif:FileForm.Full ?>
<p class="govuk-body" id="files-full">This referral has <?cs var:FileForm.Max ?> files, the most it can have.</p><?cs
else ?>
<form method="post" action="<?cs var:App.Base ?><?cs var:FileForm.Action ?>" enctype="multipart/form-data" novalidate id="file-form">
  <input type="hidden" name="csrf" value="<?cs var:Csrf ?>"><?cs
  if:FileForm.Back ?>
  <input type="hidden" name="back" value="<?cs var:FileForm.Back ?>"><?cs /if ?><?cs
  call:field_error("file") ?>
  <div class="govuk-form-group<?cs if:View.Error ?> govuk-form-group--error<?cs /if ?>">
    <label class="govuk-label" for="file">Upload a file</label>
    <div id="file-hint" class="govuk-hint">Smaller than <?cs var:FileForm.MaxSize ?>; up to <?cs var:FileForm.Max ?> files for each referral.</div><?cs
    if:View.Error ?>
    <p id="file-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> <?cs var:View.Error ?></p><?cs
    /if ?>
    <input class="govuk-file-upload<?cs if:View.Error ?> govuk-file-upload--error<?cs /if ?>" id="file" name="file" type="file" aria-describedby="file-hint<?cs if:View.Error ?> file-error<?cs /if ?>">
  </div><?cs
  call:button("Upload file", "govuk-button--secondary") ?>
</form><?cs
/if ?>
