<?cs # The files of a referral, newest first (a partial).
     Files.N.{Id,Name,Size,Uploader,Org,When}; FilesCount. ?>
<div id="files"><?cs
if:FilesCount == 0 ?>
  <p class="govuk-body" id="files-empty">There are no files yet.</p><?cs
else ?>
  <table class="govuk-table" id="files-table">
    <caption class="govuk-table__caption govuk-table__caption--s">Files</caption>
    <thead class="govuk-table__head">
      <tr class="govuk-table__row">
        <th scope="col" class="govuk-table__header">File</th>
        <th scope="col" class="govuk-table__header">Size</th>
        <th scope="col" class="govuk-table__header">Added by</th>
        <th scope="col" class="govuk-table__header">Added</th>
      </tr>
    </thead>
    <tbody class="govuk-table__body"><?cs
    each:f = Files ?>
      <tr class="govuk-table__row" data-file="<?cs var:f.Id ?>">
        <td class="govuk-table__cell app-wrap"><a class="govuk-link" href="<?cs var:App.Base ?>/files/<?cs var:f.Id ?>" download><?cs var:f.Name ?></a></td>
        <td class="govuk-table__cell"><?cs var:f.Size ?></td>
        <td class="govuk-table__cell"><?cs var:f.Uploader ?>, <?cs var:f.Org ?></td>
        <td class="govuk-table__cell"><?cs var:f.When ?></td>
      </tr><?cs
    /each ?>
    </tbody>
  </table><?cs
/if ?>
</div>
