<?cs # The start page after signing in. ?>
<div class="govuk-grid-row">
  <div class="govuk-grid-column-two-thirds">
    <h1 class="govuk-heading-l">Home</h1>
    <p class="govuk-body">Hello, <?cs var:User.Name ?>.</p><?cs
    if:User.Org.Name ?>
    <p class="govuk-body app-wrap">You are working for <strong><?cs var:User.Org.Name ?></strong>.</p><?cs
    /if ?><?cs
    if:subcount(User.Orgs) > 1 ?>
    <p class="govuk-body">You are on the staff of <?cs var:subcount(User.Orgs) ?> organisations. To work for another one, choose it under ‘Organisation’ at the top of the page and select ‘Switch organisation’.</p><?cs
    /if ?><?cs
    if:User.IsAdmin ?><?cs
    call:inset_text("You are a system administrator.") ?><?cs
    /if ?><?cs
    if:User.Org.Name ?>
    <div class="govuk-button-group">
      <a href="<?cs var:App.Base ?>/referrals/new" role="button" draggable="false" class="govuk-button" data-module="govuk-button">New referral</a>
      <a class="govuk-link" href="<?cs var:App.Base ?>/clients">Clients</a>
    </div><?cs
    /if ?><?cs
    include:"pages/dashboard.cs" ?>
  </div>
</div>
