/* Unit tests of fcgi/vocabulary.c: every name of each table comes back as its enum and its
 * enum as its name; unknown names; the labels PRODUCT.md uses; the tag colours; the rules
 * open, unresolving, the due date of the current state and overdue. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "../../fcgi/vocabulary.h"

START_TEST(status_names_round_trip)
{
	for (int i = 0; i < STATUS__COUNT; i++) {
		const struct vocab_term *t = status_term((enum referral_status)i);
		ck_assert_ptr_nonnull(t->name);
		ck_assert_int_gt(strlen(t->name), 0);
		ck_assert_int_eq(status_from_name(t->name), i);
		ck_assert_str_eq(status_name((enum referral_status)i), t->name);
		ck_assert_int_gt(strlen(t->label), 0);
		ck_assert_int_gt(strlen(t->colour), 0);
		ck_assert_int_gt(strlen(t->meaning), 0);
	}
}
END_TEST

START_TEST(event_names_round_trip)
{
	for (int i = 0; i < EVENT__COUNT; i++) {
		const struct vocab_term *t = event_term((enum event_kind)i);
		ck_assert_int_eq(event_from_name(t->name), i);
		ck_assert_str_eq(event_name((enum event_kind)i), t->name);
		ck_assert_int_gt(strlen(t->label), 0);
		ck_assert_int_gt(strlen(t->meaning), 0);
	}
}
END_TEST

START_TEST(inbox_names_round_trip)
{
	for (int i = 0; i < INBOX__COUNT; i++) {
		const struct vocab_term *t = inbox_kind_term((enum inbox_kind)i);
		ck_assert_int_eq(inbox_kind_from_name(t->name), i);
		ck_assert_str_eq(inbox_kind_name((enum inbox_kind)i), t->name);
		ck_assert_int_gt(strlen(t->label), 0);
		ck_assert_str_eq(t->colour, "grey");
	}
}
END_TEST

/* the names stored by sql/010_referrals.sql's ENUM and written by the model */
START_TEST(stored_names)
{
	ck_assert_int_eq(status_from_name("new"), STATUS_NEW);
	ck_assert_int_eq(status_from_name("acknowledged"), STATUS_ACKNOWLEDGED);
	ck_assert_int_eq(status_from_name("refused"), STATUS_REFUSED);
	ck_assert_int_eq(status_from_name("closed"), STATUS_CLOSED);
	ck_assert_int_eq(status_from_name("withdrawn"), STATUS_WITHDRAWN);
	ck_assert_int_eq(status_from_name("removed"), STATUS_REMOVED);
	ck_assert_int_eq(status_from_name("no_response"), STATUS_NO_RESPONSE);
	ck_assert_int_eq(event_from_name("referral.no_response"), EVENT_NO_RESPONSE);
	ck_assert_int_eq(event_from_name("referral.consent_renewed"), EVENT_CONSENT_RENEWED);
	ck_assert_int_eq(inbox_kind_from_name("referral_acknowledged"), INBOX_ACKNOWLEDGED);
	ck_assert_int_eq(inbox_kind_from_name("gap_in_service"), INBOX_GAP_IN_SERVICE);
}
END_TEST

START_TEST(unknown_names)
{
	const char *const odd[] = { NULL,   "",	    "New",	    "NEW",
				    "new ", "open", "referral.new", "overdue2" };
	for (size_t i = 0; i < sizeof odd / sizeof odd[0]; i++) {
		ck_assert_int_eq(status_from_name(odd[i]), STATUS_UNKNOWN);
		ck_assert_int_eq(event_from_name(odd[i]), EVENT_UNKNOWN);
	}
	ck_assert_int_eq(inbox_kind_from_name("Overdue"), INBOX_UNKNOWN);
	/* an unknown value still gives a tag with words and a colour, never an empty one */
	ck_assert_str_eq(status_term(STATUS_UNKNOWN)->label, "Unknown");
	ck_assert_str_eq(status_term(STATUS_UNKNOWN)->colour, "grey");
	ck_assert_str_eq(status_term((enum referral_status) - 1)->label, "Unknown");
	ck_assert_str_eq(status_label("bogus"), "Unknown");
	ck_assert_str_eq(status_colour(NULL), "grey");
	ck_assert_str_eq(event_term(EVENT_UNKNOWN)->label, "Event");
	ck_assert_str_eq(inbox_kind_term(INBOX_UNKNOWN)->label, "Message");
	ck_assert_str_eq(status_name(STATUS_UNKNOWN), "");
	ck_assert_str_eq(event_name(EVENT_UNKNOWN), "");
}
END_TEST

/* PRODUCT.md "Working a referral": New, Acknowledged, Closed, Refused, Withdrawn, Removed,
 * No response */
START_TEST(labels)
{
	ck_assert_str_eq(status_label("new"), "New");
	ck_assert_str_eq(status_label("acknowledged"), "Acknowledged");
	ck_assert_str_eq(status_label("refused"), "Refused");
	ck_assert_str_eq(status_label("closed"), "Closed");
	ck_assert_str_eq(status_label("withdrawn"), "Withdrawn");
	ck_assert_str_eq(status_label("removed"), "Removed");
	ck_assert_str_eq(status_label("no_response"), "No response");
	ck_assert_str_eq(event_term(EVENT_UNRESOLVED)->label, "Group unresolved");
	ck_assert_str_eq(inbox_kind_term(INBOX_GAP_IN_SERVICE)->label, "Gap in service");
}
END_TEST

/* One colour per kind of state: waiting blue, being worked turquoise, refused red, no
 * response orange, and every other closed state grey (the referral page's colours, which the
 * client's Referrals tab and the lists now share). */
START_TEST(colours)
{
	ck_assert_str_eq(status_colour("new"), "blue");
	ck_assert_str_eq(status_colour("acknowledged"), "turquoise");
	ck_assert_str_eq(status_colour("refused"), "red");
	ck_assert_str_eq(status_colour("no_response"), "orange");
	ck_assert_str_eq(status_colour("closed"), "grey");
	ck_assert_str_eq(status_colour("withdrawn"), "grey");
	ck_assert_str_eq(status_colour("removed"), "grey");
}
END_TEST

START_TEST(open_and_unresolving)
{
	for (int i = 0; i <= STATUS__COUNT; i++) {
		enum referral_status s = (enum referral_status)i;
		ck_assert(status_is_open(s) == (s == STATUS_NEW || s == STATUS_ACKNOWLEDGED));
		ck_assert(status_is_unresolving(s) ==
			  (s == STATUS_REFUSED || s == STATUS_NO_RESPONSE));
		ck_assert(!(status_is_open(s) && status_is_unresolving(s)));
	}
}
END_TEST

START_TEST(due_and_overdue)
{
	const char *update = "2026-11-20", *close = "2026-12-04";
	ck_assert_str_eq(referral_current_due(STATUS_NEW, update, close), update);
	ck_assert_str_eq(referral_current_due(STATUS_ACKNOWLEDGED, update, close), close);
	for (int i = STATUS_REFUSED; i <= STATUS__COUNT; i++)
		ck_assert_ptr_null(referral_current_due((enum referral_status)i, update, close));
	/* overdue the day after the due date, not on it */
	ck_assert(!referral_is_overdue(STATUS_NEW, update, close, "2026-11-20"));
	ck_assert(referral_is_overdue(STATUS_NEW, update, close, "2026-11-21"));
	ck_assert(!referral_is_overdue(STATUS_ACKNOWLEDGED, update, close, "2026-11-21"));
	ck_assert(!referral_is_overdue(STATUS_ACKNOWLEDGED, update, close, "2026-12-04"));
	ck_assert(referral_is_overdue(STATUS_ACKNOWLEDGED, update, close, "2026-12-05"));
	ck_assert(!referral_is_overdue(STATUS_CLOSED, update, close, "2030-01-01"));
	ck_assert(!referral_is_overdue(STATUS_NO_RESPONSE, update, close, "2030-01-01"));
	ck_assert(!referral_is_overdue(STATUS_NEW, "", close, "2030-01-01"));
	ck_assert(!referral_is_overdue(STATUS_NEW, update, close, NULL));
}
END_TEST

static Suite *vocabulary_suite(void)
{
	Suite *s = suite_create("vocabulary");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, status_names_round_trip);
	tcase_add_test(tc, event_names_round_trip);
	tcase_add_test(tc, inbox_names_round_trip);
	tcase_add_test(tc, stored_names);
	tcase_add_test(tc, unknown_names);
	tcase_add_test(tc, labels);
	tcase_add_test(tc, colours);
	tcase_add_test(tc, open_and_unresolving);
	tcase_add_test(tc, due_and_overdue);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(vocabulary_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
