/* Urgency and automation settings, and bank holidays. */
#include "admin_settings.h"
