<?cs #
  Form macros in the GOV.UK Design System patterns.

  Conventions (every macro):
  - a field's name is also the id of its first control, so an error summary
    link "#" + Errors.N.Field always lands on it;
  - the hint is <name>-hint, the error message <name>-error, and the control
    lists both in aria-describedby;
  - the error for a field is ErrorFor.<name>, or else the Message of the
    Errors child whose Field is <name> (field_error below looks both up);
  - a value the user typed is kept from Form.<name> (never for passwords);
  - pass "" for an argument you do not need.
  Field names must be HDF names: letters, digits and underscores.
  View.* is scratch space for these macros.
?>

<?cs # Sets View.Error to the error message for field `name`, or "". ?>
<?cs def:field_error(name) ?><?cs
  set:View.Error = ErrorFor[name] ?><?cs
  if:!View.Error ?><?cs
    each:e = Errors ?><?cs if:e.Field == name ?><?cs set:View.Error = e.Message ?><?cs /if ?><?cs /each ?><?cs
  /if ?><?cs
/def ?>

<?cs # " aria-describedby=..." for a control with an optional hint and View.Error. ?>
<?cs def:described_by(name, hint) ?><?cs
  if:hint && View.Error ?> aria-describedby="<?cs var:name ?>-hint <?cs var:name ?>-error"<?cs
  elif:hint ?> aria-describedby="<?cs var:name ?>-hint"<?cs
  elif:View.Error ?> aria-describedby="<?cs var:name ?>-error"<?cs
  /if ?><?cs
/def ?>

<?cs def:hint_and_error(name, hint) ?><?cs
  if:hint ?>
    <div id="<?cs var:name ?>-hint" class="govuk-hint"><?cs var:hint ?></div><?cs
  /if ?><?cs
  if:View.Error ?>
    <p id="<?cs var:name ?>-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> <?cs var:View.Error ?></p><?cs
  /if ?><?cs
/def ?>

<?cs # The error summary for the whole page, from Errors.N.{Field,Message}. ?>
<?cs def:error_summary() ?><?cs if:subcount(Errors) > 0 ?>
<div class="govuk-error-summary" data-module="govuk-error-summary">
  <div role="alert">
    <h2 class="govuk-error-summary__title">There is a problem</h2>
    <div class="govuk-error-summary__body">
      <ul class="govuk-list govuk-error-summary__list"><?cs
      each:e = Errors ?>
        <li><?cs if:e.Field ?><a href="#<?cs var:e.Field ?>"><?cs var:e.Message ?></a><?cs else ?><?cs var:e.Message ?><?cs /if ?></li><?cs
      /each ?>
      </ul>
    </div>
  </div>
</div><?cs /if ?><?cs /def ?>

<?cs #
  A text input. type: "text", "email", "tel", "number" ...; autocomplete: a
  token or ""; classes: extra input classes such as "govuk-input--width-10";
  spellcheck: "false" for usernames, emails and codes (also turns off
  autocapitalisation), or ""; inputmode: "numeric" or "".
?>
<?cs def:input(name, type, label, hint, autocomplete, classes, spellcheck, inputmode) ?><?cs
  call:field_error(name) ?>
<div class="govuk-form-group<?cs if:View.Error ?> govuk-form-group--error<?cs /if ?>">
  <label class="govuk-label" for="<?cs var:name ?>"><?cs var:label ?></label><?cs
  call:hint_and_error(name, hint) ?>
  <input class="govuk-input<?cs if:View.Error ?> govuk-input--error<?cs /if ?><?cs if:classes ?> <?cs var:classes ?><?cs /if ?>" id="<?cs var:name ?>" name="<?cs var:name ?>" type="<?cs var:type ?>"<?cs
    if:?Form[name] ?> value="<?cs var:Form[name] ?>"<?cs /if ?><?cs
    call:described_by(name, hint) ?><?cs
    if:autocomplete ?> autocomplete="<?cs var:autocomplete ?>"<?cs /if ?><?cs
    if:spellcheck ?> spellcheck="<?cs var:spellcheck ?>"<?cs /if ?><?cs
    if:spellcheck == "false" ?> autocapitalize="none"<?cs /if ?><?cs
    if:inputmode ?> inputmode="<?cs var:inputmode ?>"<?cs /if ?>>
</div><?cs
/def ?>

<?cs # The common case of input(). ?>
<?cs def:text_input(name, label, hint, autocomplete, classes) ?><?cs
  call:input(name, "text", label, hint, autocomplete, classes, "", "") ?><?cs
/def ?>

<?cs #
  A password input with the show/hide button (shown by JavaScript only). The
  value is never echoed back. autocomplete: "current-password" or "new-password".
?>
<?cs def:password_input(name, label, hint, autocomplete) ?><?cs
  call:field_error(name) ?>
<div class="govuk-form-group govuk-password-input<?cs if:View.Error ?> govuk-form-group--error<?cs /if ?>" data-module="govuk-password-input">
  <label class="govuk-label" for="<?cs var:name ?>"><?cs var:label ?></label><?cs
  call:hint_and_error(name, hint) ?>
  <div class="govuk-input__wrapper govuk-password-input__wrapper">
    <input class="govuk-input govuk-password-input__input govuk-js-password-input-input<?cs if:View.Error ?> govuk-input--error<?cs /if ?>" id="<?cs var:name ?>" name="<?cs var:name ?>" type="password" spellcheck="false" autocapitalize="none" autocomplete="<?cs var:autocomplete ?>"<?cs call:described_by(name, hint) ?>>
    <button type="button" class="govuk-button govuk-button--secondary govuk-password-input__toggle govuk-js-password-input-toggle" data-module="govuk-button" aria-controls="<?cs var:name ?>" aria-label="Show password" hidden>Show</button>
  </div>
</div><?cs
/def ?>

<?cs # A submit button. classes: "" or e.g. "govuk-button--secondary". ?>
<?cs def:button(text, classes) ?>
<button type="submit" class="govuk-button<?cs if:classes ?> <?cs var:classes ?><?cs /if ?>" data-module="govuk-button" data-prevent-double-click="true"><?cs var:text ?></button><?cs
/def ?>

<?cs # A link that looks like a button (for actions that are a GET). ?>
<?cs def:button_link(text, href, classes) ?>
<a href="<?cs var:href ?>" role="button" draggable="false" class="govuk-button<?cs if:classes ?> <?cs var:classes ?><?cs /if ?>" data-module="govuk-button"><?cs var:text ?></a><?cs
/def ?>

<?cs #
  A select. items: a node whose children have .Value and .Text; selected:
  the value to select (e.g. Form.<name>).
?>
<?cs def:select(name, label, hint, items, selected) ?><?cs
  call:field_error(name) ?>
<div class="govuk-form-group<?cs if:View.Error ?> govuk-form-group--error<?cs /if ?>">
  <label class="govuk-label" for="<?cs var:name ?>"><?cs var:label ?></label><?cs
  call:hint_and_error(name, hint) ?>
  <select class="govuk-select<?cs if:View.Error ?> govuk-select--error<?cs /if ?>" id="<?cs var:name ?>" name="<?cs var:name ?>"<?cs call:described_by(name, hint) ?>><?cs
  each:item = items ?>
    <option value="<?cs var:item.Value ?>"<?cs if:item.Value == selected ?> selected<?cs /if ?>><?cs var:item.Text ?></option><?cs
  /each ?>
  </select>
</div><?cs
/def ?>

<?cs #
  A select whose options the program wrote as HTML with view_set_options (render.c), every
  value and text escaped there and the chosen one marked: for long lists, where a template
  loop per option costs more than the page's queries.
?>
<?cs def:select_options(name, label, hint, options_html) ?><?cs
  call:field_error(name) ?>
<div class="govuk-form-group<?cs if:View.Error ?> govuk-form-group--error<?cs /if ?>">
  <label class="govuk-label" for="<?cs var:name ?>"><?cs var:label ?></label><?cs
  call:hint_and_error(name, hint) ?>
  <select class="govuk-select<?cs if:View.Error ?> govuk-select--error<?cs /if ?>" id="<?cs var:name ?>" name="<?cs var:name ?>"<?cs call:described_by(name, hint) ?>><?cs
  # uvar: options_html is escaped HTML built by view_set_options (render.c) ?><?cs
  uvar:options_html ?>
  </select>
</div><?cs
/def ?>

<?cs #
  A date in three fields <name>_day, <name>_month, <name>_year (kept from
  Form.<name>_day ...). The day field has id <name> so that the error summary
  link "#<name>" lands on it.
?>
<?cs def:date_input(name, legend, hint) ?><?cs
  call:field_error(name) ?>
<div class="govuk-form-group<?cs if:View.Error ?> govuk-form-group--error<?cs /if ?>">
  <fieldset class="govuk-fieldset" role="group"<?cs call:described_by(name, hint) ?>>
    <legend class="govuk-fieldset__legend govuk-fieldset__legend--s"><?cs var:legend ?></legend><?cs
    call:hint_and_error(name, hint) ?>
    <div class="govuk-date-input">
      <div class="govuk-date-input__item">
        <div class="govuk-form-group">
          <label class="govuk-label govuk-date-input__label" for="<?cs var:name ?>">Day</label>
          <input class="govuk-input govuk-date-input__input govuk-input--width-2<?cs if:View.Error ?> govuk-input--error<?cs /if ?>" id="<?cs var:name ?>" name="<?cs var:name ?>_day" type="text" inputmode="numeric" value="<?cs var:Form[name + "_day"] ?>">
        </div>
      </div>
      <div class="govuk-date-input__item">
        <div class="govuk-form-group">
          <label class="govuk-label govuk-date-input__label" for="<?cs var:name ?>_month">Month</label>
          <input class="govuk-input govuk-date-input__input govuk-input--width-2<?cs if:View.Error ?> govuk-input--error<?cs /if ?>" id="<?cs var:name ?>_month" name="<?cs var:name ?>_month" type="text" inputmode="numeric" value="<?cs var:Form[name + "_month"] ?>">
        </div>
      </div>
      <div class="govuk-date-input__item">
        <div class="govuk-form-group">
          <label class="govuk-label govuk-date-input__label" for="<?cs var:name ?>_year">Year</label>
          <input class="govuk-input govuk-date-input__input govuk-input--width-4<?cs if:View.Error ?> govuk-input--error<?cs /if ?>" id="<?cs var:name ?>_year" name="<?cs var:name ?>_year" type="text" inputmode="numeric" value="<?cs var:Form[name + "_year"] ?>">
        </div>
      </div>
    </div>
  </fieldset>
</div><?cs
/def ?>

<?cs #
  One checkbox or radio (used by checkboxes and radios below), with the id
  View.ItemId: <name> for the first item, <name>_<index> for the others.
?>
<?cs def:choice_item(kind, name, item, checked) ?>
    <div class="govuk-<?cs var:kind ?>__item">
      <input class="govuk-<?cs var:kind ?>__input" id="<?cs var:View.ItemId ?>" name="<?cs var:name ?>" type="<?cs if:kind == "radios" ?>radio<?cs else ?>checkbox<?cs /if ?>" value="<?cs var:item.Value ?>"<?cs
        if:checked ?> checked<?cs /if ?><?cs
        if:item.Hint ?> aria-describedby="<?cs var:View.ItemId ?>-item-hint"<?cs /if ?>>
      <label class="govuk-label govuk-<?cs var:kind ?>__label" for="<?cs var:View.ItemId ?>"><?cs var:item.Text ?></label><?cs
      if:item.Hint ?>
      <div id="<?cs var:View.ItemId ?>-item-hint" class="govuk-hint govuk-<?cs var:kind ?>__hint"><?cs var:item.Hint ?></div><?cs
      /if ?>
    </div><?cs
/def ?>

<?cs # The fieldset around a group of checkboxes or radios: opens it. ?>
<?cs def:choice_fieldset_start(name, legend, hint) ?><?cs
  call:field_error(name) ?>
<div class="govuk-form-group<?cs if:View.Error ?> govuk-form-group--error<?cs /if ?>">
  <fieldset class="govuk-fieldset"<?cs call:described_by(name, hint) ?>>
    <legend class="govuk-fieldset__legend govuk-fieldset__legend--s"><?cs var:legend ?></legend><?cs
    call:hint_and_error(name, hint) ?><?cs
/def ?>

<?cs #
  Checkboxes. items: a node whose children have .Value, .Text and optional
  .Hint and .Checked. An item is also checked when its value is among the
  kept values Form.<name>.N (or equals Form.<name>).
?>
<?cs def:checkboxes(name, legend, hint, items) ?><?cs
  call:choice_fieldset_start(name, legend, hint) ?>
    <div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes"><?cs
    each:item = items ?><?cs
      set:View.Checked = item.Checked ?><?cs
      if:Form[name] == item.Value ?><?cs set:View.Checked = 1 ?><?cs /if ?><?cs
      each:kept = Form[name] ?><?cs if:kept == item.Value ?><?cs set:View.Checked = 1 ?><?cs /if ?><?cs /each ?><?cs
      if:first(item) ?><?cs set:View.ItemId = name ?><?cs else ?><?cs set:View.ItemId = name + "_" + name(item) ?><?cs /if ?><?cs
      call:choice_item("checkboxes", name, item, View.Checked) ?><?cs
    /each ?>
    </div>
  </fieldset>
</div><?cs
/def ?>

<?cs #
  Radios. items as for checkboxes; the kept value is Form.<name>. classes: ""
  or "govuk-radios--inline" / "govuk-radios--small".
?>
<?cs def:radios(name, legend, hint, items, classes) ?><?cs
  call:choice_fieldset_start(name, legend, hint) ?>
    <div class="govuk-radios<?cs if:classes ?> <?cs var:classes ?><?cs /if ?>" data-module="govuk-radios"><?cs
    each:item = items ?><?cs
      if:?Form[name] ?><?cs set:View.Checked = Form[name] == item.Value ?><?cs else ?><?cs set:View.Checked = item.Checked ?><?cs /if ?><?cs
      if:first(item) ?><?cs set:View.ItemId = name ?><?cs else ?><?cs set:View.ItemId = name + "_" + name(item) ?><?cs /if ?><?cs
      call:choice_item("radios", name, item, View.Checked) ?><?cs
    /each ?>
    </div>
  </fieldset>
</div><?cs
/def ?>

<?cs # A textarea (id = name, kept value Form.<name>). ?>
<?cs def:textarea(name, label, hint, rows) ?><?cs
  call:field_error(name) ?>
<div class="govuk-form-group<?cs if:View.Error ?> govuk-form-group--error<?cs /if ?>">
  <label class="govuk-label" for="<?cs var:name ?>"><?cs var:label ?></label><?cs
  call:hint_and_error(name, hint) ?>
  <textarea class="govuk-textarea<?cs if:View.Error ?> govuk-textarea--error<?cs /if ?>" id="<?cs var:name ?>" name="<?cs var:name ?>" rows="<?cs var:rows ?>"<?cs call:described_by(name, hint) ?>><?cs var:Form[name] ?></textarea>
</div><?cs
/def ?>
