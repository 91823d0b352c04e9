<?cs #
  The whole page around every page template (Page.Template): head, header
  with the service name and the signed-in user's account bar, notice, error
  summary, the page, footer. No inline script or style: the CSP forbids it.
?><?cs
include:"components/forms.cs" ?><?cs
include:"components/content.cs" ?><?cs
include:"components/navigation.cs" ?><!DOCTYPE html>
<html lang="en" class="govuk-template">
<head>
  <meta charset="utf-8">
  <title><?cs if:subcount(Errors) > 0 ?>Error: <?cs /if ?><?cs var:Page.Title ?> – <?cs var:App.Name ?></title>
  <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
  <meta name="robots" content="noindex, nofollow">
  <link rel="icon" href="<?cs var:App.Static ?>/favicon.svg?v=<?cs var:App.AssetVersion ?>" type="image/svg+xml">
  <link rel="stylesheet" href="<?cs var:App.Static ?>/app.css?v=<?cs var:App.AssetVersion ?>">
  <script type="module" src="<?cs var:App.Static ?>/app.js?v=<?cs var:App.AssetVersion ?>"></script><?cs
  if:User.Name ?>
  <script type="module" src="<?cs var:App.Static ?>/inbox-badge.js?v=<?cs var:App.AssetVersion ?>"></script><?cs
  /if ?>
</head>
<body class="govuk-template__body">
  <a href="#main-content" class="govuk-skip-link" data-module="govuk-skip-link">Skip to main content</a>

  <header class="app-header">
    <div class="govuk-service-navigation" data-module="govuk-service-navigation">
      <div class="govuk-width-container">
        <div class="govuk-service-navigation__container">
          <span class="govuk-service-navigation__service-name">
            <a href="<?cs var:App.Base ?>/" class="govuk-service-navigation__link"><?cs var:App.Name ?></a>
          </span><?cs
          if:User.Org.Name ?>
          <nav aria-label="Menu" class="govuk-service-navigation__wrapper">
            <ul class="govuk-service-navigation__list" id="navigation">
              <li class="govuk-service-navigation__item"><a class="govuk-service-navigation__link" href="<?cs var:App.Base ?>/referrals/received">Received</a></li>
              <li class="govuk-service-navigation__item"><a class="govuk-service-navigation__link" href="<?cs var:App.Base ?>/referrals/sent">Sent</a></li>
              <li class="govuk-service-navigation__item"><a class="govuk-service-navigation__link" href="<?cs var:App.Base ?>/clients">Clients</a></li>
              <li class="govuk-service-navigation__item"><a class="govuk-service-navigation__link" href="<?cs var:App.Base ?>/organisations">Directory</a></li>
              <li class="govuk-service-navigation__item"><a class="govuk-service-navigation__link" href="<?cs var:App.Base ?>/referrals/new">New referral</a></li>
              <li class="govuk-service-navigation__item"><a class="govuk-service-navigation__link" href="<?cs var:App.Base ?>/inbox">Inbox<?cs
                if:User.Unread > 0 ?> <strong class="govuk-tag govuk-tag--red app-unread" id="inbox-unread"><?cs if:User.Unread > 99 ?>99+<?cs else ?><?cs var:User.Unread ?><?cs /if ?><span class="govuk-visually-hidden"> unread</span></strong><?cs
                else ?> <strong class="govuk-tag govuk-tag--red app-unread" id="inbox-unread" hidden></strong><?cs /if ?></a></li>
            </ul>
          </nav><?cs
          /if ?>
        </div>
      </div>
    </div><?cs
  if:User.Name ?>
    <div class="app-account-bar">
      <div class="govuk-width-container app-account-bar__inner">
        <p class="app-account-bar__who app-wrap">Signed in as <strong><?cs var:User.Name ?></strong><?cs
          if:User.Org.Name ?> for <strong id="active-organisation"><?cs var:User.Org.Name ?></strong><?cs /if ?></p><?cs
        if:subcount(User.Orgs) > 1 ?>
        <form class="app-account-bar__form app-account-bar__switch" method="post" action="<?cs var:App.Base ?>/organisation">
          <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
          <input type="hidden" name="next" value="<?cs var:Page.Path ?>">
          <label class="govuk-label govuk-!-font-size-16" for="account-organisation">Organisation</label>
          <select class="govuk-select govuk-!-font-size-16" id="account-organisation" name="organisation_id"><?cs
          each:org = User.Orgs ?>
            <option value="<?cs var:org.Id ?>"<?cs if:org.Id == User.Org.Id ?> selected<?cs /if ?>><?cs var:org.Name ?></option><?cs
          /each ?>
          </select>
          <button type="submit" class="govuk-button govuk-button--secondary govuk-!-font-size-16" data-module="govuk-button">Switch organisation</button>
        </form><?cs
        /if ?>
<?cs
        if:User.Org.Id && User.Org.Role >= 2 ?>
        <a class="govuk-link app-account-bar__link" href="<?cs var:App.Base ?>/organisations/<?cs var:User.Org.Id ?>/staff">Organisation staff</a><?cs
        /if ?><?cs
        if:User.IsAdmin ?>
        <a class="govuk-link app-account-bar__link" href="<?cs var:App.Base ?>/admin">Administration</a><?cs
        /if ?>
        <form class="app-account-bar__form" method="post" action="<?cs var:App.Base ?>/signout">
          <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
          <button type="submit" class="app-link-button">Sign out</button>
        </form>
      </div>
    </div><?cs
  /if ?>
  </header>

  <div class="govuk-width-container">
    <main class="govuk-main-wrapper" id="main-content"><?cs
    if:Notice || subcount(Errors) > 0 ?>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds"><?cs
        if:Notice ?><?cs call:notification_banner("notice-title", "", Notice, "") ?><?cs /if ?><?cs
        call:error_summary() ?>
        </div>
      </div><?cs
    /if ?><?cs
    include:Page.Template ?>
    </main>
  </div>

  <footer class="govuk-footer">
    <div class="govuk-width-container">
      <div class="govuk-footer__meta">
        <div class="govuk-footer__meta-item govuk-footer__meta-item--grow">
          <p class="govuk-footer__meta-custom govuk-!-margin-0"><?cs var:App.Name ?>: referring clients between charities, councils and NHS services.</p>
        </div>
      </div>
    </div>
  </footer>
</body>
</html>
