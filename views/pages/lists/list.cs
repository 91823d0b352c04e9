<?cs # The Sent or Received list: a GET form of filters (kept in the URL) folded into the
     filter panel, the chosen filters as removable tags (components/filter_list.cs), the
     table at full width (cards at phone width), pages.
     Rows.N.StatusText and StatusColour are the vocabulary's (fcgi/vocabulary.c). ?>
<h1 class="govuk-heading-l"><?cs var:List.Title ?></h1><?cs
if:List.AllOrganisations ?><?cs
call:inset_text("All organisations: as a system administrator you see every organisation's referrals. Filter by sending or receiving organisation to narrow the list.") ?><?cs
/if ?>
<?cs call:button_link("New referral", App.Base + "/referrals/new", "") ?>
<?cs include:"components/filter_list.cs" ?><?cs call:filter_panel_start("filters") ?>
    <form method="get" action="<?cs var:App.Base ?><?cs var:List.Path ?>" novalidate>
      <h2 class="govuk-heading-m">Filter</h2>
      <div class="app-filter__fields">
      <?cs call:text_input("q", "Client name or email", "The start of a name (first, last or both), an email address, or @ and a domain", "off", "") ?>
      <?cs call:input("id", "text", "Referral ID", "", "off", "govuk-input--width-10", "false", "numeric") ?>
      <?cs call:input("from", "date", "Created from", "", "off", "govuk-input--width-10", "", "") ?>
      <?cs call:input("to", "date", "Created to", "", "off", "govuk-input--width-10", "", "") ?>
      <?cs if:?OrgOptions.Sending ?><?cs call:select_options("sending_org", "Sending organisation", "", OrgOptions.Sending) ?><?cs /if ?>
      <?cs if:?OrgOptions.Receiving ?><?cs call:select_options("receiving_org", "Receiving organisation", "", OrgOptions.Receiving) ?><?cs /if ?>
      <?cs call:select_options("created_by", "Created by", "", StaffOptions) ?>
      <?cs call:select("status", "Status", "", Statuses, Form.status) ?><?cs
      set:States.0.Value = "" ?><?cs set:States.0.Text = "Open or closed" ?><?cs
      set:States.1.Value = "open" ?><?cs set:States.1.Text = "Open (new or acknowledged)" ?><?cs
      set:States.2.Value = "closed" ?><?cs set:States.2.Text = "Closed" ?>
      <?cs call:select("state", "Open or closed", "", States, Form.state) ?>
      <?cs call:select("reason", "Closure reason", "", Reasons, Form.reason) ?>
      <?cs call:input("age_from", "text", "Client age from (years)", "", "off", "govuk-input--width-3", "false", "numeric") ?>
      <?cs call:input("age_to", "text", "Client age to (years)", "", "off", "govuk-input--width-3", "false", "numeric") ?>
      <?cs call:select("issue", "Issue", "", Issues, Form.issue) ?>
      <div class="govuk-form-group">
        <fieldset class="govuk-fieldset">
          <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Needing attention</legend>
          <div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
            <div class="govuk-checkboxes__item">
              <input class="govuk-checkboxes__input" id="urgent" name="urgent" type="checkbox" value="1"<?cs if:Form.urgent ?> checked<?cs /if ?>>
              <label class="govuk-label govuk-checkboxes__label" for="urgent">Urgent</label>
            </div>
            <div class="govuk-checkboxes__item">
              <input class="govuk-checkboxes__input" id="overdue" name="overdue" type="checkbox" value="1"<?cs if:Form.overdue ?> checked<?cs /if ?>>
              <label class="govuk-label govuk-checkboxes__label" for="overdue">Overdue</label>
            </div>
            <div class="govuk-checkboxes__item">
              <input class="govuk-checkboxes__input" id="unresolved" name="unresolved" type="checkbox" value="1"<?cs if:Form.unresolved ?> checked<?cs /if ?>>
              <label class="govuk-label govuk-checkboxes__label" for="unresolved">Unresolved</label>
            </div>
          </div>
        </fieldset>
      </div>
      <?cs call:select("sort", "Sort by", "", Sorts, Form.sort) ?>
      </div>
      <div class="govuk-button-group">
        <?cs call:button("Apply filters", "") ?>
      </div>
    </form><?cs
call:filter_panel_end() ?><?cs
call:filter_tags() ?>
<div class="app-list-results"><?cs
  if:subcount(Errors) == 0 ?><?cs
    if:subcount(Rows) == 0 ?>
    <p class="govuk-body" id="list-count">No referrals match.</p><?cs
    else ?>
    <p class="govuk-body" id="list-count"><?cs if:List.More ?>More than <?cs var:List.MoreThan ?> referrals match: narrow the filters to see them all.<?cs elif:List.Total == 1 ?>1 referral matches.<?cs else ?><?cs var:List.Total ?> referrals match.<?cs /if ?><?cs if:List.Pages > 1 ?> Page <?cs var:List.Page ?> of <?cs var:List.Pages ?>.<?cs /if ?></p>
<?cs if:List.NameSortRefused ?>
    <p class="govuk-body" id="list-sort-note">Sorting by client name needs <?cs var:List.MoreThan ?> referrals or fewer: narrow the filters. Newest first is shown instead.</p><?cs /if ?>
    <table class="govuk-table app-list app-referral-list">
      <caption class="govuk-table__caption govuk-table__caption--m govuk-visually-hidden"><?cs var:List.Title ?></caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <th scope="col" class="govuk-table__header">Referral</th>
          <th scope="col" class="govuk-table__header">Client</th>
          <th scope="col" class="govuk-table__header">Issue</th>
          <th scope="col" class="govuk-table__header"><?cs if:List.Sent ?>To<?cs else ?>From<?cs /if ?></th>
          <th scope="col" class="govuk-table__header">Status</th>
          <th scope="col" class="govuk-table__header">Due</th>
        </tr>
      </thead>
      <tbody class="govuk-table__body"><?cs
      each:r = Rows ?>
        <tr class="govuk-table__row" data-referral-id="<?cs var:r.Id ?>">
          <td class="govuk-table__cell" data-label="Referral"><a class="govuk-link" href="<?cs var:App.Base ?>/referrals/<?cs var:r.Id ?>">#<?cs var:r.Id ?></a> <span class="govuk-body-s app-nowrap"><?cs var:r.Created ?></span></td>
          <td class="govuk-table__cell" data-label="Client"><?cs var:r.Client ?><br><span class="govuk-body-s app-nowrap">Born <?cs var:r.Born ?></span></td>
          <td class="govuk-table__cell" data-label="Issue"><?cs var:r.Issue ?></td>
          <td class="govuk-table__cell" data-label="<?cs if:List.AllOrganisations ?>From, to<?cs elif:List.Sent ?>To<?cs else ?>From<?cs /if ?>"><?cs if:List.AllOrganisations ?><?cs var:r.Sending ?> to <?cs var:r.Receiving ?><?cs elif:List.Sent ?><?cs var:r.Receiving ?><?cs else ?><?cs var:r.Sending ?><?cs /if ?></td>
          <td class="govuk-table__cell" data-label="Status"><span class="app-tags"><?cs call:tag(r.StatusText, r.StatusColour) ?><?cs
            if:r.Urgent ?> <strong class="govuk-tag govuk-tag--red app-attention" data-attention="urgent">Urgent</strong><?cs /if ?><?cs
            if:r.Overdue ?> <strong class="govuk-tag govuk-tag--orange app-attention" data-attention="overdue">Overdue</strong><?cs /if ?><?cs
            if:r.ConsentExpired ?> <strong class="govuk-tag govuk-tag--purple app-attention" data-attention="consent">Consent expired</strong><?cs /if ?><?cs
            if:r.Unresolved ?> <strong class="govuk-tag govuk-tag--yellow" data-attention="unresolved">Unresolved</strong><?cs /if ?></span><?cs
            if:r.Reason ?><br><span class="govuk-body-s"><?cs var:r.Reason ?></span><?cs /if ?></td>
          <td class="govuk-table__cell" data-label="Due"><span class="app-nowrap"><?cs var:r.Due ?></span></td>
        </tr><?cs
      /each ?>
      </tbody>
    </table><?cs
      if:List.Pages > 1 ?><?cs
      call:pagination_pages(List.Prev, List.Next, Pages) ?><?cs
      /if ?><?cs
    /if ?><?cs
  /if ?>
</div>
