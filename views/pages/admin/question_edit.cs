<?cs # Adding (no Question.Id) or changing a question of an issue's questionnaire.
     Issue.{Id,Name}; Question.{Id,Text,Retired}; Kinds.N.{Value,Text,Hint};
     RequiredItems (the one checkbox); Form.{text,hint,kind,required,options} keep what was
     typed. ?><?cs
include:"pages/admin/issue_macros.cs" ?>
<?cs call:back_link(App.Base + "/admin/issues/" + Issue.Id) ?>
<div class="govuk-grid-row">
  <div class="govuk-grid-column-two-thirds">
    <span class="govuk-caption-l app-wrap"><?cs var:Issue.Name ?></span>
    <h1 class="govuk-heading-l"><?cs if:Question.Id ?>Change question<?cs else ?>Add a question<?cs /if ?></h1><?cs
    if:Question.Id ?><?cs
      call:inset_text("Changes apply to new referrals. Answers already given keep the question and options they answered.") ?><?cs
      if:Question.Retired ?>
    <p class="govuk-body">This question is retired: it is not asked until it is restored.</p><?cs
      /if ?><?cs
    /if ?>
    <form method="post" action="<?cs var:App.Base ?>/admin/issues/<?cs var:Issue.Id ?>/questions<?cs if:Question.Id ?>/<?cs var:Question.Id ?><?cs /if ?>" novalidate>
      <input type="hidden" name="csrf" value="<?cs var:Csrf ?>"><?cs
      call:text_input("text", "Question", "What the referrer is asked, for example ‘Is the client homeless tonight?’", "off", "") ?><?cs
      call:text_input("hint", "Hint (optional)", "Shown under the question to help the referrer answer", "off", "") ?><?cs
      call:radios("kind", "Type of answer", "", Kinds, "") ?><?cs
      call:issue_textarea("options", "Options (for single and multiple choice)", "One option per line, at least 2, each different. Blank lines are ignored.", 8) ?><?cs
      call:checkboxes("required", "Answer required", "", RequiredItems) ?><?cs
      if:Question.Id ?><?cs call:button("Save question", "") ?><?cs else ?><?cs call:button("Add question", "") ?><?cs /if ?>
    </form>
  </div>
</div>
