/* Staff: memberships and their sources, deactivation; and the audit log. */
#include "admin_staff.h"
