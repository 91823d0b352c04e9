/* Answers of the ordered, retirable lists' small forms (move, retire, restore). */
#include "admin_list.h"

#include <string.h>

#include "../arena.h"
#include "../render.h"
#include "pages.h"

bool admin_list_parse_direction(const char *text, bool *up)
{
	if (text == NULL || (strcmp(text, "up") != 0 && strcmp(text, "down") != 0))
		return false;
	*up = text[0] == 'u';
	return true;
}

bool admin_list_direction(struct request *req, const char *what, bool *up)
{
	if (admin_list_parse_direction(http_form(req, "direction"), up))
		return true;
	view_error(req, 400,
		   arena_printf(req->arena, "Choose whether to move %s up or down.", what));
	return false;
}

void admin_list_answer(struct request *req, enum db_status status, bool found, const char *missing,
		       const char *next)
{
	if (status != DB_OK)
		page_database_failed(req, status);
	else if (!found)
		view_error(req, 404, missing);
	else
		http_redirect(req, next);
}
