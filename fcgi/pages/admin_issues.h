/* Issues and their questionnaires: the list in order, add, rename and describe, reorder,
 * deactivate and reactivate; each issue's questions (add, edit, reorder, retire, restore).
 * Every route has ROLE_ADMIN: the worker refuses everyone else before a handler runs. */
#ifndef REFERRALS_PAGES_ADMIN_ISSUES_H
#define REFERRALS_PAGES_ADMIN_ISSUES_H

#include "../http.h"

void page_admin_issues(struct request *req);
void page_admin_issue_add(struct request *req);
void page_admin_issue(struct request *req);
void page_admin_issue_edit(struct request *req);
void page_admin_issue_save(struct request *req);
void page_admin_issue_move(struct request *req);
void page_admin_issue_deactivate(struct request *req);
void page_admin_issue_reactivate(struct request *req);
void page_admin_question_new(struct request *req);
void page_admin_question_add(struct request *req);
void page_admin_question_edit(struct request *req);
void page_admin_question_save(struct request *req);
void page_admin_question_move(struct request *req);
void page_admin_question_retire(struct request *req);
void page_admin_question_restore(struct request *req);
/* Testing only: what the referral journey is offered (issue_list_active and
 * question_list_for_issue), as plain text, so the tests can see admin changes take effect. */
void page_test_offered_issues(struct request *req);

/* Entries of the application's route table (fcgi/routes.c). In the question routes,
 * captures[0] is the issue and captures[1] the question. */
/* The rows of the route table (fcgi/routes.c), kept as rows. */
/* clang-format off */
#define ADMIN_ISSUE_ROUTES \
	{HTTP_GET, "/admin/issues", ROLE_ADMIN, page_admin_issues, ROUTE_PAGE}, \
	{HTTP_POST, "/admin/issues", ROLE_ADMIN, page_admin_issue_add, ROUTE_PAGE}, \
	{HTTP_GET, "/admin/issues/([0-9]+)", ROLE_ADMIN, page_admin_issue, ROUTE_PAGE}, \
	{HTTP_POST, "/admin/issues/([0-9]+)", ROLE_ADMIN, page_admin_issue_save, ROUTE_PAGE}, \
	{HTTP_GET, "/admin/issues/([0-9]+)/edit", ROLE_ADMIN, page_admin_issue_edit, ROUTE_PAGE}, \
	{HTTP_POST, "/admin/issues/([0-9]+)/move", ROLE_ADMIN, page_admin_issue_move, ROUTE_PAGE}, \
	{HTTP_POST, "/admin/issues/([0-9]+)/deactivate", ROLE_ADMIN, page_admin_issue_deactivate, ROUTE_PAGE}, \
	{HTTP_POST, "/admin/issues/([0-9]+)/reactivate", ROLE_ADMIN, page_admin_issue_reactivate, ROUTE_PAGE}, \
	{HTTP_GET, "/admin/issues/([0-9]+)/questions/new", ROLE_ADMIN, page_admin_question_new, ROUTE_PAGE}, \
	{HTTP_POST, "/admin/issues/([0-9]+)/questions", ROLE_ADMIN, page_admin_question_add, ROUTE_PAGE}, \
	{HTTP_GET, "/admin/issues/([0-9]+)/questions/([0-9]+)", ROLE_ADMIN, page_admin_question_edit, ROUTE_PAGE}, \
	{HTTP_POST, "/admin/issues/([0-9]+)/questions/([0-9]+)", ROLE_ADMIN, page_admin_question_save, ROUTE_PAGE}, \
	{HTTP_POST, "/admin/issues/([0-9]+)/questions/([0-9]+)/move", ROLE_ADMIN, page_admin_question_move, ROUTE_PAGE}, \
	{HTTP_POST, "/admin/issues/([0-9]+)/questions/([0-9]+)/retire", ROLE_ADMIN, page_admin_question_retire, ROUTE_PAGE}, \
	{HTTP_POST, "/admin/issues/([0-9]+)/questions/([0-9]+)/restore", ROLE_ADMIN, page_admin_question_restore, ROUTE_PAGE}, \
	{HTTP_GET, "/_test/offered-issues", ROLE_ADMIN, page_test_offered_issues, ROUTE_TESTING_ONLY},
/* clang-format on */

#endif
