/* Log lines go to stderr in one write each, so lines from several workers never interleave. */
#include "log.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static char current_request[24];

void log_set_request(const char *request_id)
{
	snprintf(current_request, sizeof current_request, "%s", request_id ? request_id : "");
}

static void log_line(const char *level, const char *fmt, va_list ap)
{
	char line[2048];
	int used = snprintf(line, sizeof line, "referrals[%d] %s%s%s: ", (int)getpid(), level,
			    current_request[0] ? " rid=" : "", current_request);
	if (used < 0)
		return;
	int more = vsnprintf(line + used, sizeof line - (size_t)used, fmt, ap);
	size_t len = more < 0 ? (size_t)used : (size_t)used + (size_t)more;
	if (len >= sizeof line - 1)
		len = sizeof line - 2;
	/* one line per message, whatever the message holds */
	for (size_t i = 0; i < len; i++)
		if (line[i] == '\n' || line[i] == '\r')
			line[i] = ' ';
	line[len++] = '\n';
	ssize_t ignored = write(STDERR_FILENO, line, len);
	(void)ignored;
}

void log_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	log_line("error", fmt, ap);
	va_end(ap);
}

void log_info(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	log_line("info", fmt, ap);
	va_end(ap);
}
