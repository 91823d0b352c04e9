<?cs # The configured lists of people's details: Lists.N.{Name,Title,Active,Retired}. ?>
<?cs call:back_link(App.Base + "/admin") ?>
<div class="govuk-grid-row">
  <div class="govuk-grid-column-two-thirds">
    <h1 class="govuk-heading-l">Titles, genders and pronouns</h1>
    <p class="govuk-body">Staff choose from these lists when they record a client’s details. Retired values are no longer offered, but clients who have them keep them.</p>
    <dl class="govuk-summary-list" id="lists"><?cs
    each:list = Lists ?>
      <div class="govuk-summary-list__row">
        <dt class="govuk-summary-list__key"><?cs var:list.Title ?></dt>
        <dd class="govuk-summary-list__value"><?cs var:list.Active ?> in use<?cs if:list.Retired > 0 ?>, <?cs var:list.Retired ?> retired<?cs /if ?></dd>
        <dd class="govuk-summary-list__actions">
          <a class="govuk-link" href="<?cs var:App.Base ?>/admin/lists/<?cs var:list.Name ?>">Change<span class="govuk-visually-hidden"> <?cs var:list.Title ?></span></a>
        </dd>
      </div><?cs
    /each ?>
    </dl>
  </div>
</div>
