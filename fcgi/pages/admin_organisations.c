/* Organisations: details, what they accept, their directory groups. */
#include "admin_organisations.h"
