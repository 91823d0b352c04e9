/* The administration start page. */
#include "admin.h"

#include "../render.h"
#include "pages.h"

void page_admin_index(struct request *req)
{
	view_render(req, 200, "pages/admin/index.cs", "Administration");
}
