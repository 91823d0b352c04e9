<?cs # Editing a client's details (fcgi/pages/client_edit.c): the fields of the
     journey's client and address steps. Client.{Id,Name,DateOfBirth,Age};
     Choices.{Titles,Genders,Pronouns,LocalAuthorities,NoFixedAbode}.N and Choices.Contact.<way>;
     Form.* the values (stored, or as typed when the form came back with errors);
     Journey.Draft: the referral in progress the edit came from, to go back to. ?><?cs
if:Journey.Draft ?><?cs set:View.Back = App.Base + "/drafts/" + Journey.Draft + "/consent" ?><?cs
else ?><?cs set:View.Back = App.Base + "/clients/" + Client.Id ?><?cs /if ?><?cs
call:back_link(View.Back) ?>
<div class="govuk-grid-row">
  <div class="govuk-grid-column-two-thirds">
    <span class="govuk-caption-l app-wrap"><?cs var:Client.Name ?></span>
    <h1 class="govuk-heading-l">Edit the client's details</h1>
    <p class="govuk-body">Every change is recorded with who made it and when, and the new details show on every referral for this client.</p>
    <form method="post" action="<?cs var:App.Base ?>/clients/<?cs var:Client.Id ?>/edit" novalidate>
      <input type="hidden" name="csrf" value="<?cs var:Csrf ?>"><?cs
      if:Journey.Draft ?>
      <input type="hidden" name="draft" value="<?cs var:Journey.Draft ?>"><?cs
      /if ?>

      <h2 class="govuk-heading-m">Personal details</h2><?cs
      call:select("title", "Title (optional)", "", Choices.Titles, Form.title) ?><?cs
      call:input("first_name", "text", "First name", "", "off", "govuk-!-width-two-thirds", "false", "") ?><?cs
      call:input("last_name", "text", "Last name", "", "off", "govuk-!-width-two-thirds", "false", "") ?><?cs
      call:date_input("dob", "Date of birth", "For example, 27 3 1990") ?><?cs
      call:select("pronoun", "Pronouns (optional)", "", Choices.Pronouns, Form.pronoun) ?><?cs
      call:select("gender", "Gender", "", Choices.Genders, Form.gender) ?><?cs
      call:input("gender_description", "text", "Gender in the client's own words", "Only when the gender is Prefer to self-describe. 100 characters or fewer.", "off", "", "", "") ?>

      <h2 class="govuk-heading-m">Contact details</h2><?cs
      call:input("email", "email", "Email address (optional)", "", "off", "", "false", "") ?><?cs
      call:input("phone", "tel", "Phone number", "A UK number, like 07700 900 982 or 0113 496 0000.", "off", "govuk-input--width-20", "", "") ?><?cs
      call:input("alt_phone", "tel", "Alternative phone number (optional)", "", "off", "govuk-input--width-20", "", "") ?><?cs
      call:checkboxes("contact", "How the client agrees to be contacted", "Select all that apply. Email needs an email address; SMS needs a mobile number.", Choices.Contact) ?>

      <h2 class="govuk-heading-m">Health</h2><?cs
      call:input("nhs_number", "text", "NHS number (optional)", "10 digits, like 943 476 5919.", "off", "govuk-input--width-10", "false", "numeric") ?><?cs
      call:input("gp_practice_name", "text", "GP practice name (optional)", "", "off", "", "", "") ?><?cs
      call:input("gp_ods_code", "text", "GP practice code (optional)", "The practice's ODS code: a letter and 5 digits, like A81001.", "off", "govuk-input--width-10", "false", "") ?>

      <h2 class="govuk-heading-m">Address</h2><?cs
      call:checkboxes("no_fixed_abode", "No fixed abode", "", Choices.NoFixedAbode) ?><?cs
      call:input("postcode", "text", "Postcode", "", "off", "govuk-input--width-10", "false", "") ?><?cs
      call:input("address_line1", "text", "Address line 1", "", "off", "", "", "") ?><?cs
      call:input("address_line2", "text", "Address line 2 (optional)", "", "off", "", "", "") ?><?cs
      call:input("town", "text", "Town or city (optional)", "", "off", "govuk-!-width-two-thirds", "", "") ?><?cs
      call:select("local_authority", "Residing local authority", "Left unselected, it is filled in from the postcode when the postcode is known.", Choices.LocalAuthorities, Form.local_authority) ?>

      <div class="govuk-button-group"><?cs
        call:button("Save changes", "") ?>
        <a class="govuk-link" href="<?cs var:View.Back ?>">Cancel</a>
      </div>
    </form>
  </div>
</div>
