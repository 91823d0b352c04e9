/* The Sent and Received lists with their filters, and the dashboard counts. */
#include "referral_list.h"
