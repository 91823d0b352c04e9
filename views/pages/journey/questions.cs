<?cs # The questionnaire: QuestionIssues.N.{Name,Count} with Questions.M.{Field,Kind,Label,Hint,
     Options.K.{Value,Text}}, Kind being text, long_text, yes_no, single_choice,
     multiple_choice or date (three fields Field_day, Field_month, Field_year). ?>
<?cs include:"pages/journey/parts.cs" ?>
<?cs call:journey_top() ?>
<div class="govuk-grid-row">
  <div class="govuk-grid-column-two-thirds"><?cs
    call:journey_heading() ?>
    <p class="govuk-body">The answers to each issue’s questions are shared only with the organisations receiving the referral for that issue.</p><?cs
    if:subcount(QuestionIssues) == 0 ?>
    <p class="govuk-body" id="questions_issues" tabindex="-1">No issues are chosen yet. <a class="govuk-link" href="<?cs var:App.Base + Draft.Steps.details ?>">Choose the issues in the referral details</a>.</p><?cs
    /if ?><?cs
    call:journey_form_start() ?><?cs
    each:group = QuestionIssues ?>
      <h2 class="govuk-heading-m"><?cs var:group.Name ?></h2><?cs
      if:group.Count == 0 ?>
      <p class="govuk-body">There are no questions about <?cs var:group.Name ?>.</p><?cs
      /if ?><?cs
      each:q = group.Questions ?><?cs
        if:q.Kind == "text" ?><?cs
          call:text_input(q.Field, q.Label, q.Hint, "off", "") ?><?cs
        elif:q.Kind == "long_text" ?><?cs
          call:textarea(q.Field, q.Label, q.Hint, "5") ?><?cs
        elif:q.Kind == "yes_no" ?><?cs
          call:radios(q.Field, q.Label, q.Hint, q.Options, "govuk-radios--inline") ?><?cs
        elif:q.Kind == "single_choice" ?><?cs
          call:radios(q.Field, q.Label, q.Hint, q.Options, "") ?><?cs
        elif:q.Kind == "multiple_choice" ?><?cs
          call:checkboxes(q.Field, q.Label, q.Hint, q.Options) ?><?cs
        elif:q.Kind == "date" ?><?cs
          call:date_input(q.Field, q.Label, q.Hint) ?><?cs
        /if ?><?cs
      /each ?><?cs
    /each ?><?cs
    call:journey_form_end("Continue") ?>
  </div>
</div>
