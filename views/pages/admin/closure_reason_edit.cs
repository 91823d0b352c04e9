<?cs # Renaming one closure reason: Reason.{Id,Name}; Form.name keeps what was typed. ?>
<?cs call:back_link(App.Base + "/admin/closure-reasons") ?>
<div class="govuk-grid-row">
  <div class="govuk-grid-column-two-thirds">
    <h1 class="govuk-heading-l">Rename closure reason</h1>
    <p class="govuk-body app-wrap">Currently: <strong><?cs var:Reason.Name ?></strong>. Referrals already closed with it show the new name.</p>
    <form method="post" action="<?cs var:App.Base ?>/admin/closure-reasons/<?cs var:Reason.Id ?>" novalidate>
      <input type="hidden" name="csrf" value="<?cs var:Csrf ?>"><?cs
      call:text_input("name", "New name", "", "off", "") ?><?cs
      call:button("Save", "") ?>
    </form>
  </div>
</div>
