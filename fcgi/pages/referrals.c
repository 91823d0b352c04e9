/* The referral page and its lifecycle: acknowledge, refuse, close, withdraw; grouping. */
#include "referrals.h"
