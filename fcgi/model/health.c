/* SQL for the health check. */
#include "health.h"

enum db_status health_database(struct arena *arena)
{
	struct db_result result;
	enum db_status status = db_run(arena, &result, "SELECT 1", "");
	return status == DB_OK && result.rows == 1 ? DB_OK : (status == DB_OK ? DB_ERROR : status);
}
