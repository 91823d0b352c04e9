<?cs # Bank holidays by year: Groups.N.{Year,Count,Items.M.{Date,Display,Name}}; the year filter
     (YearOptions.N.{Value,Text}, Year.Chosen, Year.Heading); the add form (holiday date in
     three fields, name); Success after a change. ?>
<?cs call:back_link(App.Base + "/admin") ?>
<div class="govuk-grid-row">
  <div class="govuk-grid-column-full"><?cs
    if:Success ?><?cs call:notification_banner("success-title", "", Success, "success") ?><?cs /if ?>
    <h1 class="govuk-heading-l">Bank holidays</h1>
    <p class="govuk-body">Working days are Monday to Friday except these days. They decide the ‘update by’ and ‘close by’ dates of new referrals, when a referral becomes overdue, and when a New referral is closed automatically.</p>
    <p class="govuk-body">Add each year’s holidays before the year starts: <a class="govuk-link" href="<?cs var:App.Base ?>/admin/bank-holidays/import">import a list of bank holidays</a> copied from GOV.UK, or add them one at a time below.</p>

    <form method="get" action="<?cs var:App.Base ?>/admin/bank-holidays" class="govuk-!-margin-bottom-6"><?cs
      call:select("year", "Show bank holidays for", "", YearOptions, Year.Chosen) ?><?cs
      call:button("Show", "govuk-button--secondary") ?>
    </form>
<?cs each:group = Groups ?><?cs
  if:group.Count > 0 ?>
    <table class="govuk-table app-list">
      <caption class="govuk-table__caption govuk-table__caption--m">Bank holidays in <?cs var:group.Year ?></caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <th scope="col" class="govuk-table__header">Date</th>
          <th scope="col" class="govuk-table__header">Name</th>
          <th scope="col" class="govuk-table__header"><span class="govuk-visually-hidden">Action</span></th>
        </tr>
      </thead>
      <tbody class="govuk-table__body"><?cs
        each:holiday = group.Items ?>
        <tr class="govuk-table__row">
          <td class="govuk-table__cell" data-label="Date"><time datetime="<?cs var:holiday.Date ?>"><?cs var:holiday.Display ?></time></td>
          <td class="govuk-table__cell" data-label="Name"><?cs var:holiday.Name ?></td>
          <td class="govuk-table__cell" data-label="Action">
            <form method="post" action="<?cs var:App.Base ?>/admin/bank-holidays/<?cs var:holiday.Date ?>/remove">
              <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
              <button type="submit" class="app-link-button">Remove<span class="govuk-visually-hidden"> <?cs var:holiday.Name ?>, <?cs var:holiday.Display ?></span></button>
            </form>
          </td>
        </tr><?cs
        /each ?>
      </tbody>
    </table><?cs
  else ?>
    <h2 class="govuk-heading-m">Bank holidays in <?cs var:group.Year ?></h2>
    <p class="govuk-body">No bank holidays have been added for <?cs var:group.Year ?>.</p><?cs
  /if ?><?cs
/each ?>

    <h2 class="govuk-heading-m">Add a bank holiday</h2>
    <form method="post" action="<?cs var:App.Base ?>/admin/bank-holidays<?cs if:Year.Chosen ?>?year=<?cs var:Year.Chosen ?><?cs /if ?>" novalidate>
      <input type="hidden" name="csrf" value="<?cs var:Csrf ?>"><?cs
      call:date_input("holiday", "Date", "For example, 25 12 2027") ?><?cs
      call:text_input("name", "Name", "As GOV.UK names it, for example ‘Christmas Day’ or ‘Boxing Day (substitute day)’", "off", "") ?><?cs
      call:button("Add bank holiday", "") ?>
    </form>
  </div>
</div>
