/* The administration area's start page; the closure reasons' routes are listed here too
 * (handlers in admin_closure_reasons.h). Every admin route has ROLE_ADMIN: the worker refuses
 * everyone else before a handler runs. */
#ifndef REFERRALS_PAGES_ADMIN_H
#define REFERRALS_PAGES_ADMIN_H

#include "../http.h"
#include "admin_closure_reasons.h"

void page_admin_index(struct request *req);

/* The rows of the route table (fcgi/routes.c), kept as rows. */
/* clang-format off */
#define ADMIN_ROUTES \
	{HTTP_GET, "/admin", ROLE_ADMIN, page_admin_index, ROUTE_PAGE}, \
	{HTTP_GET, "/admin/closure-reasons", ROLE_ADMIN, page_closure_reasons, ROUTE_PAGE}, \
	{HTTP_POST, "/admin/closure-reasons", ROLE_ADMIN, page_closure_reason_add, ROUTE_PAGE}, \
	{HTTP_GET, "/admin/closure-reasons/([0-9]+)", ROLE_ADMIN, page_closure_reason_edit, ROUTE_PAGE}, \
	{HTTP_POST, "/admin/closure-reasons/([0-9]+)", ROLE_ADMIN, page_closure_reason_save, ROUTE_PAGE}, \
	{HTTP_POST, "/admin/closure-reasons/([0-9]+)/retire", ROLE_ADMIN, page_closure_reason_retire, ROUTE_PAGE}, \
	{HTTP_POST, "/admin/closure-reasons/([0-9]+)/restore", ROLE_ADMIN, page_closure_reason_restore, ROUTE_PAGE}, \
	{HTTP_POST, "/admin/closure-reasons/([0-9]+)/move", ROLE_ADMIN, page_closure_reason_move, ROUTE_PAGE},
/* clang-format on */

#endif
