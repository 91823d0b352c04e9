/* The referral journey (seed steps 1-7): a draft walked through a table of steps. Each step
 * owns some draft values; a POST saves them first (valid or not: nothing typed is lost),
 * then validates, then moves on. Step files: journey_find.c, journey_client.c (client and
 * address), journey_consent.c, journey_referral.c (details, receivers, questions),
 * journey_send.c (summary and send). */
#ifndef REFERRALS_PAGES_JOURNEY_H
#define REFERRALS_PAGES_JOURNEY_H

#include <stdbool.h>
#include <stddef.h>

#include "../http.h"
#include "../model/draft.h"

enum journey_step {
	STEP_FIND,
	STEP_CLIENT,
	STEP_ADDRESS,
	STEP_CONSENT,
	STEP_DETAILS,
	STEP_RECEIVERS,
	STEP_QUESTIONS,
	STEP_SUMMARY,
	STEP__MAX
};

struct journey {
	struct request *req;
	struct draft draft; /* values as saved, with this request's posted values merged in */
	enum journey_step step;
};

struct journey_step_def {
	const char *slug;     /* the path part: /drafts/N/<slug> */
	const char *title;    /* the page title and h1 */
	const char *template; /* pages/journey/<slug>.cs */
	/* The draft value names this step's form owns; a POST replaces exactly these. Steps
	 * whose fields depend on earlier answers (receivers, questions) list them at run time. */
	const char *const *(*fields)(struct journey *j, size_t *count);
	/* Fills the page's data beyond Form.* (choices, results, dates). May be NULL. */
	void (*prepare)(struct journey *j);
	/* Checks the step's values, adding errors with form_error; true when complete. */
	bool (*validate)(struct journey *j);
	/* What happens after a valid POST, when the step does more than move on (the find
	 * step chooses a client). Returns true when it has set the response itself. */
	bool (*after_post)(struct journey *j);
};

extern const struct journey_step_def journey_steps[STEP__MAX];

/* ---- for the step files ---- */
const char *journey_value(const struct journey *j, const char *name); /* "" when absent */
const char **journey_values(const struct journey *j, const char *name, size_t *count);
bool journey_existing_client(const struct journey *j);
/* The path of a step of this draft, below the base path. */
const char *journey_path(const struct journey *j, enum journey_step step);
/* Sends the browser to the step after the current one (or back to the summary after a
 * Change link). */
void journey_continue(struct journey *j);
/* Loads the draft named in the path for the signed-in staff member and active
 * organisation; on false the error page is already set. */
bool journey_load(struct request *req, struct journey *j);
/* Replaces the named values in the draft (in the database and in j). */
bool journey_store(struct journey *j, const char *const *names, size_t count,
		   const struct req_fields *fields, enum journey_step step);

/* The find step before any draft (journey_find.c): GET /referrals/new shows the search and
 * its results (false when it answered itself); POST /referrals/new with a choice makes the
 * draft with what was typed (*draft_id) and names the step to go on to (false: answered). */
bool journey_find_start(struct request *req);
bool journey_find_choose_new(struct request *req, long long *draft_id, enum journey_step *next);

/* Step functions, defined in the step files. */
const char *const *journey_find_fields(struct journey *j, size_t *count);
void journey_find_prepare(struct journey *j);
bool journey_find_validate(struct journey *j);
bool journey_find_after(struct journey *j);
const char *const *journey_client_fields(struct journey *j, size_t *count);
void journey_client_prepare(struct journey *j);
bool journey_client_validate(struct journey *j);
const char *const *journey_address_fields(struct journey *j, size_t *count);
void journey_address_prepare(struct journey *j);
bool journey_address_validate(struct journey *j);
const char *const *journey_consent_fields(struct journey *j, size_t *count);
void journey_consent_prepare(struct journey *j);
bool journey_consent_validate(struct journey *j);
const char *const *journey_details_fields(struct journey *j, size_t *count);
void journey_details_prepare(struct journey *j);
bool journey_details_validate(struct journey *j);
const char *const *journey_receivers_fields(struct journey *j, size_t *count);
void journey_receivers_prepare(struct journey *j);
bool journey_receivers_validate(struct journey *j);
const char *const *journey_questions_fields(struct journey *j, size_t *count);
void journey_questions_prepare(struct journey *j);
bool journey_questions_validate(struct journey *j);
const char *const *journey_summary_fields(struct journey *j, size_t *count);
void journey_summary_prepare(struct journey *j);
bool journey_summary_validate(struct journey *j);

/* Whether the active organisation may see the client (journey_find.c). */
bool journey_client_visible(struct request *req, long long client_id);
/* False after the 410 (or failure) page when client_id's details were removed (issue 15): no
 * new referral is made for a redacted client. */
bool journey_client_not_removed(struct request *req, long long client_id);

/* Handlers */
void page_referral_start(struct request *req);	    /* GET /referrals/new */
void page_referral_create(struct request *req);	    /* POST /referrals/new */
void page_drafts(struct request *req);		    /* GET /drafts */
void page_draft_step(struct request *req);	    /* GET /drafts/N/<step> */
void page_draft_step_post(struct request *req);	    /* POST /drafts/N/<step> */
void page_draft_discard(struct request *req);	    /* POST /drafts/N/discard */
void page_draft_choose_client(struct request *req); /* POST /drafts/N/choose */
void page_draft_send(struct request *req);	    /* POST /drafts/N/send (journey_send.c) */

#define JOURNEY_STEP_PATTERN                                                                       \
	"/drafts/([0-9]+)/(find|client|address|consent|details|receivers|questions|summary)"

/* The rows of the route table (fcgi/routes.c), kept as rows. */
/* clang-format off */
#define JOURNEY_ROUTES \
	{HTTP_GET, "/referrals/new", ROLE_STAFF, page_referral_start, ROUTE_PAGE}, \
	{HTTP_POST, "/referrals/new", ROLE_STAFF, page_referral_create, ROUTE_PAGE}, \
	{HTTP_GET, "/drafts", ROLE_STAFF, page_drafts, ROUTE_PAGE}, \
	{HTTP_GET, JOURNEY_STEP_PATTERN, ROLE_STAFF, page_draft_step, ROUTE_PAGE}, \
	{HTTP_POST, JOURNEY_STEP_PATTERN, ROLE_STAFF, page_draft_step_post, ROUTE_PAGE}, \
	{HTTP_POST, "/drafts/([0-9]+)/discard", ROLE_STAFF, page_draft_discard, ROUTE_PAGE}, \
	{HTTP_POST, "/drafts/([0-9]+)/choose", ROLE_STAFF, page_draft_choose_client, ROUTE_PAGE}, \
	{HTTP_POST, "/drafts/([0-9]+)/send", ROLE_STAFF, page_draft_send, ROUTE_PAGE},
/* clang-format on */

#endif
