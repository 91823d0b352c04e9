<?cs # The client list of the active organisation (every client for administrators): search,
     one page of results, pagination, and the way to start a referral.
     Clients.N.{Id,Name,DateOfBirth,Email,Postcode,Town,NoFixedAbode};
     Search.{Query,Total,Page,Pages,MoreThan}; Form.q (the search as typed); Pagination.{Prev,Next,Pages}; SeeAll (an administrator). ?>
<div class="govuk-grid-row">
  <div class="govuk-grid-column-two-thirds">
    <h1 class="govuk-heading-l">Clients</h1><?cs
    if:SeeAll ?>
    <p class="govuk-body">As an administrator you see every client, whichever organisation referred them.</p><?cs
    else ?>
    <p class="govuk-body">The clients <?cs var:User.Org.Name ?> has sent or received a referral for. A new client is added by making a referral for them.</p><?cs
    /if ?><?cs
    call:button_link("New referral", App.Base + "/referrals/new", "") ?>

    <form method="get" action="<?cs var:App.Base ?>/clients" role="search" aria-label="Clients" novalidate>
<?cs
      call:input("q", "search", "Search by name or email", "", "off", "govuk-input--width-20", "false", "") ?><?cs
      call:button("Search", "govuk-button--secondary") ?><?cs
      if:Search.Query ?>
      <p class="govuk-body"><a class="govuk-link" href="<?cs var:App.Base ?>/clients">Clear the search</a></p><?cs
      /if ?>
    </form>
  </div>
</div>

<table class="govuk-table" id="clients">
  <caption class="govuk-table__caption govuk-table__caption--m"><?cs
    if:Search.MoreThan ?>More than <?cs var:Search.MoreThan ?> <?cs
      if:Search.Query ?>matching ‘<?cs var:Search.Query ?>’<?cs else ?>clients<?cs /if ?>: search to narrow them<?cs
    elif:Search.Query ?><?cs var:Search.Total ?> matching ‘<?cs var:Search.Query ?>’<?cs
    else ?><?cs var:Search.Total ?> client<?cs if:Search.Total != 1 ?>s<?cs /if ?><?cs /if ?><?cs
    if:Search.Pages > 1 ?> (page <?cs var:Search.Page ?> of <?cs var:Search.Pages ?>)<?cs /if ?></caption>
  <thead class="govuk-table__head">
    <tr class="govuk-table__row">
      <th scope="col" class="govuk-table__header">Name</th>
      <th scope="col" class="govuk-table__header">Date of birth</th>
      <th scope="col" class="govuk-table__header">Address</th>
      <th scope="col" class="govuk-table__header">Email</th>
    </tr>
  </thead>
  <tbody class="govuk-table__body"><?cs
  each:client = Clients ?>
    <tr class="govuk-table__row">
      <td class="govuk-table__cell app-wrap"><a class="govuk-link" href="<?cs var:App.Base ?>/clients/<?cs var:client.Id ?>"><?cs var:client.Name ?></a></td>
      <td class="govuk-table__cell"><?cs var:client.DateOfBirth ?></td>
      <td class="govuk-table__cell app-wrap"><?cs
        if:client.NoFixedAbode ?>No fixed abode<?cs
        else ?><?cs var:client.Town ?><?cs if:client.Town && client.Postcode ?>, <?cs /if ?><?cs var:client.Postcode ?><?cs /if ?></td>
      <td class="govuk-table__cell app-wrap"><?cs var:client.Email ?></td>
    </tr><?cs
  /each ?><?cs
  if:subcount(Clients) == 0 ?>
    <tr class="govuk-table__row">
      <td class="govuk-table__cell" colspan="4"><?cs
        if:Search.Query ?>No client matches your search.<?cs
        else ?>There are no clients yet. They appear here once a referral is sent or received for them.<?cs /if ?></td>
    </tr><?cs
  /if ?>
  </tbody>
</table><?cs
if:Pagination.Prev || Pagination.Next ?><?cs call:pagination_pages(Pagination.Prev, Pagination.Next, Pagination.Pages) ?><?cs /if ?>
