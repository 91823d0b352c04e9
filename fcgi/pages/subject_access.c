/* Subject access (issue 15, point 5): everything held about one client as one zip. */
#include "privacy.h"

#include "../render.h"

void page_client_subject_access(struct request *req)
{
	view_error(req, 404, NULL);
}
