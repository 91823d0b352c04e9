<?cs # Renewing the expired consent of a referral's group (the sender only; fcgi/pages/referral_consent.c):
     the journey's consent fields: the confirmation box (consent = "yes"), who gave it
     (consent_given_by: client or someone_else, Consent.Given.N) and, for someone else, their
     name and relationship. Referral.{Id,Issue}; Consent.ExpiredOn. ?><?cs
call:back_link(App.Base + "/referrals/" + Referral.Id) ?>
<div class="govuk-grid-row">
  <div class="govuk-grid-column-two-thirds">
    <span class="govuk-caption-l">Referral <?cs var:Referral.Id ?>: <?cs var:Referral.Issue ?></span>
    <h1 class="govuk-heading-l">Renew consent</h1>
    <p class="govuk-body">Consent expired on <?cs var:Consent.ExpiredOn ?>. Until it is renewed, the organisations this client was referred to cannot see their contact details or the answers about them.</p>
    <p class="govuk-body">Ask the client again. The date and time, and your name, are recorded with the new consent, for every referral sent with it.</p>
    <form method="post" action="<?cs var:App.Base ?>/referrals/<?cs var:Referral.Id ?>/consent" novalidate>
      <input type="hidden" name="csrf" value="<?cs var:Csrf ?>"><?cs
      set:View.ConsentBox.0.Value = "yes" ?><?cs
      set:View.ConsentBox.0.Text = "The client has consented to this referral and to their information being shared with the receiving organisations" ?><?cs
      call:checkboxes("consent", "Consent to this referral", "", View.ConsentBox) ?><?cs
      call:radios("consent_given_by", "Who gave consent?", "", Consent.Given, "") ?>
      <div class="govuk-form-group">
        <fieldset class="govuk-fieldset" aria-describedby="consentor-hint">
          <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">If someone else gave consent</legend>
          <div id="consentor-hint" class="govuk-hint">Their name and relationship to the client are recorded with the consent. Leave these empty when the client gave it.</div><?cs
          call:input("consentor_name", "text", "Full name of the person who gave consent", "", "off", "govuk-!-width-full", "", "") ?><?cs
          call:input("consentor_relationship", "text", "Their relationship to the client", "For example, mother, partner, advocate or support worker", "off", "govuk-!-width-two-thirds", "", "") ?>
        </fieldset>
      </div>
      <div class="govuk-button-group"><?cs
        call:button("Record consent", "") ?>
        <a class="govuk-link" href="<?cs var:App.Base ?>/referrals/<?cs var:Referral.Id ?>">Cancel</a>
      </div>
    </form>
  </div>
</div>
