/* Reference data: local authorities, postcodes, title/gender/pronoun lists. Routes and handlers. */
#ifndef REFERRALS_PAGES_ADMIN_REFERENCE_H
#define REFERRALS_PAGES_ADMIN_REFERENCE_H

#include "../http.h"

/* Entries of the application's route table (fcgi/routes.c). */
#define ADMIN_REFERENCE_ROUTES

#endif
