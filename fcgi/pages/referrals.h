/* The referral page and its lifecycle: acknowledge, refuse, close, withdraw; grouping. Routes and handlers. */
#ifndef REFERRALS_PAGES_REFERRALS_H
#define REFERRALS_PAGES_REFERRALS_H

#include "../http.h"

#define REFERRAL_ROUTES

#endif
