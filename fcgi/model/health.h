/* Whether the database answers, for the health endpoint. */
#ifndef REFERRALS_MODEL_HEALTH_H
#define REFERRALS_MODEL_HEALTH_H

#include "../db.h"

enum db_status health_database(struct arena *arena);

#endif
