<?cs # The directory of organisations (every member of staff): search by name, issue, local
     authority and accepting now. Filters.{Issues,Las} (select options as HTML, view_set_options),
     Filters.IssueName; Form.{q,issue,la,accepting}; Directory.N.{Id,Name,Description,Parent,
     Accepting,Paused,Phone,Email,Website}; Paging.{Total,Page,Pages,PrevPage,NextPage,Query}.
     Organisation data only. ?>
<div class="govuk-grid-row">
  <div class="govuk-grid-column-full">
    <h1 class="govuk-heading-l">Directory of organisations</h1>
    <p class="govuk-body">Every organisation in the network, what it does and how to contact it. You can contact a service directly when it cannot take a referral.</p>

    <form method="get" action="<?cs var:App.Base ?>/organisations" role="search" aria-label="Organisations" novalidate>
      <div class="govuk-form-group">
        <label class="govuk-label govuk-label--s" for="q">Name</label>
        <input class="govuk-input govuk-!-width-one-half" id="q" name="q" type="search" value="<?cs var:Form.q ?>" autocomplete="off" spellcheck="false">
      </div><?cs
      call:select_options("issue", "Issue", "", Filters.Issues) ?><?cs
      call:select_options("la", "Local authority", "", Filters.Las) ?>
      <div class="govuk-form-group">
        <div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
          <div class="govuk-checkboxes__item">
            <input class="govuk-checkboxes__input" id="accepting" name="accepting" type="checkbox" value="1"<?cs if:Form.accepting == "1" ?> checked<?cs /if ?>>
            <label class="govuk-label govuk-checkboxes__label" for="accepting">Accepting referrals now</label>
          </div>
        </div>
      </div>
      <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">Search</button>
    </form><?cs

    if:Paging.Total == 0 ?>
    <p class="govuk-body" id="no-results">No organisation matches this search.</p><?cs
    else ?>
    <h2 class="govuk-heading-m" id="results-heading"><?cs var:Paging.Total ?> <?cs if:Paging.Total == 1 ?>organisation<?cs else ?>organisations<?cs /if ?><?cs if:Filters.IssueName ?> for <?cs var:Filters.IssueName ?><?cs /if ?></h2>
    <ul class="govuk-list" id="directory"><?cs
    each:org = Directory ?>
      <li class="govuk-!-margin-bottom-6">
        <h3 class="govuk-heading-s govuk-!-margin-bottom-1 app-wrap"><a class="govuk-link" href="<?cs var:App.Base ?>/organisations/<?cs var:org.Id ?>"><?cs var:org.Name ?></a></h3><?cs
        if:org.Parent ?><p class="govuk-body-s govuk-!-margin-bottom-1">A team of <?cs var:org.Parent ?></p><?cs /if ?><?cs
        if:org.Paused ?><p class="govuk-body-s govuk-!-margin-bottom-1"><?cs call:tag(org.Paused, "yellow") ?></p><?cs
        elif:!org.Accepting ?><p class="govuk-body-s govuk-!-margin-bottom-1"><?cs call:tag("Not accepting referrals", "yellow") ?></p><?cs /if ?><?cs
        if:org.Description ?><p class="govuk-body app-wrap govuk-!-margin-bottom-1"><?cs var:org.Description ?></p><?cs /if ?>
        <p class="govuk-body-s app-wrap"><?cs
          if:org.Phone ?>Phone: <?cs var:org.Phone ?> <?cs /if ?><?cs
          if:org.Email ?>Email: <a class="govuk-link" href="mailto:<?cs var:org.Email ?>"><?cs var:org.Email ?></a> <?cs /if ?><?cs
          if:org.Website ?>Website: <a class="govuk-link" href="<?cs var:org.Website ?>" rel="noopener noreferrer"><?cs var:org.Website ?></a><?cs /if ?></p>
      </li><?cs
    /each ?>
    </ul><?cs
      if:Paging.Pages > 1 ?><?cs
        set:View.Prev = "" ?><?cs set:View.Next = "" ?><?cs
        if:Paging.PrevPage ?><?cs set:View.Prev = App.Base + "/organisations?" + Paging.Query + "&page=" + Paging.PrevPage ?><?cs /if ?><?cs
        if:Paging.NextPage ?><?cs set:View.Next = App.Base + "/organisations?" + Paging.Query + "&page=" + Paging.NextPage ?><?cs /if ?>
    <p class="govuk-body">Page <?cs var:Paging.Page ?> of <?cs var:Paging.Pages ?></p><?cs
        call:pagination(View.Prev, View.Next) ?><?cs
      /if ?><?cs
    /if ?>
  </div>
</div>
