/* An ordered, retirable list: rows an administrator keeps in an order of their own (a
 * position column) and retires rather than deletes, so what was recorded with them keeps its
 * meaning. Closure reasons, the title/gender/pronoun lists, issues and each issue's questions
 * are such lists; their modules describe their table once (ORDERED_LIST) and share the
 * moves, retiring, restoring and the check for a name already taken here. Every function
 * runs inside the caller's transaction, which records the change in the audit log. */
#ifndef REFERRALS_MODEL_ORDERED_LIST_H
#define REFERRALS_MODEL_ORDERED_LIST_H

#include <stdbool.h>
#include <stddef.h>

#include "../db.h"
#include "audit.h"

/* How the audit log writes a row's place before and after a move. */
enum ordered_place {
	ORDERED_PLACE,		  /* "position 2" */
	ORDERED_PLACE_THEN_LABEL, /* "position 2: ‘Has a social worker?’" */
	ORDERED_LABEL_THEN_PLACE, /* "they/them at position 2" */
};

/* One table's statements. Built by ORDERED_LIST from string literals, so each is one
 * statement of the statement cache. */
struct ordered_list {
	char scope_type;   /* 0: the table is one list; 'i' or 's': the type of its scope column */
	bool restore_last; /* a restored row goes last among the live ones (else keeps its place) */
	enum ordered_place place;
	const char *live_rows;	   /* id, label of the scope's live rows in order, locked */
	const char *set_position;  /* position = ? of row id = ? */
	const char *label_taken;   /* the label of another row of the scope with that label */
	const char *retire;	   /* row id = ? retired */
	const char *restore;	   /* row id = ? live again, in its place */
	const char *next_position; /* the position after the scope's last live row */
	const char *restore_at;	   /* row id = ? live again at position ? */
};

/* table: its name; scope: "" or "<column> = ? AND " (the list of the table a row is in);
 * live and retired: the conditions, usable in SET too ("retired = 0", "retired = 1");
 * label: the column that names a row; limit: the most rows a list has, as SQL text. */
/* clang-format off */
#define ORDERED_LIST(scope_type_, restore_last_, place_, table, scope, live, retired, label,  \
		     limit)                                                                  \
	{                                                                                    \
		.scope_type = (scope_type_), .restore_last = (restore_last_),                \
		.place = (place_),                                                           \
		.live_rows = "SELECT id, " label " FROM " table " WHERE " scope live         \
			     " ORDER BY position, id LIMIT " limit " FOR UPDATE",                \
		.set_position = "UPDATE " table " SET position = ? WHERE id = ?",            \
		.label_taken = "SELECT " label " FROM " table " WHERE " scope label          \
			       " = ? AND id <> ? LIMIT 1",                                   \
		.retire = "UPDATE " table " SET " retired " WHERE id = ?",                   \
		.restore = "UPDATE " table " SET " live " WHERE id = ?",                     \
		.next_position = "SELECT COALESCE(MAX(position), 0) + 1 FROM " table        \
				 " WHERE " scope live,                                        \
		.restore_at = "UPDATE " table " SET " live ", position = ? WHERE id = ?",    \
	}
/* clang-format on */

/* Which list of the table: a number or a text as scope_type says (ignored when 0). */
struct ordered_scope {
	long long id;
	const char *text;
};

/* Swaps live row id with its live neighbour above (up) or below, renumbering the scope's
 * live rows 1, 2, ... so that equal positions cannot make the swap a no-op, and records the
 * move as *entry says (who, action, subject, detail; the old and new values are the row's
 * places, as list->place writes them). Already first (up) or last (down): nothing changes.
 * *found is false when id is not among the scope's live rows. */
enum db_status ordered_list_move(struct arena *arena, const struct ordered_list *list,
				 struct ordered_scope scope, long long id, bool up,
				 struct audit_entry *entry, bool *found);
/* Retires row id, or restores it (last among the live rows when list->restore_last). The
 * caller has read the row and knows it is not in that state already. */
enum db_status ordered_list_set_retired(struct arena *arena, const struct ordered_list *list,
					struct ordered_scope scope, long long id, bool retired);
/* The label of another row (not except_id; 0 for none) of the scope with this label, or
 * NULL: labels compare as the column's collation does (without case or accents). */
enum db_status ordered_list_label_taken(struct arena *arena, const struct ordered_list *list,
					struct ordered_scope scope, const char *label,
					long long except_id, const char **clash);

/* A change's transaction refused by a unique key (two administrators saving the same name at
 * once): true, and *status DB_OK, so the caller answers as if its own check had found it. */
bool ordered_list_raced(enum db_status *status);

/* Pure: the place a row at `at` of count swaps with, moving up or down; false when there is
 * none (first going up, last going down). */
bool ordered_list_neighbour(size_t at, size_t count, bool up, size_t *other);
/* Pure: the place row r takes when the rows at a and b swap. */
size_t ordered_list_slot(size_t r, size_t a, size_t b);

#endif
