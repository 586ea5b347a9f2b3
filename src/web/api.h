/*
 * api.h: what the JSON API's files share (defined in api_project.c):
 * reading a body and the query, setting fields through a domain's rules,
 * and answering with the problems found.
 */
#ifndef WM_API_H
#define WM_API_H

#include "web.h"

/* The body as a JSON object, or NULL after answering 400. */
json_t *body_object(struct req *r);
/*
 * Query parameter name as a whole number in [lo, hi], or def when it is
 * absent. Returns 0, or -1 after answering 400.
 */
int query_int(struct req *r, const char *name, int64_t lo, int64_t hi,
	      int64_t def, int64_t *v);
/* Start the next problem in err: problems are separated by "; ". */
struct strbuf *problem(struct strbuf *err);

/* A domain's rule for one field: 0, or -1 with the reason in err. */
typedef int (*field_fn)(void *obj, const char *field, const char *value,
			struct strbuf *err);
/*
 * Set every key of body on obj through set. Keys are the field names of
 * the rules (fields, NULL-terminated); '_' may stand for '-'. A string is
 * taken as it is, a number written out. Each bad or unknown key is
 * described in err by name. Returns the number of problems.
 */
size_t apply_fields(json_t *body, const char *const *fields,
		    const char *what, field_fn set, void *obj,
		    struct strbuf *err);
/* Fail 422 bad_field with the problems in err; releases err. Returns -1. */
int bad_fields(struct req *r, struct strbuf *err);
/*
 * Optimistic concurrency. api_version takes the version the client read
 * from If-Match ("3", W/"3" or 3) or the body's "version" field (which it
 * removes from the body), leaving *version as it is when neither is
 * given; 0, or -1 after answering 400. api_etag sets the ETag of a
 * record at version. api_stale answers 409 {"error":{"code":"stale",
 * "message":...}, "current":{...}} with the record as stored (a
 * reference is taken).
 */
int api_version(struct req *r, int64_t *version);
void api_etag(struct req *r, int64_t version);
int api_stale(struct req *r, json_t *current);
/*
 * Answer an update whose store call returned rc: 409 with before when
 * another save came first, 404, 500; or, on success, audit "edit" of
 * KIND:id and answer 200 with after and version as the ETag. after is
 * NULL unless rc is 0; its reference is taken.
 */
int api_updated(struct req *r, int rc, const char *kind, int64_t id,
		int64_t version, json_t *before, json_t *after);

/* Location: /api/projects/PROJECT[/what/id] of something just made. */
void location(struct req *r, const char *project, const char *what,
	      int64_t id);

#endif
