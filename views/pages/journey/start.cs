<?cs # Referrals in progress (/drafts: Drafts.N.{Id,Client,Step,Updated}), and starting a
     referral from a client's profile (Start.ClientId). "New referral" itself opens the find
     step (pages/journey/find.cs). ?>
<div class="govuk-grid-row">
  <div class="govuk-grid-column-two-thirds"><?cs
    if:Query.discarded ?><?cs call:notification_banner("discarded-title", "", "Referral in progress discarded", "success") ?><?cs /if ?>
<?cs
    if:Start.ClientId ?>
    <h1 class="govuk-heading-l">New referral</h1>
    <p class="govuk-body">You will record the client's consent, choose the issues and the organisations to refer them to, and answer each issue's questions. Everything you enter is saved as you go.</p>
    <form method="post" action="<?cs var:App.Base ?>/referrals/new">
      <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
      <input type="hidden" name="client_id" value="<?cs var:Start.ClientId ?>"><?cs
      call:button("Start a new referral", "govuk-button--start") ?>
    </form><?cs
    else ?>
    <h1 class="govuk-heading-l">Referrals in progress</h1>
    <p class="govuk-body"><a class="govuk-link" href="<?cs var:App.Base ?>/referrals/new">Start a new referral</a></p><?cs
    /if ?><?cs
    if:subcount(Drafts) > 0 ?>
    <h2 class="govuk-heading-m">Your referrals in progress</h2>
    <p class="govuk-body">These are yours, for <?cs var:User.Org.Name ?>. Unsent referrals are deleted after 30 days without changes.</p>
    <table class="govuk-table">
      <caption class="govuk-table__caption govuk-visually-hidden">Referrals in progress</caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <th scope="col" class="govuk-table__header">Client</th>
          <th scope="col" class="govuk-table__header">Last changed</th>
          <th scope="col" class="govuk-table__header">Actions</th>
        </tr>
      </thead>
      <tbody class="govuk-table__body"><?cs
      each:d = Drafts ?>
        <tr class="govuk-table__row">
          <td class="govuk-table__cell app-wrap"><?cs var:d.Client ?></td>
          <td class="govuk-table__cell"><?cs var:d.Updated ?></td>
          <td class="govuk-table__cell">
            <a class="govuk-link" href="<?cs var:App.Base ?>/drafts/<?cs var:d.Id ?>/<?cs var:d.Step ?>">Resume<span class="govuk-visually-hidden"> referral for <?cs var:d.Client ?></span></a>
            <form method="post" action="<?cs var:App.Base ?>/drafts/<?cs var:d.Id ?>/discard" class="app-inline-form">
              <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
              <button type="submit" class="app-link-button">Discard<span class="govuk-visually-hidden"> referral for <?cs var:d.Client ?></span></button>
            </form>
          </td>
        </tr><?cs
      /each ?>
      </tbody>
    </table><?cs
    /if ?>
  </div>
</div>
