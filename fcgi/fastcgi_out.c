/* FastCGI stdout records for a whole response, written with writev (see fastcgi_out.h). */
#include "fastcgi_out.h"

#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <sys/uio.h>

enum {
	FCGI_VERSION = 1,
	FCGI_STDOUT_TYPE = 6,
	HEADER_BYTES = 8,
	RECORDS_PER_WRITE = 16, /* about 1 MB a writev; a larger body takes several */
};

/* Every iovec of iov written in full: writev may stop early on a socket, or be interrupted,
 * and a non-blocking one may be full for a moment. */
static bool write_all(int fd, struct iovec *iov, int count)
{
	while (count > 0) {
		ssize_t n = writev(fd, iov, count);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN || errno == EWOULDBLOCK) {
				struct pollfd out = { .fd = fd, .events = POLLOUT };
				if (poll(&out, 1, 30 * 1000) > 0)
					continue;
			}
			return false;
		}
		while (count > 0 && (size_t)n >= iov->iov_len) {
			n -= (ssize_t)iov->iov_len;
			iov++;
			count--;
		}
		if (count > 0) {
			iov->iov_base = (char *)iov->iov_base + n;
			iov->iov_len -= (size_t)n;
		}
	}
	return true;
}

bool fastcgi_write_stdout(int fd, int request_id, const char *head, size_t head_len,
			  const char *body, size_t body_len)
{
	/* the content is head followed by body: parts[0] and parts[1], read from in turn */
	const struct {
		const char *data;
		size_t len;
	} parts[2] = { { head, head_len }, { body, body_len } };
	size_t part = 0, offset = 0; /* the next byte of content to send */
	while (part < 2 && offset == parts[part].len) {
		part++;
		offset = 0;
	}
	while (part < 2) {
		uint8_t headers[RECORDS_PER_WRITE][HEADER_BYTES];
		struct iovec iov[RECORDS_PER_WRITE * 3]; /* a header and up to two pieces each */
		int count = 0;
		for (int record = 0; record < RECORDS_PER_WRITE && part < 2; record++) {
			uint8_t *h = headers[record];
			iov[count++] = (struct iovec){ h, HEADER_BYTES };
			size_t content = 0;
			while (part < 2 && content < FASTCGI_RECORD_CONTENT_MAX) {
				size_t take = parts[part].len - offset;
				if (take > FASTCGI_RECORD_CONTENT_MAX - content)
					take = FASTCGI_RECORD_CONTENT_MAX - content;
				iov[count++] =
					(struct iovec){ (char *)parts[part].data + offset, take };
				content += take;
				offset += take;
				while (part < 2 && offset == parts[part].len) {
					part++;
					offset = 0;
				}
			}
			h[0] = FCGI_VERSION;
			h[1] = FCGI_STDOUT_TYPE;
			h[2] = (uint8_t)(request_id >> 8);
			h[3] = (uint8_t)request_id;
			h[4] = (uint8_t)(content >> 8);
			h[5] = (uint8_t)content;
			h[6] = 0; /* no padding */
			h[7] = 0;
		}
		if (!write_all(fd, iov, count))
			return false;
	}
	return true;
}
