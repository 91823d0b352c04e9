/* Bank holidays: list, add, remove, import. */
#include "bank_holiday.h"
