<?cs # Consent: the confirmation box (consent = "yes"), who gave it (consent_given_by: client or
     someone_else, Consent.Given.N.{Value,Text}) and, for someone else, their name and
     relationship (revealed under that choice). The date, time and user are recorded at send. ?>
<?cs include:"pages/journey/parts.cs" ?>
<?cs call:journey_top() ?>
<div class="govuk-grid-row">
  <div class="govuk-grid-column-two-thirds"><?cs
    call:journey_heading() ?>
    <p class="govuk-body">Only send a referral when the client has agreed to it. Their details, and your answers about them, are shared with the organisations you choose.</p>
    <p class="govuk-body">The date and time, and your name, are recorded with the consent when you send the referral.</p><?cs
    call:journey_form_start() ?><?cs
      set:View.ConsentBox.0.Value = "yes" ?><?cs
      set:View.ConsentBox.0.Text = "The client has consented to this referral and to their information being shared with the receiving organisations" ?><?cs
      call:checkboxes("consent", "Consent to this referral", "", View.ConsentBox) ?><?cs

      call:field_error("consent_given_by") ?>
      <div class="govuk-form-group<?cs if:View.Error ?> govuk-form-group--error<?cs /if ?>">
        <fieldset class="govuk-fieldset"<?cs call:described_by("consent_given_by", "") ?>>
          <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Who gave consent?</legend><?cs
          call:hint_and_error("consent_given_by", "") ?>
          <div class="govuk-radios" data-module="govuk-radios">
            <div class="govuk-radios__item">
              <input class="govuk-radios__input" id="consent_given_by" name="consent_given_by" type="radio" value="client"<?cs
                if:Form.consent_given_by == "client" ?> checked<?cs /if ?>>
              <label class="govuk-label govuk-radios__label" for="consent_given_by"><?cs var:Consent.Given.0.Text ?></label>
            </div>
            <div class="govuk-radios__item">
              <input class="govuk-radios__input" id="consent_given_by_someone_else" name="consent_given_by" type="radio" value="someone_else" data-aria-controls="conditional-consentor" aria-describedby="consent_given_by_someone_else-item-hint"<?cs
                if:Form.consent_given_by == "someone_else" ?> checked<?cs /if ?>>
              <label class="govuk-label govuk-radios__label" for="consent_given_by_someone_else"><?cs var:Consent.Given.1.Text ?></label>
              <div id="consent_given_by_someone_else-item-hint" class="govuk-hint govuk-radios__hint">For example, a parent, carer or advocate</div>
            </div>
            <div class="govuk-radios__conditional<?cs if:Form.consent_given_by != "someone_else" ?> govuk-radios__conditional--hidden<?cs /if ?>" id="conditional-consentor"><?cs
              call:input("consentor_name", "text", "Full name of the person who gave consent", "", "off", "govuk-!-width-full", "", "") ?><?cs
              call:input("consentor_relationship", "text", "Their relationship to the client", "For example, mother, partner, support worker", "off", "govuk-!-width-two-thirds", "", "") ?>
            </div>
          </div>
        </fieldset>
      </div><?cs
    call:journey_form_end("Continue") ?>
  </div>
</div>
