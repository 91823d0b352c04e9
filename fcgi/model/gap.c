/* Gaps in service and the administrators inbox messages about them. */
#include "gap.h"
