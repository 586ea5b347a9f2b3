/*
 * respond.h: what the survey page (page_survey.c) and the survey API
 * (api_survey.c) share: opening a survey link by its token, and checking
 * and keeping one response given through it, once however often it is
 * sent.
 */
#ifndef WM_RESPOND_H
#define WM_RESPOND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "form.h"
#include "survey/survey.h"
#include "web.h"

/* The longest overall comment kept, in bytes. */
#define RESPOND_COMMENT_MAX 2000
/* The longest client id a browser may choose. */
#define RESPOND_CLIENT_ID_MAX 100

/* A link opened for answering: the link, its project and the survey. */
struct respondent {
	struct survey_link link;
	struct project project;
	struct survey s;
	long group;		/* the group the link fixes, or -1: asked */
};

/*
 * Open the link whose token is the route's first segment, for r. The
 * answer never leaves a copy in a cache (r->private). An unknown token or
 * a withdrawn link is answered 404, saying whom to ask, and the call
 * returns -1, as after a store failure; t then holds nothing. On success
 * release t with respond_release.
 */
int respond_open(struct req *r, struct respondent *t);
void respond_release(struct respondent *t);

/* True for a stakeholder's own link that has already taken its answers. */
bool respond_used(const struct respondent *t);
/*
 * True if item i is put to the respondent: every item when the group is
 * asked in the form, else only those the link's group is asked.
 */
bool respond_shows(const struct respondent *t, size_t i);
/* How many items respond_shows. */
size_t respond_nshown(const struct respondent *t);

/* True if s is 1 to RESPOND_CLIENT_ID_MAX of [A-Za-z0-9_-]. */
bool respond_client_id_ok(const char *s);

/* One answer as sent: an item id and its value as text (NULL or "": none). */
struct answer {
	const char *item, *value;
};

/* A response as sent by a form or as JSON; every field may be NULL. */
struct submission {
	const char *client_id;	/* the sender's id for this response */
	const char *group;	/* a group id, when the link fixes none */
	const char *comment;	/* one optional overall comment */
	const struct answer *answers;
	size_t nanswers;
};

enum respond_outcome {
	RESPOND_ADDED,		/* kept, and counted against the link */
	RESPOND_AGAIN,		/* this client id was kept before: unchanged */
	RESPOND_USED,		/* a stakeholder's link already used: refused */
	RESPOND_BAD		/* problems in f; nothing kept */
};

/*
 * Check sub against t and keep it as one response in the link's round.
 * Problems go to f by field: "client_id", "group", "comment", "answers"
 * (nothing answered) or the id of the item at fault, each message in
 * lower case without the field's name. Answers to items the respondent's
 * group is not asked are ignored, as are empty ones. The overall comment
 * is kept with the first item the group is asked, since the store keeps
 * comments by item. The response's id is a digest of the token and the
 * client id, so it names neither the link nor the stakeholder.
 * Returns 0 with *outcome set, or -1 after answering r with
 * web_store_fail.
 */
int respond_keep(struct req *r, struct respondent *t,
		 const struct submission *sub, struct form *f,
		 enum respond_outcome *outcome);

/* Append t (seconds since the epoch) as "3 March 2025 at 14:05 UTC". */
void respond_time(struct strbuf *sb, int64_t t);

/* The labels of the answer scale, 1 to 5 then don't know. */
extern const char *const respond_scale_labels[6];

#endif
