/* Issues and their questionnaires. */
#include "admin_issues.h"
