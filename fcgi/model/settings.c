/* Settings: typed reads and validated writes of the settings table. */
#include "settings.h"
