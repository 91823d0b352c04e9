/* The application's pages: method, path (below the base path), the role needed, handler.
 * Each administration area lists its own routes in its header, next to its handlers; they
 * are spliced in here so the whole table is still one array, matched in this order. */
#include "pages/admin.h"
#include "pages/admin_issues.h"
#include "pages/admin_organisations.h"
#include "pages/admin_reference.h"
#include "pages/admin_settings.h"
#include "pages/admin_staff.h"
#include "pages/api_postcodes.h"
#include "pages/client_edit.h"
#include "pages/clients.h"
#include "pages/inbox.h"
#include "pages/mail_preferences.h"
#include "pages/admin_announcements.h"
#include "pages/admin_mail.h"
#include "pages/lists.h"
#include "pages/notes.h"
#include "pages/org_staff.h"
#include "pages/referral_consent.h"
#include "pages/referrals.h"
#include "pages/journey.h"
#include "pages/pages.h"
#include "pages/privacy.h"
#include "pages/organisation_profile.h" /* issue 13: directory, profiles, pause, banner */
#include "route.h"

/* The areas' route macros are table rows, which clang-format cannot see. */
/* clang-format off */
const struct route app_routes[] = {
	{HTTP_GET, "/", ROLE_STAFF, page_home, ROUTE_PAGE},
	{HTTP_GET, "/signin", ROLE_PUBLIC, page_signin_form, ROUTE_PAGE},
	{HTTP_POST, "/signin", ROLE_PUBLIC, page_signin, ROUTE_PAGE},
	{HTTP_POST, "/signout", ROLE_SIGNED_IN, page_signout, ROUTE_NOT_RESUMABLE},
	{HTTP_POST, "/organisation", ROLE_SIGNED_IN, page_switch_organisation, ROUTE_NOT_RESUMABLE},
	{HTTP_GET, "/resume", ROLE_SIGNED_IN, page_resume, ROUTE_PAGE},
	{HTTP_GET, "/health", ROLE_ANYONE, page_health, ROUTE_JSON},
	{HTTP_GET, "/ping", ROLE_ANYONE, page_ping, ROUTE_PAGE},
	JOURNEY_ROUTES
	API_POSTCODE_ROUTES
	CLIENT_ROUTES
	REFERRAL_ROUTES
	LIST_ROUTES
	NOTE_ROUTES
	INBOX_ROUTES
	ADMIN_ROUTES
	ADMIN_ISSUE_ROUTES
	ADMIN_SETTINGS_ROUTES
	ADMIN_ORGANISATION_ROUTES
	ADMIN_STAFF_ROUTES
	ADMIN_REFERENCE_ROUTES
	PRIVACY_ROUTES /* issue 15: privacy settings, erasure, subject access */
	/* issue 13: organisation roles, staff managed by managers */
	ORG_STAFF_ROUTES
	/* issue 13: the directory of organisations, profiles, pause, banner, the lead's form */
	ORGANISATION_PROFILE_ROUTES
	MAIL_PREFERENCES_ROUTES /* e-mail notifications (issue 14) */
	ADMIN_ANNOUNCEMENT_ROUTES
	ADMIN_MAIL_ROUTES
	{HTTP_GET, "/_test/status/([0-9]{3})", ROLE_ANYONE, page_test_status, ROUTE_TESTING_ONLY},
	{HTTP_GET, "/_test/sleep/([0-9]{1,4})", ROLE_ANYONE, page_test_sleep, ROUTE_TESTING_ONLY},
	/* a slow form post: nginx must never send it on to another host (issue 16) */
	{HTTP_POST, "/_test/sleep/([0-9]{1,4})", ROLE_ANYONE, page_test_sleep, ROUTE_TESTING_ONLY},
};
/* clang-format on */

const size_t app_route_count = sizeof app_routes / sizeof app_routes[0];
