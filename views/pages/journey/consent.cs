<?cs # Consent: the confirmation box (consent = "yes"), who gave it (consent_given_by: client or
     someone_else, Consent.Given.N.{Value,Text}) and, for someone else, their name and
     relationship. The date, time and user are recorded at send. An existing client's key
     details first: Check.{ClientId, Address.N, LocalAuthority, Phone, Email, Gp, Updated (the
     changes just recorded), Hidden (the organisation may not see them yet)}. ?>
<?cs include:"pages/journey/parts.cs" ?>
<?cs call:journey_top() ?>
<div class="govuk-grid-row">
  <div class="govuk-grid-column-two-thirds"><?cs
    call:journey_heading() ?><?cs
    if:Check.Updated ?><?cs call:notification_banner("updated-title", "", "The client’s details are updated: every change is recorded with your name and the time.", "success") ?><?cs /if ?><?cs
    if:Check.ClientId ?>
    <h2 class="govuk-heading-m" id="check-details">Are these details still correct?</h2>
    <dl class="govuk-summary-list" id="client-key-details"><?cs
      if:subcount(Check.Address) > 0 ?>
      <div class="govuk-summary-list__row govuk-summary-list__row--no-actions">
        <dt class="govuk-summary-list__key">Address</dt>
        <dd class="govuk-summary-list__value app-wrap"><?cs each:line = Check.Address ?><?cs var:line ?><?cs if:!last(line) ?><br><?cs /if ?><?cs /each ?></dd>
      </div><?cs
      else ?><?cs call:summary_row_no_action("Address", "Not given") ?><?cs /if ?><?cs
      if:Check.LocalAuthority ?><?cs call:summary_row_no_action("Local authority", Check.LocalAuthority) ?><?cs /if ?><?cs
      if:Check.Phone ?><?cs call:summary_row_no_action("Phone", Check.Phone) ?><?cs else ?><?cs call:summary_row_no_action("Phone", "Not given") ?><?cs /if ?><?cs
      if:Check.Email ?><?cs call:summary_row_no_action("Email", Check.Email) ?><?cs else ?><?cs call:summary_row_no_action("Email", "Not given") ?><?cs /if ?><?cs
      if:Check.Gp ?><?cs call:summary_row_no_action("GP practice", Check.Gp) ?><?cs else ?><?cs call:summary_row_no_action("GP practice", "Not given") ?><?cs /if ?>
    </dl>
    <p class="govuk-body">Check them with the client. If something has changed, <a class="govuk-link" id="update-client" href="<?cs var:App.Base ?>/clients/<?cs var:Check.ClientId ?>/edit?draft=<?cs var:Draft.Id ?>">update the client’s details</a>: the change is recorded, and you come back here to go on with the referral.</p><?cs
    elif:Check.Hidden ?>
    <p class="govuk-body" id="client-details-hidden">Your organisation cannot see this client’s contact details yet. They are shared with your organisation when you send the referral.</p><?cs
    /if ?>
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
