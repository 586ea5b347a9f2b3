/*
 * kb.h: the evidence base: frameworks, their elements, and the crosswalk
 * of shared determinants that joins them.
 *
 * A struct kb is filled from YAML files (docs/kb-format.md): first the
 * files compiled into the binary, then any overlay folders, then
 * kb_finish() indexes and validates the whole. Every string is owned by
 * the kb and lives until kb_release().
 */
#ifndef WM_KB_H
#define WM_KB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "lib/diag.h"

/* A scalar from a file, with where it was written (1-based). */
struct kb_str {
	char *s;		/* NULL when absent */
	int line, col;
};

struct kb_attr {
	struct kb_str key, value;
};

struct kb_framework;

struct kb_element {
	struct kb_str id, kind, title, summary, source, parent, note;
	struct kb_str *determinants;
	size_t ndeterminants;
	struct kb_str *related;
	size_t nrelated;
	struct kb_str *keywords;
	size_t nkeywords;
	struct kb_attr *attrs;
	size_t nattrs;
	int line, col;			/* where the element starts */
	struct kb_framework *framework;
	size_t order;			/* position in the framework's file */
};

struct kb_framework {
	struct kb_str id, title, citation, summary;
	char *file;			/* as named in messages */
	int line, col;
	struct kb_element *elements;
	size_t nelements;
};

/* A survey statement carried by a determinant. */
struct kb_statement {
	struct kb_str id, text;
	bool reversed;		/* agreement means weakness, not strength */
};

struct kb_determinant {
	struct kb_str id, title, summary;
	struct kb_statement *statements;
	size_t nstatements;
	char *file;
	int line, col;
};

/* Something a project can do, drawn from the evidence (docs/kb-format.md). */
struct kb_action {
	struct kb_str id, title, summary, step, owner, checkpoint;
	struct kb_str *determinants;
	size_t ndeterminants;
	struct kb_str *sources;
	size_t nsources;
	struct kb_str *when;		/* conditions on the project */
	size_t nwhen;
	struct kb_str *states;		/* the 'for' list */
	size_t nstates;
	struct kb_str *after;
	size_t nafter;
	char *file;
	int line, col;
};

struct kb_kind {
	struct kb_str id, title;
	char *file;
};

struct kb {
	struct kb_framework **frameworks;
	size_t nframeworks, fw_alloc;
	struct kb_determinant *determinants;
	size_t ndeterminants, det_alloc;
	struct kb_kind *kinds;
	size_t nkinds, kind_alloc;
	struct kb_action *actions;
	size_t nactions, action_alloc;
	/* built by kb_finish: every element, sorted by id */
	const struct kb_element **index;
	size_t nindex;
};

/* An empty base; kb_release frees everything it owns and leaves it empty. */
void kb_init(struct kb *kb);
void kb_release(struct kb *kb);

/*
 * Parse one YAML document (name is used in messages) into kb. A framework
 * whose id is already loaded replaces it; so do determinants and kinds.
 * Returns 0, or -1 with the problems appended to errs and kb unchanged.
 */
int kb_load_buffer(struct kb *kb, const char *name, const char *data,
		   size_t len, struct diags *errs);
/* Load the files compiled into the binary. */
int kb_load_builtin(struct kb *kb, struct diags *errs);
/* Load every *.yaml and *.yml file in dir, in name order. */
int kb_load_dir(struct kb *kb, const char *dir, struct diags *errs);

/*
 * Index the loaded base and check it (docs/kb-format.md lists the rules).
 * Returns the number of problems appended to errs; 0 means valid.
 */
size_t kb_finish(struct kb *kb, struct diags *errs);

/* Lookups; NULL when absent. kb_element needs kb_finish first. */
const struct kb_element *kb_element(const struct kb *kb, const char *id);
const struct kb_framework *kb_framework(const struct kb *kb, const char *id);
const struct kb_determinant *kb_determinant(const struct kb *kb,
					    const char *id);
const struct kb_kind *kb_kind(const struct kb *kb, const char *id);
const struct kb_action *kb_action(const struct kb *kb, const char *id);
/* The conditions and 'for' states an action may name, NULL-terminated. */
extern const char *const kb_conditions[];
extern const char *const kb_action_states[];
/* The six steps in order, and the phase of each. */
extern const char *const kb_steps[];
extern const char *const kb_step_phases[];
/* The index of step in kb_steps, or -1 if it is not one of them. */
int kb_step_index(const char *step);
/* The value of attribute key, or NULL. */
const char *kb_attr(const struct kb_element *el, const char *key);
/* True if el links to determinant id. */
bool kb_has_determinant(const struct kb_element *el, const char *id);


/* --- search.c --- */

struct kb_hit {
	const struct kb_element *el;
	double score;
	char *matched;		/* the query words that matched, space-separated */
};

/*
 * Rank the elements that match any meaningful word of query (stemmed, so
 * "device" finds "devices"); fields weigh title and keywords above the
 * summary. Results are sorted by score, then id. Returns the number of
 * hits; *hits is allocated, release it with kb_hits_free().
 */
size_t kb_search(const struct kb *kb, const char *query, struct kb_hit **hits);
void kb_hits_free(struct kb_hit *hits, size_t n);

/* --- crosswalk --- */

/*
 * The elements of other frameworks that share determinants with el,
 * most shared first, then by framework and file order. Returns the
 * count; *out is allocated (free it).
 */
size_t kb_same_determinants(const struct kb *kb, const struct kb_element *el,
			    const struct kb_element ***out);
/* Elements of framework fw (or all when NULL) linked to determinant. */
size_t kb_count_linked(const struct kb *kb, const struct kb_framework *fw,
		       const char *determinant);

#endif
