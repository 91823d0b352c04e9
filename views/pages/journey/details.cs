<?cs # Referral details: the sending organisation (a select for staff of several organisations:
     SendingOrgs.N.{Value,Text}, SendingOrg.Chosen), the issues (IssueOptions.N.{Value,Text,Hint}),
     urgency (UrgentOptions) and the timeframes: Timeframes.{Normal,Urgent}.{Update,Close} and
     Timeframes.Chosen.* for the saved urgency, each "5 working days (by Monday 30 November 2026)". ?>
<?cs include:"pages/journey/parts.cs" ?>
<?cs call:journey_top() ?>
<div class="govuk-grid-row">
  <div class="govuk-grid-column-two-thirds"><?cs
    call:journey_heading() ?><?cs
    call:journey_form_start() ?><?cs
    if:subcount(SendingOrgs) > 1 ?><?cs
      call:select("sending_org", "Sending organisation", "You are a member of several organisations: choose the one this referral is from.", SendingOrgs, SendingOrg.Chosen) ?><?cs
    else ?>
      <input type="hidden" name="sending_org" value="<?cs var:SendingOrg.Chosen ?>">
      <h2 class="govuk-heading-s govuk-!-margin-bottom-1">Sending organisation</h2>
      <p class="govuk-body" id="sending_org"><?cs var:SendingOrg.Name ?></p><?cs
    /if ?><?cs
    call:checkboxes("issue", "Issues", "Choose every issue the client needs help with. Each issue becomes its own referral, so each receiving organisation can manage it on its own.", IssueOptions) ?><?cs
    set:View.UrgentHint = "Urgent referrals must be updated within " + Timeframes.Urgent.Update + " and closed within " + Timeframes.Urgent.Close + ". Other referrals: updated within " + Timeframes.Normal.Update + ", closed within " + Timeframes.Normal.Close + "." ?><?cs
    call:radios("urgent", "Is the referral urgent?", View.UrgentHint, UrgentOptions, "govuk-radios--inline") ?>

    <?cs # urgent-timeframes.js shows the chosen urgency's at once: both are in data attributes ?>
    <h2 class="govuk-heading-m" id="timeframes-heading">Timeframes<?cs if:Timeframes.Urgent.Chosen ?> for an urgent referral<?cs /if ?></h2>
    <p class="govuk-body">Working days are Monday to Friday, leaving out bank holidays. The dates are for a referral sent today.</p>
    <dl class="govuk-summary-list" id="timeframes" aria-live="polite" data-normal-update="<?cs var:Timeframes.Normal.Update ?>" data-normal-close="<?cs var:Timeframes.Normal.Close ?>" data-urgent-update="<?cs var:Timeframes.Urgent.Update ?>" data-urgent-close="<?cs var:Timeframes.Urgent.Close ?>">
      <div class="govuk-summary-list__row">
        <dt class="govuk-summary-list__key">Update within</dt>
        <dd class="govuk-summary-list__value" id="timeframe-update"><?cs var:Timeframes.Chosen.Update ?></dd>
      </div>
      <div class="govuk-summary-list__row">
        <dt class="govuk-summary-list__key">Close within</dt>
        <dd class="govuk-summary-list__value" id="timeframe-close"><?cs var:Timeframes.Chosen.Close ?></dd>
      </div>
    </dl><?cs
    call:journey_form_end("Continue") ?>
  </div>
</div>
<script type="module" src="<?cs var:App.Static ?>/urgent-timeframes.js?v=<?cs var:App.AssetVersion ?>"></script>
