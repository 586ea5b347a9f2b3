/*
 * auth.h: accounts, logins, sessions and survey links: the rules the CLI
 * ('waymark user') and the web application share. Secrets are made and
 * checked here; the store keeps only their digests and hashes.
 */
#ifndef WM_AUTH_H
#define WM_AUTH_H

#include <stdbool.h>
#include <stdint.h>

#include "lib/secret.h"
#include "store/store.h"

struct strbuf;

/* Passwords: at least this many characters (and at most 1024 bytes). */
#define AUTH_MIN_PASSWORD 10
/* Failed logins allowed per name and per address in AUTH_WINDOW seconds. */
#define AUTH_MAX_FAILURES_NAME 5
#define AUTH_MAX_FAILURES_ADDR 20
#define AUTH_WINDOW (15 * 60)

/*
 * Check a login name (lower case letters, digits, '.', '_', '-'; 2 to 64
 * characters, starting with a letter) and a password. Return 0, or -1
 * with the reason in why.
 */
int auth_check_name(const char *name, struct strbuf *why);
int auth_check_password(const char *password, struct strbuf *why);

/*
 * Create a user. Returns 0 (u filled: release it), STORE_CONFLICT if the
 * name is taken, -1 with why set for a bad name or password or a store
 * failure.
 */
int auth_user_add(struct store *st, const char *name, const char *display,
		  const char *password, bool admin, struct user *u,
		  struct strbuf *why);
/* Set a new password (ending the user's sessions); as auth_user_add. */
int auth_user_passwd(struct store *st, int64_t user, const char *password,
		     struct strbuf *why);

enum auth_result { AUTH_OK, AUTH_BAD, AUTH_LIMITED, AUTH_ERROR };
/*
 * Check name and password from addr at now. AUTH_LIMITED when too many
 * recent failures (nothing is checked then); failures are counted.
 * On AUTH_OK, u is filled (release it).
 */
enum auth_result auth_login(struct store *st, const char *name,
			    const char *password, const char *addr,
			    int64_t now, struct user *u);

/*
 * Start a session for user lasting hours: token receives the cookie's
 * secret, csrf the session's anti-forgery token. Returns 0 or -1.
 */
int auth_session_start(struct store *st, int64_t user, int64_t now,
		       unsigned hours, char token[SECRET_TOKEN_LEN + 1],
		       char csrf[SECRET_TOKEN_LEN + 1]);
/*
 * The session and user of a cookie's token, if it is current. Returns 0,
 * STORE_NOTFOUND, or -1.
 */
int auth_session(struct store *st, const char *token, int64_t now,
		 struct session *s, struct user *u);
int auth_session_end(struct store *st, const char *token);

/* A new API token for user: written into token; returns 0 or -1. */
int auth_token_add(struct store *st, int64_t user, const char *label,
		   char token[SECRET_TOKEN_LEN + 1]);
/* The user of an API token. Returns 0, STORE_NOTFOUND, or -1. */
int auth_token_user(struct store *st, const char *token, struct user *u);

/*
 * A new survey link for project (stakeholder 0: an open link; grp NULL:
 * the respondent says their group). Fills l (release it).
 */
int auth_link_add(struct store *st, int64_t project, int64_t stakeholder,
		  const char *grp, int64_t round, const char *label,
		  struct survey_link *l);

#endif
