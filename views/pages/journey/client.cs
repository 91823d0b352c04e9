<?cs # placeholder while the step is written ?>
<h1 class="govuk-heading-l"><?cs var:Page.Title ?></h1>
