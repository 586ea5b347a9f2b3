/*
 * secret.h: random tokens, their digests and password hashes, on
 * libsodium. Nothing here knows about users or sessions.
 */
#ifndef WM_SECRET_H
#define WM_SECRET_H

#include <stdbool.h>
#include <stddef.h>

/* A token: 256 random bits as 43 URL-safe base64 characters. */
#define SECRET_TOKEN_LEN 43
/* A digest: 64 hex digits of BLAKE2b-256. */
#define SECRET_DIGEST_LEN 64
/* Room for a password hash string (libsodium's crypto_pwhash_STRBYTES). */
#define SECRET_HASH_SIZE 128

/* Initialise libsodium; returns 0, or -1 if it cannot be used. */
int secret_init(void);
/* Write a fresh token and its NUL into out. */
void secret_token(char out[SECRET_TOKEN_LEN + 1]);
/* The raw BLAKE2b-256 digest of n bytes at p into out. */
#define SECRET_DIGEST_BYTES 32
void secret_digest_bytes(const void *p, size_t n,
			 unsigned char out[SECRET_DIGEST_BYTES]);
/* Write the hex digest of s and its NUL into out (how tokens are kept). */
void secret_digest(const char *s, char out[SECRET_DIGEST_LEN + 1]);
/*
 * Hash password with Argon2id (libsodium's interactive limits) into out.
 * Returns 0, or -1 if memory for the hash could not be had.
 */
int secret_hash_password(const char *password, char out[SECRET_HASH_SIZE]);
/* True if password matches hash (a string from secret_hash_password). */
bool secret_check_password(const char *hash, const char *password);
/* Compare two strings in time that does not depend on where they differ. */
bool secret_equal(const char *a, const char *b);

#endif
