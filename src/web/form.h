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
};
#define FORM_INIT { NULL, 0 }

void form_error(struct form *f, const char *field, const char *msg);
/* The problem with field, or NULL. */
const char *form_error_for(const struct form *f, const char *field);
void form_release(struct form *f);

/* A summary of the problems, each linking to its field (nothing if none). */
void form_summary(struct req *r, const struct form *f);
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
