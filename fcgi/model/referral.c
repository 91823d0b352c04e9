/* Referrals: reading one with its group and timeline, and changing its status. */
#include "referral.h"
