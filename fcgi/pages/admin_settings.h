/* Urgency and automation settings, and bank holidays. Routes and handlers. */
#ifndef REFERRALS_PAGES_ADMIN_SETTINGS_H
#define REFERRALS_PAGES_ADMIN_SETTINGS_H

#include "../http.h"

/* Entries of the application's route table (fcgi/routes.c). */
#define ADMIN_SETTINGS_ROUTES

#endif
