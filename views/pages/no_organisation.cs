<?cs # Signed in, but on the staff of no organisation: nothing to do until an administrator adds them. ?>
<div class="govuk-grid-row">
  <div class="govuk-grid-column-two-thirds">
    <h1 class="govuk-heading-l">You are not in any organisation yet</h1>
    <p class="govuk-body">You signed in<?cs if:User.Name ?> as <?cs var:User.Name ?><?cs /if ?>, but you are not on the staff of any organisation that uses <?cs var:App.Name ?>, so there is nothing you can do here yet.</p>
    <p class="govuk-body">Ask an administrator to add you to your organisation’s staff, or to link a directory group you are in to your organisation. Then sign in again.</p>
    <form method="post" action="<?cs var:App.Base ?>/signout">
      <input type="hidden" name="csrf" value="<?cs var:Csrf ?>"><?cs
      call:button("Sign out", "govuk-button--secondary") ?>
    </form>
  </div>
</div>
