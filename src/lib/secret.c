/* secret.c: tokens, digests and Argon2id password hashes through libsodium. */
#include <sodium.h>
#include <string.h>

#include "lib/secret.h"

_Static_assert(SECRET_HASH_SIZE >= crypto_pwhash_STRBYTES,
	       "room for a password hash");

int secret_init(void)
{
	return sodium_init() < 0 ? -1 : 0;
}

void secret_token(char out[SECRET_TOKEN_LEN + 1])
{
	unsigned char raw[32];

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(out, SECRET_TOKEN_LEN + 1, raw, sizeof(raw),
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof(raw));
}

void secret_digest_bytes(const void *p, size_t n,
			 unsigned char out[SECRET_DIGEST_BYTES])
{
	crypto_generichash(out, SECRET_DIGEST_BYTES, p, n, NULL, 0);
}

void secret_digest(const char *s, char out[SECRET_DIGEST_LEN + 1])
{
	unsigned char h[SECRET_DIGEST_BYTES];

	secret_digest_bytes(s, strlen(s), h);
	sodium_bin2hex(out, SECRET_DIGEST_LEN + 1, h, sizeof(h));
}

int secret_hash_password(const char *password, char out[SECRET_HASH_SIZE])
{
	return crypto_pwhash_argon2id_str(out, password, strlen(password),
		crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE,
		crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE) ? -1 : 0;
}

bool secret_check_password(const char *hash, const char *password)
{
	return hash && crypto_pwhash_argon2id_str_verify(hash, password,
		strlen(password)) == 0;
}

bool secret_equal(const char *a, const char *b)
{
	size_t n = strlen(a);

	return n == strlen(b) && sodium_memcmp(a, b, n) == 0;
}
