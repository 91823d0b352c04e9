<?cs # Find the client: name and date of birth, then the matches (Find.Exact.N, Find.Close.N:
     Id, Name, Born, Area, Town, Known, Reason) and the choice of a new client. Without
     Draft.Id this is "New referral" itself (issue 12): the search is a GET of /referrals/new
     and keeps nothing; a choice posts to /referrals/new with what was typed, which makes the
     draft. Drafts.N: the referrals in progress, linked. ?><?cs
def:choose_form(value, label) ?><?cs
  if:Draft.Id ?>
            <form method="post" action="<?cs var:App.Base ?>/drafts/<?cs var:Draft.Id ?>/choose"><?cs
  else ?>
            <form method="post" action="<?cs var:App.Base ?>/referrals/new"><?cs
    each:f = Form ?><?cs if:name(f) == "first_name" || name(f) == "last_name" || name(f) == "dob_day" || name(f) == "dob_month" || name(f) == "dob_year" ?>
              <input type="hidden" name="<?cs name:f ?>" value="<?cs var:f ?>"><?cs /if ?><?cs /each ?><?cs
  /if ?>
              <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
              <input type="hidden" name="client_id" value="<?cs var:value ?>"><?cs
  if:label ?>
              <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0">Use this client<span class="govuk-visually-hidden">: <?cs var:label ?></span></button><?cs
  else ?><?cs
              call:button("Continue as a new client", "") ?><?cs
  /if ?>
            </form><?cs
/def ?>
<?cs include:"pages/journey/parts.cs" ?>
<script type="module" src="<?cs var:App.Static ?>/client-search.js?v=<?cs var:App.AssetVersion ?>"></script>
<?cs call:journey_top() ?>
<div class="govuk-grid-row">
  <div class="govuk-grid-column-two-thirds"><?cs
    call:journey_heading() ?>
<?cs
    if:!Draft.Id ?>
    <p class="govuk-body">You will find or add the client, record their consent, choose the issues and the organisations to refer them to, and answer each issue's questions. Everything you enter is saved as you go, once you have chosen the client.</p><?cs
      if:subcount(Drafts) > 0 ?>
    <p class="govuk-body" id="drafts-link"><a class="govuk-link" href="<?cs var:App.Base ?>/drafts">Continue a referral in progress (<?cs var:subcount(Drafts) ?>)</a></p><?cs
      /if ?><?cs
    /if ?>
    <p class="govuk-body">Search first, so the client is not registered twice. Enter their name and date of birth exactly as they give them.</p><?cs
    if:Draft.Id ?><?cs call:journey_form_start() ?><?cs
    else ?>
    <form method="get" action="<?cs var:App.Base ?>/referrals/new" novalidate><?cs
    /if ?><?cs
      call:text_input("first_name", "First name", "", "off", "") ?><?cs
      call:text_input("last_name", "Last name", "", "off", "") ?><?cs
      call:date_input("dob", "Date of birth", "For example, 27 3 1985") ?>
      <div id="client-search-results" aria-live="polite"></div><?cs
    if:Draft.Id ?><?cs call:journey_form_end("Search") ?><?cs
    else ?><?cs call:button("Search", "") ?>
    </form><?cs
    /if ?><?cs
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
<?cs call:choose_form(m.Id, m.Name + ", born " + m.Born) ?>
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
<?cs call:choose_form(m.Id, m.Name + ", born " + m.Born) ?>
          </td>
        </tr><?cs
      /each ?>
      </tbody>
    </table><?cs
      /if ?><?cs
      if:subcount(Find.Exact) == 0 && subcount(Find.Close) == 0 ?>
    <p class="govuk-body">No client matches these details. If you expected one, check the spelling and date of birth: your organisation may not be able to see the client yet.</p><?cs
      /if ?>
<?cs call:choose_form("new", "") ?><?cs
    /if ?>
  </div>
</div>
