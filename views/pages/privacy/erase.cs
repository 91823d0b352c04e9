<?cs # Erasure on request (issue 15): the confirmation page. Client.{Id,Name,DateOfBirth};
     Erase.Items.N: what will go, counted; Erase.Referrals: the referrals that stay;
     Redacted.On when the details are already gone. ?>
<?cs call:back_link(App.Base + "/clients/" + Client.Id) ?>
<div class="govuk-grid-row">
  <div class="govuk-grid-column-two-thirds"><?cs
    call:error_summary() ?>
    <h1 class="govuk-heading-l">Erase <?cs var:Client.Name ?>’s details</h1><?cs
    include:"pages/privacy/redacted.cs" ?>
    <p class="govuk-body">This cannot be undone. These will be removed everywhere they are held:</p>
    <ul class="govuk-list govuk-list--bullet" id="erase-what">
      <li>the client’s names, title and pronouns</li>
      <li>contact details (email, phones, contact preferences)</li>
      <li>NHS number and GP practice</li>
      <li>address and postcode</li>
      <li>date of birth (the year is kept)</li><?cs
      each:item = Erase.Items ?>
      <li><?cs var:item ?></li><?cs
      /each ?>
    </ul>
    <p class="govuk-body">The client’s <?cs var:Erase.Referrals ?> referral<?cs if:Erase.Referrals != 1 ?>s<?cs /if ?> stay, with their statuses, dates, issues, organisations and local authority, for statistics.</p>
    <form method="post" action="<?cs var:App.Base ?>/clients/<?cs var:Client.Id ?>/erase" novalidate>
      <input type="hidden" name="csrf" value="<?cs var:Csrf ?>"><?cs
      call:textarea("reason", "Reason for erasing", "For example: erasure request received on 3 March 2026, reference 1234. Recorded in the audit log.", "3") ?><?cs
      set:Confirm.0.Value = "1" ?><?cs
      set:Confirm.0.Text = "I confirm these details are to be erased" ?><?cs
      call:checkboxes("confirm", "Confirm", "", Confirm) ?><?cs
      call:button("Erase client details", "govuk-button--warning") ?>
    </form>
  </div>
</div>
