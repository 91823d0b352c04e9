/* CSV reading (RFC 4180). */
#include "csv.h"
