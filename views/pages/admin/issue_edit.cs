<?cs # Changing an issue's name and description: Issue.{Id,Name}; Form.{name,description}
     keep what was typed. ?><?cs
include:"pages/admin/issue_macros.cs" ?>
<?cs call:back_link(App.Base + "/admin/issues/" + Issue.Id) ?>
<div class="govuk-grid-row">
  <div class="govuk-grid-column-two-thirds">
    <span class="govuk-caption-l app-wrap"><?cs var:Issue.Name ?></span>
    <h1 class="govuk-heading-l">Change issue</h1>
    <p class="govuk-body">Referrals already made for this issue show the new name.</p>
    <form method="post" action="<?cs var:App.Base ?>/admin/issues/<?cs var:Issue.Id ?>" novalidate>
      <input type="hidden" name="csrf" value="<?cs var:Csrf ?>"><?cs
      call:text_input("name", "Name", "", "off", "") ?><?cs
      call:issue_textarea("description", "Description (optional)", "Helps referrers choose the right issue", 4) ?><?cs
      call:button("Save", "") ?>
    </form>
  </div>
</div>
