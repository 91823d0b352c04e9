/* Reference data: local authorities (name and official ONS code) and the title, gender and
 * pronoun lists people's details choose from. Every change records itself in the audit log,
 * in the same transaction. */
#ifndef REFERRALS_MODEL_REFERENCE_H
#define REFERRALS_MODEL_REFERENCE_H

#include <stdbool.h>
#include <stddef.h>

#include "../db.h"

/* Who makes a change, for the audit log. */
struct reference_actor {
	long long staff_id;
	const char *remote_addr;
};

/* ---- local authorities ---- */

#define LOCAL_AUTHORITY_NAME_MAX 200 /* characters */
#define LOCAL_AUTHORITY_PAGE_SIZE 25
#define LOCAL_AUTHORITY_PAGE_MAX 400 /* far beyond the ~400 UK authorities */

struct local_authority {
	long long id;
	const char *name;
	const char *code;
	bool active;
};

struct local_authority_page {
	struct local_authority *items;
	size_t count;
	long long total; /* how many match the search */
};

/* What uses a local authority: while anything does, it cannot be deleted. */
struct local_authority_usage {
	long long organisations;
	long long postcodes;
};

enum local_authority_change {
	LOCAL_AUTHORITY_DONE,
	LOCAL_AUTHORITY_NOT_FOUND,
	LOCAL_AUTHORITY_NAME_TAKEN, /* another one has that name: see clash */
	LOCAL_AUTHORITY_CODE_TAKEN, /* another one has that code: see clash */
	LOCAL_AUTHORITY_IN_USE,	    /* organisations or postcodes use it: see usage */
};

struct local_authority_result {
	enum local_authority_change change;
	long long id;			    /* the one added or changed */
	struct local_authority clash;	    /* NAME_TAKEN, CODE_TAKEN */
	struct local_authority_usage usage; /* IN_USE */
};

/* One page (1-based, at most LOCAL_AUTHORITY_PAGE_MAX) of those whose name or code contains
 * query ("" for all), by name. */
enum db_status local_authority_search(struct arena *arena, const char *query, long long page,
				      struct local_authority_page *out);
enum db_status local_authority_get(struct arena *arena, long long id, struct local_authority *out,
				   bool *found);
enum db_status local_authority_usage(struct arena *arena, long long id,
				     struct local_authority_usage *out);

/* name: trimmed and checked; code: valid_la_code's normalised form. */
enum db_status local_authority_add(struct arena *arena, const struct reference_actor *actor,
				   const char *name, const char *code,
				   struct local_authority_result *result);
/* Renames it and/or changes its code (each change audited on its own). */
enum db_status local_authority_update(struct arena *arena, const struct reference_actor *actor,
				      long long id, const char *name, const char *code,
				      struct local_authority_result *result);
enum db_status local_authority_set_active(struct arena *arena, const struct reference_actor *actor,
					  long long id, bool active,
					  struct local_authority_result *result);
/* Only one that nothing uses: otherwise LOCAL_AUTHORITY_IN_USE (deactivate it instead). */
enum db_status local_authority_delete(struct arena *arena, const struct reference_actor *actor,
				      long long id, struct local_authority_result *result);

/* ---- the title, gender and pronoun lists ---- */

enum reference_list { REFERENCE_TITLE, REFERENCE_GENDER, REFERENCE_PRONOUN, REFERENCE_LIST__MAX };
/* "title", "gender", "pronoun": the names in URLs and in the database */
extern const char *const reference_list_names[REFERENCE_LIST__MAX];
/* "Titles", "Genders", "Pronouns" */
extern const char *const reference_list_titles[REFERENCE_LIST__MAX];
/* "title", "gender", "pronoun" in a sentence: "a title", "a gender", "pronouns" */
extern const char *const reference_list_singular[REFERENCE_LIST__MAX];
bool reference_list_parse(const char *name, enum reference_list *out);

#define REFERENCE_VALUE_MAX 100 /* characters */

/* The gender value whose display a setting governs: it stays in the list, as it is. */
#define REFERENCE_PREFER_NOT_TO_SAY "Prefer not to say"

struct reference_value {
	long long id;
	const char *name;
	bool retired;
	bool fixed; /* cannot be renamed or retired (Prefer not to say) */
};

struct reference_value_list {
	struct reference_value *items;
	size_t count;
};

enum reference_change {
	REFERENCE_DONE,
	REFERENCE_NOT_FOUND,
	REFERENCE_DUPLICATE, /* the list has that value already */
	REFERENCE_FIXED,     /* Prefer not to say is not renamed or retired */
};

/* The list in order, active values first; at most 500. */
enum db_status reference_value_list(struct arena *arena, enum reference_list list,
				    struct reference_value_list *out);
/* Active values in each list (for the lists' start page). */
enum db_status reference_value_counts(struct arena *arena, long long active[REFERENCE_LIST__MAX],
				      long long retired[REFERENCE_LIST__MAX]);
enum db_status reference_value_get(struct arena *arena, enum reference_list list, long long id,
				   struct reference_value *out, bool *found);
enum db_status reference_value_add(struct arena *arena, const struct reference_actor *actor,
				   enum reference_list list, const char *name,
				   enum reference_change *result);
enum db_status reference_value_rename(struct arena *arena, const struct reference_actor *actor,
				      enum reference_list list, long long id, const char *name,
				      enum reference_change *result);
enum db_status reference_value_set_retired(struct arena *arena, const struct reference_actor *actor,
					   enum reference_list list, long long id, bool retired,
					   enum reference_change *result);
/* Swaps it with its neighbour above (up) or below among the active values. */
enum db_status reference_value_move(struct arena *arena, const struct reference_actor *actor,
				    enum reference_list list, long long id, bool up,
				    enum reference_change *result);

#endif
