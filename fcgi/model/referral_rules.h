/* The rules "open", "closed" and "overdue" of a referral as SQL fragments, one home for every
 * statement that needs them. They read referrals.due_order (sql/014_list_indexes.sql): the due
 * date of the current state, or CLOSED_DUE for every closed state, so each rule is a range of
 * an index that leads with the organisation and due_order. */
#ifndef REFERRALS_MODEL_REFERRAL_RULES_H
#define REFERRALS_MODEL_REFERRAL_RULES_H

#define REFERRAL_CLOSED_DUE "'9999-12-31'"
/* New or Acknowledged */
#define REFERRAL_OPEN(alias) alias ".due_order < " REFERRAL_CLOSED_DUE
/* any other status */
#define REFERRAL_CLOSED(alias) alias ".due_order = " REFERRAL_CLOSED_DUE
/* past the due date of its state; binds one parameter, today as "YYYY-MM-DD" */
#define REFERRAL_OVERDUE(alias) alias ".due_order < ?"

#endif
