/* Issues: list, create, rename, describe, order, deactivate. */
#include "issue.h"
