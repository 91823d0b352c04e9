/* Roles within an organisation: each membership is Staff, Organisation lead or Organisation
 * manager, in that order (a manager may do what a lead may, a lead what staff may); a system
 * administrator may do everything in every organisation. */
#ifndef REFERRALS_MODEL_ORG_ROLE_H
#define REFERRALS_MODEL_ORG_ROLE_H

#include <stdbool.h>

struct request;

/* The numbers are what staff_orgs.role and directory_groups.role store. */
enum org_role { ORG_ROLE_STAFF = 0, ORG_ROLE_LEAD = 1, ORG_ROLE_MANAGER = 2 };

#define ORG_ROLE_COUNT 3

/* Whether the signed-in person may act as `needed` (or above) in org_id: a system
   administrator always; otherwise their membership role there. Reads the session only. */
bool org_role_allows(const struct request *req, long long org_id, enum org_role needed);
/* Whether the signed-in person holds `needed` (or above) in org_id through a membership, the
   administrator flag aside: tells an organisation's own lead from an administrator acting on
   it (the audit names their changes apart). */
bool org_role_held(const struct request *req, long long org_id, enum org_role needed);
/* The label: "Staff", "Organisation lead", "Organisation manager". */
const char *org_role_label(enum org_role role);
/* The form's and the audit log's word: "staff", "lead", "manager". */
const char *org_role_name(enum org_role role);
/* The role of a form's word; false when it names none (so never the administrator flag). */
bool org_role_parse(const char *name, enum org_role *role);

#endif
