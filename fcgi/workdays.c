/* Working days: day numbers for dates, and counting working days around weekends and bank
 * holidays. */
#include "workdays.h"

#include <stdio.h>
#include <stdlib.h>

/* Floor division, so days before 1970 land in the right week and era. */
static int floor_div(int a, int b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

static bool is_leap_year(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

bool workdays_valid_ymd(int year, int month, int day)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (month < 1 || month > 12 || day < 1)
		return false;
	int last = month == 2 && is_leap_year(year) ? 29 : days[month - 1];
	return day <= last;
}

/* Howard Hinnant's days_from_civil: counts from 1 March so the leap day ends the year,
 * in 400-year eras of 146097 days. */
workdays_day workdays_from_ymd(int year, int month, int day)
{
	int y = year - (month <= 2);
	int era = floor_div(y, 400);
	int year_of_era = y - era * 400;
	int day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
	int day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
	return era * 146097 + day_of_era - 719468; /* 719468: 0000-03-01 to 1970-01-01 */
}

void workdays_to_ymd(workdays_day day, int *year, int *month, int *day_of_month)
{
	int z = day + 719468;
	int era = floor_div(z, 146097);
	int day_of_era = z - era * 146097;
	int year_of_era =
		(day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
	int day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
	int month_from_march = (5 * day_of_year + 2) / 153;
	int m = month_from_march < 10 ? month_from_march + 3 : month_from_march - 9;
	*day_of_month = day_of_year - (153 * month_from_march + 2) / 5 + 1;
	*month = m;
	*year = year_of_era + era * 400 + (m <= 2);
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

bool workdays_from_iso(const char *text, workdays_day *out)
{
	if (text == NULL)
		return false;
	static const char shape[] = "9999-99-99";
	for (size_t i = 0; i < sizeof shape - 1; i++) {
		bool ok = shape[i] == '9' ? is_digit(text[i]) : text[i] == shape[i];
		if (!ok) /* also stops at a NUL before the end, so a short text is never overread */
			return false;
	}
	if (text[sizeof shape - 1] != '\0')
		return false;
	int year = (text[0] - '0') * 1000 + (text[1] - '0') * 100 + (text[2] - '0') * 10 +
		   (text[3] - '0');
	int month = (text[5] - '0') * 10 + (text[6] - '0');
	int day = (text[8] - '0') * 10 + (text[9] - '0');
	if (year < 1 || !workdays_valid_ymd(year, month, day))
		return false;
	*out = workdays_from_ymd(year, month, day);
	return true;
}

void workdays_to_iso(workdays_day day, char out[WORKDAYS_ISO_SIZE])
{
	int year, month, day_of_month;
	workdays_to_ymd(day, &year, &month, &day_of_month);
	snprintf(out, WORKDAYS_ISO_SIZE, "%04d-%02d-%02d", year, month, day_of_month);
}

enum workdays_weekday workdays_weekday(workdays_day day)
{
	/* 1970-01-01 was a Thursday */
	int monday_based = day + 3 - floor_div(day + 3, 7) * 7; /* 0 = Monday */
	return (enum workdays_weekday)(monday_based + 1);
}

static int compare_days(const void *a, const void *b)
{
	workdays_day x = *(const workdays_day *)a, y = *(const workdays_day *)b;
	return (x > y) - (x < y);
}

size_t workdays_sort_holidays(workdays_day *holidays, size_t count)
{
	if (count == 0)
		return 0;
	qsort(holidays, count, sizeof *holidays, compare_days);
	size_t unique = 1;
	for (size_t i = 1; i < count; i++)
		if (holidays[i] != holidays[unique - 1])
			holidays[unique++] = holidays[i];
	return unique;
}

/* The index of the first holiday on or after day (count when there is none). */
static size_t first_holiday_from(workdays_day day, const workdays_day *holidays, size_t count)
{
	size_t low = 0, high = count;
	while (low < high) {
		size_t mid = low + (high - low) / 2;
		if (holidays[mid] < day)
			low = mid + 1;
		else
			high = mid;
	}
	return low;
}

static bool is_weekend(workdays_day day)
{
	return workdays_weekday(day) >= WORKDAYS_SATURDAY;
}

bool workdays_is_working_day(workdays_day day, const workdays_day *holidays, size_t count)
{
	if (is_weekend(day))
		return false;
	size_t i = first_holiday_from(day, holidays, count);
	return !(i < count && holidays[i] == day);
}

/* Day by day: timeframes are days or weeks, and every holiday then needs no special case. */
workdays_day workdays_add(workdays_day start, int n, const workdays_day *holidays, size_t count)
{
	workdays_day day = start;
	if (n <= 0) {
		while (!workdays_is_working_day(day, holidays, count))
			day++;
		return day;
	}
	while (n > 0) {
		day++;
		if (workdays_is_working_day(day, holidays, count))
			n--;
	}
	return day;
}

/* Monday to Friday days before day, counted from the Monday 1970-01-05 (negative before it):
 * whole weeks give five each, and the days of the last part-week up to five. */
static long weekdays_before(workdays_day day)
{
	int since_monday = day - 4;
	int weeks = floor_div(since_monday, 7);
	int rest = since_monday - weeks * 7;
	return 5L * weeks + (rest < 5 ? rest : 5);
}

/* A list of open referrals checks every one for being overdue, so this does not walk the
 * days: weekdays by arithmetic, less the holidays in the range that fall on weekdays. */
int workdays_between(workdays_day a, workdays_day b, const workdays_day *holidays, size_t count)
{
	if (b <= a)
		return 0;
	long days = weekdays_before(b + 1) - weekdays_before(a + 1);
	for (size_t i = first_holiday_from(a + 1, holidays, count); i < count && holidays[i] <= b;
	     i++) {
		bool duplicate = i > 0 && holidays[i] == holidays[i - 1];
		if (!duplicate && !is_weekend(holidays[i]))
			days--;
	}
	return (int)days;
}

/* Day by day back from b, like workdays_add forward: the n-th working day on or before b is
 * the first that makes n, so the day before it is the latest that does. */
workdays_day workdays_back(workdays_day b, int n, const workdays_day *holidays, size_t count)
{
	if (n <= 0)
		return b;
	workdays_day day = b + 1;
	while (n > 0) {
		day--;
		if (workdays_is_working_day(day, holidays, count))
			n--;
	}
	return day - 1;
}
