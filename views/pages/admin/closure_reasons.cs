<?cs # Closure reasons: the list in order, with rename, reorder and retire; and the add form.
     Reasons.N.{Id,Name,Retired,AutoClose}; Success after a change. ?>
<?cs call:back_link(App.Base + "/admin") ?>
<div class="govuk-grid-row">
  <div class="govuk-grid-column-full"><?cs
    if:Success ?><?cs call:notification_banner("success-title", "", Success, "success") ?><?cs /if ?>
    <h1 class="govuk-heading-l">Closure reasons</h1>
    <p class="govuk-body">Staff choose one of these when they close a referral. Retired reasons are no longer offered, but referrals already closed with them keep them.</p>
    <table class="govuk-table app-list" id="reasons">
      <caption class="govuk-table__caption govuk-table__caption--m">Reasons, in the order staff see them</caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <th scope="col" class="govuk-table__header">Reason</th>
          <th scope="col" class="govuk-table__header">Status</th>
          <th scope="col" class="govuk-table__header">Actions</th>
        </tr>
      </thead>
      <tbody class="govuk-table__body"><?cs
      each:reason = Reasons ?>
        <tr class="govuk-table__row">
          <td class="govuk-table__cell" data-label="Reason"><?cs var:reason.Name ?><?cs
            if:reason.AutoClose ?><br><span class="govuk-hint govuk-!-margin-0">Used for automatic closing</span><?cs /if ?></td>
          <td class="govuk-table__cell" data-label="Status"><?cs
            if:reason.Retired ?><?cs call:tag("Retired", "grey") ?><?cs else ?><?cs call:tag("Active", "green") ?><?cs /if ?></td>
          <td class="govuk-table__cell" data-label="Actions">
            <a class="govuk-link" href="<?cs var:App.Base ?>/admin/closure-reasons/<?cs var:reason.Id ?>">Rename<span class="govuk-visually-hidden"> <?cs var:reason.Name ?></span></a><?cs
            if:!reason.Retired ?>
            <form method="post" action="<?cs var:App.Base ?>/admin/closure-reasons/<?cs var:reason.Id ?>/move" class="app-inline-form">
              <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
              <button type="submit" name="direction" value="up" class="app-link-button">Move up<span class="govuk-visually-hidden"> <?cs var:reason.Name ?></span></button>
              <button type="submit" name="direction" value="down" class="app-link-button">Move down<span class="govuk-visually-hidden"> <?cs var:reason.Name ?></span></button>
            </form>
            <form method="post" action="<?cs var:App.Base ?>/admin/closure-reasons/<?cs var:reason.Id ?>/retire" class="app-inline-form">
              <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
              <button type="submit" class="app-link-button">Retire<span class="govuk-visually-hidden"> <?cs var:reason.Name ?></span></button>
            </form><?cs
            else ?>
            <form method="post" action="<?cs var:App.Base ?>/admin/closure-reasons/<?cs var:reason.Id ?>/restore" class="app-inline-form">
              <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
              <button type="submit" class="app-link-button">Restore<span class="govuk-visually-hidden"> <?cs var:reason.Name ?></span></button>
            </form><?cs
            /if ?>
          </td>
        </tr><?cs
      /each ?>
      </tbody>
    </table>

    <h2 class="govuk-heading-m">Add a closure reason</h2>
    <form method="post" action="<?cs var:App.Base ?>/admin/closure-reasons" novalidate>
      <input type="hidden" name="csrf" value="<?cs var:Csrf ?>"><?cs
      call:text_input("name", "Reason", "For example, ‘Support provided’", "off", "") ?><?cs
      call:button("Add reason", "") ?>
    </form>
  </div>
</div>
