/* The referral page and its lifecycle: acknowledge, refuse, close, withdraw; grouping
 * (issue 4 points 1 to 3).
 *
 * Every handler asks referral_access first: an organisation that is not party to the
 * referral gets 404 for the page and every action, exactly as for one that does not exist.
 * The page offers only the actions the state allows for the active organisation's role; the
 * POSTs check the role here and the state in the model's conditional UPDATE, and answer 409
 * with a message that says why when either does not allow the change. */
#include "referrals.h"
#include "notes.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../arena.h"
#include "../contact_text.h"
#include "../form.h"
#include "../render.h"
#include "../session.h"
#include "../validate.h"
#include "../vocabulary.h"
#include "../model/client.h"
#include "../model/closure_reason.h"
#include "../model/referral.h"
#include "../model/referral_access.h"
#include "../model/settings.h"
#include "access.h"
#include "privacy.h"
#include "pages.h"

#define REASON_MAX 1000
#define OUTCOME_MAX 2000

static const char *role_name(enum referral_role role)
{
	switch (role) {
	case REFERRAL_SENDER:
		return "sender";
	case REFERRAL_RECEIVER:
		return "receiver";
	case REFERRAL_ADMIN:
		return "admin";
	case REFERRAL_NONE:
		break;
	}
	return "";
}

/* The referral id of the path and the active organisation's part in it; false (the 404 or
 * the failure page answered) when it is not party to it. */
static bool access(struct request *req, long long *id, enum referral_role *role)
{
	*id = page_parse_id(req->captures[0]);
	*role = REFERRAL_NONE;
	if (*id == 0) {
		view_error(req, 404, NULL);
		return false;
	}
	struct scope scope = page_scope(req);
	struct referral_access found;
	enum db_status status = referral_access_get(req->arena, *id, &scope, &found);
	*role = found.role;
	if (status != DB_OK) {
		page_database_failed(req, status);
		return false;
	}
	if (*role == REFERRAL_NONE) {
		view_error(req, 404, NULL);
		return false;
	}
	return true;
}

/* restricted: consent has expired, so the contact details are left out (PRODUCT.md
 * "Consent": both sides see only who the client is until the sender renews it). */
static void set_client(struct request *req, const struct client *c, bool restricted)
{
	struct arena *arena = req->arena;
	view_set(req, "Client.Id", arena_printf(arena, "%lld", c->id));
	view_set(req, "Client.Name",
		 c->title[0]
			 ? arena_printf(arena, "%s %s %s", c->title, c->first_name, c->last_name)
			 : arena_printf(arena, "%s %s", c->first_name, c->last_name));
	view_set(req, "Client.Dob", page_long_date(arena, c->date_of_birth));
	struct valid_date dob;
	if (valid_date_parse_iso(c->date_of_birth, &dob) == NULL)
		view_set_int(req, "Client.Age", valid_age_years(dob, page_today()));
	view_set(req, "Client.Pronoun", c->pronoun);
	view_set(req, "Client.Gender",
		 c->gender_description[0]
			 ? arena_printf(arena, "%s (%s)", c->gender, c->gender_description)
			 : c->gender);
	view_set(req, "Client.LocalAuthority", c->local_authority);
	if (restricted)
		return;
	view_set(req, "Client.Email", c->email);
	char phone[CONTACT_PHONE_TEXT_SIZE], ways[CONTACT_WAYS_TEXT_SIZE];
	view_set(req, "Client.Phone", contact_phone_text(c->phone, phone));
	view_set(req, "Client.AltPhone", contact_phone_text(c->alt_phone, phone));
	struct contact_ways allowed = { .email = c->contact_email,
					.phone = c->contact_phone,
					.sms = c->contact_sms,
					.voicemail = c->contact_voicemail,
					.post = c->contact_post };
	view_set(req, "Client.ContactWays", contact_ways_text(allowed, ways));
	view_set(req, "Client.Nhs", c->nhs_number);
	view_set(req, "Client.Gp", c->gp_practice_name);
	if (c->no_fixed_abode) {
		view_set(req, "Client.Nfa", "1");
	} else {
		const char *lines[] = { c->address_line1, c->address_line2, c->town, c->postcode };
		int n = 0;
		for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++)
			if (lines[i] && lines[i][0])
				view_set(req, arena_printf(arena, "Client.Address.%d", n++),
					 lines[i]);
	}
}

/* The referral's own fields, its status tag and whether its state is overdue today. */
static void set_referral(struct request *req, const struct referral *r, enum referral_role role)
{
	struct arena *arena = req->arena;
	enum referral_status state = status_from_name(r->status);
	const struct vocab_term *term = status_term(state);
	view_set_int(req, "Referral.Id", r->id);
	view_set(req, "Referral.Role", role_name(role));
	view_set(req, "Referral.Issue", r->issue_name);
	view_set_int(req, "Referral.Urgent", r->urgent);
	view_set(req, "Referral.Sender", r->sending_org_name);
	view_set(req, "Referral.Receiver", r->receiving_org_name);
	view_set(req, "Referral.CreatedBy", r->created_by_name);
	view_set(req, "Referral.CreatedAt", page_local_date_time(arena, r->created_at));
	view_set(req, "Referral.Status", r->status);
	view_set(req, "Referral.StatusText", term->label);
	view_set(req, "Referral.StatusColour", term->colour);
	view_set(req, "Referral.UpdateDue", page_long_date(arena, r->update_due));
	view_set(req, "Referral.CloseDue", page_long_date(arena, r->close_due));
	struct valid_date today = page_today();
	char today_iso[16];
	snprintf(today_iso, sizeof today_iso, "%04d-%02d-%02d", today.year, today.month, today.day);
	if (referral_is_overdue(state, r->update_due, r->close_due, today_iso))
		view_set(req,
			 state == STATUS_NEW ? "Referral.UpdateOverdue" : "Referral.CloseOverdue",
			 "1");
	view_set(req, "Referral.ClosureReason", r->closure_reason);
	view_set(req, "Referral.Outcome", r->outcome_note);
	view_set(req, "Referral.RefusalReason", r->status_reason);
	if (r->closed_at[0])
		view_set(req, "Referral.ClosedAt", page_local_date_time(arena, r->closed_at));
	view_set(req, "Referral.TakenBy", r->taken_by_name);
	view_set_int(req, "Referral.Unresolved", r->unresolved);
}

/* Consent as the receiver must know it before acting: who gave it (the client, or someone
 * for them and how they are related), who recorded it and when, and when it expires. */
static void set_consent_detail(struct request *req, const struct referral_view *view)
{
	struct arena *arena = req->arena;
	const struct referral_consent_detail *d = &view->consent_detail;
	view_set(req, "Consent.GivenBy",
		 d->given_by_client		? "The client"
		 : d->consentor_relationship[0] ? arena_printf(arena, "%s (%s)", d->consentor_name,
							       d->consentor_relationship)
						: d->consentor_name);
	const char *who = d->recorded_for[0]
				  ? arena_printf(arena, "%s, %s", d->recorded_by, d->recorded_for)
				  : d->recorded_by;
	view_set(req, "Consent.RecordedBy",
		 arena_printf(arena, "%s on %s", who,
			      page_local_date_time(arena, view->consent.recorded_at)));
	view_set(req, "Consent.Expires",
		 view->consent.expires_at[0] ? page_local_date_time(arena, view->consent.expires_at)
					     : "Never");
}

/* Consent: who gave and recorded it, and when it has expired, the dates and (for the sender)
 * the renewal. */
static void set_consent(struct request *req, const struct referral_view *view, bool restricted)
{
	if (view->consent_found && !restricted) /* who gave it is the client's data too */
		set_consent_detail(req, view);
	if (!restricted)
		return;
	view_set_int(req, "Consent.Expired", 1);
	view_set(req, "Consent.ExpiredOn",
		 page_local_date_time(req->arena, view->consent.expires_at));
	view_set(req, "Consent.RecordedOn",
		 page_local_date_time(req->arena, view->consent.recorded_at));
	bool redacted = view->client_found && view->client.redacted_at[0] != '\0';
	if (view->role == REFERRAL_SENDER && !redacted) /* issue 15: nothing to renew for */
		view_set_int(req, "Consent.CanRenew", 1);
}

/* The statuses of the whole group. */
static void set_group(struct request *req, const struct referral_history *history,
		      long long current)
{
	struct arena *arena = req->arena;
	for (size_t i = 0; i < history->member_count; i++) {
		const struct referral_member *m = &history->members[i];
		const struct vocab_term *term = status_term(status_from_name(m->status));
		const char *base = arena_printf(arena, "Group.%zu", i);
		view_set_int(req, arena_printf(arena, "%s.Id", base), m->id);
		view_set(req, arena_printf(arena, "%s.Org", base), m->receiving_org_name);
		view_set(req, arena_printf(arena, "%s.StatusText", base), term->label);
		view_set(req, arena_printf(arena, "%s.StatusColour", base), term->colour);
		if (m->id == current)
			view_set(req, arena_printf(arena, "%s.Current", base), "1");
	}
}

/* The answers, a line each: only the sender, the group's receivers and administrators get
 * here. */
static void set_answers(struct request *req, const struct referral_answer *answers, size_t count)
{
	struct arena *arena = req->arena;
	for (size_t i = 0; i < count; i++) {
		const char *base = arena_printf(arena, "Answers.%zu", i);
		view_set(req, arena_printf(arena, "%s.Question", base), answers[i].question);
		const char *answer = answers[i].answer;
		if (strcmp(answers[i].kind, "date") == 0)
			answer = page_long_date(arena, answer);
		if (answer[0] == '\0') {
			view_set(req, arena_printf(arena, "%s.Lines.0", base), "Not answered");
			continue;
		}
		char *copy = arena_strdup(arena, answer);
		int n = 0;
		for (char *line = copy, *next; line; line = next) {
			next = strchr(line, '\n');
			if (next)
				*next++ = '\0';
			view_set(req, arena_printf(arena, "%s.Lines.%d", base, n++), line);
		}
	}
}

/* "Note added by Amira Khan, Riverside Citizens Advice": what happened and who did it, in
 * words; an action outside the table is shown as stored rather than hidden. */
static const char *timeline_words(struct arena *arena, enum event_kind kind,
				  const struct referral_event *e)
{
	const char *what = kind == EVENT_UNKNOWN ? e->action : event_term(kind)->label;
	if (e->staff_name[0] == '\0')
		return what; /* the scheduled job's */
	if (e->org_name[0] == '\0')
		return arena_printf(arena, "%s by %s", what, e->staff_name);
	return arena_printf(arena, "%s by %s, %s", what, e->staff_name, e->org_name);
}

static void set_timeline(struct request *req, const struct referral_history *history)
{
	struct arena *arena = req->arena;
	for (size_t i = 0; i < history->event_count; i++) {
		const struct referral_event *e = &history->events[i];
		enum event_kind kind = event_from_name(e->action);
		const char *base = arena_printf(arena, "Timeline.%zu", i);
		view_set(req, arena_printf(arena, "%s.When", base),
			 page_local_date_time(arena, e->occurred_at));
		view_set(req, arena_printf(arena, "%s.What", base), timeline_words(arena, kind, e));
		/* a note's or file's detail is its number ("Note 8"): the notes and files are
		 * listed above; an acknowledgement's repeats the heading */
		if (kind != EVENT_NOTE_ADDED && kind != EVENT_FILE_ADDED &&
		    kind != EVENT_ACKNOWLEDGED)
			view_set(req, arena_printf(arena, "%s.Detail", base), e->detail);
	}
}

/* The actions the state allows for this role (the closure reasons to choose from). */
static void set_actions(struct request *req, enum referral_status state, enum referral_role role,
			const struct closure_reason_list *reasons)
{
	struct arena *arena = req->arena;
	bool receiver = role == REFERRAL_RECEIVER;
	if (receiver && state == STATUS_NEW) {
		view_set(req, "Actions.Acknowledge", "1");
		view_set(req, "Actions.Refuse", "1");
	}
	if (receiver && state == STATUS_ACKNOWLEDGED) {
		view_set(req, "Actions.Close", "1");
		int n = 0;
		view_set(req, "Reasons.0.Value", "");
		view_set(req, "Reasons.0.Text", "Choose a reason");
		for (size_t i = 0; i < reasons->count; i++) {
			if (reasons->items[i].retired)
				continue;
			n++;
			view_set_int(req, arena_printf(arena, "Reasons.%d.Value", n),
				     reasons->items[i].id);
			view_set(req, arena_printf(arena, "Reasons.%d.Text", n),
				 reasons->items[i].name);
		}
	}
	if (role == REFERRAL_SENDER && status_is_open(state))
		view_set(req, "Actions.Withdraw", "1");
}

/* The message for the change just made (?done=, ?added=), the last one named winning. */
static void set_done(struct request *req, long long id, bool restricted)
{
	const char *done = http_query(req, "done");
	if (done && strcmp(done, "consent") == 0 && !restricted)
		view_set(req, "Done",
			 "Consent renewed: the client's details and the answers are shown again.");
	enum referral_status state = status_from_name(done);
	if (state == STATUS_ACKNOWLEDGED || state == STATUS_REFUSED || state == STATUS_CLOSED ||
	    state == STATUS_WITHDRAWN)
		view_set(req, "Done", arena_printf(req->arena, "Referral %lld %s.", id, done));
	const char *added = http_query(req, "added");
	if (added && (strcmp(added, "note") == 0 || strcmp(added, "file") == 0))
		view_set(req, "Done", strcmp(added, "note") == 0 ? "Note added." : "File added.");
}

/* Fills everything the page shows and renders it with status: the 404 page when the active
 * organisation is not party to referral id (and is not an administrator's). */
static void render_referral(struct request *req, long long id, int status_code)
{
	struct arena *arena = req->arena;
	struct settings_timeframes timeframes;
	enum db_status status = settings_load_timeframes(arena, &timeframes);
	struct scope scope = page_scope(req);
	struct referral_view view;
	if (status == DB_OK)
		status =
			referral_view_get(arena, id, &scope, timeframes.consent_expiry_days, &view);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return;
	}
	if (view.role == REFERRAL_NONE) {
		view_error(req, 404, NULL);
		return;
	}
	const struct referral r = view.referral;
	enum referral_status state = status_from_name(r.status);
	struct referral_history history;
	status = referral_history(arena, id, r.group_id, &history);
	struct closure_reason_list reasons = { 0 };
	if (status == DB_OK && view.role == REFERRAL_RECEIVER && state == STATUS_ACKNOWLEDGED)
		status = closure_reason_list(arena, &reasons);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return;
	}
	bool restricted = view.consent_found && view.consent.expired;
	set_referral(req, &r, view.role);
	page_redaction_notice(req, view.client.redacted_at, view.client.redaction_kind); /* i15 */
	if (view.client_found)
		set_client(req, &view.client, restricted);
	set_consent(req, &view, restricted);
	set_group(req, &history, r.id);
	if (!restricted) /* the answers are restricted too */
		set_answers(req, history.answers, history.answer_count);
	set_timeline(req, &history);
	set_actions(req, state, view.role, &reasons);
	set_done(req, r.id, restricted);
	/* notes and files are referral data too: hidden with the rest while consent has expired */
	bool redacted = view.client_found && view.client.redacted_at[0] != '\0'; /* issue 15 */
	if (!restricted &&
	    !notes_set_referral(req, r.id, arena_printf(arena, "/referrals/%lld", r.id),
				redacted ? PAGE_CLIENT_REMOVED_READ_ONLY
					 : referral_ended_reason(view.role, r.status)))
		return;
	view_render(req, status_code, "pages/referrals/show.cs",
		    arena_printf(arena, "Referral %lld: %s", r.id, r.issue_name));
}

void page_referral(struct request *req)
{
	long long id = page_parse_id(req->captures[0]);
	if (id == 0) {
		view_error(req, 404, NULL);
		return;
	}
	page_access(req, ACCESS_REFERRAL, id); /* issue 15: logged only if the page is shown */
	render_referral(req, id, 200); /* which asks the model for the organisation's part in it */
}

/* The race loser's page: its heading says what happened, not only that something changed. */
static const char *taken_message(struct request *req, long long id, const char *taken_by)
{
	view_set(req, "Error.Heading", "Another organisation took this referral");
	return arena_printf(
		req->arena,
		"Referral %lld was already taken by %s: they acknowledged a referral of the same "
		"group first, so this one has been removed.",
		id, taken_by);
}

/* A refused change's page links to the referral, to see where it stands now. */
static void link_to_referral(struct request *req, long long id)
{
	view_set(req, "Error.Link", arena_printf(req->arena, "/referrals/%lld", id));
	view_set(req, "Error.LinkText", arena_printf(req->arena, "View referral %lld", id));
}

/* The 409 for a change the state does not allow, naming the state it is in. */
static void wrong_state(struct request *req, long long id, const char *doing)
{
	struct referral r;
	bool found = false;
	struct scope scope = page_scope(req);
	enum db_status status = referral_get(req->arena, id, &scope, &r, &found);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return;
	}
	if (found)
		link_to_referral(req, id);
	if (found && status_from_name(r.status) == STATUS_REMOVED && r.taken_by_name[0])
		view_error(req, 409, taken_message(req, id, r.taken_by_name));
	else
		view_error(req, 409,
			   found ? arena_printf(req->arena,
						"Referral %lld is %s, so it cannot be %s.", id,
						status_label(r.status), doing)
				 : "This referral cannot be changed.");
}

static void wrong_role(struct request *req, long long id, const char *doing, bool receiver_only)
{
	view_error(req, 409,
		   arena_printf(req->arena, "Only the %s organisation can %s referral %lld.",
				receiver_only ? "receiving" : "sending", doing, id));
}

/* The referral's status now, for the checks made before validating a form. */
static bool current_status(struct request *req, long long id, enum referral_status *status_out)
{
	struct referral r;
	bool found = false;
	struct scope scope = page_scope(req);
	enum db_status status = referral_get(req->arena, id, &scope, &r, &found);
	if (!page_found(req, status, found))
		return false;
	*status_out = status_from_name(r.status);
	return true;
}

static void apply(struct request *req, long long id, struct referral_change *change,
		  const char *doing, const char *done)
{
	change->referral_id = id;
	change->staff_id = req->session->staff_id;
	change->org_id = req->session->org_id;
	change->remote_addr = req->remote_addr;
	enum referral_outcome outcome;
	const char *taken_by = "";
	enum db_status status = referral_apply(req->arena, change, &outcome, &taken_by);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return;
	}
	switch (outcome) {
	case REFERRAL_CHANGED:
		http_redirect(req, arena_printf(req->arena, "/referrals/%lld?done=%s", id, done));
		return;
	case REFERRAL_TAKEN:
		link_to_referral(req, id);
		view_error(req, 409, taken_message(req, id, taken_by));
		return;
	case REFERRAL_BAD_REASON:
		form_error(req, "closure_reason", "Select a closure reason from the list");
		render_referral(req, id, 400);
		return;
	case REFERRAL_WRONG_STATE:
		break;
	}
	wrong_state(req, id, doing);
}

/* The referral of the path when the active organisation is its `party` (receiver or sender)
 * and, unless `state` is STATUS_UNKNOWN (any state), the referral is in that state; otherwise
 * the page that says why not, and false. verb and doing name the action in those pages. */
static bool may_change(struct request *req, long long *id, enum referral_role party,
		       const char *verb, enum referral_status state, const char *doing)
{
	enum referral_role role;
	if (!access(req, id, &role))
		return false;
	if (role != party) {
		wrong_role(req, *id, verb, party == REFERRAL_RECEIVER);
		return false;
	}
	if (state == STATUS_UNKNOWN)
		return true;
	enum referral_status status;
	if (!current_status(req, *id, &status))
		return false;
	if (status != state) {
		wrong_state(req, *id, doing);
		return false;
	}
	return true;
}

void page_referral_acknowledge(struct request *req)
{
	long long id;
	if (!may_change(req, &id, REFERRAL_RECEIVER, "acknowledge", STATUS_UNKNOWN, NULL))
		return;
	struct referral_change change = { .verb = REFERRAL_ACKNOWLEDGE };
	apply(req, id, &change, "acknowledged", "acknowledged");
}

void page_referral_refuse(struct request *req)
{
	long long id;
	if (!may_change(req, &id, REFERRAL_RECEIVER, "refuse", STATUS_NEW, "refused"))
		return;
	const char *reason = form_text(req, "reason");
	enum valid_length length = valid_text_length(reason, 1, REASON_MAX);
	if (reason[0] == '\0')
		form_error(req, "reason", "Enter the reason for refusing the referral");
	else if (length != VALID_LENGTH_OK)
		form_error(req, "reason", "The reason must be 1000 characters or fewer");
	else if (valid_multiline(reason) != NULL)
		form_error(req, "reason", valid_multiline(reason));
	if (form_has_errors(req)) {
		render_referral(req, id, 400);
		return;
	}
	struct referral_change change = { .verb = REFERRAL_REFUSE, .reason = reason };
	apply(req, id, &change, "refused", "refused");
}

void page_referral_close(struct request *req)
{
	long long id;
	if (!may_change(req, &id, REFERRAL_RECEIVER, "close", STATUS_ACKNOWLEDGED, "closed"))
		return;
	long long reason = page_parse_id(form_text(req, "closure_reason"));
	if (reason == 0)
		form_error(req, "closure_reason", "Select a closure reason");
	const char *outcome = form_text(req, "outcome");
	if (valid_text_length(outcome, 0, OUTCOME_MAX) != VALID_LENGTH_OK)
		form_error(req, "outcome", "The outcome note must be 2000 characters or fewer");
	else if (valid_multiline(outcome) != NULL)
		form_error(req, "outcome", valid_multiline(outcome));
	if (form_has_errors(req)) {
		render_referral(req, id, 400);
		return;
	}
	struct referral_change change = { .verb = REFERRAL_CLOSE,
					  .closure_reason_id = reason,
					  .outcome = outcome };
	apply(req, id, &change, "closed", "closed");
}

void page_referral_withdraw(struct request *req)
{
	long long id;
	if (!may_change(req, &id, REFERRAL_SENDER, "withdraw", STATUS_UNKNOWN, NULL))
		return;
	struct referral_change change = { .verb = REFERRAL_WITHDRAW };
	apply(req, id, &change, "withdrawn", "withdrawn");
}
