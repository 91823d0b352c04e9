<?cs # One staff member: details, memberships with their source (remove manual ones, add one),
     and deactivate / reactivate. Person.{Id,Name,Username,Email,DirectoryDn,IsAdmin,Active,
     LastSignIn,FirstSignIn,IsSelf,ManualCount,Orgs.M.{Id,Name,OrgActive,Manual,GroupDn,AddedBy,
     AddedAt,Role}}; Choices (organisations to add, with a first empty one), ChoiceCount;
     AuditAbout, AuditBy (audit log links); Success after a change. ?>
<?cs call:back_link(App.Base + "/admin/staff") ?>
<div class="govuk-grid-row">
  <div class="govuk-grid-column-two-thirds"><?cs
    if:Success ?><?cs call:notification_banner("success-title", "", Success, "success") ?><?cs /if ?>
    <span class="govuk-caption-l">Staff</span>
    <h1 class="govuk-heading-l app-wrap"><?cs var:Person.Name ?></h1>
    <dl class="govuk-summary-list"><?cs
      call:summary_row("Username", Person.Username) ?><?cs
      if:Person.Email ?><?cs call:summary_row("Email", Person.Email) ?><?cs /if ?><?cs
      if:Person.DirectoryDn ?><?cs call:summary_row("Directory entry", Person.DirectoryDn) ?><?cs /if ?>
      <div class="govuk-summary-list__row">
        <dt class="govuk-summary-list__key">Administrator</dt>
        <dd class="govuk-summary-list__value"><?cs if:Person.IsAdmin ?>Yes<?cs else ?>No<?cs /if ?>
          <p class="govuk-hint govuk-!-margin-bottom-0">Set by the directory’s administrator group each time they sign in, so it cannot be changed here.</p></dd>
      </div>
      <div class="govuk-summary-list__row">
        <dt class="govuk-summary-list__key">Status</dt>
        <dd class="govuk-summary-list__value" id="status"><?cs
          if:Person.Active ?><?cs call:tag("Active", "green") ?><?cs else ?><?cs call:tag("Deactivated", "grey") ?><?cs /if ?></dd>
      </div><?cs
      if:Person.LastSignIn ?><?cs call:summary_row("Last signed in", Person.LastSignIn) ?><?cs
      else ?><?cs call:summary_row("Last signed in", "Never") ?><?cs /if ?><?cs
      call:summary_row("First signed in", Person.FirstSignIn) ?>
    </dl>

    <h2 class="govuk-heading-m">Organisations</h2>
    <p class="govuk-body">A membership from a directory group follows the person’s groups in the staff directory: it is updated each time they sign in and cannot be removed here (ask whoever manages the directory to change their groups). A manual membership is added here and stays until an administrator removes it.</p><?cs
    if:ErrorFor.memberships ?>
    <p class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> <?cs var:ErrorFor.memberships ?></p><?cs
    /if ?><?cs
    if:subcount(Person.Orgs) == 0 ?>
    <p class="govuk-body" id="memberships">They are not a member of any organisation, so they cannot use the service until they are added to one.</p><?cs
    else ?>
    <table class="govuk-table" id="memberships">
      <caption class="govuk-table__caption govuk-table__caption--s">Their organisations and why they are in each</caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <th scope="col" class="govuk-table__header">Organisation</th>
          <th scope="col" class="govuk-table__header">Role</th>
          <th scope="col" class="govuk-table__header">Source</th>
          <th scope="col" class="govuk-table__header"><span class="govuk-visually-hidden">Actions</span></th>
        </tr>
      </thead>
      <tbody class="govuk-table__body"><?cs
      each:org = Person.Orgs ?>
        <tr class="govuk-table__row">
          <td class="govuk-table__cell app-wrap" id="membership-<?cs var:org.Id ?>-<?cs if:org.Manual ?>manual<?cs else ?>directory<?cs /if ?>"><?cs var:org.Name ?><?cs if:!org.OrgActive ?><br><span class="govuk-hint govuk-!-margin-0">Organisation deactivated</span><?cs /if ?></td>
          <td class="govuk-table__cell"><?cs var:org.Role ?><?cs if:org.OrgActive ?><br><a class="govuk-link" href="<?cs var:App.Base ?>/organisations/<?cs var:org.Id ?>/staff" aria-describedby="membership-<?cs var:org.Id ?>-<?cs if:org.Manual ?>manual<?cs else ?>directory<?cs /if ?>">Change role</a><?cs /if ?></td>
          <td class="govuk-table__cell app-wrap"><?cs
          if:org.Manual ?>Manual<br><span class="govuk-hint govuk-!-margin-0">Added<?cs if:org.AddedBy ?> by <?cs var:org.AddedBy ?><?cs /if ?><?cs if:org.AddedAt ?> on <?cs var:org.AddedAt ?><?cs /if ?></span><?cs
          else ?>Directory group<br><span class="govuk-hint govuk-!-margin-0"><?cs var:org.GroupDn ?></span><?cs
          /if ?></td>
          <td class="govuk-table__cell"><?cs
          if:org.Manual ?>
            <form method="post" action="<?cs var:App.Base ?>/admin/staff/<?cs var:Person.Id ?>/memberships/<?cs var:org.Id ?>/remove" class="app-inline-form">
              <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
              <button type="submit" class="app-link-button">Remove<span class="govuk-visually-hidden"> manual membership of <?cs var:org.Name ?></span></button>
            </form><?cs
          else ?>From the directory<?cs
          /if ?></td>
        </tr><?cs
      /each ?>
      </tbody>
    </table><?cs
    /if ?>

    <h2 class="govuk-heading-m">Add to an organisation</h2><?cs
    if:ChoiceCount > 0 ?>
    <form method="post" action="<?cs var:App.Base ?>/admin/staff/<?cs var:Person.Id ?>/memberships" novalidate>
      <input type="hidden" name="csrf" value="<?cs var:Csrf ?>"><?cs
      call:select("organisation_id", "Organisation", "They can work for it from their next page, without signing in again.", Choices, Form.organisation_id) ?><?cs
      call:button("Add manual membership", "govuk-button--secondary") ?>
    </form><?cs
    else ?>
    <p class="govuk-body" id="organisation_id">They are already a manual member of every active organisation.</p><?cs
    /if ?>

    <h2 class="govuk-heading-m" id="access">Access</h2><?cs
    if:ErrorFor.access ?>
    <p class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> <?cs var:ErrorFor.access ?></p><?cs
    /if ?><?cs
    if:!Person.Active ?>
    <p class="govuk-body">Deactivated: they cannot sign in, even with the right directory password.</p>
    <form method="post" action="<?cs var:App.Base ?>/admin/staff/<?cs var:Person.Id ?>/reactivate" novalidate>
      <input type="hidden" name="csrf" value="<?cs var:Csrf ?>"><?cs
      call:button("Reactivate " + Person.Name, "") ?>
    </form><?cs
    elif:Person.IsSelf ?><?cs
    call:inset_text("This is your own account. You cannot deactivate it yourself: another administrator can.") ?><?cs
    else ?>
    <div class="govuk-warning-text">
      <span class="govuk-warning-text__icon" aria-hidden="true">!</span>
      <strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">Warning</span>Deactivating signs them out everywhere at once, and they cannot sign in again, even with the right directory password, until they are reactivated.</strong>
    </div>
    <form method="post" action="<?cs var:App.Base ?>/admin/staff/<?cs var:Person.Id ?>/deactivate" novalidate>
      <input type="hidden" name="csrf" value="<?cs var:Csrf ?>"><?cs
      call:button("Deactivate " + Person.Name, "govuk-button--warning") ?>
    </form><?cs
    /if ?>

    <h2 class="govuk-heading-m">History</h2>
    <ul class="govuk-list">
      <li><a class="govuk-link" href="<?cs var:AuditAbout ?>">Changes to <?cs var:Person.Name ?>’s account in the audit log</a></li>
      <li><a class="govuk-link" href="<?cs var:AuditBy ?>">What <?cs var:Person.Name ?> has done, in the audit log</a></li>
    </ul>
  </div>
</div>
