/* The Sent and Received lists with their filters, and the daily counts of the dashboard's charts.
 */
#include "referral_list.h"

#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "../arena.h"
#include "../crypto.h"
#include "catalog.h"
#include "composed_sql.h"
#include "referral_rules.h"

static const char *text_of(const char *value)
{
	return value != NULL ? value : "";
}

/* How one statement of a list reads: which table leads, through which index, joining what. */
struct list_plan {
	const char *scope_column; /* NULL: every organisation's */
	const char *index;	  /* the index that drives the scan, or NULL for the optimizer's */
	bool search;		  /* the search's condition on the client c applies */
	bool from_clients;	  /* a search: the matching clients first, then their referrals */
	bool from_groups;  /* the unresolved groups (the sender's, or all) first, newest first */
	bool join_clients; /* an age filter or the name sort */
	bool join_groups;  /* unresolved */
	/* a long walk of the newest that skips what the filters leave out, reading the index
	 * alone (sql/085): MariaDB 10.11 executes such a prepared statement from the index only
	 * the first time, and later reads each skipped referral from the table too (the largest
	 * organisation's Overdue: 1,581 rows, 1 → 4 ms at the design scale), so it is prepared
	 * for each run. Only Overdue and Closed: open and urgent ones are among the newest, a
	 * short walk that costs less than preparing again. */
	bool fresh;
};

const char *const referral_state_names[REFERRAL_STATE__MAX] = {
	[REFERRAL_STATE_ANY] = "",
	[REFERRAL_STATE_OPEN] = "open",
	[REFERRAL_STATE_CLOSED] = "closed",
};

static bool wants_client(const struct referral_filter *f, enum referral_list_sort sort)
{
	return f->born_on_or_before != NULL || f->born_after != NULL || sort == REFERRAL_SORT_NAME;
}

/* How a search is read: from the clients it matches when they are few; a common name
 * (composed_search_matches) by walking the organisation's referrals newest first. */
enum list_search {
	SEARCH_NONE,
	SEARCH_FEW,    /* at most COMPOSED_SEARCH_FEW_MAX clients match: from the clients */
	SEARCH_COMMON, /* more: a page through the referrals, the client joined and checked;
			* its count still from the clients (plan_for) */
};

/* The index for each shape (each named in sql/014_list_indexes.sql or 010_referrals.sql).
 * A count wants the narrowest range whatever its order; a page wants its order from the
 * index, so that it stops after one page. Open and overdue referrals are the recent ones, so
 * newest first they are found by walking back through the newest; any other order reads
 * their (short) range and sorts it. Open urgent ones are a short range in any order. */
static struct list_plan plan_for(const struct referral_filter *f, enum referral_list_sort sort,
				 enum list_search searching, bool counting)
{
	struct list_plan plan = { 0 };
	bool received = f->scope == REFERRAL_LIST_RECEIVED, all = f->scope == REFERRAL_LIST_ALL;
	plan.scope_column = all ? NULL : received ? "r.receiving_org_id" : "r.sending_org_id";
	plan.search = searching != SEARCH_NONE;
	/* A count of a search, even of a common name, from the clients: it stops at the cap
	 * among the organisation's referrals of each matching client in turn, where walking the
	 * organisation's referrals reads all of them when the name is rare among them (design
	 * scale: "Brown" received by the largest organisation 167 → 10 ms, by a mid-sized one
	 * 876 → 40 ms; "Smith", 75,000 clients, 31 → 29 and 78 → 50 ms). */
	plan.from_clients = searching == SEARCH_FEW || (searching == SEARCH_COMMON && counting);
	plan.join_clients = searching == SEARCH_COMMON || wants_client(f, sort);
	plan.join_groups = f->unresolved;
	if (plan.from_clients) {
		plan.index = all	? "referrals_client"
			     : received ? "referrals_received_client"
					: "referrals_sent_client";
		return plan;
	}
	if (f->referral_id != 0)
		return plan; /* by the primary key */
	bool by_created =
		!counting && (sort == REFERRAL_SORT_NEWEST || sort == REFERRAL_SORT_OLDEST);
	bool open_only = f->overdue || f->state == REFERRAL_STATE_OPEN;
	if (f->unresolved && !received &&
	    (counting || sort == REFERRAL_SORT_NEWEST || sort == REFERRAL_SORT_OLDEST)) {
		plan.from_groups = true;
		plan.join_groups = false;
		plan.index = all ? "referral_groups_unresolved" : "referral_groups_sender";
		plan.scope_column = all ? NULL : "g.sending_org_id";
	} else if (f->status != NULL && all && counting) {
		plan.index = "referrals_due"; /* (status, update_due) */
	} else if (f->status != NULL && !all && (by_created || counting)) {
		plan.index = received ? "referrals_received" : "referrals_sent";
	} else if (f->urgent && (counting || !by_created || open_only)) {
		/* the open urgent ones are few: their range sorted costs less than walking the
		 * newest of every referral; urgent ones of every state newest first are found by
		 * that walk within a few pages (at the design scale a quarter are urgent) */
		plan.index = all	? "referrals_urgent"
			     : received ? "referrals_received_urgent"
					: "referrals_sent_urgent";
	} else if (sort == REFERRAL_SORT_DUE ||
		   (open_only && !(by_created && sort == REFERRAL_SORT_NEWEST))) {
		plan.index = all	? "referrals_due_order"
			     : received ? "referrals_received_due"
					: "referrals_sent_due";
	} else {
		plan.index = all	? "referrals_created"
			     : received ? "referrals_received_created"
					: "referrals_sent_created";
		plan.fresh = !counting && (f->overdue || f->state == REFERRAL_STATE_CLOSED);
	}
	return plan;
}

static void add_from(struct composed_sql *q, const struct list_plan *plan)
{
	if (plan->from_clients) {
		/* to the organisation's referrals of each client (sql/018_list_search.sql) */
		composed_add(q, " FROM clients c STRAIGHT_JOIN referrals r FORCE INDEX (");
		composed_add(q, plan->index != NULL ? plan->index : "referrals_client");
		composed_add(q, ") ON r.client_id = c.id");
	} else if (plan->from_groups) {
		/* a group's referrals are created with it, in the same send and by its sender
		 * (referral_send.c writes both sending_org_id from one value, the only writer):
		 * newest groups first are newest referrals first, and a count with no other
		 * filter reads only referrals_group */
		composed_add(q, " FROM referral_groups g FORCE INDEX (");
		composed_add(q, plan->index);
		composed_add(q, ") STRAIGHT_JOIN referrals r FORCE INDEX (referrals_group)"
				" ON r.group_id = g.id");
	} else {
		composed_add(q, " FROM referrals r");
		if (plan->index != NULL) {
			composed_add(q, " FORCE INDEX (");
			composed_add(q, plan->index);
			composed_add(q, ")");
		}
	}
	if (plan->join_clients && !plan->from_clients)
		composed_add(q, " STRAIGHT_JOIN clients c ON c.id = r.client_id");
	if (plan->join_groups)
		composed_add(q, " STRAIGHT_JOIN referral_groups g ON g.id = r.group_id");
}

/* Every alternative of a search at once (composed_client_search), as a page reads it. */
#define EVERY_ALTERNATIVE ((size_t)-1)

/* FROM and WHERE of a list: the scope, then only the filters in use; of a search, the one
 * alternative given, or EVERY_ALTERNATIVE. */
static bool add_from_where(struct arena *arena, struct composed_sql *q,
			   const struct list_plan *plan, const struct referral_filter *f,
			   size_t alternative)
{
	add_from(q, plan);
	composed_add(q, " WHERE 1 = 1");
	if (plan->scope_column != NULL) {
		composed_add(q, " AND ");
		composed_add(q, plan->scope_column);
		composed_int(q, " = ?", f->org_id);
	}
	if (plan->search && alternative != EVERY_ALTERNATIVE)
		composed_client_search_one(arena, q, f->query, alternative);
	else if (plan->search && !composed_client_search(arena, q, f->query))
		return false;
	if (f->referral_id != 0)
		composed_int(q, " AND r.id = ?", f->referral_id);
	if (f->created_from != NULL)
		composed_text(q, " AND r.created_at >= ?", f->created_from);
	if (f->created_before != NULL)
		composed_text(q, " AND r.created_at < ?", f->created_before);
	if (f->sending_org_id != 0)
		composed_int(q, " AND r.sending_org_id = ?", f->sending_org_id);
	if (f->receiving_org_id != 0)
		composed_int(q, " AND r.receiving_org_id = ?", f->receiving_org_id);
	if (f->created_by != 0)
		composed_int(q, " AND r.created_by = ?", f->created_by);
	if (f->status != NULL)
		composed_text(q, " AND r.status = ?", f->status);
	if (f->state == REFERRAL_STATE_OPEN)
		composed_add(q, " AND " REFERRAL_OPEN("r"));
	else if (f->state == REFERRAL_STATE_CLOSED)
		composed_add(q, " AND " REFERRAL_CLOSED("r"));
	if (f->closure_reason_id != 0)
		composed_int(q, " AND r.closure_reason_id = ?", f->closure_reason_id);
	if (f->born_on_or_before != NULL)
		composed_text(q, " AND c.date_of_birth <= ?", f->born_on_or_before);
	if (f->born_after != NULL)
		composed_text(q, " AND c.date_of_birth > ?", f->born_after);
	if (f->issue_id != 0)
		composed_int(q, " AND r.issue_id = ?", f->issue_id);
	if (f->urgent)
		composed_add(q, " AND r.urgent = 1");
	if (f->overdue && f->today != NULL)
		composed_text(q, " AND " REFERRAL_OVERDUE("r"), f->today);
	if (f->unresolved)
		composed_add(q, " AND g.unresolved = 1");
	return true;
}

/* The inner ORDER BY of a page and the key it selects for the outer one (which re-sorts the
 * page's 25 rows after the joins). */
struct list_order {
	const char *key;   /* ", <expression> AS sort_a[, ... AS sort_b]" */
	const char *inner; /* " ORDER BY ..." */
	const char *outer; /* " ORDER BY page...." */
};

static struct list_order order_for(enum referral_list_sort sort, const struct list_plan *plan)
{
	switch (sort) {
	case REFERRAL_SORT_OLDEST:
		if (plan->from_groups)
			return (struct list_order){ ", g.created_at AS sort_a, g.id AS sort_b",
						    " ORDER BY g.created_at, g.id",
						    " ORDER BY page.sort_a, page.sort_b, page.id" };
		return (struct list_order){ ", r.created_at AS sort_a",
					    " ORDER BY r.created_at, r.id",
					    " ORDER BY page.sort_a, page.id" };
	case REFERRAL_SORT_DUE:
		return (struct list_order){ ", r.due_order AS sort_a",
					    " ORDER BY r.due_order, r.id",
					    " ORDER BY page.sort_a, page.id" };
	case REFERRAL_SORT_NAME:
		return (struct list_order){ ", c.last_name AS sort_a, c.first_name AS sort_b",
					    " ORDER BY c.last_name, c.first_name, r.id DESC",
					    " ORDER BY page.sort_a, page.sort_b, page.id DESC" };
	case REFERRAL_SORT_NEWEST:
	case REFERRAL_SORT__MAX:
		break;
	}
	if (plan->from_groups) /* in the groups' index order; a group's referrals by id */
		return (struct list_order){
			", g.created_at AS sort_a, g.id AS sort_b",
			" ORDER BY g.created_at DESC, g.id DESC",
			" ORDER BY page.sort_a DESC, page.sort_b DESC, page.id"
		};
	return (struct list_order){ ", r.created_at AS sort_a",
				    " ORDER BY r.created_at DESC, r.id DESC",
				    " ORDER BY page.sort_a DESC, page.id DESC" };
}

/* The page's rows: the ids of one page found through the plan's index alone, then the
 * columns shown joined for those rows only (a deep page does not join what it skips). The
 * issue's, organisations' and closure reason's names come from the worker's catalog by id:
 * four joins fewer, 100 primary key lookups of a 25-row page. */
/* clang-format off */
#define ROW_COLUMNS                                                                                \
	"SELECT r.id, r.status, r.urgent, r.created_at, r.update_due, r.close_due, c.first_name,"  \
	" c.last_name, c.date_of_birth, r.issue_id, r.sending_org_id, r.receiving_org_id,"        \
	" g.unresolved,"                                                                            \
	" " REFERRAL_CONSENT_EXPIRED("con", "UTC_TIMESTAMP()") ","                                  \
	" COALESCE(r.closure_reason_id, 0), r.client_id"
/* clang-format on */
/* clang-format off */
#define ROW_JOINS                                                                                  \
	" JOIN referrals r ON r.id = page.id"                                                       \
	" JOIN clients c ON c.id = r.client_id"                                                    \
	" JOIN referral_groups g ON g.id = r.group_id"                                             \
	" JOIN consents con ON con.id = g.consent_id"
/* clang-format on */

/* A search's count from its clients, each alternative a capped range of its own index and
 * the referrals' ids united: where the alternatives are ORed, MariaDB merges the indexes,
 * reading every client of every range (75,000 Smiths) before the first referral is counted
 * (41 ms for "Smith" among the largest organisation's sent ones at the design scale). Exact
 * while no branch reaches the cap, as each then holds all its matches; when one does, the
 * union holds at least cap and LEAST says cap. */
static void add_count_by_alternatives(struct arena *arena, struct composed_sql *q,
				      const struct referral_filter *f, const struct list_plan *plan,
				      long long cap, size_t alternatives)
{
	composed_int(q, "SELECT LEAST(COUNT(*), ?) FROM (", cap);
	for (size_t i = 0; i < alternatives; i++) {
		composed_add(q, i == 0 ? "(SELECT r.id" : " UNION (SELECT r.id");
		add_from_where(arena, q, plan, f, i);
		composed_int(q, " LIMIT ?)", cap);
	}
	composed_add(q, ") capped");
}

/* This worker's copies of list counts, each as of its organisation's referral generation
 * (sql/080_referral_generations.sql): the count of one statement with its values (its text
 * and values' digest) answers again while the organisation's number is the same. Only a
 * list of the organisation's own referrals filtered on what the triggers watch: the
 * referrals' own columns, and a search's or an age's client columns (sql/090 moves the
 * numbers of a client's organisations when they change); not Unresolved on the receiving
 * side (a group's flag moves its sender's number only), not every organisation's. A count
 * reads up to 1,001 index entries, a fifth of a list's work in the database at the design
 * scale; a common name's, up to 6,000 rows. A copy lives in the slot its digest names; a
 * worker counting more lists than slots counts some again, never shows another's. */
enum { COUNT_COPIES = 128 };
struct count_copy {
	uint8_t digest[SHA256_DIGEST_BYTES];
	long long org_id; /* 0: an empty slot */
	unsigned long long generation;
	long long total;
};
static struct count_copy count_copies[COUNT_COPIES];

static bool count_may_be_copied(const struct referral_filter *f, const struct list_plan *plan)
{
	return f->generation != NULL && f->generation->org_id != 0 &&
	       f->generation->org_id == f->org_id && plan->scope_column != NULL &&
	       !plan->join_groups;
}

/* A value's bytes: a text ('s') is a C string, bytes ('b') carry their length. */
static size_t param_bytes(const struct db_param *p)
{
	if (p->text == NULL)
		return 0;
	return p->type == 's' ? strlen(p->text) : p->length;
}

/* The statement's text and every value, typed and measured, so no two statements share one. */
static void count_digest(struct arena *arena, const struct composed_sql *q,
			 uint8_t digest[SHA256_DIGEST_BYTES])
{
	size_t size = q->len + 1;
	for (size_t i = 0; i < q->count; i++)
		size += 48 + param_bytes(&q->params[i]);
	char *key = arena_alloc(arena, size);
	memcpy(key, q->text, q->len + 1);
	size_t len = q->len + 1;
	for (size_t i = 0; i < q->count; i++) {
		const struct db_param *p = &q->params[i];
		size_t bytes = param_bytes(p);
		/* '-' a NULL, '+' a text (an empty one too) */
		len += (size_t)snprintf(key + len, size - len, "%c%c%lld:%zu:", p->type,
					p->text != NULL ? '+' : '-', p->number, bytes);
		if (bytes > 0) {
			memcpy(key + len, p->text, bytes);
			len += bytes;
		}
	}
	crypto_sha256(key, len, digest);
}

static struct count_copy *count_copy_slot(const uint8_t digest[SHA256_DIGEST_BYTES])
{
	return &count_copies[(digest[0] | (unsigned)digest[1] << 8) % COUNT_COPIES];
}

static enum db_status run_count(struct arena *arena, struct composed_sql *q,
				const struct referral_filter *f, bool copied, long long *total)
{
	uint8_t digest[SHA256_DIGEST_BYTES];
	struct count_copy *copy = NULL;
	if (copied) {
		count_digest(arena, q, digest);
		copy = count_copy_slot(digest);
		if (copy->org_id == f->org_id && copy->generation == f->generation->number &&
		    memcmp(copy->digest, digest, sizeof digest) == 0) {
			*total = copy->total;
			return DB_OK;
		}
	}
	struct db_result r;
	enum db_status st = composed_run(arena, q, &r);
	if (st != DB_OK)
		return st;
	*total = db_int(&r, 0, 0, 0);
	if (copy != NULL) {
		*copy = (struct count_copy){ .org_id = f->org_id,
					     .generation = f->generation->number,
					     .total = *total };
		memcpy(copy->digest, digest, sizeof digest);
	}
	return DB_OK;
}

static enum db_status count_matches(struct arena *arena, const struct referral_filter *f,
				    const struct list_plan *plan, long long cap, long long *total)
{
	struct composed_sql *q = arena_zalloc(arena, sizeof *q);
	size_t alternatives =
		plan->search ? composed_client_search_alternatives(arena, f->query) : 0;
	if (plan->from_clients && alternatives > 1) {
		add_count_by_alternatives(arena, q, f, plan, cap, alternatives);
	} else {
		composed_add(q, "SELECT COUNT(*) FROM (SELECT 1");
		if (!add_from_where(arena, q, plan, f, EVERY_ALTERNATIVE)) {
			*total = 0;
			return DB_OK;
		}
		composed_int(q, " LIMIT ?) capped", cap);
	}
	return run_count(arena, q, f, count_may_be_copied(f, plan), total);
}

static enum db_status page_rows(struct arena *arena, const struct referral_filter *f,
				const struct list_plan *plan, enum referral_list_sort sort,
				long long offset, struct db_result *out)
{
	struct list_order order = order_for(sort, plan);
	struct composed_sql *q = arena_zalloc(arena, sizeof *q);
	composed_int(q, ROW_COLUMNS " FROM (SELECT r.id", f->consent_expiry_days);
	composed_add(q, order.key);
	if (!add_from_where(arena, q, plan, f, EVERY_ALTERNATIVE)) {
		*out = (struct db_result){ 0 };
		return DB_OK;
	}
	composed_add(q, order.inner);
	composed_int(q, " LIMIT ?", (long long)REFERRAL_LIST_PAGE_SIZE);
	composed_int(q, " OFFSET ?) page" ROW_JOINS, offset);
	composed_add(q, order.outer);
	return plan->fresh ? composed_run_fresh(arena, q, out) : composed_run(arena, q, out);
}

/* The pages offered for total matches: at least one, at most REFERRAL_LIST_PAGE_MAX. */
static long long pages_for(long long total)
{
	long long pages = (total + REFERRAL_LIST_PAGE_SIZE - 1) / REFERRAL_LIST_PAGE_SIZE;
	if (pages > REFERRAL_LIST_PAGE_MAX)
		return REFERRAL_LIST_PAGE_MAX;
	return pages < 1 ? 1 : pages;
}

/* A name from the catalog ("" for none: a referral's issue and organisations are kept with
 * it, so only a closure reason may be absent). */
static const char *org_name(const struct catalog *catalog, long long id)
{
	const struct catalog_org *org = catalog_org(catalog, id);
	return org != NULL ? org->name : "";
}

static const char *issue_name(const struct catalog *catalog, long long id)
{
	const struct issue *issue = catalog_issue(catalog, id);
	return issue != NULL ? issue->name : "";
}

static const char *reason_name(const struct catalog *catalog, long long id)
{
	const struct closure_reason *reason = catalog_reason(catalog, id);
	return reason != NULL ? reason->name : "";
}

enum db_status referral_list(struct arena *arena, const struct referral_filter *f_in,
			     struct referral_page *out)
{
	out->items = NULL;
	out->count = 0;
	out->total = 0;
	out->page = out->pages = 1;
	out->name_sort_refused = false;
	struct referral_filter f = *f_in;
	if (f.scope < REFERRAL_LIST_SENT || f.scope > REFERRAL_LIST_ALL)
		f.scope = REFERRAL_LIST_SENT;
	if (f.status != NULL && f.status[0] == '\0')
		f.status = NULL;
	enum referral_list_sort sort = f.sort;
	if (sort < 0 || sort >= REFERRAL_SORT__MAX)
		sort = REFERRAL_SORT_NEWEST;
	enum list_search searching = SEARCH_NONE;
	if (f.query != NULL && f.query[0] != '\0') {
		long long matching = 0;
		enum db_status probed = composed_search_matches(arena, f.query, &matching);
		if (probed != DB_OK)
			return probed;
		searching = matching > COMPOSED_SEARCH_FEW_MAX ? SEARCH_COMMON : SEARCH_FEW;
	}
	long long cap = REFERRAL_COUNT_CAP + 1;
	struct list_plan count_plan = plan_for(&f, sort, searching, true);
	struct list_plan plan = plan_for(&f, sort, searching, false);
	long long page = f.page < 1 ? 1 : f.page;

	/* Page 1 of a short list needs no count: fewer rows than a page is the count. The name
	 * sort needs one first, as it sorts every match (no index holds the client's name in a
	 * referral's order): beyond a capped count it is refused and the list is newest first. */
	enum db_status st;
	bool counted = false;
	if (page > 1 || sort == REFERRAL_SORT_NAME) {
		if ((st = count_matches(arena, &f, &count_plan, cap, &out->total)) != DB_OK)
			return st;
		counted = true;
		if (sort == REFERRAL_SORT_NAME && out->total >= cap) {
			out->name_sort_refused = true;
			sort = REFERRAL_SORT_NEWEST;
			plan = plan_for(&f, sort, searching, false);
		}
	}
	if (counted) {
		out->pages = pages_for(out->total);
		if (page > out->pages)
			page = out->pages;
	}
	out->page = page;
	struct db_result r;
	st = page_rows(arena, &f, &plan, sort, (page - 1) * REFERRAL_LIST_PAGE_SIZE, &r);
	if (st != DB_OK)
		return st;
	if (!counted) {
		if (r.rows < REFERRAL_LIST_PAGE_SIZE) {
			out->total = (long long)r.rows;
		} else if ((st = count_matches(arena, &f, &count_plan, cap, &out->total)) !=
			   DB_OK) {
			return st;
		}
		out->pages = pages_for(out->total);
	}
	const struct catalog *catalog;
	if ((st = catalog_get(arena, &catalog)) != DB_OK)
		return st;
	out->items = arena_zalloc(arena, (r.rows + 1) * sizeof *out->items);
	for (size_t row = 0; row < r.rows; row++)
		out->items[out->count++] = (struct referral_row){
			.id = db_int(&r, row, 0, 0),
			.status = text_of(db_value(&r, row, 1)),
			.urgent = db_int(&r, row, 2, 0) == 1,
			.created_at = text_of(db_value(&r, row, 3)),
			.update_due = text_of(db_value(&r, row, 4)),
			.close_due = text_of(db_value(&r, row, 5)),
			.first_name = text_of(db_value(&r, row, 6)),
			.last_name = text_of(db_value(&r, row, 7)),
			.date_of_birth = text_of(db_value(&r, row, 8)),
			.issue = issue_name(catalog, db_int(&r, row, 9, 0)),
			.sending_org = org_name(catalog, db_int(&r, row, 10, 0)),
			.receiving_org = org_name(catalog, db_int(&r, row, 11, 0)),
			.unresolved = db_int(&r, row, 12, 0) == 1,
			.consent_expired = db_int(&r, row, 13, 0) == 1,
			.closure_reason = reason_name(catalog, db_int(&r, row, 14, 0)),
			.client_id = db_int(&r, row, 15, 0),
		};
	return DB_OK;
}

static enum db_status options_from(struct arena *arena, struct db_result *r,
				   struct referral_list_options *out)
{
	out->items = arena_zalloc(arena, (r->rows + 1) * sizeof *out->items);
	out->count = 0;
	for (size_t row = 0; row < r->rows; row++)
		out->items[out->count++] =
			(struct referral_list_option){ .id = db_int(r, row, 0, 0),
						       .name = text_of(db_value(r, row, 1)) };
	return DB_OK;
}

/* This worker's copies of organisations' staff choices, each as of its organisation's staff
 * generation (sql/095_staff_generations.sql), in 64 slots by organisation id: a list reads
 * them once per change instead of on every request. A slot's names are its own memory, freed
 * when the slot is taken by another organisation or a newer number. */
enum { STAFF_COPIES = 64 };
struct staff_copy {
	long long org_id; /* 0: an empty slot */
	unsigned long long generation;
	struct referral_list_option *items; /* malloc'd, each name too */
	size_t count;
};
static struct staff_copy staff_copies[STAFF_COPIES];

static void staff_copy_clear(struct staff_copy *copy)
{
	for (size_t i = 0; i < copy->count; i++)
		free((char *)copy->items[i].name);
	free(copy->items);
	*copy = (struct staff_copy){ 0 };
}

/* Keeps out as the copy of org_id at generation; a copy that cannot be made whole is none. */
static void staff_copy_keep(struct staff_copy *copy, long long org_id,
			    unsigned long long generation, const struct referral_list_options *out)
{
	staff_copy_clear(copy);
	copy->items = calloc(out->count + 1, sizeof *copy->items);
	if (copy->items == NULL)
		return;
	for (size_t i = 0; i < out->count; i++) {
		char *name = strdup(out->items[i].name);
		if (name == NULL) {
			staff_copy_clear(copy);
			return;
		}
		copy->items[copy->count++] =
			(struct referral_list_option){ out->items[i].id, name };
	}
	copy->org_id = org_id;
	copy->generation = generation;
}

enum db_status referral_list_staff(struct arena *arena, long long org_id,
				   const struct referral_generation *known,
				   struct referral_list_options *out)
{
	bool copied = known != NULL && known->org_id != 0 && known->org_id == org_id;
	struct staff_copy *copy = copied ? &staff_copies[org_id % STAFF_COPIES] : NULL;
	if (copy != NULL && copy->org_id == org_id && copy->generation == known->number) {
		/* the request's own array: the slot may be taken by the next request */
		out->items = arena_zalloc(arena, (copy->count + 1) * sizeof *out->items);
		out->count = copy->count;
		for (size_t i = 0; i < copy->count; i++)
			out->items[i] = (struct referral_list_option){
				copy->items[i].id, arena_strdup(arena, copy->items[i].name)
			};
		return DB_OK;
	}
	struct db_result r;
	enum db_status st =
		db_run(arena, &r,
		       "SELECT DISTINCT s.id, s.display_name FROM staff_orgs so"
		       " JOIN staff s ON s.id = so.staff_id WHERE so.organisation_id = ?"
		       " ORDER BY s.display_name, s.id LIMIT 500",
		       "i", org_id);
	if (st != DB_OK)
		return st;
	st = options_from(arena, &r, out);
	if (st == DB_OK && copy != NULL)
		staff_copy_keep(copy, org_id, known->number, out);
	return st;
}

/* Each side's hours since the first day, from the counts kept as referrals are written
 * (sql/075_referral_hour_counts.sql): at most 30 × 24 rows a side, where counting the
 * referrals themselves read every one of the last 30 days (11,000 index entries for the
 * largest organisation at the design scale). An hour is summed into the local day its first
 * second falls on, which is the day of every referral in it while offsets are whole hours. */
enum db_status referral_daily_counts(struct arena *arena, long long org_id,
				     const struct referral_local_clock *clock,
				     struct referral_day_counts *received,
				     struct referral_day_counts *sent)
{
	struct db_result r;
	enum db_status st =
		db_run(arena, &r,
		       "SELECT side, DATE(hour_at + INTERVAL IF(hour_at < ?, ?, ?) SECOND) d,"
		       " SUM(referrals) FROM referral_hour_counts"
		       " WHERE organisation_id = ? AND side IN (0, 1) AND hour_at >= ?"
		       " GROUP BY side, d HAVING SUM(referrals) > 0",
		       "siiis", clock->switch_at, clock->offset_before, clock->offset_after, org_id,
		       clock->since);
	if (st != DB_OK)
		return st;
	received->items = arena_zalloc(arena, (r.rows + 1) * sizeof *received->items);
	sent->items = arena_zalloc(arena, (r.rows + 1) * sizeof *sent->items);
	received->count = sent->count = 0;
	for (size_t row = 0; row < r.rows; row++) {
		struct referral_day_counts *side = db_int(&r, row, 0, 0) == 1 ? sent : received;
		side->items[side->count++] =
			(struct referral_day_count){ .day = text_of(db_value(&r, row, 1)),
						     .count = db_int(&r, row, 2, 0) };
	}
	return DB_OK;
}

enum db_status referral_latest_inbox(struct arena *arena, long long staff_id, long long limit,
				     struct referral_inbox_items *out)
{
	struct db_result r;
	enum db_status st =
		db_run(arena, &r,
		       "SELECT id, subject, link, created_at, read_at IS NULL"
		       " FROM inbox_messages FORCE INDEX (inbox_recent) WHERE staff_id = ?"
		       " ORDER BY created_at DESC, id DESC LIMIT ?",
		       "ii", staff_id, limit);
	if (st != DB_OK)
		return st;
	out->items = arena_zalloc(arena, (r.rows + 1) * sizeof *out->items);
	out->count = 0;
	for (size_t row = 0; row < r.rows; row++)
		out->items[out->count++] = (struct referral_inbox_item){
			.id = db_int(&r, row, 0, 0),
			.subject = text_of(db_value(&r, row, 1)),
			.link = text_of(db_value(&r, row, 2)),
			.created_at = text_of(db_value(&r, row, 3)),
			.unread = db_int(&r, row, 4, 0) == 1,
		};
	return DB_OK;
}
