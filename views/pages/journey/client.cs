<?cs # The new client's details (fcgi/pages/journey_client.c): Choices.{Titles,Genders,Pronouns}.N
     and Choices.Contact.<way> from configuration; Client.Age once the date of birth is valid. ?><?cs
include:"pages/journey/parts.cs" ?><?cs
call:journey_top() ?>
<div class="govuk-grid-row">
  <div class="govuk-grid-column-two-thirds"><?cs
    call:journey_heading() ?>
    <p class="govuk-body">The client's details, as they will be shared with the organisations you refer them to.</p><?cs
    call:journey_form_start() ?>

    <h2 class="govuk-heading-m">Personal details</h2><?cs
    call:select("title", "Title (optional)", "", Choices.Titles, Form.title) ?><?cs
    call:input("first_name", "text", "First name", "", "off", "govuk-!-width-two-thirds", "false", "") ?><?cs
    call:input("last_name", "text", "Last name", "", "off", "govuk-!-width-two-thirds", "false", "") ?><?cs
    call:date_input("dob", "Date of birth", "For example, 27 3 1990") ?><?cs
    if:?Client.Age ?>
    <p class="govuk-body" id="client-age">Age: <?cs var:Client.Age ?></p><?cs
    /if ?><?cs
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
    call:input("gp_ods_code", "text", "GP practice code (optional)", "The practice's ODS code: a letter and 5 digits, like A81001.", "off", "govuk-input--width-10", "false", "") ?><?cs
    call:journey_form_end("Continue") ?>
  </div>
</div>
