/* The start page after sign-in (the dashboard), and the page for staff in no organisation. */
#include "../render.h"
#include "pages.h"
#include "dashboard.h"

/* The home page is the dashboard: counts, charts and the latest inbox messages. */
void page_home(struct request *req)
{
	page_dashboard_data(req);
	view_render(req, 200, "pages/home.cs", "Home");
}

void page_no_organisation(struct request *req)
{
	view_render(req, 403, "pages/no_organisation.cs", "You are not in any organisation yet");
}
