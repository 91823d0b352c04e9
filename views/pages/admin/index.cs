<?cs # The administration start page: every area an administrator configures. ?>
<div class="govuk-grid-row">
  <div class="govuk-grid-column-two-thirds">
    <h1 class="govuk-heading-l">Administration</h1>
    <p class="govuk-body">Changes here take effect at once for everyone, and each one is recorded in the audit log.</p>

    <h2 class="govuk-heading-m">Referrals</h2>
    <ul class="govuk-list">
      <li><a class="govuk-link" href="<?cs var:App.Base ?>/admin/issues">Issues and questionnaires</a></li>
      <li><a class="govuk-link" href="<?cs var:App.Base ?>/admin/settings">Urgency and automation settings</a></li>
      <li><a class="govuk-link" href="<?cs var:App.Base ?>/admin/closure-reasons">Closure reasons</a></li>
      <li><a class="govuk-link" href="<?cs var:App.Base ?>/admin/bank-holidays">Bank holidays</a></li>
    </ul>

    <h2 class="govuk-heading-m">Organisations and staff</h2>
    <ul class="govuk-list">
      <li><a class="govuk-link" href="<?cs var:App.Base ?>/admin/organisations">Organisations</a></li>
      <li><a class="govuk-link" href="<?cs var:App.Base ?>/admin/staff">Staff</a></li>
    </ul>

    <h2 class="govuk-heading-m">Reference data</h2>
    <ul class="govuk-list">
      <li><a class="govuk-link" href="<?cs var:App.Base ?>/admin/local-authorities">Local authorities</a></li>
      <li><a class="govuk-link" href="<?cs var:App.Base ?>/admin/postcodes">Postcodes</a></li>
      <li><a class="govuk-link" href="<?cs var:App.Base ?>/admin/lists">Titles, genders and pronouns</a></li>
    </ul>

    <h2 class="govuk-heading-m">Records</h2>
    <ul class="govuk-list">
      <li><a class="govuk-link" href="<?cs var:App.Base ?>/admin/audit">Audit log</a></li>
      <li><a class="govuk-link" href="<?cs var:App.Base ?>/admin/privacy">Privacy settings: retention and inactive staff</a></li>
    </ul>

    <h2 class="govuk-heading-m">Messages</h2>
    <ul class="govuk-list">
      <li><a class="govuk-link" href="<?cs var:App.Base ?>/admin/announcements">Announcements</a></li>
      <li><a class="govuk-link" href="<?cs var:App.Base ?>/admin/mail">E-mail delivery</a></li>
    </ul>
  </div>
</div>
