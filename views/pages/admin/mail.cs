<?cs # E-mail delivery. Mail.{Backlog,OldestMinutes,Relay}; Failures.N.{Id,Kind,To,Written,Failed,Reason}. ?>
<?cs call:back_link(App.Base + "/admin") ?>
<div class="govuk-grid-row">
  <div class="govuk-grid-column-full">
    <h1 class="govuk-heading-l">E-mail delivery</h1>
    <dl class="govuk-summary-list" id="mail-backlog"><?cs
      if:Mail.Relay ?><?cs call:summary_row("Relay", Mail.Relay) ?><?cs
      else ?><?cs call:summary_row("Relay", "None set: e-mails wait in the outbox") ?><?cs /if ?><?cs
      call:summary_row("Waiting to be sent", Mail.Backlog) ?><?cs
      call:summary_row("Oldest waiting", Mail.OldestMinutes + " minutes") ?>
    </dl><?cs
    if:subcount(Failures) == 0 ?>
    <p class="govuk-body">No e-mail has failed.</p><?cs
    else ?>
    <table class="govuk-table" id="mail-failures">
      <caption class="govuk-table__caption govuk-table__caption--m">Failed e-mails, latest first</caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <th scope="col" class="govuk-table__header">E-mail</th>
          <th scope="col" class="govuk-table__header">To</th>
          <th scope="col" class="govuk-table__header">Written</th>
          <th scope="col" class="govuk-table__header">Failed</th>
          <th scope="col" class="govuk-table__header">Reason</th>
        </tr>
      </thead>
      <tbody class="govuk-table__body"><?cs
      each:f = Failures ?>
        <tr class="govuk-table__row">
          <td class="govuk-table__cell"><?cs var:f.Id ?> (<?cs var:f.Kind ?>)</td>
          <td class="govuk-table__cell app-wrap"><?cs var:f.To ?></td>
          <td class="govuk-table__cell"><?cs var:f.Written ?></td>
          <td class="govuk-table__cell"><?cs var:f.Failed ?></td>
          <td class="govuk-table__cell app-wrap"><?cs var:f.Reason ?></td>
        </tr><?cs
      /each ?>
      </tbody>
    </table><?cs
    /if ?>
  </div>
</div>
