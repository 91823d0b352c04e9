<?cs # The client list of the active organisation (every client for administrators): search and
     filters (postcode, date of birth or age, gender, local authority) folded into the filter
     panel, the chosen filters as removable tags (components/filter_list.cs), one page of
     results in a full-width table (cards at phone width), pagination, and the way to start a
     referral.
     Clients.N.{Id,Name,DateOfBirth,Email,Postcode,Town,NoFixedAbode};
     Search.{Query,Total,Page,Pages,MoreThan}; Form.* (the filters as typed);
     Choices.{Genders,LocalAuthorities}; FilterTags, FilterClear; Pagination.{Prev,Next,Pages};
     SeeAll (an administrator). ?><?cs
include:"components/filter_list.cs" ?>
<h1 class="govuk-heading-l">Clients</h1><?cs
if:SeeAll ?>
<p class="govuk-body">As an administrator you see every client, whichever organisation referred them.</p><?cs
else ?>
<p class="govuk-body">The clients <?cs var:User.Org.Name ?> has sent or received a referral for. A new client is added by making a referral for them.</p><?cs
/if ?><?cs
call:button_link("New referral", App.Base + "/referrals/new", "") ?>
<form method="get" action="<?cs var:App.Base ?>/clients" role="search" aria-label="Clients" novalidate>
  <div class="app-search">
    <?cs call:input("q", "search", "Search by name or email", "", "off", "", "false", "") ?><?cs
    call:button("Search", "govuk-button--secondary") ?>
  </div><?cs
  call:filter_panel_start("filters") ?>
      <h2 class="govuk-heading-m">Filter</h2>
      <div class="app-filter__fields">
      <?cs call:input("postcode", "text", "Postcode", "A whole postcode, like LS1 1UR, or its first part, like LS1", "off", "govuk-input--width-10", "false", "") ?>
      <?cs call:input("born", "date", "Date of birth", "", "off", "govuk-input--width-10", "", "") ?>
      <?cs call:input("age_from", "text", "Age from (years)", "", "off", "govuk-input--width-3", "false", "numeric") ?>
      <?cs call:input("age_to", "text", "Age to (years)", "", "off", "govuk-input--width-3", "false", "numeric") ?>
      <?cs call:select("gender", "Gender", "", Choices.Genders, Form.gender) ?>
      <?cs call:select("local_authority", "Local authority", "", Choices.LocalAuthorities, Form.local_authority) ?>
      </div>
      <div class="govuk-button-group">
        <?cs call:button("Apply filters", "") ?>
      </div><?cs
  call:filter_panel_end() ?>
</form><?cs
call:filter_tags() ?>

<table class="govuk-table app-list" id="clients">
  <caption class="govuk-table__caption govuk-table__caption--m"><?cs
    if:Search.MoreThan ?>More than <?cs var:Search.MoreThan ?> <?cs
      if:Search.Query ?>matching ‘<?cs var:Search.Query ?>’<?cs else ?>clients<?cs /if ?>: search or filter to narrow them<?cs
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
    <tr class="govuk-table__row" data-client-id="<?cs var:client.Id ?>">
      <td class="govuk-table__cell" data-label="Name"><a class="govuk-link" href="<?cs var:App.Base ?>/clients/<?cs var:client.Id ?>"><?cs var:client.Name ?></a></td>
      <td class="govuk-table__cell" data-label="Date of birth"><span class="app-nowrap"><?cs var:client.DateOfBirth ?></span></td>
      <td class="govuk-table__cell" data-label="Address"><?cs
        if:client.NoFixedAbode ?>No fixed abode<?cs
        else ?><?cs var:client.Town ?><?cs if:client.Town && client.Postcode ?>, <?cs /if ?><span class="app-nowrap"><?cs var:client.Postcode ?></span><?cs /if ?></td>
      <td class="govuk-table__cell app-list__email" data-label="Email"><?cs var:client.Email ?></td>
    </tr><?cs
  /each ?><?cs
  if:subcount(Clients) == 0 ?>
    <tr class="govuk-table__row">
      <td class="govuk-table__cell" colspan="4" data-label=""><?cs
        if:Search.Query || subcount(FilterTags) > 0 ?>No client matches your search and filters.<?cs
        else ?>There are no clients yet. They appear here once a referral is sent or received for them.<?cs /if ?></td>
    </tr><?cs
  /if ?>
  </tbody>
</table><?cs
if:Pagination.Prev || Pagination.Next ?><?cs call:pagination_pages(Pagination.Prev, Pagination.Next, Pagination.Pages) ?><?cs /if ?>
