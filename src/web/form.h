/*
 * form.h: forms for the pages: labelled, accessible inputs that show the
 * value given and the problem with it, and the project form shared by
 * the new-project and settings pages.
 */
#ifndef WM_FORM_H
#define WM_FORM_H

#include <stdbool.h>

#include "web.h"

/* The problems found in a submitted form, by field. */
struct form {
	struct web_field *errs;
	size_t nerrs;
	json_t *stored, *mine;	/* set by form_stale */
};
#define FORM_INIT { NULL, 0, NULL, NULL }

void form_error(struct form *f, const char *field, const char *msg);
/* The problem with field, or NULL. */
const char *form_error_for(const struct form *f, const char *field);
void form_release(struct form *f);

/*
 * A summary of the problems, each linking to its field (nothing if none),
 * or after form_stale the stored record beside the one submitted.
 */
void form_summary(struct req *r, const struct form *f);

/*
 * Optimistic concurrency: an edit form carries the version of the record
 * it was opened on (form_version writes the hidden field). form_version_read
 * reads it into *version, leaving it as it is when the field is absent;
 * a bad value is a problem of the form (returns 1, else 0).
 */
void form_version(struct req *r, int64_t version);
int form_version_read(struct req *r, struct form *f, int64_t *version);
/*
 * The save found the record changed since the form was opened (STORE_STALE):
 * keep the stored record's JSON and the submitted one's (references are
 * taken) for form_summary to set side by side, and answer 409. The page
 * then shows its form again with the submitted values and the stored
 * version, so saving it again applies them on top of the stored record.
 */
void form_stale(struct req *r, struct form *f, json_t *stored, json_t *mine);
/*
 * One labelled input. type is "text", "number", "password", "email";
 * hint (may be NULL) is shown under the label.
 */
void form_input(struct req *r, const struct form *f, const char *type,
		const char *name, const char *label, const char *value,
		const char *hint, bool required);
void form_textarea(struct req *r, const struct form *f, const char *name,
		   const char *label, const char *value, const char *hint);
/* A drop-down list of choices (NULL-terminated); labels may be NULL. */
void form_select(struct req *r, const struct form *f, const char *name,
		 const char *label, const char *const *choices,
		 const char *const *labels, const char *value,
		 const char *hint);

/* The project's settings as choices for form_select, "" (none) first. */
struct form_settings {
	struct setting *v;
	size_t n;
	const char **names, **labels;	/* NULL-terminated */
};
/* Load them (release c either way); 0, or -1 with the store's error. */
int form_settings_load(struct req *r, struct form_settings *c);
void form_settings_release(struct form_settings *c);

/* The fields of a project (all but name when editing). */
void form_project(struct req *r, const struct form *f,
		  const struct project *p, bool is_new);
/*
 * Set p's fields from the submitted form through project_set; a problem
 * is recorded against its field. Returns the number of problems.
 */
size_t form_project_apply(struct req *r, struct form *f, struct project *p,
			  bool is_new);

#endif
