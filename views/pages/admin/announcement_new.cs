<?cs # Writing an announcement, then checking it: Form.{subject,body,audience,org.N};
     Organisations.N.{Value,Text}; Confirm.Recipients once it is valid (the check step). ?>
<?cs call:back_link(App.Base + "/admin/announcements") ?>
<div class="govuk-grid-row">
  <div class="govuk-grid-column-two-thirds"><?cs
    call:error_summary() ?><?cs
    if:?Confirm.Recipients ?>
    <h1 class="govuk-heading-l">Check the announcement</h1>
    <div class="govuk-inset-text" id="recipient-count">It will go to <strong><?cs var:Confirm.Recipients ?></strong> staff member<?cs if:Confirm.Recipients != 1 ?>s<?cs /if ?>.</div>
    <dl class="govuk-summary-list"><?cs
      call:summary_row("Subject", Form.subject) ?><?cs
      call:summary_row("Message", Form.body) ?>
    </dl>
    <form method="post" action="<?cs var:App.Base ?>/admin/announcements/new" novalidate>
      <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
      <input type="hidden" name="subject" value="<?cs var:Form.subject ?>">
      <input type="hidden" name="body" value="<?cs var:Form.body ?>">
      <input type="hidden" name="audience" value="<?cs var:Form.audience ?>"><?cs
      each:o = Form.org ?>
      <input type="hidden" name="org" value="<?cs var:o ?>"><?cs
      /each ?>
      <input type="hidden" name="confirm" value="1">
      <div class="govuk-button-group"><?cs
        call:button("Send announcement", "") ?>
        <a class="govuk-link" href="<?cs var:App.Base ?>/admin/announcements/new">Start again</a>
      </div>
    </form><?cs
    else ?>
    <h1 class="govuk-heading-l">New announcement</h1>
    <form method="post" action="<?cs var:App.Base ?>/admin/announcements/new" novalidate>
      <input type="hidden" name="csrf" value="<?cs var:Csrf ?>"><?cs
      call:text_input("subject", "Subject", "", "off", "") ?><?cs
      call:textarea("body", "Message", "Plain text, up to 2000 characters. Never include a client's details.", 8) ?><?cs
      set:Audience.0.Value = "everyone" ?><?cs set:Audience.0.Text = "All staff" ?><?cs
      set:Audience.1.Value = "organisations" ?><?cs set:Audience.1.Text = "Staff of chosen organisations" ?><?cs
      call:radios("audience", "Send to", "", Audience, "") ?><?cs
      call:checkboxes("org", "Organisations", "When sending to chosen organisations", Organisations) ?><?cs
      call:button("Continue", "") ?>
    </form><?cs
    /if ?>
  </div>
</div>
