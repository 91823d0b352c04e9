<?cs # The new client's address and residing local authority (fcgi/pages/journey_client.c):
     Choices.LocalAuthorities.N (active ones), Choices.NoFixedAbode. Posting the form fills the
     local authority (and the town) from a known postcode; postcode-lookup.js adds a button that
     does it at once through /api/postcodes/<postcode>. The postcode comes first (GOV.UK "find an
     address"); ticking No fixed abode hides the address (no-fixed-abode.js). ?><?cs
include:"pages/journey/parts.cs" ?><?cs
call:journey_top() ?>
<div class="govuk-grid-row">
  <div class="govuk-grid-column-two-thirds"><?cs
    call:journey_heading() ?>
    <p class="govuk-body">Where the client lives decides which organisations can help them: each accepts clients from some local authorities only.</p><?cs
    call:journey_form_start() ?><?cs
    call:checkboxes("no_fixed_abode", "No fixed abode", "", Choices.NoFixedAbode) ?>
    <?cs # GOV.UK "find an address" order: the postcode first (its lookup fills the town and the
         local authority), then the address lines. no-fixed-abode.js hides this block while
         No fixed abode is ticked (without aria-expanded on the checkbox, which axe refuses);
         without JavaScript it stays, and the server ignores it for no fixed abode. ?>
    <div id="address-fields">
      <h2 class="govuk-heading-m">Address</h2>
      <div id="postcode-lookup" data-lookup-url="<?cs var:App.Base ?>/api/postcodes/"><?cs
        call:input("postcode", "text", "Postcode", "Enter the postcode first: the town and local authority are filled in from it.", "off", "govuk-input--width-10", "false", "") ?>
      </div><?cs
      call:input("address_line1", "text", "Address line 1", "", "off", "", "", "") ?><?cs
      call:input("address_line2", "text", "Address line 2 (optional)", "", "off", "", "", "") ?><?cs
      call:input("town", "text", "Town or city (optional)", "Filled in from the postcode when it is left empty.", "off", "govuk-!-width-two-thirds", "", "") ?>
    </div>

    <h2 class="govuk-heading-m">Local authority</h2><?cs
    call:select("local_authority", "Residing local authority", "The council area the client lives in. Left unselected, it is filled in from the postcode when the postcode is known. With no fixed abode, choose it yourself.", Choices.LocalAuthorities, Form.local_authority) ?><?cs
    call:journey_form_end("Continue") ?>
  </div>
</div>
<script type="module" src="<?cs var:App.Static ?>/postcode-lookup.js?v=<?cs var:App.AssetVersion ?>"></script>
<script type="module" src="<?cs var:App.Static ?>/no-fixed-abode.js?v=<?cs var:App.AssetVersion ?>"></script>
