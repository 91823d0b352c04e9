/* The administration area's start page; the closure reasons' routes are listed here too
 * (handlers in admin_closure_reasons.h). Every admin route has ROLE_ADMIN: the worker refuses
 * everyone else before a handler runs. */
#ifndef REFERRALS_PAGES_ADMIN_H
#define REFERRALS_PAGES_ADMIN_H

#include "../http.h"
#include "admin_closure_reasons.h"

void page_admin_index(struct request *req);

#define ADMIN_ROUTES \
	{HTTP_GET, "/admin", ROLE_ADMIN, page_admin_index, false}, \
	{HTTP_GET, "/admin/closure-reasons", ROLE_ADMIN, page_closure_reasons, false}, \
	{HTTP_POST, "/admin/closure-reasons", ROLE_ADMIN, page_closure_reason_add, false}, \
	{HTTP_GET, "/admin/closure-reasons/([0-9]+)", ROLE_ADMIN, page_closure_reason_edit, false}, \
	{HTTP_POST, "/admin/closure-reasons/([0-9]+)", ROLE_ADMIN, page_closure_reason_save, false}, \
	{HTTP_POST, "/admin/closure-reasons/([0-9]+)/retire", ROLE_ADMIN, page_closure_reason_retire, false}, \
	{HTTP_POST, "/admin/closure-reasons/([0-9]+)/restore", ROLE_ADMIN, page_closure_reason_restore, false}, \
	{HTTP_POST, "/admin/closure-reasons/([0-9]+)/move", ROLE_ADMIN, page_closure_reason_move, false},

#endif
