<?cs # Sign in with the directory (LDAP) username and password. ?>
<div class="govuk-grid-row">
  <div class="govuk-grid-column-two-thirds">
    <h1 class="govuk-heading-l">Sign in</h1>
    <p class="govuk-body">Use the username and password you sign in to your organisation's computers with.</p>
    <form method="post" action="<?cs var:App.Base ?>/signin" novalidate>
      <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
      <input type="hidden" name="next" value="<?cs var:Form.next ?>"><?cs
      call:input("username", "text", "Username", "", "username", "govuk-!-width-two-thirds", "false", "") ?><?cs
      call:password_input("password", "Password", "", "current-password") ?><?cs
      call:button("Sign in", "") ?>
    </form>
  </div>
</div>
