/* The Sent and Received lists, and the dashboard. Routes and handlers. */
#ifndef REFERRALS_PAGES_LISTS_H
#define REFERRALS_PAGES_LISTS_H

#include "../http.h"

#define LIST_ROUTES

#endif
