/* The scheduled work: auto-close, overdue messages, consent expiry, under a lease. */
#include "jobs.h"
