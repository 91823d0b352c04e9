<?cs # The postcode import: upload a CSV in the ONS Postcode Directory format. Errors about the
     file are beside the field "file" (a file input cannot be filled in again). ?>
<?cs call:back_link(App.Base + "/admin/postcodes") ?>
<div class="govuk-grid-row">
  <div class="govuk-grid-column-two-thirds">
    <h1 class="govuk-heading-l">Import postcodes</h1>
    <p class="govuk-body">Upload a CSV file in the format of the ONS Postcode Directory (ONSPD). Its first row names the columns; these are used:</p>
    <ul class="govuk-list govuk-list--bullet">
      <li><strong>pcds</strong>: the postcode (or pcd, pcd7 or pcd8)</li>
      <li><strong>lad25cd</strong>: the local authority’s ONS code (or oslaua, or another year’s such as lad24cd)</li>
      <li><strong>doterm</strong>: the date a postcode was terminated, empty while it is in use (optional)</li>
      <li><strong>town</strong>: the post town (optional: the ONSPD has none, other files may)</li>
    </ul>
    <p class="govuk-body">Other columns are ignored. A postcode already in the table is updated. A row is refused, with the reason, when its postcode is not valid, when its local authority code is not one of the <a class="govuk-link" href="<?cs var:App.Base ?>/admin/local-authorities">local authorities</a>, or when it has the wrong number of columns.</p>
    <?cs call:inset_text("The whole directory (over a gigabyte) is too large to upload: on the server, run ‘referrals import-postcodes FILE’ instead. Uploads are for a region’s extract, up to the limit in the configuration (Referrals.Limits.UploadBytes: 50 MB unless it was changed).") ?>

    <form method="post" action="<?cs var:App.Base ?>/admin/postcodes/import" enctype="multipart/form-data" novalidate>
      <input type="hidden" name="csrf" value="<?cs var:Csrf ?>"><?cs
      call:field_error("file") ?>
      <div class="govuk-form-group<?cs if:View.Error ?> govuk-form-group--error<?cs /if ?>">
        <label class="govuk-label govuk-label--s" for="file">CSV file</label><?cs
        call:hint_and_error("file", "") ?>
        <input class="govuk-file-upload<?cs if:View.Error ?> govuk-file-upload--error<?cs /if ?>" id="file" name="file" type="file" accept=".csv,text/csv"<?cs call:described_by("file", "") ?>>
      </div><?cs
      call:button("Import", "") ?>
    </form>
  </div>
</div>
