<?cs #
  Macros the issue and question pages share (included by them).

  issue_textarea: a GOV.UK textarea in the conventions of components/forms.cs
  (id = name, hint <name>-hint, error <name>-error, kept value Form.<name>).
?>
<?cs def:issue_textarea(name, label, hint, rows) ?><?cs
  call:field_error(name) ?>
<div class="govuk-form-group<?cs if:View.Error ?> govuk-form-group--error<?cs /if ?>">
  <label class="govuk-label" for="<?cs var:name ?>"><?cs var:label ?></label><?cs
  call:hint_and_error(name, hint) ?>
  <textarea class="govuk-textarea<?cs if:View.Error ?> govuk-textarea--error<?cs /if ?>" id="<?cs var:name ?>" name="<?cs var:name ?>" rows="<?cs var:rows ?>"<?cs call:described_by(name, hint) ?>><?cs var:Form[name] ?></textarea>
</div><?cs
/def ?>
