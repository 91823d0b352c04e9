/* Working days with bank holidays. */
#include "workdays.h"
