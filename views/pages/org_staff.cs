<?cs # An organisation's staff for its managers and administrators: Org.{Id,Name};
     Members.N.{Id,Name,Username,Email,LastSignIn,Role,RoleLabel,Manual,Directory,IsSelf,GroupDn,
     DirectoryRole,ManualRole,SetBy}; Pending.N.{Id,Name,Username,Email,RoleLabel,AddedBy,AddedAt};
     Groups.N.{Id,Dn,Role} with CanSetGroups (administrators); Roles (the three, for selects);
     Success after a change. ?>
<div class="govuk-grid-row">
  <div class="govuk-grid-column-full"><?cs
    if:Success ?><?cs call:notification_banner("success-title", "", Success, "success") ?><?cs /if ?>
    <span class="govuk-caption-l"><?cs var:Org.Name ?></span>
    <h1 class="govuk-heading-l">Staff</h1>
    <p class="govuk-body">Staff send and receive referrals and get the organisation’s messages. An Organisation lead can also edit the organisation’s profile, eligibility and capacity and pause its referrals. An Organisation manager can also manage its staff here. When someone’s role comes from both a directory group and this page, the higher one applies.</p><?cs
    if:ErrorFor.members ?>
    <p class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> <?cs var:ErrorFor.members ?></p><?cs
    /if ?>
    <table class="govuk-table" id="members">
      <caption class="govuk-table__caption govuk-table__caption--m">Members of staff</caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <th scope="col" class="govuk-table__header">Name</th>
          <th scope="col" class="govuk-table__header">Role and where it comes from</th>
          <th scope="col" class="govuk-table__header">Last signed in</th>
          <th scope="col" class="govuk-table__header"><span class="govuk-visually-hidden">Actions</span></th>
        </tr>
      </thead>
      <tbody class="govuk-table__body"><?cs
      each:m = Members ?>
        <tr class="govuk-table__row" data-staff="<?cs var:m.Username ?>">
          <td class="govuk-table__cell app-wrap"><?cs var:m.Name ?><br><span class="govuk-hint govuk-!-margin-0"><?cs var:m.Username ?><?cs if:m.Email ?> · <?cs var:m.Email ?><?cs /if ?></span></td>
          <td class="govuk-table__cell app-wrap"><strong class="app-role"><?cs var:m.RoleLabel ?></strong><?cs
          if:m.Directory ?><br><span class="govuk-hint govuk-!-margin-0"><?cs var:m.DirectoryRole ?> from directory group <?cs var:m.GroupDn ?></span><?cs /if ?><?cs
          if:m.Manual ?><br><span class="govuk-hint govuk-!-margin-0"><?cs var:m.ManualRole ?>, set here<?cs if:m.SetBy ?> by <?cs var:m.SetBy ?><?cs /if ?></span><?cs /if ?></td>
          <td class="govuk-table__cell"><?cs if:m.LastSignIn ?><?cs var:m.LastSignIn ?><?cs else ?>Never<?cs /if ?></td>
          <td class="govuk-table__cell">
            <form method="post" action="<?cs var:App.Base ?>/organisations/<?cs var:Org.Id ?>/staff/<?cs var:m.Id ?>/role" class="app-inline-form">
              <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
              <label class="govuk-label govuk-visually-hidden" for="role-<?cs var:m.Id ?>">Role of <?cs var:m.Name ?></label>
              <select class="govuk-select" id="role-<?cs var:m.Id ?>" name="role"><?cs
              each:r = Roles ?>
                <option value="<?cs var:r.Value ?>"<?cs if:r.Value == m.Role ?> selected<?cs /if ?>><?cs var:r.Text ?></option><?cs
              /each ?>
              </select>
              <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button">Change role<span class="govuk-visually-hidden"> of <?cs var:m.Name ?></span></button>
            </form><?cs
            if:m.Manual ?>
            <form method="post" action="<?cs var:App.Base ?>/organisations/<?cs var:Org.Id ?>/staff/<?cs var:m.Id ?>/remove" class="app-inline-form">
              <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
              <button type="submit" class="app-link-button">Remove<span class="govuk-visually-hidden"> <?cs var:m.Name ?></span><?cs if:m.Directory ?> manual membership<?cs /if ?></button>
            </form><?cs
            /if ?>
          </td>
        </tr><?cs
      /each ?>
      </tbody>
    </table><?cs

    if:subcount(Pending) > 0 ?>
    <table class="govuk-table" id="pending">
      <caption class="govuk-table__caption govuk-table__caption--m">Waiting for their first sign-in</caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <th scope="col" class="govuk-table__header">Name</th>
          <th scope="col" class="govuk-table__header">Role</th>
          <th scope="col" class="govuk-table__header">Added</th>
          <th scope="col" class="govuk-table__header"><span class="govuk-visually-hidden">Actions</span></th>
        </tr>
      </thead>
      <tbody class="govuk-table__body"><?cs
      each:p = Pending ?>
        <tr class="govuk-table__row">
          <td class="govuk-table__cell app-wrap"><?cs var:p.Name ?><br><span class="govuk-hint govuk-!-margin-0"><?cs var:p.Username ?></span></td>
          <td class="govuk-table__cell"><?cs var:p.RoleLabel ?></td>
          <td class="govuk-table__cell"><?cs var:p.AddedAt ?><?cs if:p.AddedBy ?> by <?cs var:p.AddedBy ?><?cs /if ?></td>
          <td class="govuk-table__cell">
            <form method="post" action="<?cs var:App.Base ?>/organisations/<?cs var:Org.Id ?>/staff/pending/<?cs var:p.Id ?>/cancel" class="app-inline-form">
              <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
              <button type="submit" class="app-link-button">Cancel<span class="govuk-visually-hidden"> adding <?cs var:p.Name ?></span></button>
            </form>
          </td>
        </tr><?cs
      /each ?>
      </tbody>
    </table><?cs
    /if ?>
  </div>
</div>
<div class="govuk-grid-row">
  <div class="govuk-grid-column-two-thirds">
    <h2 class="govuk-heading-m">Add a member of staff</h2>
    <form method="post" action="<?cs var:App.Base ?>/organisations/<?cs var:Org.Id ?>/staff" novalidate>
      <input type="hidden" name="csrf" value="<?cs var:Csrf ?>"><?cs
      call:input("person", "text", "Username or email address", "As in the staff directory. Someone who has never signed in joins when they first do.", "off", "govuk-!-width-two-thirds", "false", "") ?><?cs
      call:select("role", "Role", "", Roles, Form.role) ?><?cs
      call:button("Add member of staff", "") ?>
    </form><?cs

    if:CanSetGroups ?>
    <h2 class="govuk-heading-m" id="groups">Directory groups</h2><?cs
    if:ErrorFor.groups ?>
    <p class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> <?cs var:ErrorFor.groups ?></p><?cs
    /if ?><?cs
    if:subcount(Groups) == 0 ?>
    <p class="govuk-body">No directory group gives membership of this organisation.</p><?cs
    /if ?><?cs
    each:g = Groups ?>
    <form method="post" action="<?cs var:App.Base ?>/organisations/<?cs var:Org.Id ?>/groups/<?cs var:g.Id ?>/role" class="app-inline-form">
      <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
      <label class="govuk-label app-wrap" for="group-<?cs var:g.Id ?>">Role its members get from <?cs var:g.Dn ?></label>
      <select class="govuk-select" id="group-<?cs var:g.Id ?>" name="role"><?cs
      each:r = Roles ?>
        <option value="<?cs var:r.Value ?>"<?cs if:r.Value == g.Role ?> selected<?cs /if ?>><?cs var:r.Text ?></option><?cs
      /each ?>
      </select>
      <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">Set group role</button>
    </form><?cs
    /each ?><?cs
    /if ?>
  </div>
</div>
