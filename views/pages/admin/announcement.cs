<?cs # One announcement's reach. Announcement.{Id,Subject,Body,Sent,By,To,Recipients,Read,Rate};
     Readers.N.{Name,Read ("Not yet")}; Notice.Done after sending. ?>
<?cs call:back_link(App.Base + "/admin/announcements") ?>
<div class="govuk-grid-row">
  <div class="govuk-grid-column-two-thirds"><?cs
    if:Notice.Done ?><?cs call:notification_banner("sent-title", "", Notice.Done, "success") ?><?cs /if ?>
    <h1 class="govuk-heading-l app-wrap"><?cs var:Announcement.Subject ?></h1>
    <dl class="govuk-summary-list" id="reach"><?cs
      call:summary_row("Sent", Announcement.Sent + " by " + Announcement.By) ?><?cs
      call:summary_row("To", Announcement.To) ?><?cs
      call:summary_row("Recipients", Announcement.Recipients) ?><?cs
      call:summary_row("Read", Announcement.Rate) ?><?cs
      call:summary_row("Message", Announcement.Body) ?>
    </dl>
    <table class="govuk-table" id="readers">
      <caption class="govuk-table__caption govuk-table__caption--m">Who has read it</caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <th scope="col" class="govuk-table__header">Staff member</th>
          <th scope="col" class="govuk-table__header">Read</th>
        </tr>
      </thead>
      <tbody class="govuk-table__body"><?cs
      each:r = Readers ?>
        <tr class="govuk-table__row">
          <td class="govuk-table__cell"><?cs var:r.Name ?></td>
          <td class="govuk-table__cell"><?cs var:r.Read ?></td>
        </tr><?cs
      /each ?>
      </tbody>
    </table>
  </div>
</div>
