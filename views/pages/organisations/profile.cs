<?cs # An organisation's profile (every member of staff): Org.{Id,Name,Description,Address,Phone,
     Email,Website,Banner,Active,Accepting,PausedReason,PausedUntil,OpenReferrals,Capacity,Ages,
     AllGenders,AllLas,AllSenders,Issues.N,Genders.N,Las.N,Senders.N,ParentId,Parent,
     Teams.N.{Id,Name},CanEdit}; Success after a change. CanEdit (the organisation's leads and
     administrators): the pause or resume form, the banner form and the link to edit.
     Form.{reason,resume_day,resume_month,resume_year,banner} as typed on error. ?>
<?cs call:back_link(App.Base + "/organisations") ?>
<div class="govuk-grid-row">
  <div class="govuk-grid-column-two-thirds"><?cs
    if:Success ?><?cs call:notification_banner("success-title", "", Success, "success") ?><?cs /if ?>
    <span class="govuk-caption-l">Organisation</span>
    <h1 class="govuk-heading-l app-wrap"><?cs var:Org.Name ?></h1><?cs
    if:Org.Banner ?>
    <div class="govuk-notification-banner" role="region" aria-labelledby="org-banner-title" data-module="govuk-notification-banner" id="org-banner">
      <div class="govuk-notification-banner__header"><h2 class="govuk-notification-banner__title" id="org-banner-title">Alert</h2></div>
      <div class="govuk-notification-banner__content"><p class="govuk-notification-banner__heading app-wrap"><?cs var:Org.Banner ?></p></div>
    </div><?cs
    /if ?><?cs
    if:Org.Parent ?><p class="govuk-body">A team of <a class="govuk-link" href="<?cs var:App.Base ?>/organisations/<?cs var:Org.ParentId ?>"><?cs var:Org.Parent ?></a>.</p><?cs /if ?><?cs
    if:Org.Description ?><p class="govuk-body app-wrap" id="description"><?cs var:Org.Description ?></p><?cs /if ?>

    <h2 class="govuk-heading-m">Referrals</h2>
    <p class="govuk-body" id="status"><?cs
      if:Org.PausedReason ?><?cs
        if:Org.PausedUntil ?><?cs call:tag("Paused until " + Org.PausedUntil + ": " + Org.PausedReason, "yellow") ?><?cs
        else ?><?cs call:tag("Paused: " + Org.PausedReason, "yellow") ?><?cs /if ?><?cs
      elif:Org.Accepting ?><?cs call:tag("Accepting referrals", "green") ?><?cs
      else ?><?cs call:tag("Not accepting referrals", "yellow") ?><?cs /if ?></p>
    <dl class="govuk-summary-list" id="profile"><?cs
      if:Org.Capacity ?><?cs call:summary_row("Capacity", Org.OpenReferrals + " of " + Org.Capacity + " places in use") ?><?cs
      else ?><?cs call:summary_row("Capacity", "No limit (" + Org.OpenReferrals + " open referrals)") ?><?cs /if ?>
      <div class="govuk-summary-list__row">
        <dt class="govuk-summary-list__key">Issues handled</dt>
        <dd class="govuk-summary-list__value"><?cs if:subcount(Org.Issues) == 0 ?>None yet<?cs /if ?><?cs each:name = Org.Issues ?><?cs var:name ?><?cs if:!last(name) ?>, <?cs /if ?><?cs /each ?></dd>
      </div><?cs
      call:summary_row("Ages", Org.Ages) ?>
      <div class="govuk-summary-list__row">
        <dt class="govuk-summary-list__key">Genders</dt>
        <dd class="govuk-summary-list__value"><?cs if:Org.AllGenders ?>All genders<?cs else ?><?cs each:name = Org.Genders ?><?cs var:name ?><?cs if:!last(name) ?>, <?cs /if ?><?cs /each ?><?cs /if ?></dd>
      </div>
      <div class="govuk-summary-list__row">
        <dt class="govuk-summary-list__key">Local authorities</dt>
        <dd class="govuk-summary-list__value"><?cs if:Org.AllLas ?>All local authorities<?cs elif:subcount(Org.Las) == 0 ?>None yet<?cs else ?><?cs each:name = Org.Las ?><?cs var:name ?><?cs if:!last(name) ?>, <?cs /if ?><?cs /each ?><?cs /if ?></dd>
      </div>
      <div class="govuk-summary-list__row">
        <dt class="govuk-summary-list__key">Accepts referrals from</dt>
        <dd class="govuk-summary-list__value" id="senders"><?cs if:Org.AllSenders ?>All organisations<?cs else ?>Only <?cs each:name = Org.Senders ?><?cs var:name ?><?cs if:!last(name) ?>, <?cs /if ?><?cs /each ?> (and their teams)<?cs /if ?></dd>
      </div>
    </dl>

    <h2 class="govuk-heading-m">Contact details</h2>
    <dl class="govuk-summary-list" id="contact"><?cs
      if:Org.Phone ?><?cs call:summary_row("Phone", Org.Phone) ?><?cs /if ?><?cs
      if:Org.Email ?>
      <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Email</dt><dd class="govuk-summary-list__value app-wrap"><a class="govuk-link" href="mailto:<?cs var:Org.Email ?>"><?cs var:Org.Email ?></a></dd></div><?cs
      /if ?><?cs
      if:Org.Website ?>
      <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Website</dt><dd class="govuk-summary-list__value app-wrap"><a class="govuk-link" href="<?cs var:Org.Website ?>" rel="noopener noreferrer"><?cs var:Org.Website ?></a></dd></div><?cs
      /if ?><?cs
      if:Org.Address ?><?cs call:summary_row("Address", Org.Address) ?><?cs /if ?><?cs
      if:!Org.Phone && !Org.Email && !Org.Website && !Org.Address ?><?cs call:summary_row("Contact", "No contact details yet") ?><?cs /if ?>
    </dl><?cs
    if:subcount(Org.Teams) > 0 ?>
    <h2 class="govuk-heading-m">Teams</h2>
    <ul class="govuk-list" id="teams"><?cs each:team = Org.Teams ?>
      <li><a class="govuk-link" href="<?cs var:App.Base ?>/organisations/<?cs var:team.Id ?>"><?cs var:team.Name ?></a></li><?cs /each ?>
    </ul><?cs
    /if ?><?cs

    if:Org.CanEdit ?>
    <h2 class="govuk-heading-m">Manage this organisation</h2>
    <p class="govuk-body"><a class="govuk-link" id="edit-profile" href="<?cs var:App.Base ?>/organisations/<?cs var:Org.Id ?>/edit">Edit the profile, eligibility and capacity</a></p><?cs
      if:Org.PausedReason || !Org.Accepting ?>
    <form method="post" action="<?cs var:App.Base ?>/organisations/<?cs var:Org.Id ?>/resume" id="resume-form" novalidate>
      <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
      <?cs call:button("Accept referrals again", "") ?>
    </form><?cs
      /if ?><?cs
      if:!Org.PausedReason ?>
    <form method="post" action="<?cs var:App.Base ?>/organisations/<?cs var:Org.Id ?>/pause" id="pause-form" novalidate>
      <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
      <h3 class="govuk-heading-s">Pause referrals</h3><?cs
      call:text_input("reason", "Reason", "Shown to staff choosing where to refer, like ‘staff shortage’.", "off", "") ?><?cs
      call:date_input("resume", "Resume on (optional)", "Referrals start again by themselves on this day. Leave blank to resume by hand. For example, 3 3 2027.") ?><?cs
      call:button("Pause referrals", "govuk-button--warning") ?>
    </form><?cs
      /if ?>
    <form method="post" action="<?cs var:App.Base ?>/organisations/<?cs var:Org.Id ?>/banner" id="banner-form" novalidate>
      <input type="hidden" name="csrf" value="<?cs var:Csrf ?>"><?cs
      if:!?Form.banner ?><?cs set:Form.banner = Org.Banner ?><?cs /if ?><?cs
      call:text_input("banner", "Banner alert (optional)", "Shown on this profile and wherever the organisation is offered in a referral. Leave blank for none.", "off", "") ?><?cs
      call:button("Save banner", "govuk-button--secondary") ?>
    </form><?cs
    /if ?>
  </div>
</div>
