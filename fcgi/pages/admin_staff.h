/* Staff: memberships and their sources, deactivation; and the audit log. Routes and handlers. */
#ifndef REFERRALS_PAGES_ADMIN_STAFF_H
#define REFERRALS_PAGES_ADMIN_STAFF_H

#include "../http.h"

/* Entries of the application's route table (fcgi/routes.c). */
#define ADMIN_STAFF_ROUTES

#endif
