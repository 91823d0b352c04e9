<?cs # Issues: the list in order (active ones first, then deactivated), with reorder; and the
     add form. Issues.N.{Id,Name,Description,Active,Live,Retired,Organisations,First,Last};
     Success after a change; Form.{name,description} kept on error. ?><?cs
include:"pages/admin/issue_macros.cs" ?>
<?cs call:back_link(App.Base + "/admin") ?>
<div class="govuk-grid-row">
  <div class="govuk-grid-column-full"><?cs
    if:Success ?><?cs call:notification_banner("success-title", "", Success, "success") ?><?cs /if ?>
    <h1 class="govuk-heading-l">Issues and questionnaires</h1>
    <p class="govuk-body">Referrers choose one of the active issues when they make a referral, in this order, and then answer its questionnaire. A deactivated issue is no longer offered, but referrals already made for it keep it.</p>
    <table class="govuk-table app-list" id="issues">
      <caption class="govuk-table__caption govuk-table__caption--m">Issues, in the order referrers see them</caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <th scope="col" class="govuk-table__header">Issue</th>
          <th scope="col" class="govuk-table__header">Questions</th>
          <th scope="col" class="govuk-table__header">Status</th>
          <th scope="col" class="govuk-table__header">Order</th>
        </tr>
      </thead>
      <tbody class="govuk-table__body"><?cs
      each:issue = Issues ?>
        <tr class="govuk-table__row">
          <td class="govuk-table__cell" data-label="Issue">
            <a class="govuk-link" href="<?cs var:App.Base ?>/admin/issues/<?cs var:issue.Id ?>"><?cs var:issue.Name ?></a><?cs
            if:issue.Description ?><br><span class="govuk-hint govuk-!-margin-0 govuk-!-font-size-16"><?cs var:issue.Description ?></span><?cs /if ?>
          </td>
          <td class="govuk-table__cell" data-label="Questions"><?cs var:issue.Live ?><?cs
            if:issue.Retired > 0 ?> <span class="govuk-hint govuk-!-display-inline govuk-!-font-size-16">(<?cs var:issue.Retired ?> retired)</span><?cs /if ?></td>
          <td class="govuk-table__cell" data-label="Status"><?cs
            if:issue.Active ?><?cs call:tag("Active", "green") ?><?cs else ?><?cs call:tag("Deactivated", "grey") ?><?cs /if ?></td>
          <td class="govuk-table__cell" data-label="Order"><?cs
            if:issue.Active && ActiveCount > 1 ?>
            <form method="post" action="<?cs var:App.Base ?>/admin/issues/<?cs var:issue.Id ?>/move" class="app-inline-form">
              <input type="hidden" name="csrf" value="<?cs var:Csrf ?>"><?cs
              if:!issue.First ?>
              <button type="submit" name="direction" value="up" class="app-link-button">Move up<span class="govuk-visually-hidden"> <?cs var:issue.Name ?></span></button><?cs
              /if ?><?cs
              if:!issue.Last ?>
              <button type="submit" name="direction" value="down" class="app-link-button">Move down<span class="govuk-visually-hidden"> <?cs var:issue.Name ?></span></button><?cs
              /if ?>
            </form><?cs
            /if ?>
          </td>
        </tr><?cs
      /each ?>
      </tbody>
    </table><?cs
    if:subcount(Issues) == 0 ?>
    <p class="govuk-body">There are no issues yet.</p><?cs
    /if ?>

  </div>
</div>
<div class="govuk-grid-row">
  <div class="govuk-grid-column-two-thirds">
    <h2 class="govuk-heading-m">Add an issue</h2>
    <form method="post" action="<?cs var:App.Base ?>/admin/issues" novalidate>
      <input type="hidden" name="csrf" value="<?cs var:Csrf ?>"><?cs
      call:text_input("name", "Name", "What referrers choose, for example ‘Housing’", "off", "") ?><?cs
      call:issue_textarea("description", "Description (optional)", "Helps referrers choose the right issue", 3) ?><?cs
      call:button("Add issue", "") ?>
    </form>
  </div>
</div>
