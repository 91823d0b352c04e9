/* The administration area's start page and closure reasons. Every admin route has
 * ROLE_ADMIN: the worker refuses everyone else before a handler runs. */
#ifndef REFERRALS_PAGES_ADMIN_H
#define REFERRALS_PAGES_ADMIN_H

#include "../http.h"

void page_admin_index(struct request *req);
void page_closure_reasons(struct request *req);
void page_closure_reason_add(struct request *req);
void page_closure_reason_edit(struct request *req);
void page_closure_reason_save(struct request *req);
void page_closure_reason_retire(struct request *req);
void page_closure_reason_restore(struct request *req);
void page_closure_reason_move(struct request *req);

#define ADMIN_ROUTES \
	{HTTP_GET, "/admin", ROLE_ADMIN, page_admin_index, ROUTE_PAGE}, \
	{HTTP_GET, "/admin/closure-reasons", ROLE_ADMIN, page_closure_reasons, ROUTE_PAGE}, \
	{HTTP_POST, "/admin/closure-reasons", ROLE_ADMIN, page_closure_reason_add, ROUTE_PAGE}, \
	{HTTP_GET, "/admin/closure-reasons/([0-9]+)", ROLE_ADMIN, page_closure_reason_edit, ROUTE_PAGE}, \
	{HTTP_POST, "/admin/closure-reasons/([0-9]+)", ROLE_ADMIN, page_closure_reason_save, ROUTE_PAGE}, \
	{HTTP_POST, "/admin/closure-reasons/([0-9]+)/retire", ROLE_ADMIN, page_closure_reason_retire, ROUTE_PAGE}, \
	{HTTP_POST, "/admin/closure-reasons/([0-9]+)/restore", ROLE_ADMIN, page_closure_reason_restore, ROUTE_PAGE}, \
	{HTTP_POST, "/admin/closure-reasons/([0-9]+)/move", ROLE_ADMIN, page_closure_reason_move, ROUTE_PAGE},

#endif
