/* Reference data: local authorities and the title/gender/pronoun lists. */
#include "reference.h"
