<?cs # Urgency and automation settings: one form, saved at once. Form.<setting name> holds
     each value (stored, or as typed on error); Reasons.N.{Value,Text} the closure reasons
     automatic closing can use; Success after a save. Each field's hint says where it takes
     effect. ?>
<?cs call:back_link(App.Base + "/admin") ?>
<div class="govuk-grid-row">
  <div class="govuk-grid-column-two-thirds"><?cs
    if:Success ?><?cs call:notification_banner("success-title", "", Success, "success") ?><?cs /if ?>
    <h1 class="govuk-heading-l">Urgency and automation settings</h1>
    <p class="govuk-body">Changes take effect at once for everyone. Timeframes already given to referrals stay as they were; new referrals get the new ones.</p>
    <p class="govuk-body">Working days are Monday to Friday, leaving out the <a class="govuk-link" href="<?cs var:App.Base ?>/admin/bank-holidays">bank holidays</a>.</p>

    <form method="post" action="<?cs var:App.Base ?>/admin/settings" novalidate>
      <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">

      <fieldset class="govuk-fieldset">
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">
          <h2 class="govuk-fieldset__heading">Normal referrals</h2>
        </legend><?cs
        call:input("update_within_days", "text", "Update within (working days)",
          "Used for the ‘update by’ date on new referrals and the Overdue badge: a referral not updated within this many working days is overdue.",
          "off", "govuk-input--width-3", "", "numeric") ?><?cs
        call:input("close_within_days", "text", "Close within (working days)",
          "Used for the ‘close by’ date on new referrals and the Overdue badge: a referral not closed within this many working days is overdue.",
          "off", "govuk-input--width-3", "", "numeric") ?>
      </fieldset>

      <fieldset class="govuk-fieldset">
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">
          <h2 class="govuk-fieldset__heading">Urgent referrals</h2>
        </legend>
        <p class="govuk-body">Referrals marked Urgent get these instead. They cannot be longer than for normal referrals.</p><?cs
        call:input("urgent_update_within_days", "text", "Update within for urgent referrals (working days)",
          "Used for the ‘update by’ date on new urgent referrals and their Overdue badge.",
          "off", "govuk-input--width-3", "", "numeric") ?><?cs
        call:input("urgent_close_within_days", "text", "Close within for urgent referrals (working days)",
          "Used for the ‘close by’ date on new urgent referrals and their Overdue badge.",
          "off", "govuk-input--width-3", "", "numeric") ?>
      </fieldset>

      <fieldset class="govuk-fieldset">
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">
          <h2 class="govuk-fieldset__heading">Automatic closing</h2>
        </legend><?cs
        call:input("auto_close_days", "text", "Close New referrals automatically after (working days)",
          "A referral still New, with no update for this many working days, is closed automatically with the status No response, and its sender is told.",
          "off", "govuk-input--width-3", "", "numeric") ?><?cs
        call:select("auto_close_reason_id", "Closure reason for referrals closed automatically",
          "Recorded on each referral closed automatically. Retired reasons cannot be chosen; add or restore reasons under Closure reasons.",
          Reasons, Form.auto_close_reason_id) ?>
      </fieldset>

      <fieldset class="govuk-fieldset">
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">
          <h2 class="govuk-fieldset__heading">Sessions and consent</h2>
        </legend><?cs
        call:input("session_timeout_minutes", "text", "Session timeout (minutes)",
          "Signed-in staff are signed out after this many minutes without activity. From 5 to 720.",
          "off", "govuk-input--width-3", "", "numeric") ?><?cs
        call:input("session_lifetime_hours", "text", "Session lifetime (hours)",
          "Staff must sign in again this many hours after signing in, however busy the session has been. From 1 to 168.",
          "off", "govuk-input--width-3", "", "numeric") ?><?cs
        call:input("consent_expiry_days", "text", "Consent expiry (days)",
          "Consent recorded on a referral expires this many days after it was given: both sides then see less of the referral, and the sender is asked to renew consent. From 1 to 3650.",
          "off", "govuk-input--width-4", "", "numeric") ?>
      </fieldset><?cs

      set:Gender.0.Value = "1" ?><?cs
      set:Gender.0.Text = "Yes, offer ‘Prefer not to say’" ?><?cs
      set:Gender.1.Value = "0" ?><?cs
      set:Gender.1.Text = "No" ?><?cs
      call:radios("gender_prefer_not_to_say", "Does the gender list include ‘Prefer not to say’?",
        "Used in the client details of the referral journey, where staff choose the client’s gender.",
        Gender, "govuk-radios--inline") ?><?cs
      call:button("Save settings", "") ?>
    </form>
  </div>
</div>
