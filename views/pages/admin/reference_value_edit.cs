<?cs # Renaming one value of a list: List.{Name,Title}; Value.{Id,Name,Fixed,FixedMessage};
     Form.name keeps what was typed. ?>
<?cs call:back_link(App.Base + "/admin/lists/" + List.Name) ?>
<div class="govuk-grid-row">
  <div class="govuk-grid-column-two-thirds">
    <span class="govuk-caption-l"><?cs var:List.Title ?></span>
    <h1 class="govuk-heading-l app-wrap">Rename ‘<?cs var:Value.Name ?>’</h1><?cs
    if:Value.Fixed ?>
    <div id="fixed" tabindex="-1"><?cs call:inset_text(Value.FixedMessage) ?></div><?cs
    else ?>
    <p class="govuk-body">Clients who have it show the new name.</p>
    <form method="post" action="<?cs var:App.Base ?>/admin/lists/<?cs var:List.Name ?>/<?cs var:Value.Id ?>" novalidate>
      <input type="hidden" name="csrf" value="<?cs var:Csrf ?>"><?cs
      call:text_input("name", "New name", "", "off", "govuk-input--width-20") ?><?cs
      call:button("Save", "") ?>
    </form><?cs
    /if ?>
  </div>
</div>
