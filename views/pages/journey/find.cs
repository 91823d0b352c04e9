<?cs # Find the client: name and date of birth, then the matches (Find.Exact.N, Find.Close.N:
     Id, Name, Born, Area, Town, Known, Reason) and the choice of a new client. ?>
<?cs include:"pages/journey/parts.cs" ?>
<script type="module" src="<?cs var:App.Static ?>/client-search.js?v=<?cs var:App.AssetVersion ?>"></script>
<?cs call:journey_top() ?>
<div class="govuk-grid-row">
  <div class="govuk-grid-column-two-thirds"><?cs
    call:journey_heading() ?>
    <p class="govuk-body">Search first, so the client is not registered twice. Enter their name and date of birth exactly as they give them.</p><?cs
    call:journey_form_start() ?><?cs
      call:text_input("first_name", "First name", "", "off", "") ?><?cs
      call:text_input("last_name", "Last name", "", "off", "") ?><?cs
      call:date_input("dob", "Date of birth", "For example, 27 3 1985") ?>
      <div id="client-search-results" aria-live="polite"></div><?cs
    call:journey_form_end("Search") ?><?cs
    if:Find.Searched ?>
    <h2 class="govuk-heading-m" id="results">Matching clients</h2><?cs
      if:subcount(Find.Exact) > 0 ?>
    <p class="govuk-body">These clients are registered with exactly this name and date of birth. Check the details with the client before choosing one.</p>
    <table class="govuk-table">
      <caption class="govuk-table__caption govuk-visually-hidden">Exact matches</caption>
      <thead class="govuk-table__head"><tr class="govuk-table__row">
        <th scope="col" class="govuk-table__header">Name</th>
        <th scope="col" class="govuk-table__header">Date of birth</th>
        <th scope="col" class="govuk-table__header">Area</th>
        <th scope="col" class="govuk-table__header"><span class="govuk-visually-hidden">Choose</span></th>
      </tr></thead>
      <tbody class="govuk-table__body"><?cs
      each:m = Find.Exact ?>
        <tr class="govuk-table__row">
          <td class="govuk-table__cell app-wrap"><?cs var:m.Name ?></td>
          <td class="govuk-table__cell"><?cs var:m.Born ?></td>
          <td class="govuk-table__cell"><?cs var:m.Area ?><?cs if:m.Town ?> (<?cs var:m.Town ?>)<?cs /if ?></td>
          <td class="govuk-table__cell">
            <form method="post" action="<?cs var:App.Base ?>/drafts/<?cs var:Draft.Id ?>/choose">
              <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
              <input type="hidden" name="client_id" value="<?cs var:m.Id ?>">
              <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0">Use this client<span class="govuk-visually-hidden">: <?cs var:m.Name ?>, born <?cs var:m.Born ?></span></button>
            </form>
          </td>
        </tr><?cs
      /each ?>
      </tbody>
    </table><?cs
      /if ?><?cs
      if:subcount(Find.Close) > 0 ?>
    <h3 class="govuk-heading-s">Similar clients your organisation already knows</h3>
    <table class="govuk-table">
      <caption class="govuk-table__caption govuk-visually-hidden">Close matches</caption>
      <thead class="govuk-table__head"><tr class="govuk-table__row">
        <th scope="col" class="govuk-table__header">Name</th>
        <th scope="col" class="govuk-table__header">Date of birth</th>
        <th scope="col" class="govuk-table__header">Why it is shown</th>
        <th scope="col" class="govuk-table__header"><span class="govuk-visually-hidden">Choose</span></th>
      </tr></thead>
      <tbody class="govuk-table__body"><?cs
      each:m = Find.Close ?>
        <tr class="govuk-table__row">
          <td class="govuk-table__cell app-wrap"><?cs var:m.Name ?></td>
          <td class="govuk-table__cell"><?cs var:m.Born ?></td>
          <td class="govuk-table__cell"><?cs var:m.Reason ?></td>
          <td class="govuk-table__cell">
            <form method="post" action="<?cs var:App.Base ?>/drafts/<?cs var:Draft.Id ?>/choose">
              <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
              <input type="hidden" name="client_id" value="<?cs var:m.Id ?>">
              <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0">Use this client<span class="govuk-visually-hidden">: <?cs var:m.Name ?>, born <?cs var:m.Born ?></span></button>
            </form>
          </td>
        </tr><?cs
      /each ?>
      </tbody>
    </table><?cs
      /if ?><?cs
      if:subcount(Find.Exact) == 0 && subcount(Find.Close) == 0 ?>
    <p class="govuk-body">No client matches these details. If you expected one, check the spelling and date of birth: your organisation may not be able to see the client yet.</p><?cs
      /if ?>
    <form method="post" action="<?cs var:App.Base ?>/drafts/<?cs var:Draft.Id ?>/choose">
      <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
      <input type="hidden" name="client_id" value="new"><?cs
      call:button("Continue as a new client", "") ?>
    </form><?cs
    /if ?>
  </div>
</div>
