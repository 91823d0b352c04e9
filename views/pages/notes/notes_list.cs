<?cs # The notes of a referral or a client, newest first (a partial: the referral page, the
     client profile and the notes pages include it).
     Notes.N.{Id,Author,Org,When,Lines.M}; NotesCount. Each line of a note is escaped. ?>
<div id="notes"><?cs
if:NotesCount == 0 ?>
  <p class="govuk-body" id="notes-empty">There are no notes yet.</p><?cs
else ?>
  <ul class="govuk-list" id="notes-list"><?cs
  each:n = Notes ?>
    <li class="app-note" data-note="<?cs var:n.Id ?>">
      <p class="govuk-body-s govuk-!-margin-bottom-1"><strong><?cs var:n.Author ?></strong>, <?cs var:n.Org ?>, <?cs var:n.When ?></p>
      <p class="govuk-body app-wrap"><?cs each:line = n.Lines ?><?cs var:line ?><?cs if:!last(line) ?><br>
      <?cs /if ?><?cs /each ?></p>
      <hr class="govuk-section-break govuk-section-break--s govuk-section-break--visible">
    </li><?cs
  /each ?>
  </ul><?cs
/if ?>
</div>
