<?cs # The error page for every status: Error.Status, Error.Title (Error.Heading, when set, says
     it in the page's own words: "Another organisation took this referral"), Error.Message (and Request.Id as the reference to quote for a server error); Error.Link and Error.LinkText, a path under App.Base to go on from (the thing that changed). ?>
<div class="govuk-grid-row">
  <div class="govuk-grid-column-two-thirds">
    <h1 class="govuk-heading-l"><?cs if:Error.Heading ?><?cs var:Error.Heading ?><?cs else ?><?cs var:Error.Title ?><?cs /if ?></h1><?cs
    if:Error.Message ?>
    <p class="govuk-body"><?cs var:Error.Message ?></p><?cs
    /if ?><?cs
    if:Error.Status == 401 ?>
    <p class="govuk-body">You need to <a class="govuk-link" href="<?cs var:App.Base ?>/signin">sign in</a> to see this page.</p><?cs
    elif:Error.Status >= 500 && Request.Id ?>
    <p class="govuk-body">Reference: <strong class="app-wrap"><?cs var:Request.Id ?></strong></p><?cs
    /if ?><?cs
    if:Error.Link ?>
    <p class="govuk-body"><a class="govuk-link" href="<?cs var:App.Base ?><?cs var:Error.Link ?>"><?cs var:Error.LinkText ?></a></p><?cs
    /if ?>
    <p class="govuk-body"><a class="govuk-link" href="<?cs var:App.Base ?>/">Go to the home page</a></p>
  </div>
</div>
