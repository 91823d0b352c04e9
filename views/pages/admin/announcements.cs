<?cs # Announcements with their reach. Announcements.N.{Id,Subject,Sent,By,To,Recipients,Read,Rate}. ?>
<?cs call:back_link(App.Base + "/admin") ?>
<div class="govuk-grid-row">
  <div class="govuk-grid-column-full">
    <h1 class="govuk-heading-l">Announcements</h1>
    <p class="govuk-body">A message to all staff or to the staff of chosen organisations. It arrives in their inbox,
      and by e-mail for those who chose that.</p>
    <a class="govuk-button" data-module="govuk-button" href="<?cs var:App.Base ?>/admin/announcements/new">New announcement</a><?cs
    if:subcount(Announcements) == 0 ?>
    <p class="govuk-body">No announcements have been sent.</p><?cs
    else ?>
    <table class="govuk-table" id="announcements">
      <caption class="govuk-table__caption govuk-table__caption--m">Sent, newest first</caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <th scope="col" class="govuk-table__header">Subject</th>
          <th scope="col" class="govuk-table__header">Sent</th>
          <th scope="col" class="govuk-table__header">To</th>
          <th scope="col" class="govuk-table__header">Read</th>
        </tr>
      </thead>
      <tbody class="govuk-table__body"><?cs
      each:a = Announcements ?>
        <tr class="govuk-table__row" id="announcement-<?cs var:a.Id ?>">
          <td class="govuk-table__cell app-wrap"><a class="govuk-link" href="<?cs var:App.Base ?>/admin/announcements/<?cs var:a.Id ?>"><?cs var:a.Subject ?></a></td>
          <td class="govuk-table__cell"><?cs var:a.Sent ?> by <?cs var:a.By ?></td>
          <td class="govuk-table__cell app-wrap"><?cs var:a.To ?></td>
          <td class="govuk-table__cell"><?cs var:a.Rate ?></td>
        </tr><?cs
      /each ?>
      </tbody>
    </table><?cs
    /if ?>
  </div>
</div>
