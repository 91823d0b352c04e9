<?cs # The dashboard part of the home page: counts (each a link to the list it counts), the
  last 30 days as bar charts (SVG drawn by components/bar_chart.cs, with a table of the same
  numbers), and the latest inbox messages. Included by pages/home.cs.
  Data contract (fcgi/pages/dashboard.c):
    Dashboard.Ready      1 when the rest is there (an active organisation, the database up)
    Dashboard.OrgId      the active organisation, for the counts' links
    Dashboard.New, .Acknowledged, .Overdue, .Urgent, .Unresolved
                         the counts as shown ("10,000+" past the lists' cap)
    Dashboard.Received, Dashboard.Sent   the charts:
      .Total             referrals in the 30 days
      .Max               the largest count of a day, at least 1 (the chart's scale)
      .Days.N.Date, .Iso, .Count   day N (0 = 29 days ago, 29 = today): "7 Dec", ISO, count
    Dashboard.Inbox.N.Subject, .Link, .Created, .Unread   the latest five inbox messages ?><?cs
include:"components/bar_chart.cs" ?><?cs
if:Dashboard.Ready ?>
<h2 class="govuk-heading-m">Your organisation’s referrals</h2>
<ul class="govuk-list app-dashboard-counts">
  <li><a class="govuk-link" id="count-new" href="<?cs var:App.Base ?>/referrals/received?receiving_org=<?cs var:Dashboard.OrgId ?>&amp;status=new"><span class="govuk-!-font-weight-bold" data-count><?cs var:Dashboard.New ?></span> New</a></li>
  <li><a class="govuk-link" id="count-acknowledged" href="<?cs var:App.Base ?>/referrals/received?receiving_org=<?cs var:Dashboard.OrgId ?>&amp;status=acknowledged"><span class="govuk-!-font-weight-bold" data-count><?cs var:Dashboard.Acknowledged ?></span> Acknowledged</a></li>
  <li><a class="govuk-link" id="count-overdue" href="<?cs var:App.Base ?>/referrals/received?receiving_org=<?cs var:Dashboard.OrgId ?>&amp;overdue=1"><span class="govuk-!-font-weight-bold" data-count><?cs var:Dashboard.Overdue ?></span> Overdue</a></li>
  <li><a class="govuk-link" id="count-urgent" href="<?cs var:App.Base ?>/referrals/received?receiving_org=<?cs var:Dashboard.OrgId ?>&amp;state=open&amp;urgent=1"><span class="govuk-!-font-weight-bold" data-count><?cs var:Dashboard.Urgent ?></span> Urgent</a></li>
  <li><a class="govuk-link" id="count-unresolved" href="<?cs var:App.Base ?>/referrals/sent?sending_org=<?cs var:Dashboard.OrgId ?>&amp;unresolved=1"><span class="govuk-!-font-weight-bold" data-count><?cs var:Dashboard.Unresolved ?></span> Unresolved (sent, taken by nobody)</a></li>
</ul><?cs
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
