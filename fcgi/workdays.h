/* Working days: calendar dates as day numbers, and counting Monday to Friday days that are
 * not bank holidays (the "update within" and "close within" timeframes, overdue checks). */
#ifndef REFERRALS_WORKDAYS_H
#define REFERRALS_WORKDAYS_H

#include <stdbool.h>
#include <stddef.h>

/* A date as the number of days since 1970-01-01 (which is 0) in the proleptic Gregorian
 * calendar: differences are subtraction, comparisons are integer comparisons, and a list of
 * bank holidays is a sorted array of ints. */
typedef int workdays_day;

#define WORKDAYS_ISO_SIZE 11 /* "2026-11-23" and its NUL */

/* ISO 8601 weekday numbers. */
enum workdays_weekday {
	WORKDAYS_MONDAY = 1,
	WORKDAYS_TUESDAY,
	WORKDAYS_WEDNESDAY,
	WORKDAYS_THURSDAY,
	WORKDAYS_FRIDAY,
	WORKDAYS_SATURDAY,
	WORKDAYS_SUNDAY,
};

/* The day of a real date (month 1-12, day 1-31); workdays_valid_ymd says whether it is. */
workdays_day workdays_from_ymd(int year, int month, int day);
bool workdays_valid_ymd(int year, int month, int day);
void workdays_to_ymd(workdays_day day, int *year, int *month, int *day_of_month);
/* Parses exactly "YYYY-MM-DD" (as MariaDB gives a DATE) of a real date, year 0001-9999.
 * False, and *out untouched, otherwise. */
bool workdays_from_iso(const char *text, workdays_day *out);
/* Writes "YYYY-MM-DD" (years 0-9999). */
void workdays_to_iso(workdays_day day, char out[WORKDAYS_ISO_SIZE]);
enum workdays_weekday workdays_weekday(workdays_day day);

/* Sorts holidays and removes duplicates in place, for a list not read in date order;
 * returns the new count. Every function below wants the list sorted. */
size_t workdays_sort_holidays(workdays_day *holidays, size_t count);

/* Monday to Friday and not in holidays (sorted; NULL when count is 0). */
bool workdays_is_working_day(workdays_day day, const workdays_day *holidays, size_t count);
/* The day n working days after start, start itself not counted. n = 0 gives start when it
 * is a working day, else the next working day; a negative n counts as 0. */
workdays_day workdays_add(workdays_day start, int n, const workdays_day *holidays, size_t count);
/* The working days after a up to and including b; 0 when b is not after a. So
 * workdays_between(s, workdays_add(s, n, ...), ...) == n for n >= 1. */
int workdays_between(workdays_day a, workdays_day b, const workdays_day *holidays, size_t count);
/* The latest day a with workdays_between(a, b, ...) >= n: whatever last happened on a or
 * before has waited n working days by b (the auto-close limit). b itself for n <= 0. Needs
 * the holidays from the day it returns to b. */
workdays_day workdays_back(workdays_day b, int n, const workdays_day *holidays, size_t count);

#endif
