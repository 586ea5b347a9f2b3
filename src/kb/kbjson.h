/* kbjson.h: JSON shapes of evidence-base objects (docs/json.md). */
#ifndef WM_KBJSON_H
#define WM_KBJSON_H

#include <jansson.h>
#include <stdbool.h>

#include "kb.h"

/*
 * Each returns a new reference the caller owns. An element's short form
 * (full = false) has id, framework, kind, title, determinants, parent and
 * source; the full form adds summary, citation, related, keywords, attrs
 * and note.
 */
struct kb_hit;

json_t *kb_element_json(const struct kb_element *e, bool full);
json_t *kb_framework_json(const struct kb_framework *fw);
json_t *kb_determinant_json(const struct kb_determinant *d);
/*
 * The answer to a search for query: {query, count, hits}, with the first
 * shown of the n hits, each an element with its citation, score (three
 * decimals) and matched words. A new reference.
 */
json_t *kb_search_json(const char *query, const struct kb_hit *hits,
		       size_t n, size_t shown);
/* [{file, line, column, message}, ...] */
json_t *diags_json(const struct diags *errs);

#endif
