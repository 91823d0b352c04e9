<?cs # One local authority: rename it or change its code, deactivate or activate it, and delete
     it when nothing uses it. LocalAuthority.{Id,Name,Code,Active};
     Usage.{Organisations,Postcodes}; Form.{name,code}; Success after a change. ?>
<?cs call:back_link(App.Base + "/admin/local-authorities") ?>
<div class="govuk-grid-row">
  <div class="govuk-grid-column-two-thirds"><?cs
    if:Success ?><?cs call:notification_banner("success-title", "", Success, "success") ?><?cs /if ?>
    <span class="govuk-caption-l">Local authority</span>
    <h1 class="govuk-heading-l app-wrap"><?cs var:LocalAuthority.Name ?></h1>

    <dl class="govuk-summary-list"><?cs
      call:summary_row("ONS code", LocalAuthority.Code) ?><?cs
      if:LocalAuthority.Active ?><?cs call:summary_row("Status", "Active") ?><?cs
      else ?><?cs call:summary_row("Status", "Inactive: no longer offered") ?><?cs /if ?><?cs
      call:summary_row("Organisations covering it", Usage.Organisations) ?><?cs
      call:summary_row("Postcodes in it", Usage.Postcodes) ?>
    </dl>

    <h2 class="govuk-heading-m">Rename or change the code</h2>
    <p class="govuk-body">Organisations and postcodes stay with it: they show the new name and code at once.</p>
    <form method="post" action="<?cs var:App.Base ?>/admin/local-authorities/<?cs var:LocalAuthority.Id ?>" novalidate>
      <input type="hidden" name="csrf" value="<?cs var:Csrf ?>"><?cs
      call:text_input("name", "Name", "", "off", "") ?><?cs
      call:input("code", "text", "ONS code", "A letter for the nation (E, W, S or N) and 8 digits, for example E08000035", "off", "govuk-input--width-10", "false", "") ?><?cs
      call:button("Save changes", "") ?>
    </form>

    <h2 class="govuk-heading-m"><?cs if:LocalAuthority.Active ?>Deactivate<?cs else ?>Make active again<?cs /if ?></h2><?cs
    if:LocalAuthority.Active ?>
    <p class="govuk-body">An inactive local authority is no longer offered when organisations are set up. Organisations and postcodes that use it keep it.</p>
    <form method="post" action="<?cs var:App.Base ?>/admin/local-authorities/<?cs var:LocalAuthority.Id ?>/deactivate">
      <input type="hidden" name="csrf" value="<?cs var:Csrf ?>"><?cs
      call:button("Deactivate " + LocalAuthority.Name, "govuk-button--secondary") ?>
    </form><?cs
    else ?>
    <p class="govuk-body">It will be offered again when organisations are set up.</p>
    <form method="post" action="<?cs var:App.Base ?>/admin/local-authorities/<?cs var:LocalAuthority.Id ?>/activate">
      <input type="hidden" name="csrf" value="<?cs var:Csrf ?>"><?cs
      call:button("Make " + LocalAuthority.Name + " active", "govuk-button--secondary") ?>
    </form><?cs
    /if ?>

    <h2 class="govuk-heading-m">Delete</h2><?cs
    call:field_error("delete") ?>
    <div class="govuk-form-group<?cs if:View.Error ?> govuk-form-group--error<?cs /if ?>"><?cs
      if:View.Error ?>
      <p id="delete-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> <?cs var:View.Error ?></p><?cs
      /if ?><?cs
      if:Usage.Organisations > 0 || Usage.Postcodes > 0 ?>
      <p class="govuk-body" id="delete" tabindex="-1">It cannot be deleted while organisations or postcodes use it: deactivate it instead.</p><?cs
      else ?>
      <p class="govuk-body">Nothing uses it, so it can be deleted. This cannot be undone.</p>
      <form method="post" action="<?cs var:App.Base ?>/admin/local-authorities/<?cs var:LocalAuthority.Id ?>/delete">
        <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
        <button type="submit" id="delete" class="govuk-button govuk-button--warning" data-module="govuk-button"<?cs
          if:View.Error ?> aria-describedby="delete-error"<?cs /if ?>>Delete <?cs var:LocalAuthority.Name ?></button>
      </form><?cs
      /if ?>
    </div>
  </div>
</div>
