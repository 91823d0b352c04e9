/* Privacy administration (issue 15): the retention and inactivity settings (/admin/privacy,
 * each shown with where it takes effect), an erasure on request (/clients/N/erase: a
 * confirmation page naming what will go, a reason, then the redaction) and the notice of a
 * redaction on the client's pages and the referral page. The subject access download is in
 * subject_access.c; the access log's pages side in access.c. */
#ifndef REFERRALS_PAGES_PRIVACY_H
#define REFERRALS_PAGES_PRIVACY_H

#include "../http.h"

void page_admin_privacy(struct request *req);	      /* GET /admin/privacy */
void page_admin_privacy_save(struct request *req);    /* POST /admin/privacy */
void page_client_erase_form(struct request *req);     /* GET /clients/N/erase */
void page_client_erase(struct request *req);	      /* POST /clients/N/erase */
void page_client_subject_access(struct request *req); /* GET /clients/N/subject-access */

/* Sets Redacted.{On,Kind} for the templates (views/pages/privacy/redacted.cs) when the
 * client's details were removed; redacted_at as struct client has it ("" when not). */
void page_redaction_notice(struct request *req, const char *redacted_at, const char *kind);

/* The 410 page for a change to a client whose details were removed (redacted_at not "", as
 * struct client and struct referral_access have it): nothing more may be written about
 * them (edit details, notes, files, consent, a new referral). back: the page to return to. */
void page_client_removed(struct request *req, const char *redacted_at, const char *kind,
			 const char *back);
/* What the notes and files sections say instead of their forms for a redacted client. */
#define PAGE_CLIENT_REMOVED_READ_ONLY                                                              \
	"This client’s details were removed, so nothing more can be added about them."

/* The rows of the route table (fcgi/routes.c), kept as rows. */
/* clang-format off */
#define PRIVACY_ROUTES \
	{HTTP_GET, "/admin/privacy", ROLE_ADMIN, page_admin_privacy, ROUTE_PAGE}, \
	{HTTP_POST, "/admin/privacy", ROLE_ADMIN, page_admin_privacy_save, ROUTE_PAGE}, \
	{HTTP_GET, "/clients/([0-9]+)/erase", ROLE_ADMIN, page_client_erase_form, ROUTE_PAGE}, \
	{HTTP_POST, "/clients/([0-9]+)/erase", ROLE_ADMIN, page_client_erase, ROUTE_PAGE}, \
	{HTTP_GET, "/clients/([0-9]+)/subject-access", ROLE_ADMIN, page_client_subject_access, ROUTE_PAGE},
/* clang-format on */

#endif
