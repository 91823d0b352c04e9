/* CSV reading (RFC 4180): records one at a time from a buffer in memory or from a stream,
 * with limits, so a file of any size is read in constant memory. Pure: the caller supplies
 * the bytes (a stream reads through a callback), so a fuzzer or a unit test can drive it.
 *
 * What it accepts: fields separated by commas; records ended by CRLF, LF or a lone CR (the
 * last record may have no line end); a field in double quotes may hold commas, line breaks
 * and doubled quotes (""). A UTF-8 byte order mark at the very start is skipped, and so are
 * empty lines. Bytes are passed through as they are: checking the text's encoding is the
 * caller's business (a NUL byte, which no C string can carry, makes the record malformed). */
#ifndef REFERRALS_CSV_H
#define REFERRALS_CSV_H

#include <stdbool.h>
#include <stddef.h>

struct csv_limits {
	size_t fields;	     /* most fields in one record */
	size_t field_bytes;  /* longest field, after unquoting */
	size_t record_bytes; /* longest record as it appears in the input, its line end excluded */
};

enum csv_status {
	CSV_RECORD,	/* a record was read */
	CSV_END,	/* no more records */
	CSV_MALFORMED,	/* a record broke the format (a quote inside an unquoted field, text after
			   a closing quote, a quote never closed, a NUL byte); it was skipped */
	CSV_TOO_LARGE,	/* a record over a limit; it was skipped */
	CSV_READ_ERROR, /* the stream's read callback failed; nothing more will be read */
};

/* Up to this many bytes of each record are kept as it appeared, to show in messages. */
#define CSV_EXCERPT_MAX 160

struct csv_record {
	const char *const *fields; /* NUL-terminated; valid until the next csv_next() */
	const size_t *lengths;
	size_t count;
	unsigned long long line; /* the line (1-based) the record starts on */
	const char *excerpt;	 /* the record's first CSV_EXCERPT_MAX bytes, NUL-terminated */
	bool excerpt_truncated;	 /* the record is longer than its excerpt */
};

/* Reads up to size bytes into buffer: the number read, 0 at the end, or -1 on an error. */
typedef long (*csv_read_fn)(void *context, char *buffer, size_t size);

struct csv_reader;

/* A reader of len bytes at data (not copied: they must outlive the reader). NULL only when
 * the limits are unusable (a zero limit). */
struct csv_reader *csv_reader_memory(const char *data, size_t len, const struct csv_limits *limits);
/* A reader that pulls its input through read(context, ...). */
struct csv_reader *csv_reader_stream(csv_read_fn read, void *context,
				     const struct csv_limits *limits);
void csv_reader_free(struct csv_reader *reader);

/* The next record. On CSV_RECORD, out holds it; on CSV_MALFORMED and CSV_TOO_LARGE, out has
 * the line and excerpt of the skipped record (count 0) and the next call goes on after it. */
enum csv_status csv_next(struct csv_reader *reader, struct csv_record *out);

/* The line the reader has reached (1-based): after CSV_END, the number of lines read + 1. */
unsigned long long csv_line(const struct csv_reader *reader);

#endif
