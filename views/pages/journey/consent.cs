<?cs # Consent: the confirmation box (consent = "yes"), who gave it (consent_given_by: client or
     someone_else, Consent.Given.N.{Value,Text}) and, for someone else, their name and
     relationship. The date, time and user are recorded at send. ?>
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

      call:radios("consent_given_by", "Who gave consent?", "", Consent.Given, "") ?>
      <?cs # Always shown rather than revealed under the choice: GOV.UK Frontend marks a radio
           that reveals content with aria-expanded, which radios may not carry (axe:
           aria-allowed-attr). The server asks for them only for someone else. ?>
      <div class="govuk-form-group">
        <fieldset class="govuk-fieldset" aria-describedby="consentor-hint">
          <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">If someone else gave consent</legend>
          <div id="consentor-hint" class="govuk-hint">Their name and relationship to the client are recorded with the consent. Leave these empty when the client gave it.</div><?cs
          call:input("consentor_name", "text", "Full name of the person who gave consent", "", "off", "govuk-!-width-full", "", "") ?><?cs
          call:input("consentor_relationship", "text", "Their relationship to the client", "For example, mother, partner, advocate or support worker", "off", "govuk-!-width-two-thirds", "", "") ?>
        </fieldset>
      </div><?cs
    call:journey_form_end("Continue") ?>
  </div>
</div>
