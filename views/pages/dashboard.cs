<?cs # The dashboard part of the home page: counts (each a link to the list it counts), the
  last 30 days as bar charts (SVG drawn by components/bar_chart.cs, with a table of the same
  numbers), and the latest inbox messages. Included by pages/home.cs.
  Data contract (fcgi/pages/dashboard.c):
    Dashboard.Ready      1 when the rest is there (an active organisation, the database up)
    Dashboard.OrgId      the organisation whose figures these are (0: every organisation)
    Dashboard.New, .Acknowledged, .Overdue, .Urgent   received; .SentNew (awaiting
                         acknowledgement), .SentOverdue, .Unresolved   sent: the counts as shown
                         ("10,000+" past the lists' cap), each a link to its filtered list
    Dashboard.ReceivedQuery, .SentQuery   the lists' organisation filter ("receiving_org=5&")
    Dashboard.Orgs.N.{Value,Text}, .Chosen   administrators: "all" or one organisation
    Dashboard.Received, Dashboard.Sent   the charts:
      .Total             referrals in the 30 days
      .Max               the largest count of a day, at least 1 (the chart's scale)
      .Days.N.Date, .Iso, .Count   day N (0 = 29 days ago, 29 = today): "7 Dec", ISO, count
    Dashboard.Inbox.N.Subject, .Link, .Created, .Unread   the latest five inbox messages ?><?cs
include:"components/bar_chart.cs" ?><?cs
if:Dashboard.Ready ?>
<?cs
def:figure(id, href, count, label) ?>
  <li><a class="govuk-link" id="<?cs var:id ?>" href="<?cs var:href ?>"><span class="govuk-!-font-weight-bold" data-count><?cs var:count ?></span> <?cs var:label ?></a></li><?cs
/def ?><?cs
if:subcount(Dashboard.Orgs) > 0 ?>
<form method="get" action="<?cs var:App.Base ?>/" class="app-dashboard-org" novalidate><?cs
  call:select("org", "Show the figures of", "", Dashboard.Orgs, Dashboard.Chosen) ?><?cs
  call:button("Show", "govuk-button--secondary") ?>
</form><?cs
/if ?><?cs
set:View.Received = App.Base + "/referrals/received?" + Dashboard.ReceivedQuery ?><?cs
set:View.Sent = App.Base + "/referrals/sent?" + Dashboard.SentQuery ?>
<div class="govuk-grid-row app-dashboard-figures">
  <div class="govuk-grid-column-one-half">
    <h2 class="govuk-heading-m" id="received-figures"><?cs if:Dashboard.Chosen == "all" ?>Received by every organisation<?cs else ?>Received<?cs /if ?></h2>
    <ul class="govuk-list app-dashboard-counts" aria-labelledby="received-figures"><?cs
      call:figure("count-new", View.Received + "status=new", Dashboard.New, "New") ?><?cs
      call:figure("count-acknowledged", View.Received + "status=acknowledged", Dashboard.Acknowledged, "Acknowledged") ?><?cs
      call:figure("count-overdue", View.Received + "overdue=1", Dashboard.Overdue, "Overdue") ?><?cs
      call:figure("count-urgent", View.Received + "state=open&urgent=1", Dashboard.Urgent, "Urgent") ?>
    </ul>
  </div>
  <div class="govuk-grid-column-one-half">
    <h2 class="govuk-heading-m" id="sent-figures"><?cs if:Dashboard.Chosen == "all" ?>Sent by every organisation<?cs else ?>Sent<?cs /if ?></h2>
    <ul class="govuk-list app-dashboard-counts" aria-labelledby="sent-figures"><?cs
      call:figure("count-sent-new", View.Sent + "status=new", Dashboard.SentNew, "Awaiting acknowledgement") ?><?cs
      call:figure("count-sent-overdue", View.Sent + "overdue=1", Dashboard.SentOverdue, "Overdue") ?><?cs
      call:figure("count-unresolved", View.Sent + "unresolved=1", Dashboard.Unresolved, "Unresolved") ?>
    </ul>
  </div>
</div><?cs
each:chart = Dashboard ?><?cs
  if:name(chart) == "Received" || name(chart) == "Sent" ?>
<h2 class="govuk-heading-m" id="chart-<?cs name:chart ?>-title"><?cs name:chart ?> in the last 30 days: <?cs var:chart.Total ?></h2>
<div class="app-chart-wrapper" data-chart="<?cs name:chart ?>"><?cs
  call:bar_chart(chart, "chart-" + name(chart) + "-title") ?></div>
<details class="govuk-details">
  <summary class="govuk-details__summary"><span class="govuk-details__summary-text"><?cs name:chart ?> per day as a table</span></summary>
  <div class="govuk-details__text">
    <table class="govuk-table" data-chart-table="<?cs name:chart ?>">
      <caption class="govuk-table__caption govuk-table__caption--s"><?cs name:chart ?> referrals per day</caption>
      <thead class="govuk-table__head"><tr class="govuk-table__row"><th scope="col" class="govuk-table__header">Day</th><th scope="col" class="govuk-table__header govuk-table__header--numeric">Referrals</th></tr></thead>
      <tbody class="govuk-table__body"><?cs
      each:day = chart.Days ?>
        <tr class="govuk-table__row" data-day="<?cs var:day.Iso ?>"><th scope="row" class="govuk-table__header"><?cs var:day.Date ?></th><td class="govuk-table__cell govuk-table__cell--numeric"><?cs var:day.Count ?></td></tr><?cs
      /each ?>
      </tbody>
    </table>
  </div>
</details><?cs
  /if ?><?cs
/each ?>
<h2 class="govuk-heading-m">Latest messages</h2><?cs
if:subcount(Dashboard.Inbox) == 0 ?>
<p class="govuk-body">No messages yet.</p><?cs
else ?>
<ul class="govuk-list app-dashboard-inbox"><?cs
  each:m = Dashboard.Inbox ?>
  <li><?cs if:m.Unread ?><strong class="govuk-tag govuk-tag--blue">Unread</strong> <?cs /if ?><?cs
    if:m.Link ?><a class="govuk-link" href="<?cs var:App.Base ?><?cs var:m.Link ?>"><?cs var:m.Subject ?></a><?cs else ?><?cs var:m.Subject ?><?cs /if ?>
    <span class="govuk-body-s"><?cs var:m.Created ?></span></li><?cs
  /each ?>
</ul><?cs
/if ?>
<p class="govuk-body"><a class="govuk-link" href="<?cs var:App.Base ?>/inbox">All messages</a></p><?cs
/if ?>
