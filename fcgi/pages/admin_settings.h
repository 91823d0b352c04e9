/* Urgency and automation settings. Routes (with the bank holidays', whose handlers are in
 * admin_bank_holidays.h) and handlers. */
#ifndef REFERRALS_PAGES_ADMIN_SETTINGS_H
#define REFERRALS_PAGES_ADMIN_SETTINGS_H

#include "../http.h"
#include "admin_bank_holidays.h"

void page_admin_settings(struct request *req);
void page_admin_settings_save(struct request *req);

/* Entries of the application's route table (fcgi/routes.c). */
/* clang-format off */
/* The rows of the route table (fcgi/routes.c), kept as rows. */
/* clang-format off */
#define ADMIN_SETTINGS_ROUTES \
	{HTTP_GET, "/admin/settings", ROLE_ADMIN, page_admin_settings, ROUTE_PAGE}, \
	{HTTP_POST, "/admin/settings", ROLE_ADMIN, page_admin_settings_save, ROUTE_PAGE}, \
	{HTTP_GET, "/admin/bank-holidays", ROLE_ADMIN, page_bank_holidays, ROUTE_PAGE}, \
	{HTTP_POST, "/admin/bank-holidays", ROLE_ADMIN, page_bank_holiday_add, ROUTE_PAGE}, \
	{HTTP_GET, "/admin/bank-holidays/import", ROLE_ADMIN, page_bank_holiday_import_form, ROUTE_PAGE}, \
	{HTTP_POST, "/admin/bank-holidays/import", ROLE_ADMIN, page_bank_holiday_import, ROUTE_PAGE}, \
	{HTTP_POST, "/admin/bank-holidays/([0-9]{4}-[0-9]{2}-[0-9]{2})/remove", ROLE_ADMIN, \
	 page_bank_holiday_remove, ROUTE_PAGE},
/* clang-format on */
/* clang-format on */

#endif
