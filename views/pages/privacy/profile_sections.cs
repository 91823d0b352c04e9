<?cs # The profile's privacy sections (issue 15): Access.N.{When,What,Organisation,Staff,
     RequestId} (Staff only for the viewer's own organisation, or everyone for
     administrators); Sharing.N.{ReferralId,When,To,From,By,Issue,ConsentId,ConsentAt,
     ConsentFrom}; administrators get the erasure and subject access links. ?>
    <h2 class="govuk-heading-m">Sharing history</h2><?cs
    if:SharingCount == 0 ?>
    <p class="govuk-body" id="sharing">The client’s details have not been sent to any organisation.</p><?cs
    else ?>
    <table class="govuk-table" id="sharing">
      <caption class="govuk-table__caption govuk-table__caption--s">Organisations sent the client’s details, newest first</caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <th scope="col" class="govuk-table__header">Sent</th>
          <th scope="col" class="govuk-table__header">To</th>
          <th scope="col" class="govuk-table__header">By</th>
          <th scope="col" class="govuk-table__header">Under consent</th>
        </tr>
      </thead>
      <tbody class="govuk-table__body"><?cs
      each:s = Sharing ?>
        <tr class="govuk-table__row">
          <td class="govuk-table__cell"><?cs var:s.When ?></td>
          <td class="govuk-table__cell app-wrap"><?cs var:s.To ?> (<?cs var:s.Issue ?>, referral <?cs var:s.ReferralId ?>)</td>
          <td class="govuk-table__cell app-wrap"><?cs if:s.By ?><?cs var:s.By ?>, <?cs /if ?><?cs var:s.From ?></td>
          <td class="govuk-table__cell app-wrap">Consent <?cs var:s.ConsentId ?>, given by <?cs var:s.ConsentFrom ?> on <?cs var:s.ConsentAt ?></td>
        </tr><?cs
      /each ?>
      </tbody>
    </table><?cs
    /if ?>

    <h2 class="govuk-heading-m">Access history</h2><?cs
    if:AccessCount == 0 ?>
    <p class="govuk-body" id="access">Nobody has viewed this client’s details yet.</p><?cs
    else ?>
    <table class="govuk-table" id="access">
      <caption class="govuk-table__caption govuk-table__caption--s">Who viewed the client’s details, newest first (other organisations are shown by name only)</caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <th scope="col" class="govuk-table__header">When</th>
          <th scope="col" class="govuk-table__header">Who</th>
          <th scope="col" class="govuk-table__header">What</th>
        </tr>
      </thead>
      <tbody class="govuk-table__body"><?cs
      each:a = Access ?>
        <tr class="govuk-table__row">
          <td class="govuk-table__cell"><?cs var:a.When ?></td>
          <td class="govuk-table__cell app-wrap"><?cs if:a.Staff ?><?cs var:a.Staff ?>, <?cs /if ?><?cs var:a.Organisation ?></td>
          <td class="govuk-table__cell app-wrap"><?cs var:a.What ?><?cs if:a.RequestId ?> <span class="govuk-hint">(request <?cs var:a.RequestId ?>)</span><?cs /if ?></td>
        </tr><?cs
      /each ?>
      </tbody>
    </table><?cs
    /if ?><?cs
    if:User.IsAdmin ?>
    <h2 class="govuk-heading-m">Data protection</h2>
    <ul class="govuk-list">
      <li><a class="govuk-link" id="subject-access" href="<?cs var:App.Base ?>/clients/<?cs var:Client.Id ?>/subject-access">Download everything held about this client (subject access)</a></li><?cs
      if:!Redacted.On ?>
      <li><a class="govuk-link" id="erase" href="<?cs var:App.Base ?>/clients/<?cs var:Client.Id ?>/erase">Erase this client’s details</a></li><?cs
      /if ?>
    </ul><?cs
    /if ?>
