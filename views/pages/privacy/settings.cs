<?cs # Privacy settings (issue 15): how long client details are kept, and when inactive staff
     are deactivated. Form.retention_months, Form.staff_inactive_days; Success after a save.
     Each field's hint says where it takes effect. ?>
<?cs call:back_link(App.Base + "/admin") ?>
<div class="govuk-grid-row">
  <div class="govuk-grid-column-two-thirds"><?cs
    if:Success ?><?cs call:notification_banner("success-title", "", Success, "success") ?><?cs /if ?>
    <h1 class="govuk-heading-l">Privacy settings</h1>
    <p class="govuk-body">Both take effect at the next run of the scheduled job (every 15 minutes), which reports what it did in its summary and records each change in the audit log.</p>
    <form method="post" action="<?cs var:App.Base ?>/admin/privacy" novalidate>
      <input type="hidden" name="csrf" value="<?cs var:Csrf ?>"><?cs
      call:input("retention_months", "text", "Keep client details for (months after their last referral closed)",
        "When every referral of a client has been closed for this many months, the scheduled job removes the client’s names, contact details, NHS number, GP, address, date of birth (the year is kept), questionnaire answers, notes and files, everywhere they are held. The referrals, their statuses, dates, issues, organisations and local authority stay for statistics; the referral page says when the details were removed. From 1 to 1200; the default is 72 (6 years).",
        "off", "govuk-input--width-4", "", "numeric") ?><?cs
      call:input("staff_inactive_days", "text", "Deactivate staff after (days without signing in)",
        "The scheduled job deactivates staff who have not signed in for this many days (counted from their last sign-in, or from when they were added or reactivated) and ends their sessions. Administrators are not deactivated. Reactivate someone on their page under Staff. From 1 to 3650; the default is 90.",
        "off", "govuk-input--width-4", "", "numeric") ?><?cs
      call:button("Save privacy settings", "") ?>
    </form>
  </div>
</div>
