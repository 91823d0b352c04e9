/* Receiving organisations offered per issue, with eligibility. */
#include "receiver.h"
