<?cs # Shared parts of every journey step page. A step template starts with
     call:journey_top() and wraps its fields in journey_form_start()/journey_form_end(). ?>
<?cs def:journey_top() ?>
<?cs call:back_link(App.Base + Draft.Back) ?><?cs
/def ?>

<?cs def:journey_heading() ?>
<span class="govuk-caption-l">New referral</span>
<h1 class="govuk-heading-l"><?cs var:Page.Title ?></h1><?cs
/def ?>

<?cs # The step's form: posts to this step; "change" brings the user back to the summary. ?>
<?cs def:journey_form_start() ?>
<form method="post" action="<?cs var:App.Base ?>/drafts/<?cs var:Draft.Id ?>/<?cs var:Draft.Step ?>" novalidate>
  <input type="hidden" name="csrf" value="<?cs var:Csrf ?>"><?cs
  if:Draft.Change ?>
  <input type="hidden" name="change" value="1"><?cs
  /if ?><?cs
/def ?>

<?cs def:journey_form_end(button) ?>
  <div class="govuk-button-group"><?cs
    call:button(button, "") ?>
    <a class="govuk-link" href="<?cs var:App.Base ?>/drafts">Save and come back later</a>
  </div>
</form><?cs
/def ?>
