<?cs # One referral (issue 4 points 1 to 3). Referral.{Id, Role (sender, receiver, admin), Issue,
     Urgent, Sender, Receiver, CreatedBy, CreatedAt, Status, StatusText, StatusColour, UpdateDue,
     CloseDue, UpdateOverdue, CloseOverdue, ClosureReason, RefusalReason, ClosedAt, TakenBy,
     Unresolved, Outcome}; Client.{Id, Name, Dob, Age, Pronoun, Gender, Email, Phone, AltPhone,
     ContactWays, Nhs, Gp, Nfa, Address.N, LocalAuthority}; Consent.{GivenBy, RecordedBy,
     Expires}; Group.N.{Id, Org, StatusText, StatusColour, Current};
     Answers.N.{Question, Lines.K}; Timeline.N.{When, What, Who, Org, Detail};
     Actions.{Acknowledge, Refuse, Close, Withdraw}; Reasons.N.{Value, Text}; Done;
     Consent.{Expired, ExpiredOn, CanRenew}: consent has expired (contact details and answers
     are then not set), and the sender may renew it. ?><?cs
def:row(key, value) ?><?cs
  if:value ?><?cs call:summary_row(key, value) ?><?cs else ?><?cs call:summary_row(key, "Not given") ?><?cs /if ?><?cs
/def ?><?cs
if:Referral.Role == "receiver" ?><?cs call:back_link(App.Base + "/referrals/received") ?><?cs
elif:Referral.Role == "sender" ?><?cs call:back_link(App.Base + "/referrals/sent") ?><?cs
else ?><?cs call:back_link(App.Base + "/") ?><?cs /if ?>
<div class="govuk-grid-row">
  <div class="govuk-grid-column-two-thirds-from-desktop"><?cs
    if:Done ?><?cs call:notification_banner("done-title", "", Done, "success") ?><?cs /if ?>
    <span class="govuk-caption-l">Referral <?cs var:Referral.Id ?></span>
    <h1 class="govuk-heading-l"><?cs var:Referral.Issue ?><?cs if:Client.Name ?> for <?cs var:Client.Name ?><?cs /if ?></h1>
    <p class="govuk-body" id="referral-status"><?cs call:tag(Referral.StatusText, Referral.StatusColour) ?><?cs
      if:Referral.Urgent ?> <?cs call:tag("Urgent", "red") ?><?cs /if ?><?cs
      if:Referral.UpdateOverdue || Referral.CloseOverdue ?> <?cs call:tag("Overdue", "orange") ?><?cs /if ?><?cs
      if:Referral.Unresolved ?> <?cs call:tag("Unresolved", "pink") ?><?cs /if ?></p>

    <h2 class="govuk-heading-m">Referral</h2>
    <dl class="govuk-summary-list" id="referral-details"><?cs
      call:summary_row("Issue", Referral.Issue) ?><?cs
      if:Referral.Urgent ?><?cs call:summary_row("Urgency", "Urgent") ?><?cs else ?><?cs call:summary_row("Urgency", "Not urgent") ?><?cs /if ?><?cs
      call:summary_row("Sending organisation", Referral.Sender) ?><?cs
      call:summary_row("Receiving organisation", Referral.Receiver) ?><?cs
      call:row("Sent by", Referral.CreatedBy) ?><?cs
      call:summary_row("Sent on", Referral.CreatedAt) ?><?cs
      call:summary_row("Status", Referral.StatusText) ?>
      <div class="govuk-summary-list__row">
        <dt class="govuk-summary-list__key">Update by</dt>
        <dd class="govuk-summary-list__value" id="update-due"><?cs var:Referral.UpdateDue ?><?cs if:Referral.UpdateOverdue ?> <?cs call:tag("Overdue", "orange") ?><?cs /if ?></dd>
      </div>
      <div class="govuk-summary-list__row">
        <dt class="govuk-summary-list__key">Close by</dt>
        <dd class="govuk-summary-list__value" id="close-due"><?cs var:Referral.CloseDue ?><?cs if:Referral.CloseOverdue ?> <?cs call:tag("Overdue", "orange") ?><?cs /if ?></dd>
      </div><?cs
      if:Referral.RefusalReason ?>
      <div class="govuk-summary-list__row">
        <dt class="govuk-summary-list__key">Reason for refusing</dt>
        <dd class="govuk-summary-list__value app-wrap" id="refusal-reason"><?cs var:Referral.RefusalReason ?></dd>
      </div><?cs
      /if ?><?cs
      if:Referral.ClosureReason ?><?cs call:summary_row("Closure reason", Referral.ClosureReason) ?><?cs /if ?><?cs
      if:Referral.Outcome ?>
      <div class="govuk-summary-list__row">
        <dt class="govuk-summary-list__key">Outcome</dt>
        <dd class="govuk-summary-list__value app-wrap" id="outcome-note"><?cs var:Referral.Outcome ?></dd>
      </div><?cs
      /if ?><?cs
      if:Referral.ClosedAt ?><?cs call:summary_row("Ended on", Referral.ClosedAt) ?><?cs /if ?><?cs
      if:Referral.TakenBy ?><?cs call:summary_row("Group taken by", Referral.TakenBy) ?><?cs /if ?>
    </dl><?cs

    if:Actions.Acknowledge || Actions.Refuse || Actions.Close || Actions.Withdraw ?>
    <h2 class="govuk-heading-m">What you can do</h2><?cs
      if:Actions.Acknowledge ?>
    <form method="post" action="<?cs var:App.Base ?>/referrals/<?cs var:Referral.Id ?>/acknowledge" novalidate>
      <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
      <p class="govuk-body">Acknowledge the referral to take responsibility for it. Any other referral of the same group still new will be removed.</p><?cs
      call:button("Acknowledge", "") ?>
    </form><?cs
      /if ?><?cs
      if:Actions.Refuse ?>
    <form method="post" action="<?cs var:App.Base ?>/referrals/<?cs var:Referral.Id ?>/refuse" novalidate>
      <input type="hidden" name="csrf" value="<?cs var:Csrf ?>"><?cs
      call:textarea("reason", "Reason for refusing", "Up to 1000 characters. The sending organisation will see it.", "4") ?><?cs
      call:button("Refuse", "govuk-button--warning") ?>
    </form><?cs
      /if ?><?cs
      if:Actions.Close ?>
    <form method="post" action="<?cs var:App.Base ?>/referrals/<?cs var:Referral.Id ?>/close" novalidate>
      <input type="hidden" name="csrf" value="<?cs var:Csrf ?>"><?cs
      call:select("closure_reason", "Closure reason", "", Reasons, Form.closure_reason) ?><?cs
      call:textarea("outcome", "Outcome note (optional)", "What came of the referral, in a few words. The sending organisation will see it.", "3") ?><?cs
      call:button("Close referral", "") ?>
    </form><?cs
      /if ?><?cs
      if:Actions.Withdraw ?>
    <form method="post" action="<?cs var:App.Base ?>/referrals/<?cs var:Referral.Id ?>/withdraw" novalidate>
      <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
      <p class="govuk-body">Withdraw the referral if the client no longer needs it.</p><?cs
      call:button("Withdraw referral", "govuk-button--warning") ?>
    </form><?cs
      /if ?><?cs
    /if ?>

    <h2 class="govuk-heading-m">Client</h2><?cs
    include:"pages/privacy/redacted.cs" ?><?cs
    if:Consent.Expired ?>
    <div class="govuk-warning-text" id="consent-expired">
      <span class="govuk-warning-text__icon" aria-hidden="true">!</span>
      <strong class="govuk-warning-text__text">
        <span class="govuk-visually-hidden">Warning</span>
        Consent expired on <?cs var:Consent.ExpiredOn ?>. The client's contact details and the questionnaire answers are hidden until the sending organisation renews consent.
      </strong>
    </div><?cs
      if:Consent.CanRenew ?>
    <p class="govuk-body"><a class="govuk-link" id="renew-consent" href="<?cs var:App.Base ?>/referrals/<?cs var:Referral.Id ?>/consent">Renew consent</a></p><?cs
      /if ?><?cs
    /if ?><?cs
    if:Client.Name ?>
    <dl class="govuk-summary-list" id="client-details"><?cs
      call:summary_row("Name", Client.Name) ?><?cs
      if:Client.Age ?><?cs call:summary_row("Date of birth", Client.Dob + " (age " + Client.Age + ")") ?><?cs
      else ?><?cs call:row("Date of birth", Client.Dob) ?><?cs /if ?><?cs
      call:row("Pronouns", Client.Pronoun) ?><?cs
      call:row("Gender", Client.Gender) ?><?cs
      if:Consent.Expired ?><?cs
      call:summary_row("Contact, address and health details", "Hidden: consent expired") ?><?cs
      else ?>
      <div class="govuk-summary-list__row">
        <dt class="govuk-summary-list__key">Contact permissions</dt>
        <dd class="govuk-summary-list__value" id="contact-ways"><?cs var:Client.ContactWays ?></dd>
      </div><?cs
      call:row("Email", Client.Email) ?><?cs
      call:row("Phone", Client.Phone) ?><?cs
      call:row("Alternative phone", Client.AltPhone) ?><?cs
      call:row("NHS number", Client.Nhs) ?><?cs
      call:row("GP practice", Client.Gp) ?>
      <div class="govuk-summary-list__row">
        <dt class="govuk-summary-list__key">Address</dt>
        <dd class="govuk-summary-list__value"><?cs
          if:Client.Nfa ?>No fixed abode<?cs
          elif:subcount(Client.Address) > 0 ?><?cs each:line = Client.Address ?><?cs var:line ?><?cs if:!last(line) ?><br><?cs /if ?><?cs /each ?><?cs
          else ?>Not given<?cs /if ?></dd>
      </div><?cs
      /if ?><?cs
      call:row("Local authority", Client.LocalAuthority) ?>
    </dl>
    <p class="govuk-body"><a class="govuk-link" href="<?cs var:App.Base ?>/clients/<?cs var:Client.Id ?>">View the client's profile</a></p><?cs
    else ?>
    <p class="govuk-body">The client's details cannot be shown.</p><?cs
    /if ?><?cs
    if:Consent.GivenBy ?>
    <h2 class="govuk-heading-m">Consent</h2>
    <dl class="govuk-summary-list" id="consent-details"><?cs
      call:summary_row("Given by", Consent.GivenBy) ?><?cs
      call:summary_row("Recorded by", Consent.RecordedBy) ?><?cs
      call:summary_row("Expires", Consent.Expires) ?>
    </dl><?cs
    /if ?>

    <h2 class="govuk-heading-m">Referrals in this group</h2>
    <table class="govuk-table" id="group">
      <caption class="govuk-table__caption govuk-visually-hidden">Every referral sent for this client and issue at the same time</caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <th scope="col" class="govuk-table__header">Referral</th>
          <th scope="col" class="govuk-table__header">Receiving organisation</th>
          <th scope="col" class="govuk-table__header">Status</th>
        </tr>
      </thead>
      <tbody class="govuk-table__body"><?cs
      each:m = Group ?>
        <tr class="govuk-table__row" data-referral="<?cs var:m.Id ?>">
          <td class="govuk-table__cell"><?cs if:m.Current ?><?cs var:m.Id ?> (this one)<?cs elif:Referral.Role == "receiver" ?><?cs var:m.Id ?><?cs else ?><a class="govuk-link" href="<?cs var:App.Base ?>/referrals/<?cs var:m.Id ?>">Referral <?cs var:m.Id ?></a><?cs /if ?></td>
          <td class="govuk-table__cell"><?cs var:m.Org ?></td>
          <td class="govuk-table__cell"><?cs call:tag(m.StatusText, m.StatusColour) ?></td>
        </tr><?cs
      /each ?>
      </tbody>
    </table>

    <h2 class="govuk-heading-m">Questionnaire</h2><?cs
    if:Consent.Expired ?>
    <p class="govuk-body" id="answers-restricted">The answers are hidden because consent has expired.</p><?cs
    elif:subcount(Answers) > 0 ?>
    <dl class="govuk-summary-list" id="answers"><?cs
      each:a = Answers ?>
      <div class="govuk-summary-list__row">
        <dt class="govuk-summary-list__key"><?cs var:a.Question ?></dt>
        <dd class="govuk-summary-list__value"><?cs each:line = a.Lines ?><?cs var:line ?><?cs if:!last(line) ?><br><?cs /if ?><?cs /each ?></dd>
      </div><?cs
      /each ?>
    </dl><?cs
    else ?>
    <p class="govuk-body">No questions were answered for this issue.</p><?cs
    /if ?>

<?cs
    if:!Consent.Expired ?>
    <h2 class="govuk-heading-m" id="notes">Notes</h2><?cs
    include:"pages/notes/note_form.cs" ?><?cs
    include:"pages/notes/notes_list.cs" ?>
    <h2 class="govuk-heading-m" id="files">Files</h2><?cs
    include:"pages/notes/file_form.cs" ?><?cs
    include:"pages/notes/files_list.cs" ?><?cs
    /if ?>
    <h2 class="govuk-heading-m">Timeline</h2>
    <ol class="govuk-list" id="timeline"><?cs
    each:e = Timeline ?>
      <li class="app-timeline__item">
        <h3 class="govuk-heading-s govuk-!-margin-bottom-1"><?cs var:e.What ?></h3>
        <p class="govuk-body-s govuk-!-margin-bottom-1"><?cs var:e.When ?></p><?cs
        if:e.Detail ?>
        <p class="govuk-body app-wrap"><?cs var:e.Detail ?></p><?cs
        /if ?>
      </li><?cs
    /each ?>
    </ol>
  </div>
</div>
