/* Reference data: local authorities, postcodes, title/gender/pronoun lists. */
#include "admin_reference.h"
