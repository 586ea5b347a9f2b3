/* load.c: read evidence-base YAML files into a struct kb. */
#include <dirent.h>
#include <errno.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "kb.h"
#include "lib/diag.h"
#include "lib/embed.h"
#include "lib/strbuf.h"
#include "lib/text.h"
#include "lib/xalloc.h"

/* State for reading one file. */
struct loader {
	const char *file;
	yaml_document_t *doc;
	struct diags *errs;
	size_t nerr;
	yaml_node_t *key;	/* the key of the pair being read */
};

static void lerr(struct loader *L, const yaml_node_t *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void lerr(struct loader *L, const yaml_node_t *n, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	diag_add(L->errs, L->file, (int)n->start_mark.line + 1,
		  (int)n->start_mark.column + 1, NULL, -1, "%s", sb.buf);
	sb_release(&sb);
	L->nerr++;
}

static yaml_node_t *node(struct loader *L, int idx)
{
	return yaml_document_get_node(L->doc, idx);
}

static const char *type_name(const yaml_node_t *n)
{
	switch (n->type) {
	case YAML_SCALAR_NODE:
		return "a string";
	case YAML_SEQUENCE_NODE:
		return "a list";
	case YAML_MAPPING_NODE:
		return "a mapping";
	default:
		return "nothing";
	}
}

/* Copy a scalar node into out; reports and returns -1 if not a scalar. */
static int get_str(struct loader *L, yaml_node_t *n, struct kb_str *out,
		   const char *field)
{
	const char *v;
	size_t len, bad;

	if (n->type != YAML_SCALAR_NODE) {
		lerr(L, n, "field '%s': expected a string, found %s", field,
		     type_name(n));
		return -1;
	}
	v = (const char *)n->data.scalar.value;
	len = n->data.scalar.length;
	if (!utf8_valid(v, len, &bad)) {
		lerr(L, n, "field '%s': invalid UTF-8 at byte %zu of the value",
		     field, bad + 1);
		return -1;
	}
	if (out->s) {
		lerr(L, n, "field '%s' given twice", field);
		return -1;
	}
	/* trim the trailing newline a folded block leaves */
	while (len && (v[len - 1] == '\n' || v[len - 1] == ' '))
		len--;
	out->s = xstrndup(v, len);
	out->line = (int)n->start_mark.line + 1;
	out->col = (int)n->start_mark.column + 1;
	return 0;
}

/* A list of scalars; a single scalar is accepted as a list of one. */
static int get_list(struct loader *L, yaml_node_t *n, struct kb_str **arr,
		    size_t *count, const char *field)
{
	size_t alloc = 0;

	if (*arr) {
		lerr(L, n, "field '%s' given twice", field);
		return -1;
	}
	if (n->type == YAML_SCALAR_NODE) {
		*arr = xcalloc(1, sizeof(**arr));
		*count = 1;
		return get_str(L, n, &(*arr)[0], field);
	}
	if (n->type != YAML_SEQUENCE_NODE) {
		lerr(L, n, "field '%s': expected a list of strings, found %s",
		     field, type_name(n));
		return -1;
	}
	*count = 0;
	for (yaml_node_item_t *it = n->data.sequence.items.start;
	     it < n->data.sequence.items.top; it++) {
		XGROW(*arr, alloc, *count + 1);
		memset(&(*arr)[*count], 0, sizeof(**arr));
		if (get_str(L, node(L, *it), &(*arr)[(*count)++], field))
			return -1;
	}
	if (!*arr)
		*arr = xcalloc(1, sizeof(**arr));
	return 0;
}

static void str_release(struct kb_str *s)
{
	free(s->s);
	s->s = NULL;
}

static void list_release(struct kb_str *arr, size_t n)
{
	for (size_t i = 0; i < n; i++)
		str_release(&arr[i]);
	free(arr);
}

static void element_release(struct kb_element *e)
{
	str_release(&e->id);
	str_release(&e->kind);
	str_release(&e->title);
	str_release(&e->summary);
	str_release(&e->source);
	str_release(&e->parent);
	str_release(&e->note);
	list_release(e->determinants, e->ndeterminants);
	list_release(e->related, e->nrelated);
	list_release(e->keywords, e->nkeywords);
	for (size_t i = 0; i < e->nattrs; i++) {
		str_release(&e->attrs[i].key);
		str_release(&e->attrs[i].value);
	}
	free(e->attrs);
}

static void framework_free(struct kb_framework *fw)
{
	if (!fw)
		return;
	str_release(&fw->id);
	str_release(&fw->title);
	str_release(&fw->citation);
	str_release(&fw->summary);
	for (size_t i = 0; i < fw->nelements; i++)
		element_release(&fw->elements[i]);
	free(fw->elements);
	free(fw->file);
	free(fw);
}

static void determinant_release(struct kb_determinant *d)
{
	str_release(&d->id);
	str_release(&d->title);
	str_release(&d->summary);
	for (size_t i = 0; i < d->nstatements; i++) {
		str_release(&d->statements[i].id);
		str_release(&d->statements[i].text);
	}
	free(d->statements);
	free(d->file);
}

static void action_release(struct kb_action *a)
{
	str_release(&a->id);
	str_release(&a->title);
	str_release(&a->summary);
	str_release(&a->step);
	str_release(&a->owner);
	str_release(&a->checkpoint);
	list_release(a->determinants, a->ndeterminants);
	list_release(a->sources, a->nsources);
	list_release(a->when, a->nwhen);
	list_release(a->states, a->nstates);
	list_release(a->after, a->nafter);
	free(a->file);
}

static void kind_release(struct kb_kind *k)
{
	str_release(&k->id);
	str_release(&k->title);
	free(k->file);
}

/* Iterate a mapping; calls fn for each key. Rejects non-scalar keys. */
typedef int (*pair_fn)(struct loader *L, const char *key, yaml_node_t *val,
		       void *ctx);

static int each_pair(struct loader *L, yaml_node_t *map, const char *what,
		     pair_fn fn, void *ctx)
{
	int rc = 0;

	if (map->type != YAML_MAPPING_NODE) {
		lerr(L, map, "%s: expected a mapping, found %s", what,
		     type_name(map));
		return -1;
	}
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start;
	     p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *k = node(L, p->key);
		if (k->type != YAML_SCALAR_NODE) {
			lerr(L, k, "%s: keys must be plain strings", what);
			rc = -1;
			continue;
		}
		L->key = k;
		if (fn(L, (const char *)k->data.scalar.value, node(L, p->value),
		       ctx))
			rc = -1;
	}
	return rc;
}

static int attr_pair(struct loader *L, const char *key, yaml_node_t *val,
		     void *ctx)
{
	struct kb_element *e = ctx;
	struct kb_attr *a;
	size_t alloc = e->nattrs;

	XGROW(e->attrs, alloc, e->nattrs + 1);
	a = &e->attrs[e->nattrs++];
	memset(a, 0, sizeof(*a));
	a->key.s = xstrdup(key);
	a->key.line = (int)val->start_mark.line + 1;
	a->key.col = (int)val->start_mark.column + 1;
	return get_str(L, val, &a->value, "attrs");
}

static int element_pair(struct loader *L, const char *key, yaml_node_t *val,
			void *ctx)
{
	struct kb_element *e = ctx;

	if (!strcmp(key, "id"))
		return get_str(L, val, &e->id, key);
	if (!strcmp(key, "kind"))
		return get_str(L, val, &e->kind, key);
	if (!strcmp(key, "title"))
		return get_str(L, val, &e->title, key);
	if (!strcmp(key, "summary"))
		return get_str(L, val, &e->summary, key);
	if (!strcmp(key, "source"))
		return get_str(L, val, &e->source, key);
	if (!strcmp(key, "parent"))
		return get_str(L, val, &e->parent, key);
	if (!strcmp(key, "note"))
		return get_str(L, val, &e->note, key);
	if (!strcmp(key, "determinants"))
		return get_list(L, val, &e->determinants, &e->ndeterminants, key);
	if (!strcmp(key, "related"))
		return get_list(L, val, &e->related, &e->nrelated, key);
	if (!strcmp(key, "keywords"))
		return get_list(L, val, &e->keywords, &e->nkeywords, key);
	if (!strcmp(key, "attrs")) {
		if (e->attrs) {
			lerr(L, val, "field 'attrs' given twice");
			return -1;
		}
		return each_pair(L, val, "attrs", attr_pair, e);
	}
	lerr(L, L->key, "unknown field '%s' in an element; expected id, kind, "
	     "title, summary, determinants, source, parent, related, keywords, "
	     "attrs or note", key);
	return -1;
}

static int framework_pair(struct loader *L, const char *key, yaml_node_t *val,
			  void *ctx)
{
	struct kb_framework *fw = ctx;

	if (!strcmp(key, "id"))
		return get_str(L, val, &fw->id, key);
	if (!strcmp(key, "title"))
		return get_str(L, val, &fw->title, key);
	if (!strcmp(key, "citation"))
		return get_str(L, val, &fw->citation, key);
	if (!strcmp(key, "summary"))
		return get_str(L, val, &fw->summary, key);
	lerr(L, L->key, "unknown field '%s' in the framework; expected id, title, "
	     "citation or summary", key);
	return -1;
}

static int read_elements(struct loader *L, yaml_node_t *seq,
			 struct kb_framework *fw)
{
	size_t alloc = 0;
	int rc = 0;

	if (seq->type != YAML_SEQUENCE_NODE) {
		lerr(L, seq, "'elements': expected a list, found %s",
		     type_name(seq));
		return -1;
	}
	for (yaml_node_item_t *it = seq->data.sequence.items.start;
	     it < seq->data.sequence.items.top; it++) {
		yaml_node_t *n = node(L, *it);
		struct kb_element *e;

		XGROW(fw->elements, alloc, fw->nelements + 1);
		e = &fw->elements[fw->nelements];
		memset(e, 0, sizeof(*e));
		e->line = (int)n->start_mark.line + 1;
		e->col = (int)n->start_mark.column + 1;
		e->order = fw->nelements++;
		if (each_pair(L, n, "an element", element_pair, e))
			rc = -1;
	}
	return rc;
}

static int statement_pair(struct loader *L, const char *key, yaml_node_t *val,
			  void *ctx)
{
	struct kb_statement *s = ctx;

	if (!strcmp(key, "id"))
		return get_str(L, val, &s->id, key);
	if (!strcmp(key, "text"))
		return get_str(L, val, &s->text, key);
	if (!strcmp(key, "reversed")) {
		struct kb_str b = { 0 };
		int rc = get_str(L, val, &b, key);
		if (!rc && strcmp(b.s, "true") && strcmp(b.s, "false")) {
			lerr(L, val, "field 'reversed': expected true or false");
			rc = -1;
		}
		s->reversed = !rc && !strcmp(b.s, "true");
		str_release(&b);
		return rc;
	}
	lerr(L, L->key, "unknown field '%s' in a statement; expected id, text or "
	     "reversed", key);
	return -1;
}

static int determinant_pair(struct loader *L, const char *key,
			    yaml_node_t *val, void *ctx)
{
	struct kb_determinant *d = ctx;
	size_t alloc = 0;
	int rc = 0;

	if (!strcmp(key, "id"))
		return get_str(L, val, &d->id, key);
	if (!strcmp(key, "title"))
		return get_str(L, val, &d->title, key);
	if (!strcmp(key, "summary"))
		return get_str(L, val, &d->summary, key);
	if (strcmp(key, "statements")) {
		lerr(L, L->key, "unknown field '%s' in a determinant; expected id, "
		     "title, summary or statements", key);
		return -1;
	}
	if (val->type != YAML_SEQUENCE_NODE || d->statements) {
		lerr(L, val, "'statements': expected one list of statements");
		return -1;
	}
	for (yaml_node_item_t *it = val->data.sequence.items.start;
	     it < val->data.sequence.items.top; it++) {
		XGROW(d->statements, alloc, d->nstatements + 1);
		memset(&d->statements[d->nstatements], 0,
		       sizeof(*d->statements));
		if (each_pair(L, node(L, *it), "a statement", statement_pair,
			      &d->statements[d->nstatements++]))
			rc = -1;
	}
	return rc;
}

static int kind_pair(struct loader *L, const char *key, yaml_node_t *val,
		     void *ctx)
{
	struct kb_kind *k = ctx;

	if (!strcmp(key, "id"))
		return get_str(L, val, &k->id, key);
	if (!strcmp(key, "title"))
		return get_str(L, val, &k->title, key);
	lerr(L, L->key, "unknown field '%s' in a kind; expected id or title", key);
	return -1;
}

static int action_pair(struct loader *L, const char *key, yaml_node_t *val,
		       void *ctx)
{
	struct kb_action *a = ctx;

	if (!strcmp(key, "id"))
		return get_str(L, val, &a->id, key);
	if (!strcmp(key, "title"))
		return get_str(L, val, &a->title, key);
	if (!strcmp(key, "summary"))
		return get_str(L, val, &a->summary, key);
	if (!strcmp(key, "step"))
		return get_str(L, val, &a->step, key);
	if (!strcmp(key, "owner"))
		return get_str(L, val, &a->owner, key);
	if (!strcmp(key, "checkpoint"))
		return get_str(L, val, &a->checkpoint, key);
	if (!strcmp(key, "determinants"))
		return get_list(L, val, &a->determinants, &a->ndeterminants, key);
	if (!strcmp(key, "sources"))
		return get_list(L, val, &a->sources, &a->nsources, key);
	if (!strcmp(key, "when"))
		return get_list(L, val, &a->when, &a->nwhen, key);
	if (!strcmp(key, "for"))
		return get_list(L, val, &a->states, &a->nstates, key);
	if (!strcmp(key, "after"))
		return get_list(L, val, &a->after, &a->nafter, key);
	lerr(L, L->key, "unknown field '%s' in an action; expected id, title, "
	     "summary, determinants, step, owner, checkpoint, sources, when, "
	     "for or after", key);
	return -1;
}

/* What one file contributes, before it is merged into the kb. */
struct parsed {
	struct kb_framework *fw;
	yaml_node_t *fw_node, *elements_node;
	struct kb_determinant *dets;
	size_t ndets, dets_alloc;
	struct kb_kind *kinds;
	size_t nkinds, kinds_alloc;
	struct kb_action *actions;
	size_t nactions, actions_alloc;
};

/* Append an empty item to one of the parsed lists; returns it. */
typedef void *(*add_fn)(struct parsed *P, struct loader *L, yaml_node_t *n);

static void *add_determinant(struct parsed *P, struct loader *L, yaml_node_t *n)
{
	struct kb_determinant *d;

	XGROW(P->dets, P->dets_alloc, P->ndets + 1);
	d = memset(&P->dets[P->ndets++], 0, sizeof(*d));
	d->file = xstrdup(L->file);
	d->line = (int)n->start_mark.line + 1;
	d->col = (int)n->start_mark.column + 1;
	return d;
}

static void *add_kind(struct parsed *P, struct loader *L, yaml_node_t *n)
{
	struct kb_kind *k;

	(void)n;
	XGROW(P->kinds, P->kinds_alloc, P->nkinds + 1);
	k = memset(&P->kinds[P->nkinds++], 0, sizeof(*k));
	k->file = xstrdup(L->file);
	return k;
}

static void *add_action(struct parsed *P, struct loader *L, yaml_node_t *n)
{
	struct kb_action *a;

	XGROW(P->actions, P->actions_alloc, P->nactions + 1);
	a = memset(&P->actions[P->nactions++], 0, sizeof(*a));
	a->file = xstrdup(L->file);
	a->line = (int)n->start_mark.line + 1;
	a->col = (int)n->start_mark.column + 1;
	return a;
}

/* Read a top-level list (key) of mappings, each into a new item. */
static int read_list(struct loader *L, yaml_node_t *seq, const char *key,
		     const char *what, struct parsed *P, add_fn add,
		     pair_fn fn)
{
	int rc = 0;

	if (seq->type != YAML_SEQUENCE_NODE) {
		lerr(L, seq, "'%s': expected a list, found %s", key,
		     type_name(seq));
		return -1;
	}
	for (yaml_node_item_t *it = seq->data.sequence.items.start;
	     it < seq->data.sequence.items.top; it++) {
		yaml_node_t *n = node(L, *it);
		if (each_pair(L, n, what, fn, add(P, L, n)))
			rc = -1;
	}
	return rc;
}

static int top_pair(struct loader *L, const char *key, yaml_node_t *val,
		    void *ctx)
{
	struct parsed *P = ctx;

	if (!strcmp(key, "framework")) {
		P->fw_node = val;
		return 0;
	}
	if (!strcmp(key, "elements")) {
		P->elements_node = val;
		return 0;
	}
	if (!strcmp(key, "determinants"))
		return read_list(L, val, key, "a determinant", P, add_determinant,
				 determinant_pair);
	if (!strcmp(key, "kinds"))
		return read_list(L, val, key, "a kind", P, add_kind, kind_pair);
	if (!strcmp(key, "actions"))
		return read_list(L, val, key, "an action", P, add_action,
				 action_pair);
	lerr(L, L->key, "unknown top-level key '%s'; expected framework and "
	     "elements, kinds and determinants, or actions", key);
	return -1;
}

static void parsed_release(struct parsed *P)
{
	framework_free(P->fw);
	for (size_t i = 0; i < P->ndets; i++)
		determinant_release(&P->dets[i]);
	free(P->dets);
	for (size_t i = 0; i < P->nkinds; i++)
		kind_release(&P->kinds[i]);
	free(P->kinds);
	for (size_t i = 0; i < P->nactions; i++)
		action_release(&P->actions[i]);
	free(P->actions);
	memset(P, 0, sizeof(*P));
}

static int parse_document(struct loader *L, struct parsed *P)
{
	yaml_node_t *root = yaml_document_get_root_node(L->doc);

	if (!root) {
		diag_add(L->errs, L->file, 1, 1, NULL, -1, "the file is empty; expected "
			  "a framework or the crosswalk");
		return -1;
	}
	if (each_pair(L, root, "the file", top_pair, P))
		return -1;
	if (!P->fw_node != !P->elements_node) {
		lerr(L, root, "a framework file needs both 'framework' and "
		     "'elements'");
		return -1;
	}
	if (P->fw_node && (P->ndets || P->nkinds || P->nactions)) {
		lerr(L, root, "a framework file cannot also hold 'determinants', "
		     "'kinds' or 'actions'");
		return -1;
	}
	if (!P->fw_node)
		return 0;
	P->fw = xcalloc(1, sizeof(*P->fw));
	P->fw->file = xstrdup(L->file);
	P->fw->line = (int)P->fw_node->start_mark.line + 1;
	P->fw->col = (int)P->fw_node->start_mark.column + 1;
	if (each_pair(L, P->fw_node, "framework", framework_pair, P->fw))
		return -1;
	return read_elements(L, P->elements_node, P->fw);
}

static void merge_framework(struct kb *kb, struct kb_framework *fw)
{
	for (size_t i = 0; i < kb->nframeworks; i++) {
		if (fw->id.s && kb->frameworks[i]->id.s &&
		    !strcmp(kb->frameworks[i]->id.s, fw->id.s)) {
			framework_free(kb->frameworks[i]);
			kb->frameworks[i] = fw;
			return;
		}
	}
	XGROW(kb->frameworks, kb->fw_alloc, kb->nframeworks + 1);
	kb->frameworks[kb->nframeworks++] = fw;
}

/*
 * Determinants, kinds and actions each begin with their id (checked
 * below), so one function merges any of them: an item whose id is known
 * replaces the old one, others are appended. The items are moved.
 */
_Static_assert(offsetof(struct kb_determinant, id) == 0, "id first");
_Static_assert(offsetof(struct kb_kind, id) == 0, "id first");
_Static_assert(offsetof(struct kb_action, id) == 0, "id first");

static void determinant_release_v(void *p) { determinant_release(p); }
static void kind_release_v(void *p) { kind_release(p); }
static void action_release_v(void *p) { action_release(p); }

static void merge_by_id(void **arr, size_t *n, size_t *alloc, void *src,
			size_t nsrc, size_t size, void (*release)(void *))
{
	for (size_t i = 0; i < nsrc; i++) {
		char *item = (char *)src + i * size;
		const char *id = ((const struct kb_str *)item)->s;
		size_t j;

		for (j = 0; j < *n; j++) {
			const char *old = ((const struct kb_str *)
					   ((char *)*arr + j * size))->s;
			if (id && old && !strcmp(id, old))
				break;
		}
		if (j < *n) {
			release((char *)*arr + j * size);
		} else {
			xgrow(arr, alloc, *n + 1, size);
			(*n)++;
		}
		memcpy((char *)*arr + j * size, item, size);
	}
}

static void merge(struct kb *kb, struct parsed *P)
{
	merge_by_id((void **)&kb->determinants, &kb->ndeterminants,
		    &kb->det_alloc, P->dets, P->ndets, sizeof(*P->dets),
		    determinant_release_v);
	merge_by_id((void **)&kb->kinds, &kb->nkinds, &kb->kind_alloc,
		    P->kinds, P->nkinds, sizeof(*P->kinds), kind_release_v);
	merge_by_id((void **)&kb->actions, &kb->nactions, &kb->action_alloc,
		    P->actions, P->nactions, sizeof(*P->actions),
		    action_release_v);
	if (P->fw)
		merge_framework(kb, P->fw);
	free(P->dets);
	free(P->kinds);
	free(P->actions);
	memset(P, 0, sizeof(*P));
	free(kb->index);	/* stale until kb_finish */
	kb->index = NULL;
	kb->nindex = 0;
}

int kb_load_buffer(struct kb *kb, const char *name, const char *data,
		   size_t len, struct diags *errs)
{
	yaml_parser_t parser;
	yaml_document_t doc;
	struct loader L = { name, &doc, errs, 0, NULL };
	struct parsed P = { 0 };
	int rc = -1;

	if (!yaml_parser_initialize(&parser)) {
		diag_add(errs, name, 0, 0, NULL, -1, "cannot start the YAML parser");
		return -1;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)data, len);
	if (!yaml_parser_load(&parser, &doc)) {
		diag_add(errs, name, (int)parser.problem_mark.line + 1,
			  (int)parser.problem_mark.column + 1, NULL, -1, "invalid YAML: %s%s%s",
			  parser.problem ? parser.problem : "unreadable",
			  parser.context ? " " : "",
			  parser.context ? parser.context : "");
		yaml_parser_delete(&parser);
		return -1;
	}
	if (parse_document(&L, &P) == 0 && L.nerr == 0) {
		merge(kb, &P);
		rc = 0;
	}
	parsed_release(&P);
	yaml_document_delete(&doc);
	yaml_parser_delete(&parser);
	return rc;
}

int kb_load_builtin(struct kb *kb, struct diags *errs)
{
	int rc = 0;

	for (size_t i = 0; i < kb_builtin_nfiles; i++)
		if (kb_load_buffer(kb, kb_builtin_files[i].name,
				   (const char *)kb_builtin_files[i].data,
				   kb_builtin_files[i].len, errs))
			rc = -1;
	return rc;
}

static int yaml_name(const struct dirent *d)
{
	size_t n = strlen(d->d_name);

	if (d->d_name[0] == '.')
		return 0;
	return (n > 5 && !strcmp(d->d_name + n - 5, ".yaml")) ||
	       (n > 4 && !strcmp(d->d_name + n - 4, ".yml"));
}

int kb_load_dir(struct kb *kb, const char *dir, struct diags *errs)
{
	struct dirent **names;
	int n = scandir(dir, &names, yaml_name, alphasort);
	int rc = 0;

	if (n < 0) {
		diag_add(errs, dir, 0, 0, NULL, -1, "cannot read the folder: %s",
			  strerror(errno));
		return -1;
	}
	if (n == 0)
		diag_add(errs, dir, 0, 0, NULL, -1, "no .yaml files in the folder");
	for (int i = 0; i < n; i++) {
		struct strbuf path = STRBUF_INIT, data = STRBUF_INIT;

		sb_addf(&path, "%s/%s", dir, names[i]->d_name);
		if (sb_read_file(&data, path.buf)) {
			diag_add(errs, path.buf, 0, 0, NULL, -1, "cannot read: %s",
				  strerror(errno));
			rc = -1;
		} else if (kb_load_buffer(kb, path.buf, data.buf, data.len,
					  errs)) {
			rc = -1;
		}
		sb_release(&path);
		sb_release(&data);
		free(names[i]);
	}
	free(names);
	return n == 0 ? -1 : rc;
}

void kb_init(struct kb *kb)
{
	memset(kb, 0, sizeof(*kb));
}

void kb_release(struct kb *kb)
{
	for (size_t i = 0; i < kb->nframeworks; i++)
		framework_free(kb->frameworks[i]);
	free(kb->frameworks);
	for (size_t i = 0; i < kb->ndeterminants; i++)
		determinant_release(&kb->determinants[i]);
	free(kb->determinants);
	for (size_t i = 0; i < kb->nkinds; i++)
		kind_release(&kb->kinds[i]);
	free(kb->kinds);
	for (size_t i = 0; i < kb->nactions; i++)
		action_release(&kb->actions[i]);
	free(kb->actions);
	free(kb->index);
	kb_init(kb);
}
