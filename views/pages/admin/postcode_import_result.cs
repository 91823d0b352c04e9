<?cs # What an import did. Import.{Filename,Read,Taken,Added,Updated,Unchanged,Refused};
     Import.Columns.{Postcode,LocalAuthority,Terminated,Town}; Import.Reasons.N.{Reason,Count};
     Import.Lines.N.{Line,Reason,Text}: the first refused lines. ?>
<?cs call:back_link(App.Base + "/admin/postcodes") ?>
<div class="govuk-grid-row">
  <div class="govuk-grid-column-two-thirds"><?cs
    if:Import.Refused == 0 ?><?cs
      call:notification_banner("success-title", "", "Every row of " + Import.Filename + " was taken", "success") ?><?cs
    /if ?>
    <h1 class="govuk-heading-l">Postcodes imported</h1>
    <p class="govuk-body app-wrap">From <strong><?cs var:Import.Filename ?></strong>, using the columns <?cs var:Import.Columns.Postcode ?> (postcode) and <?cs var:Import.Columns.LocalAuthority ?> (local authority)<?cs
      if:Import.Columns.Terminated ?>, <?cs var:Import.Columns.Terminated ?> (terminated)<?cs /if ?><?cs
      if:Import.Columns.Town ?>, <?cs var:Import.Columns.Town ?> (town)<?cs /if ?>.</p>

    <dl class="govuk-summary-list" id="import-counts"><?cs
      call:summary_row("Rows read", Import.Read) ?><?cs
      call:summary_row("Taken", Import.Taken) ?><?cs
      call:summary_row("New postcodes", Import.Added) ?><?cs
      call:summary_row("Postcodes updated", Import.Updated) ?><?cs
      call:summary_row("Already up to date", Import.Unchanged) ?><?cs
      call:summary_row("Refused", Import.Refused) ?>
    </dl><?cs

    if:subcount(Import.Reasons) > 0 ?>
    <table class="govuk-table" id="refused-reasons">
      <caption class="govuk-table__caption govuk-table__caption--m">Rows refused, by reason</caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <th scope="col" class="govuk-table__header">Reason</th>
          <th scope="col" class="govuk-table__header govuk-table__header--numeric">Rows</th>
        </tr>
      </thead>
      <tbody class="govuk-table__body"><?cs
      each:reason = Import.Reasons ?>
        <tr class="govuk-table__row">
          <td class="govuk-table__cell"><?cs var:reason.Reason ?></td>
          <td class="govuk-table__cell govuk-table__cell--numeric"><?cs var:reason.Count ?></td>
        </tr><?cs
      /each ?>
      </tbody>
    </table><?cs
    /if ?>
  </div>
</div><?cs

if:subcount(Import.Lines) > 0 ?>
<table class="govuk-table" id="refused-lines">
  <caption class="govuk-table__caption govuk-table__caption--m"><?cs
    if:Import.Refused > subcount(Import.Lines) ?>The first <?cs var:subcount(Import.Lines) ?> refused lines<?cs else ?>Refused lines<?cs /if ?></caption>
  <thead class="govuk-table__head">
    <tr class="govuk-table__row">
      <th scope="col" class="govuk-table__header govuk-table__header--numeric">Line</th>
      <th scope="col" class="govuk-table__header">Reason</th>
      <th scope="col" class="govuk-table__header">Text</th>
    </tr>
  </thead>
  <tbody class="govuk-table__body"><?cs
  each:line = Import.Lines ?>
    <tr class="govuk-table__row">
      <td class="govuk-table__cell govuk-table__cell--numeric"><?cs var:line.Line ?></td>
      <td class="govuk-table__cell"><?cs var:line.Reason ?></td>
      <td class="govuk-table__cell app-wrap"><code><?cs var:line.Text ?></code></td>
    </tr><?cs
  /each ?>
  </tbody>
</table><?cs
/if ?>
<p class="govuk-body">
  <a class="govuk-link" href="<?cs var:App.Base ?>/admin/postcodes">See the postcodes by local authority</a> or
  <a class="govuk-link" href="<?cs var:App.Base ?>/admin/postcodes/import">import another file</a>.
</p>
