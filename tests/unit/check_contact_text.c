/* Unit tests of fcgi/contact_text.c: UK phone numbers in their groups (mobile, London, the
 * 011x and 01x1 cities, other areas, non-geographic, 10-digit numbers) and values that are not
 * a stored number coming back unchanged; the contact permissions in words. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "../../fcgi/contact_text.h"

static const char *phone(const char *digits)
{
	static char out[CONTACT_PHONE_TEXT_SIZE];
	return contact_phone_text(digits, out);
}

START_TEST(phone_groups)
{
	ck_assert_str_eq(phone("07700900123"), "07700 900123");
	ck_assert_str_eq(phone("02079460018"), "020 7946 0018");
	ck_assert_str_eq(phone("02890123456"), "028 9012 3456");
	ck_assert_str_eq(phone("01134960000"), "0113 496 0000");
	ck_assert_str_eq(phone("01614960000"), "0161 496 0000");
	ck_assert_str_eq(phone("01632960001"), "01632 960001");
	ck_assert_str_eq(phone("03001234567"), "0300 123 4567");
	ck_assert_str_eq(phone("08001234567"), "0800 123 4567");
	ck_assert_str_eq(phone("0169772345"), "01697 72345");
	ck_assert_str_eq(phone("0800123456"), "0800 123456");
}
END_TEST

START_TEST(phone_unchanged)
{
	ck_assert_str_eq(phone(""), "");
	ck_assert_str_eq(phone(NULL), "");
	ck_assert_str_eq(phone("0770090012"), "07700 90012");	 /* 10 digits is still grouped */
	ck_assert_str_eq(phone("077009001234"), "077009001234"); /* 12 digits: as stored */
	ck_assert_str_eq(phone("17700900123"), "17700900123");	 /* no leading 0 */
	ck_assert_str_eq(phone("07700 900123"), "07700 900123"); /* already written */
	ck_assert_str_eq(phone("0770090012x"), "0770090012x");
	/* a long stored value is cut to the buffer, never overrun */
	ck_assert_uint_eq(strlen(phone("0123456789012345678901234567890123456789")),
			  CONTACT_PHONE_TEXT_SIZE - 1);
}
END_TEST

static const char *ways(bool email, bool phone_ok, bool sms, bool voicemail, bool post)
{
	static char out[CONTACT_WAYS_TEXT_SIZE];
	struct contact_ways w = {
		.email = email, .phone = phone_ok, .sms = sms, .voicemail = voicemail, .post = post
	};
	return contact_ways_text(w, out);
}

START_TEST(ways_in_words)
{
	ck_assert_str_eq(ways(false, true, true, false, false),
			 "Contact by: phone, SMS \u2014 not email, not post, no voicemail");
	ck_assert_str_eq(ways(true, true, true, true, true),
			 "Contact by: phone, SMS, email, post, voicemail");
	ck_assert_str_eq(ways(true, false, false, false, false),
			 "Contact by: email \u2014 no phone calls, no SMS, not post, no voicemail");
	ck_assert_str_eq(ways(false, false, false, false, false),
			 "Do not contact: no permission given");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("contact_text");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, phone_groups);
	tcase_add_test(tc, phone_unchanged);
	tcase_add_test(tc, ways_in_words);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
