/* Staff as administrators see them: memberships with sources, deactivation. */
#include "staff_admin.h"
