<?cs # Check your answers before sending (seed step 5). Summary.Client.{Existing, Missing,
     Limited, Name, Dob, Age, Pronoun, Gender, Email, Phone, AltPhone, Contact, Nhs, GpName,
     GpCode, Nfa, Address.N, LocalAuthority}; Summary.Consent.{Given, By, Name, Relationship};
     Summary.{SendingOrg, Urgent, UrgentChosen, UpdateDays, UpdateWithin ("1 working day"),
     UpdateDue, CloseDays, CloseWithin, CloseDue,
     IssueCount, ReferralCount}; Summary.Issues.N.{Name, Retired, ReceiverCount, Receivers.M,
     Answers.M.{Question, Lines.K}}; Summary.Change.<step> (the step's path with ?change=1);
     Summary.Incomplete.<step>; Summary.Complete; Summary.Problems.N (what stops the send
     now); Summary.Refused (a send refused);
     Summary.NotifyChoices.N.{Value,Text} with the kept Form.notify.N. ?>
<?cs include:"pages/journey/parts.cs" ?>
<?cs call:journey_top() ?>

<?cs # A warning that a section is incomplete, with the link to complete it (id: what the
     error summary links to). ?>
<?cs def:incomplete(step, text) ?>
<div class="govuk-warning-text" id="section-<?cs var:step ?>">
  <span class="govuk-warning-text__icon" aria-hidden="true">!</span>
  <strong class="govuk-warning-text__text">
    <span class="govuk-visually-hidden">Warning</span>
    This section is incomplete. <a class="govuk-link" href="<?cs var:App.Base ?><?cs var:Summary.Change[step] ?>"><?cs var:text ?></a>
  </strong>
</div><?cs
/def ?>

<?cs # A summary row whose value may be empty ("Not given"), with a Change link. ?>
<?cs def:row(key, value, step) ?><?cs
  if:value ?><?cs call:summary_row_action(key, value, App.Base + Summary.Change[step], "Change") ?><?cs
  else ?><?cs call:summary_row_action(key, "Not given", App.Base + Summary.Change[step], "Change") ?><?cs
  /if ?><?cs
/def ?>

<?cs def:row_fixed(key, value) ?><?cs
  if:value ?><?cs call:summary_row(key, value) ?><?cs
  else ?><?cs call:summary_row(key, "Not given") ?><?cs
  /if ?><?cs
/def ?>

<div class="govuk-grid-row">
  <div class="govuk-grid-column-two-thirds-from-desktop"><?cs
    call:journey_heading() ?><?cs
    if:Summary.Refused ?>
    <div class="govuk-warning-text" id="send-refused">
      <span class="govuk-warning-text__icon" aria-hidden="true">!</span>
      <strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">Warning</span> <?cs var:Summary.Refused ?></strong>
    </div><?cs
    /if ?>

    <h2 class="govuk-heading-m">Client</h2><?cs
    if:Summary.Incomplete.find ?><?cs call:incomplete("find", "Complete the search for the client") ?><?cs /if ?><?cs
    if:Summary.Incomplete.client ?><?cs call:incomplete("client", "Complete the client's details") ?><?cs /if ?><?cs
    if:Summary.Client.Missing ?>
    <p class="govuk-body">The client chosen for this referral no longer exists. <a class="govuk-link" href="<?cs var:App.Base ?><?cs var:Summary.Change.find ?>">Find the client again</a></p><?cs
    elif:Summary.Client.Existing ?><?cs
      if:Summary.Client.Limited ?>
    <p class="govuk-body">This client is already registered. Your organisation will see the rest of their details once the referral is sent.</p><?cs
      else ?>
    <p class="govuk-body">This client is already registered: these are their details as recorded. Change them on the client's profile.</p><?cs
      /if ?>
    <dl class="govuk-summary-list" id="client-details"><?cs
      call:row_fixed("Name", Summary.Client.Name) ?><?cs
      if:Summary.Client.Dob ?><?cs call:summary_row("Date of birth", Summary.Client.Dob + " (age " + Summary.Client.Age + ")") ?><?cs /if ?><?cs
      if:!Summary.Client.Limited ?><?cs
        call:row_fixed("Pronouns", Summary.Client.Pronoun) ?><?cs
        call:row_fixed("Gender", Summary.Client.Gender) ?><?cs
        call:row_fixed("Email", Summary.Client.Email) ?><?cs
        call:row_fixed("Phone", Summary.Client.Phone) ?><?cs
        call:row_fixed("Alternative phone", Summary.Client.AltPhone) ?><?cs
        call:row_fixed("Contact permissions", Summary.Client.Contact) ?><?cs
        call:row_fixed("NHS number", Summary.Client.Nhs) ?><?cs
        call:row_fixed("GP practice", Summary.Client.GpName) ?><?cs
        call:row_fixed("GP practice ODS code", Summary.Client.GpCode) ?>
      <div class="govuk-summary-list__row">
        <dt class="govuk-summary-list__key">Address</dt>
        <dd class="govuk-summary-list__value app-wrap"><?cs
          if:Summary.Client.Nfa ?>No fixed abode<?cs
          elif:subcount(Summary.Client.Address) > 0 ?><?cs each:line = Summary.Client.Address ?><?cs var:line ?><?cs if:!last(line) ?><br><?cs /if ?><?cs /each ?><?cs
          else ?>Not given<?cs /if ?></dd>
      </div><?cs
        call:row_fixed("Local authority", Summary.Client.LocalAuthority) ?><?cs
      /if ?>
    </dl><?cs
    else ?>
    <dl class="govuk-summary-list" id="client-details"><?cs
      call:row("Name", Summary.Client.Name, "client") ?><?cs
      if:Summary.Client.Dob ?><?cs
        call:row("Date of birth", Summary.Client.Dob + " (age " + Summary.Client.Age + ")", "client") ?><?cs
      else ?><?cs
        call:row("Date of birth", "", "client") ?><?cs
      /if ?><?cs
      call:row("Pronouns", Summary.Client.Pronoun, "client") ?><?cs
      call:row("Gender", Summary.Client.Gender, "client") ?><?cs
      call:row("Email", Summary.Client.Email, "client") ?><?cs
      call:row("Phone", Summary.Client.Phone, "client") ?><?cs
      call:row("Alternative phone", Summary.Client.AltPhone, "client") ?><?cs
      call:row("Contact permissions", Summary.Client.Contact, "client") ?><?cs
      call:row("NHS number", Summary.Client.Nhs, "client") ?><?cs
      call:row("GP practice", Summary.Client.GpName, "client") ?><?cs
      call:row("GP practice ODS code", Summary.Client.GpCode, "client") ?>
    </dl>
    <h2 class="govuk-heading-m">Address and local authority</h2><?cs
    if:Summary.Incomplete.address ?><?cs call:incomplete("address", "Complete the address and local authority") ?><?cs /if ?>
    <dl class="govuk-summary-list" id="address-details">
      <div class="govuk-summary-list__row">
        <dt class="govuk-summary-list__key">Address</dt>
        <dd class="govuk-summary-list__value app-wrap"><?cs
          if:Summary.Client.Nfa ?>No fixed abode<?cs
          elif:subcount(Summary.Client.Address) > 0 ?><?cs each:line = Summary.Client.Address ?><?cs var:line ?><?cs if:!last(line) ?><br><?cs /if ?><?cs /each ?><?cs
          else ?>Not given<?cs /if ?></dd>
        <dd class="govuk-summary-list__actions">
          <a class="govuk-link" href="<?cs var:App.Base ?><?cs var:Summary.Change.address ?>">Change<span class="govuk-visually-hidden"> Address</span></a>
        </dd>
      </div><?cs
      call:row("Local authority", Summary.Client.LocalAuthority, "address") ?>
    </dl><?cs
    /if ?>

    <h2 class="govuk-heading-m">Consent</h2><?cs
    if:Summary.Incomplete.consent ?><?cs call:incomplete("consent", "Record the client's consent") ?><?cs /if ?>
    <dl class="govuk-summary-list" id="consent-details"><?cs
      if:Summary.Consent.Given == "yes" ?><?cs
        call:row("Consent", "The client has consented to this referral and to their information being shared", "consent") ?><?cs
      else ?><?cs
        call:row("Consent", "Not confirmed", "consent") ?><?cs
      /if ?><?cs
      if:Summary.Consent.By == "client" ?><?cs
        call:row("Given by", "The client", "consent") ?><?cs
      elif:Summary.Consent.By == "someone_else" ?><?cs
        call:row("Given by", "Someone else on the client's behalf", "consent") ?><?cs
        call:row("Name", Summary.Consent.Name, "consent") ?><?cs
        call:row("Relationship to the client", Summary.Consent.Relationship, "consent") ?><?cs
      else ?><?cs
        call:row("Given by", "", "consent") ?><?cs
      /if ?><?cs
      call:summary_row_no_action("Recorded", "With the date, the time and your name when you send the referral") ?>
    </dl>

    <h2 class="govuk-heading-m">Referral details</h2><?cs
    if:Summary.Incomplete.details ?><?cs call:incomplete("details", "Complete the referral details") ?><?cs /if ?>
    <dl class="govuk-summary-list" id="referral-details"><?cs
      call:row("Sending organisation", Summary.SendingOrg, "details") ?>
      <div class="govuk-summary-list__row">
        <dt class="govuk-summary-list__key">Issues</dt>
        <dd class="govuk-summary-list__value"><?cs
          if:subcount(Summary.Issues) > 0 ?>
          <ul class="govuk-list"><?cs
            each:issue = Summary.Issues ?><li class="app-wrap"><?cs var:issue.Name ?><?cs if:issue.Retired ?> (no longer offered)<?cs /if ?></li><?cs /each ?>
          </ul><?cs
          else ?>None chosen<?cs /if ?></dd>
        <dd class="govuk-summary-list__actions">
          <a class="govuk-link" href="<?cs var:App.Base ?><?cs var:Summary.Change.details ?>">Change<span class="govuk-visually-hidden"> Issues</span></a>
        </dd>
      </div><?cs
      if:Summary.UrgentChosen == "yes" ?><?cs
        call:row("Urgent", "Yes", "details") ?><?cs
      elif:Summary.UrgentChosen == "no" ?><?cs
        call:row("Urgent", "No", "details") ?><?cs
      else ?><?cs
        call:row("Urgent", "", "details") ?><?cs
      /if ?><?cs
      call:row("Update within", Summary.UpdateWithin + ", by " + Summary.UpdateDue, "details") ?><?cs
      call:row("Close within", Summary.CloseWithin + ", by " + Summary.CloseDue, "details") ?>
    </dl>

    <h2 class="govuk-heading-m">Receiving organisations</h2><?cs
    if:Summary.Incomplete.receivers ?><?cs call:incomplete("receivers", "Choose the receiving organisations") ?><?cs /if ?><?cs
    if:subcount(Summary.Problems) > 0 ?>
    <div class="govuk-inset-text" id="receivers-problems">
      <p class="govuk-body govuk-!-font-weight-bold">The referral cannot be sent as it is:</p>
      <ul class="govuk-list govuk-list--bullet"><?cs
        each:problem = Summary.Problems ?><li class="app-wrap"><?cs var:problem ?></li><?cs /each ?>
      </ul>
      <p class="govuk-body"><a class="govuk-link" href="<?cs var:App.Base ?><?cs var:Summary.Change.receivers ?>">Change the receiving organisations</a></p>
    </div><?cs
    /if ?>
    <p class="govuk-body" id="referral-count"><?cs
      if:Summary.ReferralCount == 1 ?>1 referral will be sent: one for each organisation and issue.<?cs
      else ?><?cs var:Summary.ReferralCount ?> referrals will be sent: one for each organisation and issue.<?cs /if ?></p>
    <dl class="govuk-summary-list" id="receivers"><?cs
      each:issue = Summary.Issues ?>
      <div class="govuk-summary-list__row">
        <dt class="govuk-summary-list__key app-wrap"><?cs var:issue.Name ?></dt>
        <dd class="govuk-summary-list__value"><?cs
          if:issue.ReceiverCount > 0 ?>
          <p class="govuk-body govuk-!-margin-bottom-1"><?cs var:issue.ReceiverCount ?> <?cs if:issue.ReceiverCount == 1 ?>organisation<?cs else ?>organisations<?cs /if ?></p>
          <ul class="govuk-list govuk-list--bullet"><?cs
            each:org = issue.Receivers ?><li class="app-wrap"><?cs var:org ?></li><?cs /each ?>
          </ul><?cs
          else ?>None chosen<?cs /if ?></dd>
        <dd class="govuk-summary-list__actions">
          <a class="govuk-link" href="<?cs var:App.Base ?><?cs var:Summary.Change.receivers ?>">Change<span class="govuk-visually-hidden"> receiving organisations for <?cs var:issue.Name ?></span></a>
        </dd>
      </div><?cs
      /each ?>
    </dl>

    <h2 class="govuk-heading-m">Questionnaire</h2><?cs
    if:Summary.Incomplete.questions ?><?cs call:incomplete("questions", "Answer the questionnaire") ?><?cs /if ?>
    <p class="govuk-body">Each issue's answers are shared only with the organisations receiving that issue.</p><?cs
    each:issue = Summary.Issues ?>
    <h3 class="govuk-heading-s app-wrap"><?cs var:issue.Name ?></h3><?cs
      if:subcount(issue.Answers) > 0 ?>
    <dl class="govuk-summary-list"><?cs
        each:answer = issue.Answers ?>
      <div class="govuk-summary-list__row">
        <dt class="govuk-summary-list__key app-wrap"><?cs var:answer.Question ?></dt>
        <dd class="govuk-summary-list__value app-wrap"><?cs
          each:line = answer.Lines ?><?cs var:line ?><?cs if:!last(line) ?><br><?cs /if ?><?cs /each ?></dd>
        <dd class="govuk-summary-list__actions">
          <a class="govuk-link" href="<?cs var:App.Base ?><?cs var:Summary.Change.questions ?>">Change<span class="govuk-visually-hidden"> answer: <?cs var:answer.Question ?></span></a>
        </dd>
      </div><?cs
        /each ?>
    </dl><?cs
      else ?>
    <p class="govuk-body">There are no questions for this issue.</p><?cs
      /if ?><?cs
    /each ?>

    <form method="post" action="<?cs var:App.Base ?>/drafts/<?cs var:Draft.Id ?>/send" novalidate>
      <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
      <h2 class="govuk-heading-m">Inbox notifications</h2><?cs
      call:checkboxes("notify", "Tell me in my inbox when", "Updates on the referrals you send. You can choose none.", Summary.NotifyChoices) ?>
      <h2 class="govuk-heading-m">Now send the referral</h2>
      <p class="govuk-body">By sending it you confirm the details are correct. The client's details, and the answers for each issue, are shared with the organisations receiving it.</p>
      <div class="govuk-button-group"><?cs
        call:button("Send referral", "") ?>
        <a class="govuk-link" href="<?cs var:App.Base ?>/referrals/new">Save and come back later</a>
      </div>
    </form>
  </div>
</div>
