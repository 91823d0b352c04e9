<?cs # Postcodes: look one up (a GET form), the counts per local authority (most first, paged),
     and the way to the import. Lookup.{Postcode,Found,LocalAuthorityId,LocalAuthority,Code,
     Active,Town,Terminated}; Counts.N.{Id,Name,Code,Active,Postcodes};
     Totals.{Postcodes,LocalAuthorities,Page}; Pagination.*; Form.postcode. ?>
<?cs call:back_link(App.Base + "/admin") ?>
<div class="govuk-grid-row">
  <div class="govuk-grid-column-two-thirds">
    <h1 class="govuk-heading-l">Postcodes</h1>
    <p class="govuk-body">Each postcode belongs to a local authority: that is how a client’s postcode decides which organisations cover them. The table comes from the ONS Postcode Directory.</p>
    <?cs call:button_link("Import postcodes", App.Base + "/admin/postcodes/import", "govuk-button--secondary") ?>

    <h2 class="govuk-heading-m">Look up a postcode</h2>
    <form method="get" action="<?cs var:App.Base ?>/admin/postcodes" novalidate><?cs
      call:input("postcode", "text", "Postcode", "For example, LS1 1UR", "postal-code", "govuk-input--width-10", "false", "") ?><?cs
      call:button("Look up", "govuk-button--secondary") ?>
    </form><?cs
    if:Lookup.Postcode ?>
    <div id="lookup-result"><?cs
      if:Lookup.Found ?>
      <h3 class="govuk-heading-s"><?cs var:Lookup.Postcode ?></h3>
      <dl class="govuk-summary-list">
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">Local authority</dt>
          <dd class="govuk-summary-list__value app-wrap"><a class="govuk-link" href="<?cs var:App.Base ?>/admin/local-authorities/<?cs var:Lookup.LocalAuthorityId ?>"><?cs var:Lookup.LocalAuthority ?></a> (<?cs var:Lookup.Code ?>)<?cs
            if:!Lookup.Active ?> <?cs call:tag("Inactive", "grey") ?><?cs /if ?></dd>
        </div><?cs
        if:Lookup.Town ?><?cs call:summary_row("Town", Lookup.Town) ?><?cs
        else ?><?cs call:summary_row("Town", "Not recorded") ?><?cs /if ?><?cs
        if:Lookup.Terminated ?><?cs call:summary_row("Status", "Terminated: no longer in use by Royal Mail") ?><?cs
        else ?><?cs call:summary_row("Status", "In use") ?><?cs /if ?>
      </dl><?cs
      else ?>
      <p class="govuk-body">No local authority is recorded for <strong><?cs var:Lookup.Postcode ?></strong>. Import the latest ONS Postcode Directory if it is a new postcode.</p><?cs
      /if ?>
    </div><?cs
    /if ?>
  </div>
</div>

<h2 class="govuk-heading-m">Postcodes by local authority</h2>
<p class="govuk-body"><?cs var:Totals.Postcodes ?> postcode<?cs if:Totals.Postcodes != 1 ?>s<?cs /if ?> in <?cs var:Totals.LocalAuthorities ?> local authorit<?cs if:Totals.LocalAuthorities == 1 ?>y<?cs else ?>ies<?cs /if ?>.</p><?cs
if:subcount(Counts) > 0 ?>
<table class="govuk-table app-list" id="postcode-counts">
  <caption class="govuk-table__caption govuk-table__caption--s">Local authorities with the most postcodes first<?cs if:Totals.Page > 1 ?> (page <?cs var:Totals.Page ?>)<?cs /if ?></caption>
  <thead class="govuk-table__head">
    <tr class="govuk-table__row">
      <th scope="col" class="govuk-table__header">Local authority</th>
      <th scope="col" class="govuk-table__header">Code</th>
      <th scope="col" class="govuk-table__header govuk-table__header--numeric">Postcodes</th>
    </tr>
  </thead>
  <tbody class="govuk-table__body"><?cs
  each:c = Counts ?>
    <tr class="govuk-table__row">
      <td class="govuk-table__cell" data-label="Local authority"><a class="govuk-link" href="<?cs var:App.Base ?>/admin/local-authorities/<?cs var:c.Id ?>"><?cs var:c.Name ?></a><?cs
        if:!c.Active ?> <?cs call:tag("Inactive", "grey") ?><?cs /if ?></td>
      <td class="govuk-table__cell" data-label="Code"><?cs var:c.Code ?></td>
      <td class="govuk-table__cell govuk-table__cell--numeric" data-label="Postcodes"><?cs var:c.Postcodes ?></td>
    </tr><?cs
  /each ?>
  </tbody>
</table><?cs
else ?>
<p class="govuk-body">There are no postcodes yet: import the ONS Postcode Directory.</p><?cs
/if ?><?cs
if:Pagination.Prev || Pagination.Next ?><?cs call:pagination_pages(Pagination.Prev, Pagination.Next, Pagination.Pages) ?><?cs /if ?>
