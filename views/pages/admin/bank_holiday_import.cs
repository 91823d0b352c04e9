<?cs # Importing bank holidays from pasted lines "YYYY-MM-DD,Name" or "YYYY-MM-DD Name".
     Form.lines keeps the text; after an import with refused lines, Report.{Added,Existing,
     Refused,Hidden} and Refused.N.{Line,Text,Reason}. ?>
<?cs call:back_link(App.Base + "/admin/bank-holidays") ?>
<div class="govuk-grid-row">
  <div class="govuk-grid-column-two-thirds">
    <h1 class="govuk-heading-l">Import bank holidays</h1><?cs
    if:Report.Refused ?>
    <div class="govuk-inset-text" id="import-report">
      <p class="govuk-body">Of the lines you entered, <strong><?cs var:Report.Added ?></strong> <?cs if:Report.Added == 1 ?>bank holiday was<?cs else ?>bank holidays were<?cs /if ?> added and <strong><?cs var:Report.Existing ?></strong> already existed<?cs if:Report.Existing > 0 ?> (their dates were already bank holidays, so they were left as they are)<?cs /if ?>.</p>
      <p class="govuk-body govuk-!-margin-bottom-0"><strong><?cs var:Report.Refused ?></strong> <?cs if:Report.Refused == 1 ?>line was<?cs else ?>lines were<?cs /if ?> not imported. Correct <?cs if:Report.Refused == 1 ?>it<?cs else ?>them<?cs /if ?> below and import again: the lines already imported will count as already existing.</p>
    </div>
    <table class="govuk-table" id="refused">
      <caption class="govuk-table__caption govuk-table__caption--m">Lines not imported</caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <th scope="col" class="govuk-table__header">Line</th>
          <th scope="col" class="govuk-table__header">What it says</th>
          <th scope="col" class="govuk-table__header">Why it was refused</th>
        </tr>
      </thead>
      <tbody class="govuk-table__body"><?cs
      each:line = Refused ?>
        <tr class="govuk-table__row">
          <td class="govuk-table__cell"><?cs var:line.Line ?></td>
          <td class="govuk-table__cell app-wrap"><code><?cs var:line.Text ?></code></td>
          <td class="govuk-table__cell"><?cs var:line.Reason ?></td>
        </tr><?cs
      /each ?>
      </tbody>
    </table><?cs
      if:Report.Hidden > 0 ?>
    <p class="govuk-body">And <?cs var:Report.Hidden ?> more lines not shown.</p><?cs
      /if ?><?cs
    /if ?>
    <p class="govuk-body">Put one bank holiday on each line: its date as year-month-day, then a comma or a space, then its name. For example:</p>
    <pre class="govuk-body govuk-!-margin-bottom-6"><code>2027-12-27,Christmas Day (substitute day)
2027-12-28 Boxing Day (substitute day)</code></pre>
    <p class="govuk-body">Dates that are already bank holidays are left as they are. Blank lines are ignored.</p>

    <form method="post" action="<?cs var:App.Base ?>/admin/bank-holidays/import" novalidate>
      <input type="hidden" name="csrf" value="<?cs var:Csrf ?>"><?cs
      call:field_error("lines") ?>
      <div class="govuk-form-group<?cs if:View.Error ?> govuk-form-group--error<?cs /if ?>">
        <label class="govuk-label govuk-label--s" for="lines">Bank holidays, one on each line</label><?cs
        call:hint_and_error("lines", "At most 1000 lines at a time.") ?>
        <textarea class="govuk-textarea<?cs if:View.Error ?> govuk-textarea--error<?cs /if ?>" id="lines" name="lines" rows="12" spellcheck="false"<?cs call:described_by("lines", "hint") ?>><?cs var:Form.lines ?></textarea>
      </div><?cs
      call:button("Import", "") ?>
    </form>
  </div>
</div>
