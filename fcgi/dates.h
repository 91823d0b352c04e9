/* Dates as people read them ("2 April 2026"), for the pages and for the messages the model
 * writes (which must not call page code). Pure functions: the text goes into the caller's
 * buffer, or into the arena it passes. */
#ifndef REFERRALS_DATES_H
#define REFERRALS_DATES_H

#include <stdbool.h>
#include <time.h>

struct arena;

/* "31 September -2147483648" and its NUL, with room to spare. */
#define DATES_LONG_SIZE 32

/* "January" for 1 ... "December" for 12; NULL for any other number. */
const char *dates_month_name(int month);

/* Day 1-31, month 1-12 and any year as "2 April 2026" (no leading zero on the day). The
 * date is not checked against the calendar: the caller's came from one. False, and out
 * "", when the day or month is out of range. */
bool dates_long_ymd(int year, int month, int day, char out[DATES_LONG_SIZE]);

/* "2026-04-02", or a DATETIME "2026-04-02 19:45:00" (its date part), as "2 April 2026".
 * False, and out "", when text is NULL or does not start with a real date in 1900-2100
 * followed by its end or a space. */
bool dates_long_iso(const char *text, char out[DATES_LONG_SIZE]);

/* dates_long_iso's text allocated from arena, or text itself when it is not such a date
 * (NULL for NULL), so a value that is not a date is still shown as it was. */
const char *dates_long(struct arena *arena, const char *text);

/* The local clock (TZ) between two instants: the UTC offset in seconds at from and at to
 * and, when they differ, the first second of the new offset in *switch_at (found by halving,
 * so it assumes one change between them: true of 30 days in any zone that changes twice a
 * year); *switch_at is from when the offset never changes. For counting each event on the
 * local day it happened, without the database knowing time zones. */
void dates_offset_change(time_t from, time_t to, long *offset_before, long *offset_after,
			 time_t *switch_at);

#endif
