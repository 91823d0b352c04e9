<?cs # A client's profile, Details tab: identity, contact, health and address details.
     Client.{Id,Name,DateOfBirth,Age,Title,FirstName,LastName,Pronoun,Gender,Email,Phone,AltPhone,
     Contact.N,NhsNumber,GpPracticeName,GpOdsCode,NoFixedAbode,Address.N,LocalAuthority,
     LocalAuthorityCode,CreatedAt,CreatedBy}; Changes.N.{Field,Old,New,By,Organisation,When}
     (the recorded edits, newest first); Saved, SavedCount after an edit. Consent.Expired: consent
     has expired on every referral the organisation shares with the client, so only who the
     client is shows (PRODUCT.md "Consent"): no contact, address, health, notes or changes. ?><?cs
include:"pages/clients/tabs.cs" ?><?cs
call:back_link(App.Base + "/clients") ?><?cs
if:Saved ?><?cs
  if:SavedCount > 0 ?><?cs
    call:notification_banner("saved-title", "Client details saved", "The changes are recorded below under Changes.", "success") ?><?cs
  else ?><?cs
    call:notification_banner("saved-title", "No changes", "The details were saved as they were: nothing had changed.", "success") ?><?cs
  /if ?><?cs
/if ?><?cs
call:client_tabs_start("details") ?><?cs
include:"pages/privacy/redacted.cs" ?><?cs
if:Consent.Expired ?>
    <div class="govuk-warning-text" id="consent-expired">
      <span class="govuk-warning-text__icon" aria-hidden="true">!</span>
      <strong class="govuk-warning-text__text">
        <span class="govuk-visually-hidden">Warning</span>
        Consent has expired on every referral of this client your organisation is part of. Their contact, address and health details, notes and changes are hidden, and cannot be changed, until the sending organisation renews consent.
      </strong>
    </div>
    <h2 class="govuk-heading-m">Personal details</h2>
    <dl class="govuk-summary-list" id="personal-details"><?cs
      call:client_row("First name", Client.FirstName) ?><?cs
      call:client_row("Last name", Client.LastName) ?><?cs
      call:client_row("Date of birth", Client.DateOfBirth) ?><?cs
      call:client_row("Pronouns", Client.Pronoun) ?><?cs
      call:client_row("Gender", Client.Gender) ?><?cs
      call:client_row("Local authority", Client.LocalAuthority) ?>
    </dl><?cs
else ?><?cs
    if:!Redacted.On ?>
    <p class="govuk-body"><a class="govuk-link" id="edit-details" href="<?cs var:App.Base ?>/clients/<?cs var:Client.Id ?>/edit">Edit details<span class="govuk-visually-hidden"> of <?cs var:Client.Name ?></span></a></p><?cs
    /if ?>
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

    <h2 class="govuk-heading-m" id="notes">Client notes</h2><?cs
    if:NoteAdded ?><?cs call:notification_banner("note-added-title", "", "Note added", "success") ?><?cs /if ?>
    <p class="govuk-body">Every organisation that can see this client reads these notes.</p><?cs
    include:"pages/notes/note_form.cs" ?><?cs
    include:"pages/notes/notes_list.cs" ?>
    <h2 class="govuk-heading-m">Changes</h2><?cs
    if:subcount(Changes) == 0 ?>
    <p class="govuk-body" id="changes">The details have not been changed since the client was added.</p><?cs
    else ?>
    <table class="govuk-table" id="changes">
      <caption class="govuk-table__caption govuk-table__caption--s">Changes to the details, newest first</caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <th scope="col" class="govuk-table__header">When</th>
          <th scope="col" class="govuk-table__header">Who</th>
          <th scope="col" class="govuk-table__header">Detail</th>
          <th scope="col" class="govuk-table__header">Was</th>
          <th scope="col" class="govuk-table__header">Now</th>
        </tr>
      </thead>
      <tbody class="govuk-table__body"><?cs
      each:change = Changes ?>
        <tr class="govuk-table__row">
          <td class="govuk-table__cell"><?cs var:change.When ?></td>
          <td class="govuk-table__cell app-wrap"><?cs var:change.By ?><?cs if:change.Organisation ?>, <?cs var:change.Organisation ?><?cs /if ?></td>
          <td class="govuk-table__cell app-wrap"><?cs var:change.Field ?></td>
          <td class="govuk-table__cell app-wrap"><?cs if:change.Old ?><?cs var:change.Old ?><?cs else ?><span class="govuk-hint">Not given</span><?cs /if ?></td>
          <td class="govuk-table__cell app-wrap"><?cs if:change.New ?><?cs var:change.New ?><?cs else ?><span class="govuk-hint">Not given</span><?cs /if ?></td>
        </tr><?cs
      /each ?>
      </tbody>
    </table><?cs
    /if ?><?cs
/if ?>

<?cs include:"pages/privacy/profile_sections.cs" ?>
    <p class="govuk-body-s">Added on <?cs var:Client.CreatedAt ?><?cs if:Client.CreatedBy ?> by <?cs var:Client.CreatedBy ?><?cs /if ?>.</p><?cs
call:client_tabs_end() ?>
