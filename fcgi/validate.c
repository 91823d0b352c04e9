/* Field validators. */
#include "validate.h"
