/* Unit tests of fcgi/mail_compose.c: the headers (Date, Message-ID, List-Unsubscribe, a subject
 * encoded when it is not ASCII and never breaking into a header of its own), both parts in
 * quoted-printable with absolute links, HTML escaped, digests laid out, unsafe addresses
 * refused; and of config.c's Referrals.Mail checks. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "../../fcgi/arena.h"
#include "../../fcgi/mail_compose.h"

static struct mail_message sample(void)
{
	return (struct mail_message){
		.from = "referrals@example.org",
		.to = "amira@example.org",
		.base_url = "https://example.org/referrals/",
		.kind = "referral_acknowledged",
		.subject = "Referral 1042 acknowledged by Riverside Citizens Advice",
		.body = "Referral 1042 (Housing) was acknowledged <b>&</b>.",
		.link = "/referrals/1042",
		.id = 77,
		.date = 1790000000
	};
}

START_TEST(headers_and_parts)
{
	struct arena *a = arena_new(4096);
	struct mail_message m = sample();
	const char *mail = mail_compose(a, &m);
	ck_assert_ptr_nonnull(mail);
	ck_assert_ptr_nonnull(strstr(mail, "From: Referrals <referrals@example.org>\r\n"));
	ck_assert_ptr_nonnull(strstr(mail, "To: <amira@example.org>\r\n"));
	ck_assert_ptr_nonnull(strstr(
		mail, "Subject: Referral 1042 acknowledged by Riverside Citizens Advice\r\n"));
	ck_assert_ptr_nonnull(strstr(mail, "Date: Mon, 21 Sep 2026 14:13:20 +0000\r\n"));
	ck_assert_ptr_nonnull(strstr(mail, "Message-ID: <outbox-77@example.org>\r\n"));
	ck_assert_ptr_nonnull(
		strstr(mail, "List-Unsubscribe: <https://example.org/referrals/preferences>\r\n"));
	ck_assert_ptr_nonnull(strstr(mail, "Content-Type: multipart/alternative;"));
	ck_assert_ptr_nonnull(strstr(mail, "Content-Type: text/plain; charset=utf-8"));
	ck_assert_ptr_nonnull(strstr(mail, "Content-Type: text/html; charset=utf-8"));
	/* "=" is quoted-printable's escape: "href=" is written href=3D */
	ck_assert_ptr_nonnull(strstr(mail, "https://example.org/referrals/referrals/1042"));
	ck_assert_ptr_nonnull(strstr(mail, "&lt;b&gt;&amp;&lt;/b&gt;"));
	ck_assert_ptr_null(strstr(mail, "<b>&</b>.</p>"));
	/* no line longer than 998 (RFC 5322); quoted-printable keeps them under 77 */
	for (const char *line = mail; *line;) {
		const char *end = strstr(line, "\r\n");
		ck_assert_ptr_nonnull(end);
		ck_assert_int_le(end - line, 76);
		line = end + 2;
	}
	arena_free(a);
}
END_TEST

START_TEST(subject_encoded_never_a_header)
{
	struct arena *a = arena_new(4096);
	struct mail_message m = sample();
	m.subject = "Réferral\r\nBcc: someone@example.net";
	char *mail = mail_compose(a, &m);
	char *body = strstr(mail, "\r\n\r\n");
	ck_assert_ptr_nonnull(body);
	*body = '\0'; /* the headers alone */
	ck_assert_ptr_nonnull(strstr(mail, "Subject: =?UTF-8?B?"));
	ck_assert_ptr_null(strstr(mail, "\r\nBcc:"));
	arena_free(a);
}
END_TEST

START_TEST(unsafe_addresses_refused)
{
	struct arena *a = arena_new(4096);
	struct mail_message m = sample();
	m.to = "amira@example.org>\r\nBcc: x@y.z";
	ck_assert_ptr_null(mail_compose(a, &m));
	m.to = "no-at-sign";
	ck_assert_ptr_null(mail_compose(a, &m));
	m.to = NULL;
	ck_assert_ptr_null(mail_compose(a, &m));
	arena_free(a);
}
END_TEST

START_TEST(digest_lists_each_message)
{
	struct arena *a = arena_new(4096);
	struct mail_message m = sample();
	m.kind = "digest";
	m.subject = "Your daily summary: 2 messages";
	m.body = "Referral 1 note added: Housing\t/referrals/1\nGap in service: Debt\t\n";
	m.link = "";
	const char *mail = mail_compose(a, &m);
	ck_assert_ptr_nonnull(strstr(mail, "- Referral 1 note added: Housing\r\n"));
	ck_assert_ptr_nonnull(strstr(mail, "  https://example.org/referrals/referrals/1\r\n"));
	ck_assert_ptr_nonnull(strstr(mail, "- Gap in service: Debt\r\n"));
	ck_assert_ptr_nonnull(strstr(mail, "<li>Gap in service: Debt</li>"));
	arena_free(a);
}
END_TEST

/* A message sent again (a sender crashed after the relay took it, before recording it) is the
 * same bytes: the same row composes the same Message-ID, Date and parts, so receiving
 * systems can see the copy for what it is; another row has a Message-ID of its own. */
START_TEST(same_row_same_message)
{
	struct arena *a = arena_new(4096);
	struct mail_message m = sample();
	const char *first = mail_compose(a, &m);
	const char *again = mail_compose(a, &m);
	ck_assert_ptr_nonnull(first);
	ck_assert_str_eq(first, again);
	m.id = 78;
	const char *other = mail_compose(a, &m);
	ck_assert_ptr_nonnull(strstr(other, "Message-ID: <outbox-78@example.org>\r\n"));
	ck_assert_ptr_null(strstr(other, "Message-ID: <outbox-77@"));
	arena_free(a);
}
END_TEST

static Suite *mail_compose_suite(void)
{
	Suite *s = suite_create("mail_compose");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, headers_and_parts);
	tcase_add_test(tc, subject_encoded_never_a_header);
	tcase_add_test(tc, unsafe_addresses_refused);
	tcase_add_test(tc, digest_lists_each_message);
	tcase_add_test(tc, same_row_same_message);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(mail_compose_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
