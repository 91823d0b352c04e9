/* A pause of an organisation's referrals, with the lead's reason and the day it resumes by
 * itself (the scheduled job: organisation_resume_due), and its banner alert (issue 13). A
 * paused organisation is not accepting (accepting = 0), so eligibility leaves it out; the
 * reason and date are eligibility's words for it ("Paused until 3 March 2027: staff
 * shortage"). Each change is audited with the organisation. The caller decides who may
 * (org_role_allows, ORG_ROLE_LEAD). */
#ifndef REFERRALS_MODEL_ORGANISATION_PAUSE_H
#define REFERRALS_MODEL_ORGANISATION_PAUSE_H

#include <stdbool.h>

#include "../db.h"
#include "../form_fields.h"
#include "organisation.h" /* struct organisation_change_by: who, for the audit */

#define ORGANISATION_PAUSE_REASON_MAX 200 /* characters, as the column */
#define ORGANISATION_BANNER_MAX 300	  /* characters, as the column */

/* The pause form's fields (the resume date is three boxes, checked together by the page) and
 * the banner form's. */
enum organisation_pause_field {
	PAUSE_REASON,
	PAUSE_DAY,
	PAUSE_MONTH,
	PAUSE_YEAR,
	PAUSE_FIELD_COUNT
};
extern const struct form_field organisation_pause_fields[PAUSE_FIELD_COUNT];
extern const struct form_field organisation_banner_field[1];

/* Pauses org_id with reason until until_iso ("YYYY-MM-DD", NULL: until resumed). *found:
 * false when there is no such organisation (nothing done). */
enum db_status organisation_pause(struct arena *arena, const struct organisation_change_by *by,
				  long long org_id, const char *reason, const char *until_iso,
				  bool *found);

/* Accepting referrals again, ending any pause. */
enum db_status organisation_resume(struct arena *arena, const struct organisation_change_by *by,
				   long long org_id, bool *found);

/* The banner alert ("" removes it). */
enum db_status organisation_banner_set(struct arena *arena, const struct organisation_change_by *by,
				       long long org_id, const char *banner, bool *found);

/* The scheduled job's step: resumes every organisation paused until today_iso or earlier,
 * each in its own transaction; *resumed: how many. */
enum db_status organisation_resume_due(struct arena *arena, const char *today_iso,
				       long long *resumed);

#endif
