<?cs # The add-note form (a partial), not shown when NoteForm.ReadOnly. NoteForm.{Action,Back}: the path it posts to and, when
     it is included in another page, that page's path to come back to. Form.note, errors. ?><?cs
if:!NoteForm.ReadOnly ?>
<form method="post" action="<?cs var:App.Base ?><?cs var:NoteForm.Action ?>" novalidate id="note-form">
  <input type="hidden" name="csrf" value="<?cs var:Csrf ?>"><?cs
  if:NoteForm.Back ?>
  <input type="hidden" name="back" value="<?cs var:NoteForm.Back ?>"><?cs /if ?><?cs
  call:textarea("note", "Add a note", "Up to 5,000 characters", "5") ?><?cs
  call:button("Add note", "") ?>
</form><?cs
/if ?>
