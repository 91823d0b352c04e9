/* multipart/form-data parsing. */
#include "multipart.h"
