/* Sending a draft: one transaction creating everything. */
#include "referral_send.h"
