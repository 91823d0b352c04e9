<?cs # Local authorities: search, one page of results, pagination, and the add form.
     LocalAuthorities.N.{Id,Name,Code,Active}; Search.{Query,Total,Page,Pages};
     Pagination.{Prev,Next,Pages}; Success after a change; Form.{name,code} on errors. ?>
<?cs call:back_link(App.Base + "/admin") ?>
<div class="govuk-grid-row">
  <div class="govuk-grid-column-two-thirds"><?cs
    if:Success ?><?cs call:notification_banner("success-title", "", Success, "success") ?><?cs /if ?>
    <h1 class="govuk-heading-l">Local authorities</h1>
    <p class="govuk-body">Organisations say which local authorities they cover, and each postcode belongs to one. Codes are the official ONS codes, like E08000035 for Leeds.</p>
    <p class="govuk-body"><a class="govuk-link" href="<?cs var:App.Base ?>/admin/postcodes">Postcodes: look one up, count them, import the ONS Postcode Directory</a></p>

    <form method="get" action="<?cs var:App.Base ?>/admin/local-authorities" role="search" novalidate>
      <div class="govuk-form-group">
        <label class="govuk-label govuk-label--s" for="q">Search by name or code</label>
        <input class="govuk-input govuk-input--width-20" id="q" name="q" type="search" value="<?cs var:Search.Query ?>" spellcheck="false" autocomplete="off">
      </div><?cs
      call:button("Search", "govuk-button--secondary") ?><?cs
      if:Search.Query ?>
      <p class="govuk-body"><a class="govuk-link" href="<?cs var:App.Base ?>/admin/local-authorities">Clear the search</a></p><?cs
      /if ?>
    </form>
  </div>
</div>

<table class="govuk-table app-list" id="local-authorities">
  <caption class="govuk-table__caption govuk-table__caption--m"><?cs
    if:Search.Query ?><?cs var:Search.Total ?> matching ‘<?cs var:Search.Query ?>’<?cs
    else ?><?cs var:Search.Total ?> local authorit<?cs if:Search.Total == 1 ?>y<?cs else ?>ies<?cs /if ?><?cs /if ?><?cs
    if:Search.Pages > 1 ?> (page <?cs var:Search.Page ?> of <?cs var:Search.Pages ?>)<?cs /if ?></caption>
  <thead class="govuk-table__head">
    <tr class="govuk-table__row">
      <th scope="col" class="govuk-table__header">Name</th>
      <th scope="col" class="govuk-table__header">Code</th>
      <th scope="col" class="govuk-table__header">Status</th>
      <th scope="col" class="govuk-table__header"><span class="govuk-visually-hidden">Actions</span></th>
    </tr>
  </thead>
  <tbody class="govuk-table__body"><?cs
  each:la = LocalAuthorities ?>
    <tr class="govuk-table__row">
      <td class="govuk-table__cell" data-label="Name"><?cs var:la.Name ?></td>
      <td class="govuk-table__cell" data-label="Code"><?cs var:la.Code ?></td>
      <td class="govuk-table__cell" data-label="Status"><?cs
        if:la.Active ?><?cs call:tag("Active", "green") ?><?cs else ?><?cs call:tag("Inactive", "grey") ?><?cs /if ?></td>
      <td class="govuk-table__cell" data-label="Actions"><a class="govuk-link" href="<?cs var:App.Base ?>/admin/local-authorities/<?cs var:la.Id ?>">Change<span class="govuk-visually-hidden"> <?cs var:la.Name ?></span></a></td>
    </tr><?cs
  /each ?><?cs
  if:subcount(LocalAuthorities) == 0 ?>
    <tr class="govuk-table__row">
      <td class="govuk-table__cell" colspan="4"><?cs if:Search.Query ?>No local authority matches your search.<?cs else ?>There are no local authorities yet.<?cs /if ?></td>
    </tr><?cs
  /if ?>
  </tbody>
</table><?cs
if:Pagination.Prev || Pagination.Next ?><?cs call:pagination_pages(Pagination.Prev, Pagination.Next, Pagination.Pages) ?><?cs /if ?>

<div class="govuk-grid-row">
  <div class="govuk-grid-column-two-thirds">
    <h2 class="govuk-heading-m" id="add">Add a local authority</h2>
    <form method="post" action="<?cs var:App.Base ?>/admin/local-authorities" novalidate>
      <input type="hidden" name="csrf" value="<?cs var:Csrf ?>"><?cs
      call:text_input("name", "Name", "As the ONS names it, for example ‘Leeds’ or ‘Bristol, City of’", "off", "") ?><?cs
      call:input("code", "text", "ONS code", "A letter for the nation (E, W, S or N) and 8 digits, for example E08000035", "off", "govuk-input--width-10", "false", "") ?><?cs
      call:button("Add local authority", "") ?>
    </form>
  </div>
</div>
