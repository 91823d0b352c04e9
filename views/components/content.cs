<?cs #
  Content macros in the GOV.UK Design System patterns: summary list rows,
  tags, inset text, notification banners. Pass "" for what you do not need.
?>

<?cs #
  Summary list rows; the page writes <dl class="govuk-summary-list"> around
  them. summary_row: a list without actions. summary_row_action: a row with
  one action link (action: e.g. "Change"; the key is added for screen
  readers). summary_row_no_action: a row without an action in a list where
  other rows have one.
?>
<?cs def:summary_row(key, value) ?>
  <div class="govuk-summary-list__row">
    <dt class="govuk-summary-list__key"><?cs var:key ?></dt>
    <dd class="govuk-summary-list__value"><?cs var:value ?></dd>
  </div><?cs
/def ?>

<?cs def:summary_row_action(key, value, href, action) ?>
  <div class="govuk-summary-list__row">
    <dt class="govuk-summary-list__key"><?cs var:key ?></dt>
    <dd class="govuk-summary-list__value"><?cs var:value ?></dd>
    <dd class="govuk-summary-list__actions">
      <a class="govuk-link" href="<?cs var:href ?>"><?cs var:action ?><span class="govuk-visually-hidden"> <?cs var:key ?></span></a>
    </dd>
  </div><?cs
/def ?>

<?cs def:summary_row_no_action(key, value) ?>
  <div class="govuk-summary-list__row govuk-summary-list__row--no-actions">
    <dt class="govuk-summary-list__key"><?cs var:key ?></dt>
    <dd class="govuk-summary-list__value"><?cs var:value ?></dd>
  </div><?cs
/def ?>

<?cs # A tag. colour: "" (blue) or grey, green, turquoise, blue, light-blue, purple, pink, red, orange, yellow. ?>
<?cs def:tag(text, colour) ?><strong class="govuk-tag<?cs if:colour ?> govuk-tag--<?cs var:colour ?><?cs /if ?>"><?cs var:text ?></strong><?cs /def ?>

<?cs def:inset_text(text) ?>
<div class="govuk-inset-text"><?cs var:text ?></div><?cs
/def ?>

<?cs #
  A notification banner. id: a unique id for its title (the banner is
  labelled by it); type: "" (important information, a landmark) or
  "success" (announced at once); title: "" for the default ("Important" or
  "Success").
?>
<?cs def:notification_banner(id, title, text, type) ?>
<div class="govuk-notification-banner<?cs if:type == "success" ?> govuk-notification-banner--success<?cs /if ?>" role="<?cs if:type == "success" ?>alert<?cs else ?>region<?cs /if ?>" aria-labelledby="<?cs var:id ?>" data-module="govuk-notification-banner">
  <div class="govuk-notification-banner__header">
    <h2 class="govuk-notification-banner__title" id="<?cs var:id ?>"><?cs
      if:title ?><?cs var:title ?><?cs elif:type == "success" ?>Success<?cs else ?>Important<?cs /if ?></h2>
  </div>
  <div class="govuk-notification-banner__content">
    <p class="govuk-notification-banner__heading"><?cs var:text ?></p>
  </div>
</div><?cs
/def ?>
