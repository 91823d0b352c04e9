/* The dashboard's data: counts, the days of the last 30 with their referrals received and
 * sent, the latest inbox messages. The charts are drawn by views/components/bar_chart.cs from
 * the numbers set here. */
#include "dashboard.h"

#include <string.h>
#include <time.h>

#include "../arena.h"
#include "../dates.h"
#include "../render.h"
#include "../session.h"
#include "../model/catalog.h"
#include "../model/dashboard.h"
#include "../model/referral_list.h"
#include "pages.h"

#define CHART_DAYS 30

/* One chart: the count of each day (days[i], ISO) and the scale's top, the largest count. */
static void dashboard_chart(struct request *req, const struct referral_day_counts *counts,
			    const char *name, const char *const days[CHART_DAYS],
			    const char *const labels[CHART_DAYS])
{
	struct arena *a = req->arena;
	long long values[CHART_DAYS] = { 0 };
	long long total = 0, max = 1;
	for (size_t j = 0; j < counts->count; j++)
		for (int i = 0; i < CHART_DAYS; i++)
			if (strcmp(days[i], counts->items[j].day) == 0)
				values[i] = counts->items[j].count;
	struct _hdf *chart = view_node(req, arena_printf(a, "Dashboard.%s", name));
	struct _hdf *day_list = view_node(req, arena_printf(a, "Dashboard.%s.Days", name));
	for (int i = 0; i < CHART_DAYS; i++) {
		struct _hdf *day = view_item(day_list, (size_t)i);
		view_node_set(day, "Date", labels[i]);
		view_node_set(day, "Iso", days[i]);
		view_node_set_int(day, "Count", values[i]);
		total += values[i];
		if (values[i] > max)
			max = values[i];
	}
	view_node_set_int(chart, "Total", total);
	view_node_set_int(chart, "Max", max);
}

static const char *utc_text(struct arena *arena, time_t when)
{
	struct tm utc;
	gmtime_r(&when, &utc);
	return arena_printf(arena, "%04d-%02d-%02d %02d:%02d:%02d", utc.tm_year + 1900,
			    utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec);
}

/* The local clock from since to now, so each referral is counted on the day its sender saw
 * even when the clocks changed in between. */
static struct referral_local_clock local_clock_between(struct arena *arena, time_t since,
						       time_t now)
{
	long before, after;
	time_t switch_at;
	dates_offset_change(since, now, &before, &after, &switch_at);
	return (struct referral_local_clock){ .since = utc_text(arena, since),
					      .switch_at = utc_text(arena, switch_at),
					      .offset_before = before,
					      .offset_after = after };
}

/* A dashboard count: counting stops past REFERRAL_COUNT_CAP, as the list it opens does. */
static const char *capped_count(struct arena *arena, long long count)
{
	if (count > REFERRAL_COUNT_CAP)
		return arena_printf(arena, "%s+", page_thousands(arena, REFERRAL_COUNT_CAP));
	return arena_printf(arena, "%lld", count);
}

/* The days of the last 30 local days, today last: ISO dates and the charts' labels. */
static void chart_days(struct arena *a, struct valid_date today, const char *days[CHART_DAYS],
		       const char *labels[CHART_DAYS])
{
	for (int i = 0; i < CHART_DAYS; i++) {
		struct tm tm = { 0 };
		tm.tm_year = today.year - 1900;
		tm.tm_mon = today.month - 1;
		tm.tm_mday = today.day - (CHART_DAYS - 1 - i);
		tm.tm_hour = 12;
		tm.tm_isdst = -1;
		mktime(&tm);
		days[i] = arena_printf(a, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1,
				       tm.tm_mday);
		labels[i] = arena_printf(a, "%d %.3s", tm.tm_mday, dates_month_name(tm.tm_mon + 1));
	}
}

/* The local clock of the charts' 30 days, from the first one's midnight to now. */
static struct referral_local_clock chart_clock(struct arena *a, struct valid_date today)
{
	struct tm first = { .tm_year = today.year - 1900,
			    .tm_mon = today.month - 1,
			    .tm_mday = today.day - (CHART_DAYS - 1),
			    .tm_isdst = -1 };
	return local_clock_between(a, mktime(&first), time(NULL));
}

static long long chosen_org_fallback(struct request *req)
{
	view_set(req, "Dashboard.Chosen", arena_printf(req->arena, "%lld", req->session->org_id));
	view_set(req, "Dashboard.OrgName", "");
	return req->session->org_id;
}

/* Whose figures: the active organisation's; an administrator chooses ?org=all (0) or any
 * organisation's id, offered in Dashboard.Orgs.N.{Value,Text,Selected}. */
static long long chosen_org(struct request *req)
{
	struct arena *a = req->arena;
	struct session *s = req->session;
	if (!s->is_admin)
		return s->org_id;
	const char *org = http_query(req, "org");
	long long chosen = s->org_id;
	if (org != NULL && strcmp(org, "all") == 0)
		chosen = 0;
	else if (org != NULL && page_parse_id(org) != 0)
		chosen = page_parse_id(org);
	struct catalog_org *orgs;
	size_t count = 0;
	if (catalog_organisations(a, false, &orgs, &count) != DB_OK)
		count = 0;
	bool known = chosen == 0;
	view_set(req, "Dashboard.Orgs.0.Value", "all");
	view_set(req, "Dashboard.Orgs.0.Text", "All organisations");
	for (size_t i = 0; i < count; i++) {
		const char *at = arena_printf(a, "Dashboard.Orgs.%zu", i + 1);
		view_set(req, arena_printf(a, "%s.Value", at), arena_printf(a, "%lld", orgs[i].id));
		view_set(req, arena_printf(a, "%s.Text", at), orgs[i].name);
		if (orgs[i].id == chosen) {
			known = true;
			view_set(req, "Dashboard.Chosen", arena_printf(a, "%lld", chosen));
			view_set(req, "Dashboard.OrgName", orgs[i].name);
		}
	}
	if (!known) /* no such organisation: the active one's, as without a choice */
		return chosen_org_fallback(req);
	if (chosen == 0)
		view_set(req, "Dashboard.Chosen", "all");
	return chosen;
}

void page_dashboard_data(struct request *req)
{
	struct arena *a = req->arena;
	struct session *s = req->session;
	if (s == NULL || s->org_id == 0)
		return;
	struct valid_date today = page_today();
	const char *today_iso =
		arena_printf(a, "%04d-%02d-%02d", today.year, today.month, today.day);
	long long org_id = chosen_org(req);
	struct referral_local_clock clock = chart_clock(a, today);
	struct dashboard dashboard;
	if (dashboard_read(a, org_id, &s->referral_generation, today_iso, &clock, &dashboard) !=
	    DB_OK)
		return;
	const struct dashboard_figures d = dashboard.figures;
	view_set(req, "Dashboard.New", capped_count(a, d.received_new));
	view_set(req, "Dashboard.Acknowledged", capped_count(a, d.received_acknowledged));
	view_set(req, "Dashboard.Overdue", capped_count(a, d.received_overdue));
	view_set(req, "Dashboard.Urgent", capped_count(a, d.received_urgent));
	view_set(req, "Dashboard.SentNew", capped_count(a, d.sent_awaiting));
	view_set(req, "Dashboard.SentOverdue", capped_count(a, d.sent_overdue));
	view_set(req, "Dashboard.Unresolved", capped_count(a, d.sent_unresolved));
	/* the lists' own filters: every organisation's lists for "all" */
	view_set(req, "Dashboard.ReceivedQuery",
		 org_id ? arena_printf(a, "receiving_org=%lld&", org_id) : "");
	view_set(req, "Dashboard.SentQuery",
		 org_id ? arena_printf(a, "sending_org=%lld&", org_id) : "");
	view_set_int(req, "Dashboard.OrgId", org_id);
	const char *days[CHART_DAYS], *labels[CHART_DAYS];
	chart_days(a, today, days, labels);
	dashboard_chart(req, &dashboard.received, "Received", days, labels);
	dashboard_chart(req, &dashboard.sent, "Sent", days, labels);

	struct referral_inbox_items inbox;
	if (referral_latest_inbox(a, s->staff_id, 5, &inbox) != DB_OK)
		return;
	for (size_t i = 0; i < inbox.count; i++) {
		view_set(req, arena_printf(a, "Dashboard.Inbox.%zu.Subject", i),
			 inbox.items[i].subject);
		view_set(req, arena_printf(a, "Dashboard.Inbox.%zu.Link", i), inbox.items[i].link);
		view_set(req, arena_printf(a, "Dashboard.Inbox.%zu.Created", i),
			 page_short_local_date(a, inbox.items[i].created_at));
		view_set_int(req, arena_printf(a, "Dashboard.Inbox.%zu.Unread", i),
			     inbox.items[i].unread);
	}
	view_set_int(req, "Dashboard.Ready", 1);
}
