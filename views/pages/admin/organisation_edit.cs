<?cs # Adding (Org.Id 0) or editing one organisation: one form with everything about it.
     Form.<field> holds each value (stored, or as typed on error); Org.{Id,Name,OpenReferrals};
     Issues.N and Genders.N.{Value,Text,Hint,Checked} for the checkbox macros;
     LocalAuthorities.N.{Letter,Items.M.{Id,Name,Retired,Checked,First}}; Success after a save.
     Issue 13: Senders.N (accepted senders' checkboxes), Parents (the parent select's options, as
     HTML: view_set_options); Org.Lead: the lead's form at /organisations/N/edit, without status,
     directory groups and parent; else (an administrator's page) links to the organisation's staff
     page and its profile. ?><?cs

def:org_textarea(name, label, hint, rows) ?><?cs
  call:field_error(name) ?>
<div class="govuk-form-group<?cs if:View.Error ?> govuk-form-group--error<?cs /if ?>">
  <label class="govuk-label" for="<?cs var:name ?>"><?cs var:label ?></label><?cs
  call:hint_and_error(name, hint) ?>
  <textarea class="govuk-textarea<?cs if:View.Error ?> govuk-textarea--error<?cs /if ?>" id="<?cs var:name ?>" name="<?cs var:name ?>" rows="<?cs var:rows ?>"<?cs call:described_by(name, hint) ?>><?cs var:Form[name] ?></textarea>
</div><?cs
/def ?><?cs

set:Choices.Active.0.Value = "1" ?><?cs set:Choices.Active.0.Text = "Active" ?><?cs
set:Choices.Active.0.Hint = "Staff can refer to it, and its staff can sign in to work for it." ?><?cs
set:Choices.Active.1.Value = "0" ?><?cs set:Choices.Active.1.Text = "Inactive" ?><?cs
set:Choices.Active.1.Hint = "Hidden from staff choosing where to refer, and from its own staff’s organisation list. Its referrals and staff memberships are kept." ?><?cs
set:Choices.Accepting.0.Value = "1" ?><?cs set:Choices.Accepting.0.Text = "Accepting referrals" ?><?cs
set:Choices.Accepting.1.Value = "0" ?><?cs set:Choices.Accepting.1.Text = "Not accepting referrals" ?><?cs
set:Choices.Accepting.1.Hint = "Not offered for new referrals for now; referrals it already has carry on." ?><?cs
set:Choices.Genders.0.Value = "all" ?><?cs set:Choices.Genders.0.Text = "All genders" ?><?cs
set:Choices.Genders.1.Value = "some" ?><?cs set:Choices.Genders.1.Text = "Only the genders chosen below" ?><?cs
set:Choices.Senders.0.Value = "all" ?><?cs set:Choices.Senders.0.Text = "All organisations" ?><?cs
set:Choices.Senders.1.Value = "some" ?><?cs set:Choices.Senders.1.Text = "Only the organisations chosen below" ?><?cs
set:Choices.Senders.1.Hint = "Choosing a parent organisation accepts its teams too." ?><?cs
set:Choices.Las.0.Value = "all" ?><?cs set:Choices.Las.0.Text = "All local authorities" ?><?cs
set:Choices.Las.1.Value = "some" ?><?cs set:Choices.Las.1.Text = "Only the local authorities chosen below" ?><?cs

if:Org.Lead ?><?cs call:back_link(App.Base + "/organisations/" + Org.Id) ?><?cs
else ?><?cs call:back_link(App.Base + "/admin/organisations") ?><?cs /if ?>
<div class="govuk-grid-row">
  <div class="govuk-grid-column-two-thirds"><?cs
    if:Success ?><?cs call:notification_banner("success-title", "", Success, "success") ?><?cs /if ?><?cs
    if:Org.Id ?>
    <span class="govuk-caption-l">Edit organisation</span>
    <h1 class="govuk-heading-l app-wrap"><?cs var:Org.Name ?></h1><?cs
      if:!Org.Lead ?>
    <ul class="govuk-list" id="organisation-links">
      <li><a class="govuk-link" href="<?cs var:App.Base ?>/organisations/<?cs var:Org.Id ?>/staff">Staff and their roles</a></li>
      <li><a class="govuk-link" href="<?cs var:App.Base ?>/organisations/<?cs var:Org.Id ?>">Profile as staff see it</a></li>
    </ul><?cs
      /if ?><?cs
    else ?>
    <h1 class="govuk-heading-l">Add an organisation</h1><?cs
    /if ?>

    <form method="post" action="<?cs var:App.Base ?><?cs if:Org.Lead ?>/organisations/<?cs var:Org.Id ?>/edit<?cs else ?>/admin/organisations<?cs if:Org.Id ?>/<?cs var:Org.Id ?><?cs /if ?><?cs /if ?>" novalidate>
      <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">

      <h2 class="govuk-heading-m">Details</h2><?cs
      call:text_input("name", "Name", "", "off", "") ?><?cs
      call:org_textarea("description", "Description (optional)", "What the organisation does and for whom. Staff see it when choosing where to refer. Up to 500 characters.", "5") ?><?cs
      if:!Org.Lead ?><?cs
        call:select_options("parent", "Parent organisation (optional)", "For a team of a larger body: the body it belongs to.", Parents) ?><?cs
      /if ?>

      <h2 class="govuk-heading-m">Contact details</h2><?cs
      call:input("contact_email", "email", "Email address (optional)", "", "off", "", "false", "") ?><?cs
      call:input("contact_phone", "tel", "Phone number (optional)", "A UK number, like 01632 960 001", "off", "govuk-input--width-20", "", "") ?><?cs
      call:org_textarea("address", "Address (optional)", "", "4") ?><?cs
      call:input("website", "url", "Website (optional)", "Starting https:// or http://", "off", "", "false", "") ?>

      <h2 class="govuk-heading-m">Referrals</h2><?cs
      if:!Org.Lead ?><?cs call:radios("active", "Status", "", Choices.Active, "") ?><?cs /if ?><?cs
      call:radios("accepting", "New referrals", "", Choices.Accepting, "") ?><?cs
      if:Org.Id ?><?cs
        set:View.CapacityHint = "The most referrals it can have open at once. Leave blank for no limit. Now: " + Org.OpenReferrals + " open referrals." ?><?cs
      else ?><?cs
        set:View.CapacityHint = "The most referrals it can have open at once. Leave blank for no limit." ?><?cs
      /if ?><?cs
      call:input("capacity", "text", "Capacity (optional)", View.CapacityHint, "off", "govuk-input--width-5", "", "numeric") ?>

      <h2 class="govuk-heading-m">Who it helps</h2><?cs
      if:subcount(Issues) > 0 ?><?cs
        call:checkboxes("issues", "Issues handled", "Staff can refer clients with these issues to it.", Issues) ?><?cs
      else ?>
      <p class="govuk-body">There are no active issues yet: <a class="govuk-link" href="<?cs var:App.Base ?>/admin/issues">add issues</a> first, then choose the ones this organisation handles.</p><?cs
      /if ?>

      <div class="govuk-form-group">
        <fieldset class="govuk-fieldset" aria-describedby="age-hint">
          <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Age range</legend>
          <div id="age-hint" class="govuk-hint">The ages it accepts, in whole years. Leave a box blank for no lower or upper limit.</div><?cs
          call:input("min_age", "text", "Minimum age (optional)", "", "off", "govuk-input--width-3", "", "numeric") ?><?cs
          call:input("max_age", "text", "Maximum age (optional)", "", "off", "govuk-input--width-3", "", "numeric") ?>
        </fieldset>
      </div><?cs

      call:radios("genders_all", "Genders accepted", "", Choices.Genders, "govuk-radios--small") ?><?cs
      if:subcount(Genders) > 0 ?><?cs
        call:checkboxes("genders", "Genders", "Used only when ‘Only the genders chosen below’ is selected.", Genders) ?><?cs
      /if ?><?cs

      call:radios("las_all", "Local authorities covered", "", Choices.Las, "govuk-radios--small") ?><?cs
      call:field_error("las") ?>
      <div class="govuk-form-group<?cs if:View.Error ?> govuk-form-group--error<?cs /if ?>">
        <fieldset class="govuk-fieldset"<?cs call:described_by("las", "1") ?>>
          <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Local authorities</legend><?cs
          call:hint_and_error("las", "Used only when ‘Only the local authorities chosen below’ is selected. Listed by name, A to Z.") ?><?cs
          if:subcount(LocalAuthorities) == 0 ?>
          <p class="govuk-body">There are no local authorities yet: add them under <a class="govuk-link" href="<?cs var:App.Base ?>/admin/local-authorities">local authorities</a>.</p><?cs
          /if ?><?cs
          each:group = LocalAuthorities ?>
          <h3 class="govuk-heading-s govuk-!-margin-top-4 govuk-!-margin-bottom-2"><?cs var:group.Letter ?></h3>
          <div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes"><?cs
            each:la = group.Items ?><?cs
              if:la.First ?><?cs set:View.LaId = "las" ?><?cs else ?><?cs set:View.LaId = "las_" + la.Id ?><?cs /if ?>
            <div class="govuk-checkboxes__item">
              <input class="govuk-checkboxes__input" id="<?cs var:View.LaId ?>" name="las" type="checkbox" value="<?cs var:la.Id ?>"<?cs if:la.Checked ?> checked<?cs /if ?>>
              <label class="govuk-label govuk-checkboxes__label" for="<?cs var:View.LaId ?>"><?cs var:la.Name ?><?cs if:la.Retired ?> (no longer active)<?cs /if ?></label>
            </div><?cs
            /each ?>
          </div><?cs
          /each ?>
        </fieldset>
      </div>

      <?cs call:radios("senders_all", "Accepts referrals from", "", Choices.Senders, "govuk-radios--small") ?><?cs
      if:subcount(Senders) > 0 ?><?cs
        call:checkboxes("senders", "Organisations it accepts referrals from", "Used only when ‘Only the organisations chosen below’ is selected.", Senders) ?><?cs
      /if ?><?cs
      if:!Org.Lead ?>
      <h2 class="govuk-heading-m">Staff</h2><?cs
      call:org_textarea("groups", "Directory groups (optional)", "One group a line, as its distinguished name, like cn=foodbank,ou=groups,dc=example,dc=org. Members of these groups are the organisation’s staff: someone in a group you add becomes staff when they next sign in; removing a group takes its members off the staff at once. A group can belong to several organisations.", "4") ?><?cs
      /if ?><?cs

      if:Org.Id ?><?cs call:button("Save changes", "") ?><?cs else ?><?cs call:button("Add organisation", "") ?><?cs /if ?>
    </form>
  </div>
</div>
