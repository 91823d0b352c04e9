<?cs # Staff: everyone who has signed in, searchable, 25 a page.
     Staff.N.{Id,Name,Username,IsAdmin,Active,LastSignIn,Orgs.M.{Name,Manual,GroupDn,OrgActive,Role}};
     Search, Total, Page, LastPage; Pages.N and Paging.{Prev,Next} when there are several pages. ?>
<?cs call:back_link(App.Base + "/admin") ?>
<div class="govuk-grid-row">
  <div class="govuk-grid-column-two-thirds">
    <h1 class="govuk-heading-l">Staff</h1>
    <p class="govuk-body">Everyone who has signed in. Membership of an organisation comes from the person’s directory groups (updated each time they sign in) or is added here by an administrator.</p>
    <form method="get" action="<?cs var:App.Base ?>/admin/staff" novalidate role="search" aria-label="Staff"><?cs
      call:input("q", "search", "Search by name or username", "", "off", "govuk-!-width-two-thirds", "false", "") ?><?cs
      call:button("Search", "govuk-button--secondary") ?><?cs
      if:Search ?>
      <p class="govuk-body"><a class="govuk-link" href="<?cs var:App.Base ?>/admin/staff">Clear search</a></p><?cs
      /if ?>
    </form>
  </div>
</div><?cs
if:subcount(Errors) == 0 ?>
<div class="govuk-grid-row">
  <div class="govuk-grid-column-full"><?cs
  if:Total == 0 ?>
    <p class="govuk-body" id="staff-count"><?cs if:Search ?>Nobody’s name or username contains ‘<?cs var:Search ?>’.<?cs else ?>Nobody has signed in yet.<?cs /if ?></p><?cs
  else ?>
    <p class="govuk-body" id="staff-count"><?cs var:Total ?> <?cs if:Total == 1 ?>person<?cs else ?>people<?cs /if ?><?cs if:Search ?> matching ‘<?cs var:Search ?>’<?cs /if ?>.</p>
    <table class="govuk-table app-list" id="staff">
      <caption class="govuk-table__caption govuk-table__caption--m">Staff<?cs if:LastPage > 1 ?>, page <?cs var:Page ?> of <?cs var:LastPage ?><?cs /if ?></caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <th scope="col" class="govuk-table__header">Name</th>
          <th scope="col" class="govuk-table__header">Organisations</th>
          <th scope="col" class="govuk-table__header">Administrator</th>
          <th scope="col" class="govuk-table__header">Status</th>
          <th scope="col" class="govuk-table__header">Last signed in</th>
        </tr>
      </thead>
      <tbody class="govuk-table__body"><?cs
      each:person = Staff ?>
        <tr class="govuk-table__row">
          <td class="govuk-table__cell" data-label="Name"><a class="govuk-link" href="<?cs var:App.Base ?>/admin/staff/<?cs var:person.Id ?>"><?cs var:person.Name ?></a><br><span class="govuk-hint govuk-!-margin-0"><?cs var:person.Username ?></span></td>
          <td class="govuk-table__cell" data-label="Organisations"><?cs
          if:subcount(person.Orgs) == 0 ?>None<?cs
          else ?>
            <ul class="govuk-list govuk-!-margin-0"><?cs
            each:org = person.Orgs ?>
              <li><?cs var:org.Name ?><?cs if:!org.OrgActive ?> (organisation deactivated)<?cs /if ?>: <?cs
                if:org.Manual ?>manual<?cs else ?>directory group<?cs /if ?>, <?cs var:org.Role ?></li><?cs
            /each ?>
            </ul><?cs
          /if ?></td>
          <td class="govuk-table__cell" data-label="Administrator"><?cs if:person.IsAdmin ?>Yes<?cs else ?>No<?cs /if ?></td>
          <td class="govuk-table__cell" data-label="Status"><?cs
            if:person.Active ?><?cs call:tag("Active", "green") ?><?cs else ?><?cs call:tag("Deactivated", "grey") ?><?cs /if ?></td>
          <td class="govuk-table__cell" data-label="Last signed in"><?cs if:person.LastSignIn ?><?cs var:person.LastSignIn ?><?cs else ?>Never<?cs /if ?></td>
        </tr><?cs
      /each ?>
      </tbody>
    </table><?cs
    if:subcount(Pages) > 0 ?><?cs call:pagination_pages(Paging.Prev, Paging.Next, Pages) ?><?cs /if ?><?cs
  /if ?>
  </div>
</div><?cs
/if ?>
