/* CSV reading (RFC 4180): a byte-at-a-time state machine over a window of input that a
 * stream refills, writing each record's fields into one buffer sized by the limits. */
#include "csv.h"

#include <stdlib.h>
#include <string.h>

#define CSV_STREAM_BUFFER 65536

struct csv_reader {
	struct csv_limits limits;
	/* the input window: all of it for a memory reader, the buffer for a stream */
	const char *data;
	size_t len;
	size_t pos;
	csv_read_fn read;
	void *context;
	char *buffer;
	bool at_end;
	bool failed;
	bool started;
	unsigned long long line;
	/* the record being read: fields written one after another, each NUL-terminated */
	char *store;
	size_t store_len;
	size_t field_start;
	const char **fields;
	size_t *lengths;
	size_t count;
	char excerpt[CSV_EXCERPT_MAX + 1];
	size_t excerpt_len;
	bool excerpt_truncated;
};

static struct csv_reader *reader_new(const struct csv_limits *limits)
{
	if (limits->fields == 0 || limits->field_bytes == 0 || limits->record_bytes == 0)
		return NULL;
	/* every byte of a record lands in at most one field, and each field adds a NUL */
	if (limits->record_bytes > (size_t)-1 / 2 ||
	    limits->fields > (size_t)-1 / 2 / sizeof(char *))
		return NULL;
	struct csv_reader *r = calloc(1, sizeof *r);
	if (r == NULL)
		return NULL;
	r->limits = *limits;
	r->line = 1;
	r->store = malloc(limits->record_bytes + limits->fields + 1);
	r->fields = malloc(limits->fields * sizeof *r->fields);
	r->lengths = malloc(limits->fields * sizeof *r->lengths);
	if (r->store == NULL || r->fields == NULL || r->lengths == NULL) {
		csv_reader_free(r);
		return NULL;
	}
	return r;
}

struct csv_reader *csv_reader_memory(const char *data, size_t len, const struct csv_limits *limits)
{
	struct csv_reader *r = reader_new(limits);
	if (r == NULL)
		return NULL;
	r->data = data;
	r->len = data == NULL ? 0 : len;
	r->at_end = true; /* nothing more to read beyond the window */
	return r;
}

struct csv_reader *csv_reader_stream(csv_read_fn read, void *context,
				     const struct csv_limits *limits)
{
	struct csv_reader *r = reader_new(limits);
	if (r == NULL)
		return NULL;
	r->buffer = malloc(CSV_STREAM_BUFFER);
	if (r->buffer == NULL) {
		csv_reader_free(r);
		return NULL;
	}
	r->read = read;
	r->context = context;
	r->data = r->buffer;
	return r;
}

void csv_reader_free(struct csv_reader *r)
{
	if (r == NULL)
		return;
	free(r->buffer);
	free(r->store);
	free(r->fields);
	free(r->lengths);
	free(r);
}

unsigned long long csv_line(const struct csv_reader *r)
{
	return r->line;
}

/* Reads more into the stream buffer after what is there; false at the end or on an error. */
static bool fill(struct csv_reader *r)
{
	if (r->at_end || r->failed || r->read == NULL)
		return false;
	if (r->pos == r->len) {
		r->pos = 0;
		r->len = 0;
	}
	if (r->len == CSV_STREAM_BUFFER)
		return true;
	long got = r->read(r->context, r->buffer + r->len, CSV_STREAM_BUFFER - r->len);
	if (got < 0 || (size_t)got > CSV_STREAM_BUFFER - r->len) {
		r->failed = true;
		return false;
	}
	if (got == 0) {
		r->at_end = true;
		return false;
	}
	r->len += (size_t)got;
	return true;
}

/* The next byte (0-255) without taking it, or -1 when the input is exhausted. */
static int peek(struct csv_reader *r)
{
	while (r->pos == r->len) {
		if (!fill(r))
			return -1;
	}
	return (unsigned char)r->data[r->pos];
}

/* Skips a UTF-8 byte order mark at the very start (spreadsheets write one). */
static void start(struct csv_reader *r)
{
	if (r->started)
		return;
	r->started = true;
	while (r->len - r->pos < 3 && fill(r))
		;
	if (r->len - r->pos >= 3 && memcmp(r->data + r->pos, "\xEF\xBB\xBF", 3) == 0)
		r->pos += 3;
}

static void keep_excerpt(struct csv_reader *r, int c)
{
	if (r->excerpt_len == CSV_EXCERPT_MAX) {
		r->excerpt_truncated = true;
		return;
	}
	r->excerpt[r->excerpt_len++] = c < 0x20 ? ' ' : (char)c;
}

/* Ends the excerpt on a whole UTF-8 character when it was cut short. */
static void finish_excerpt(struct csv_reader *r)
{
	size_t len = r->excerpt_len;
	if (r->excerpt_truncated && len > 0) {
		size_t lead = len;
		size_t back = 0;
		while (lead > 0 && back < 4 &&
		       ((unsigned char)r->excerpt[lead - 1] & 0xC0) == 0x80) {
			lead--;
			back++;
		}
		if (lead > 0) {
			unsigned char c = (unsigned char)r->excerpt[lead - 1];
			size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
			if (need > 1 && lead - 1 + need > len)
				len = lead - 1;
		}
	}
	r->excerpt[len] = '\0';
	r->excerpt_len = len;
}

static void put(struct csv_reader *r, int c, enum csv_status *status)
{
	if (*status != CSV_RECORD)
		return;
	if (r->store_len - r->field_start >= r->limits.field_bytes) {
		*status = CSV_TOO_LARGE;
		return;
	}
	r->store[r->store_len++] = (char)c;
}

static void end_field(struct csv_reader *r, enum csv_status *status)
{
	if (*status != CSV_RECORD)
		return;
	if (r->count == r->limits.fields) {
		*status = CSV_TOO_LARGE;
		return;
	}
	r->fields[r->count] = r->store + r->field_start;
	r->lengths[r->count] = r->store_len - r->field_start;
	r->store[r->store_len++] = '\0';
	r->count++;
	r->field_start = r->store_len;
}

static void malformed(enum csv_status *status)
{
	if (*status == CSV_RECORD)
		*status = CSV_MALFORMED;
}

/* Skips the empty lines between records; returns the next byte (negative at the end). */
static int skip_empty_lines(struct csv_reader *r)
{
	for (;;) {
		int c = peek(r);
		if (c != '\n' && c != '\r')
			return c;
		r->pos++;
		if (c == '\r' && peek(r) == '\n')
			r->pos++;
		r->line++;
	}
}

/* Where the parser is within a field. */
enum field_state { FIELD_START, UNQUOTED, QUOTED, QUOTE_SEEN };

/* One byte of a record (not a line end outside quotes): the field state machine. */
static enum field_state field_byte(struct csv_reader *r, enum field_state state, int c,
				   enum csv_status *status)
{
	switch (state) {
	case FIELD_START:
		if (c == '"')
			return QUOTED;
		/* fall through */
	case UNQUOTED:
		if (c == ',') {
			end_field(r, status);
			return FIELD_START;
		}
		if (c == '"')
			malformed(status);
		else
			put(r, c, status);
		return UNQUOTED;
	case QUOTED:
		if (c == '"')
			return QUOTE_SEEN;
		put(r, c, status);
		return QUOTED;
	case QUOTE_SEEN:
		if (c == '"') {
			put(r, c, status);
			return QUOTED;
		}
		if (c == ',') {
			end_field(r, status);
			return FIELD_START;
		}
		malformed(status);
		return UNQUOTED;
	}
	return state;
}

enum csv_status csv_next(struct csv_reader *r, struct csv_record *out)
{
	memset(out, 0, sizeof *out);
	out->excerpt = "";
	start(r);
	int c = skip_empty_lines(r);
	if (c < 0)
		return r->failed ? CSV_READ_ERROR : CSV_END;

	out->line = r->line;
	r->store_len = 0;
	r->field_start = 0;
	r->count = 0;
	r->excerpt_len = 0;
	r->excerpt_truncated = false;
	enum csv_status status = CSV_RECORD;
	enum field_state state = FIELD_START;
	size_t record_bytes = 0;
	/* A quoted field that runs past the record limit is probably a stray quote: rather than
	 * lose the rest of the file looking for its partner, the record ends at the next line. */
	bool to_line_end = false;
	for (;;) {
		c = peek(r);
		if (c < 0) {
			if (state == QUOTED && !to_line_end)
				malformed(&status);
			break;
		}
		r->pos++;
		bool in_quotes = state == QUOTED && !to_line_end;
		if (c == '\r' || c == '\n') {
			bool crlf = c == '\r' && peek(r) == '\n';
			if (!in_quotes) {
				if (crlf)
					r->pos++;
				r->line++;
				break;
			}
			if (c == '\n' || !crlf)
				r->line++;
		}
		keep_excerpt(r, c);
		if (++record_bytes > r->limits.record_bytes) {
			if (status == CSV_RECORD || status == CSV_MALFORMED)
				status = CSV_TOO_LARGE;
			if (in_quotes)
				to_line_end = true;
		}
		if (c == '\0')
			malformed(&status);
		state = field_byte(r, state, c, &status);
	}
	if (r->failed)
		return CSV_READ_ERROR;
	end_field(r, &status);
	finish_excerpt(r);
	out->excerpt = r->excerpt;
	out->excerpt_truncated = r->excerpt_truncated;
	if (status == CSV_RECORD) {
		out->fields = r->fields;
		out->lengths = r->lengths;
		out->count = r->count;
	}
	return status;
}
