<?cs # A client's profile, Details tab: identity, contact, health and address details.
     Client.{Id,Name,DateOfBirth,Age,Title,FirstName,LastName,Pronoun,Gender,Email,Phone,AltPhone,
     Contact.N,NhsNumber,GpPracticeName,GpOdsCode,NoFixedAbode,Address.N,LocalAuthority,
     LocalAuthorityCode,CreatedAt,CreatedBy}. ?><?cs
include:"pages/clients/tabs.cs" ?><?cs
call:back_link(App.Base + "/clients") ?><?cs
call:client_tabs_start("details") ?>
    <h2 class="govuk-heading-m">Personal details</h2>
    <dl class="govuk-summary-list" id="personal-details"><?cs
      call:client_row("Title", Client.Title) ?><?cs
      call:client_row("First name", Client.FirstName) ?><?cs
      call:client_row("Last name", Client.LastName) ?><?cs
      call:client_row("Date of birth", Client.DateOfBirth) ?><?cs
      call:client_row("Pronouns", Client.Pronoun) ?><?cs
      call:client_row("Gender", Client.Gender) ?>
    </dl>

    <h2 class="govuk-heading-m">Contact details</h2>
    <dl class="govuk-summary-list" id="contact-details"><?cs
      call:client_row("Email", Client.Email) ?><?cs
      call:client_row("Phone", Client.Phone) ?><?cs
      call:client_row("Alternative phone", Client.AltPhone) ?>
      <div class="govuk-summary-list__row">
        <dt class="govuk-summary-list__key">Can be contacted by</dt>
        <dd class="govuk-summary-list__value"><?cs
          if:subcount(Client.Contact) == 0 ?>No contact permission given<?cs
          else ?>
          <ul class="govuk-list"><?cs each:way = Client.Contact ?>
            <li><?cs var:way ?></li><?cs /each ?>
          </ul><?cs
          /if ?></dd>
      </div>
    </dl>

    <h2 class="govuk-heading-m">Address</h2>
    <dl class="govuk-summary-list" id="address">
      <div class="govuk-summary-list__row">
        <dt class="govuk-summary-list__key">Address</dt>
        <dd class="govuk-summary-list__value app-wrap"><?cs
          if:Client.NoFixedAbode ?>No fixed abode<?cs
          elif:subcount(Client.Address) == 0 ?>Not given<?cs
          else ?><?cs each:line = Client.Address ?><?cs var:line ?><br>
          <?cs /each ?><?cs /if ?></dd>
      </div>
      <div class="govuk-summary-list__row">
        <dt class="govuk-summary-list__key">Local authority</dt>
        <dd class="govuk-summary-list__value app-wrap"><?cs
          if:Client.LocalAuthority ?><?cs var:Client.LocalAuthority ?> (<?cs var:Client.LocalAuthorityCode ?>)<?cs
          else ?>Not given<?cs /if ?></dd>
      </div>
    </dl>

    <h2 class="govuk-heading-m">Health</h2>
    <dl class="govuk-summary-list" id="health"><?cs
      call:client_row("NHS number", Client.NhsNumber) ?><?cs
      call:client_row("GP practice", Client.GpPracticeName) ?><?cs
      call:client_row("GP practice code", Client.GpOdsCode) ?>
    </dl>

    <p class="govuk-body-s">Added on <?cs var:Client.CreatedAt ?><?cs if:Client.CreatedBy ?> by <?cs var:Client.CreatedBy ?><?cs /if ?>.</p><?cs
call:client_tabs_end() ?>
