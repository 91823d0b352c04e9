/* Reading the event log for the audit page, with filters and paging. */
#include "audit_log.h"
