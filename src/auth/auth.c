/* auth.c: accounts, logins, sessions, API tokens and survey links. */
#include <pthread.h>
#include <string.h>

#include "auth/auth.h"
#include "lib/strbuf.h"
#include "lib/text.h"
#include "lib/xalloc.h"

int auth_check_name(const char *name, struct strbuf *why)
{
	size_t n = strlen(name);

	if (n < 2 || n > 64) {
		sb_addf(why, "a login name has 2 to 64 characters");
		return -1;
	}
	if (name[0] < 'a' || name[0] > 'z') {
		sb_addf(why, "a login name starts with a lower-case letter");
		return -1;
	}
	for (const char *p = name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		      *p == '.' || *p == '_' || *p == '-')) {
			sb_addf(why, "a login name has only lower-case letters, "
				"digits, '.', '_' and '-'");
			return -1;
		}
	return 0;
}

int auth_check_password(const char *password, struct strbuf *why)
{
	size_t n = strlen(password), bad;

	if (n > 1024) {
		sb_addf(why, "a password has at most 1024 bytes");
		return -1;
	}
	if (!utf8_valid(password, n, &bad)) {
		sb_addf(why, "a password must be UTF-8 text");
		return -1;
	}
	if (utf8_width(password, n) < AUTH_MIN_PASSWORD) {
		sb_addf(why, "a password has at least %d characters",
			AUTH_MIN_PASSWORD);
		return -1;
	}
	return 0;
}

static int hash(const char *password, char out[SECRET_HASH_SIZE],
		struct strbuf *why)
{
	if (auth_check_password(password, why))
		return -1;
	if (secret_hash_password(password, out)) {
		sb_addf(why, "not enough memory to hash the password");
		return -1;
	}
	return 0;
}

int auth_user_add(struct store *st, const char *name, const char *display,
		  const char *password, bool admin, struct user *u,
		  struct strbuf *why)
{
	char h[SECRET_HASH_SIZE];
	int rc;

	memset(u, 0, sizeof(*u));
	if (auth_check_name(name, why) || hash(password, h, why))
		return -1;
	u->name = xstrdup(name);
	u->display = xstrdup(display && *display ? display : name);
	u->pwhash = xstrdup(h);
	u->admin = admin;
	rc = store_user_add(st, u);
	if (rc == -1)
		sb_addf(why, "%s", store_error(st));
	return rc;
}

int auth_user_passwd(struct store *st, int64_t user, const char *password,
		     struct strbuf *why)
{
	char h[SECRET_HASH_SIZE];
	int rc;

	if (hash(password, h, why))
		return -1;
	rc = store_user_set_password(st, user, h);
	if (rc == -1)
		sb_addf(why, "%s", store_error(st));
	return rc;
}

/*
 * A fixed hash to check against when the name is unknown, so that a
 * wrong name takes as long to refuse as a wrong password.
 */
static char decoy_hash[SECRET_HASH_SIZE];
static pthread_once_t decoy_once = PTHREAD_ONCE_INIT;

static void make_decoy(void)
{
	secret_hash_password("decoy password, never valid", decoy_hash);
}

static const char *decoy(void)
{
	pthread_once(&decoy_once, make_decoy);
	return decoy_hash;
}

enum auth_result auth_login(struct store *st, const char *name,
			    const char *password, const char *addr,
			    int64_t now, struct user *u)
{
	int64_t by_name, by_addr;
	int rc;

	memset(u, 0, sizeof(*u));
	if (store_login_failures(st, name, addr, now - AUTH_WINDOW, &by_name,
				 &by_addr))
		return AUTH_ERROR;
	if (by_name >= AUTH_MAX_FAILURES_NAME ||
	    by_addr >= AUTH_MAX_FAILURES_ADDR)
		return AUTH_LIMITED;
	rc = store_user_get(st, name, u);
	if (rc == -1)
		return AUTH_ERROR;
	if (!rc && secret_check_password(u->pwhash, password)) {
		if (by_name && store_login_clear(st, name))
			return AUTH_ERROR;
		return AUTH_OK;
	}
	if (rc)
		secret_check_password(decoy(), password);
	store_user_release(u);
	return store_login_failed(st, name, addr, now) ? AUTH_ERROR : AUTH_BAD;
}

int auth_session_start(struct store *st, int64_t user, int64_t now,
		       unsigned hours, char token[SECRET_TOKEN_LEN + 1],
		       char csrf[SECRET_TOKEN_LEN + 1])
{
	char digest[SECRET_DIGEST_LEN + 1];

	secret_token(token);
	secret_token(csrf);
	secret_digest(token, digest);
	if (store_sessions_purge(st, now))
		return -1;
	return store_session_add(st, digest, user, csrf, now,
				 now + (int64_t)hours * 3600) ? -1 : 0;
}

int auth_session(struct store *st, const char *token, int64_t now,
		 struct session *s, struct user *u)
{
	char digest[SECRET_DIGEST_LEN + 1];
	int rc;

	memset(u, 0, sizeof(*u));
	secret_digest(token, digest);
	rc = store_session_get(st, digest, now, s);
	if (rc)
		return rc;
	rc = store_user_get_id(st, s->user, u);
	if (rc)
		store_session_release(s);
	return rc;
}

int auth_session_end(struct store *st, const char *token)
{
	char digest[SECRET_DIGEST_LEN + 1];

	secret_digest(token, digest);
	return store_session_delete(st, digest);
}

int auth_token_add(struct store *st, int64_t user, const char *label,
		   char token[SECRET_TOKEN_LEN + 1])
{
	char digest[SECRET_DIGEST_LEN + 1];

	secret_token(token);
	secret_digest(token, digest);
	return store_token_add(st, digest, user, label) ? -1 : 0;
}

int auth_token_user(struct store *st, const char *token, struct user *u)
{
	char digest[SECRET_DIGEST_LEN + 1];
	int64_t id;
	int rc;

	memset(u, 0, sizeof(*u));
	secret_digest(token, digest);
	rc = store_token_user(st, digest, &id);
	return rc ? rc : store_user_get_id(st, id, u);
}

int auth_link_add(struct store *st, int64_t project, int64_t stakeholder,
		  const char *grp, int64_t round, const char *label,
		  struct survey_link *l)
{
	char token[SECRET_TOKEN_LEN + 1];

	memset(l, 0, sizeof(*l));
	secret_token(token);
	l->project = project;
	l->token = xstrdup(token);
	l->stakeholder = stakeholder;
	l->grp = grp ? xstrdup(grp) : NULL;
	l->round = round;
	l->label = xstrdup(label ? label : "");
	return store_link_add(st, l);
}
