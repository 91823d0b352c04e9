/* Loading the layout's data from the session, for the request pipeline (worker.c). */
#include "layout.h"

#include "arena.h"
#include "http.h"
#include "session.h"

void layout_load(struct request *req)
{
	struct layout *layout = arena_zalloc(req->arena, sizeof *layout);
	req->layout = layout;
	layout->csrf = sess_csrf_token(req);
	const struct session *session = req->session;
	if (session == NULL)
		return;
	layout->signed_in = true;
	layout->user_name = session->display_name;
	layout->username = session->username;
	layout->is_admin = session->is_admin;
	layout->unread = session->unread;
	layout->org_id = session->org_id;
	layout->org_name = session->org_name;
	enum org_role role = ORG_ROLE_STAFF;
	if (sess_member_role(session, session->org_id, &role))
		layout->org_role = (int)role;
	const struct org_list *orgs;
	if (sess_orgs(req, &orgs) != DB_OK)
		return; /* the page still shows, without the switcher */
	struct layout_org *items = arena_alloc(req->arena, (orgs->count + 1) * sizeof *items);
	for (size_t i = 0; i < orgs->count; i++) {
		items[i] = (struct layout_org){ orgs->items[i].id, orgs->items[i].name };
		if (items[i].id == session->org_id)
			layout->org_name = items[i].name;
	}
	layout->orgs = items;
	layout->org_count = orgs->count;
}
