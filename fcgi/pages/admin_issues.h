/* Issues and their questionnaires. Routes and handlers. */
#ifndef REFERRALS_PAGES_ADMIN_ISSUES_H
#define REFERRALS_PAGES_ADMIN_ISSUES_H

#include "../http.h"

/* Entries of the application's route table (fcgi/routes.c). */
#define ADMIN_ISSUE_ROUTES

#endif
