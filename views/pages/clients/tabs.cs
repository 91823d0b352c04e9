<?cs #
  The profile's heading and tabs, shared by show.cs and referrals.cs (included by them).
  client_tabs_start(current): current is "details" or "referrals". Each tab is its own page,
  so the tabs are links and work without JavaScript; the page closes the panel with
  client_tabs_end(). Client.{Id,Name,DateOfBirth,Age}. The page writes its back link first.
  client_row(key, value): a summary list row saying "Not given" when value is empty.
?>
<?cs def:client_row(key, value) ?>
  <div class="govuk-summary-list__row">
    <dt class="govuk-summary-list__key"><?cs var:key ?></dt>
    <dd class="govuk-summary-list__value app-wrap"><?cs if:value ?><?cs var:value ?><?cs else ?>Not given<?cs /if ?></dd>
  </div><?cs
/def ?>
<?cs def:client_tabs_start(current) ?>
<span class="govuk-caption-l">Client</span>
<h1 class="govuk-heading-l app-wrap"><?cs var:Client.Name ?></h1>
<p class="govuk-body">Born <?cs var:Client.DateOfBirth ?><?cs if:?Client.Age ?> (age <?cs var:Client.Age ?>)<?cs /if ?></p><?cs
if:!Redacted.On ?><?cs
call:button_link("New referral for this client", App.Base + "/referrals/new?client=" + Client.Id, "") ?><?cs
/if ?>
<div class="govuk-tabs">
  <h2 class="govuk-tabs__title">Contents</h2>
  <ul class="govuk-tabs__list">
    <li class="govuk-tabs__list-item<?cs if:current == "details" ?> govuk-tabs__list-item--selected<?cs /if ?>">
      <a class="govuk-tabs__tab" href="<?cs var:App.Base ?>/clients/<?cs var:Client.Id ?>"<?cs if:current == "details" ?> aria-current="page"<?cs /if ?>>Details</a>
    </li>
    <li class="govuk-tabs__list-item<?cs if:current == "referrals" ?> govuk-tabs__list-item--selected<?cs /if ?>">
      <a class="govuk-tabs__tab" href="<?cs var:App.Base ?>/clients/<?cs var:Client.Id ?>/referrals"<?cs if:current == "referrals" ?> aria-current="page"<?cs /if ?>>Referrals</a>
    </li>
  </ul>
  <div class="govuk-tabs__panel"><?cs
/def ?>
<?cs def:client_tabs_end() ?>
  </div>
</div><?cs
/def ?>
