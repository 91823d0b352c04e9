<?cs # Organisations: search by name, one page of 25 at a time.
     Search.Query; Organisations.N.{Id,Name,Active,Accepting,Capacity (absent: no limit)};
     Paging.{Total,Page,Pages,First,Last,PrevPage,NextPage}. Each row links to the organisation's
     staff page (/organisations/N/staff, issue 13), which administrators may use for any. ?>
<?cs call:back_link(App.Base + "/admin") ?>
<div class="govuk-grid-row">
  <div class="govuk-grid-column-full">
    <h1 class="govuk-heading-l">Organisations</h1>
    <p class="govuk-body">The organisations staff refer clients to and from: their contact details, what they accept, and the directory groups whose members are their staff.</p>
    <?cs call:button_link("Add an organisation", App.Base + "/admin/organisations/new", "") ?>

    <form method="get" action="<?cs var:App.Base ?>/admin/organisations" role="search" aria-label="Organisations">
      <div class="govuk-form-group">
        <label class="govuk-label govuk-label--s" for="q">Search by name</label>
        <input class="govuk-input govuk-!-width-one-half" id="q" name="q" type="search" value="<?cs var:Search.Query ?>" autocomplete="off" spellcheck="false">
        <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button">Search</button>
      </div>
    </form><?cs

    if:Paging.Total == 0 ?>
    <p class="govuk-body" id="no-results"><?cs
      if:Search.Query ?>No organisation’s name contains ‘<?cs var:Search.Query ?>’.<?cs
      else ?>There are no organisations yet.<?cs /if ?></p><?cs
    else ?>
    <table class="govuk-table app-list" id="organisations">
      <caption class="govuk-table__caption govuk-table__caption--m"><?cs
        if:Search.Query ?>Organisations whose name contains ‘<?cs var:Search.Query ?>’<?cs else ?>All organisations<?cs /if ?>
        <span class="govuk-caption-m">Showing <?cs var:Paging.First ?> to <?cs var:Paging.Last ?> of <?cs var:Paging.Total ?></span></caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <th scope="col" class="govuk-table__header">Name</th>
          <th scope="col" class="govuk-table__header">Status</th>
          <th scope="col" class="govuk-table__header">Referrals</th>
          <th scope="col" class="govuk-table__header">Capacity</th>
          <th scope="col" class="govuk-table__header">Staff</th>
        </tr>
      </thead>
      <tbody class="govuk-table__body"><?cs
      each:org = Organisations ?>
        <tr class="govuk-table__row">
          <td class="govuk-table__cell" data-label="Name"><a class="govuk-link" href="<?cs var:App.Base ?>/admin/organisations/<?cs var:org.Id ?>"><?cs var:org.Name ?></a></td>
          <td class="govuk-table__cell" data-label="Status"><?cs
            if:org.Active ?><?cs call:tag("Active", "green") ?><?cs else ?><?cs call:tag("Inactive", "grey") ?><?cs /if ?></td>
          <td class="govuk-table__cell" data-label="Referrals"><?cs
            if:org.Accepting ?>Accepting<?cs else ?><?cs call:tag("Not accepting", "yellow") ?><?cs /if ?></td>
          <td class="govuk-table__cell" data-label="Capacity"><?cs
            if:?org.Capacity ?><?cs var:org.Capacity ?> open referrals<?cs else ?>No limit<?cs /if ?></td>
          <td class="govuk-table__cell" data-label="Staff"><a class="govuk-link" href="<?cs var:App.Base ?>/organisations/<?cs var:org.Id ?>/staff">Staff and roles<span class="govuk-visually-hidden"> of <?cs var:org.Name ?></span></a></td>
        </tr><?cs
      /each ?>
      </tbody>
    </table><?cs
      if:Paging.Pages > 1 ?><?cs
        set:View.Prev = "" ?><?cs set:View.Next = "" ?><?cs
        if:Paging.PrevPage ?><?cs
          set:View.Prev = App.Base + "/admin/organisations?q=" + url_escape(Search.Query) + "&page=" + Paging.PrevPage ?><?cs
        /if ?><?cs
        if:Paging.NextPage ?><?cs
          set:View.Next = App.Base + "/admin/organisations?q=" + url_escape(Search.Query) + "&page=" + Paging.NextPage ?><?cs
        /if ?>
    <p class="govuk-body">Page <?cs var:Paging.Page ?> of <?cs var:Paging.Pages ?></p><?cs
        call:pagination(View.Prev, View.Next) ?><?cs
      /if ?><?cs
    /if ?>
  </div>
</div>
