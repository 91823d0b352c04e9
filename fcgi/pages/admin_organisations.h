/* Organisations: details, what they accept, their directory groups. Routes and handlers. */
#ifndef REFERRALS_PAGES_ADMIN_ORGANISATIONS_H
#define REFERRALS_PAGES_ADMIN_ORGANISATIONS_H

#include "../http.h"

/* Entries of the application's route table (fcgi/routes.c). */
#define ADMIN_ORGANISATION_ROUTES

#endif
