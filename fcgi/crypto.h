/* The little cryptography the app needs: SHA-256 for storing session tokens hashed,
 * random tokens from the kernel, and a constant-time comparison for CSRF tokens. */
#ifndef REFERRALS_CRYPTO_H
#define REFERRALS_CRYPTO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SHA256_DIGEST_BYTES 32
/* 256-bit tokens, written as 64 hex characters. */
#define TOKEN_BYTES 32
#define TOKEN_HEX_LEN (TOKEN_BYTES * 2)

void crypto_sha256(const void *data, size_t len, uint8_t digest[SHA256_DIGEST_BYTES]);
/* Fills buf from getrandom(2); returns false only if the kernel cannot supply randomness. */
bool crypto_random(void *buf, size_t len);
/* Writes 2*len hex digits and a NUL to out. */
void crypto_hex(const uint8_t *bytes, size_t len, char *out);
/* A fresh random token as hex (out holds TOKEN_HEX_LEN + 1). */
bool crypto_token(char out[TOKEN_HEX_LEN + 1]);
/* Equal strings, in time that depends only on the lengths. */
bool crypto_equal(const char *a, const char *b);

#endif
