/* CSV reading (RFC 4180). */
