/* kb.c: 'waymark kb': browse, search and check the evidence base. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "kb/kbjson.h"
#include "lib/err.h"
#include "lib/strbuf.h"
#include "lib/term.h"
#include "lib/xalloc.h"
#include "opts.h"

enum {
	OPT_JSON = 1 << 0,
	OPT_KIND = 1 << 1,
	OPT_SOURCE = 1 << 2,
	OPT_ALL = 1 << 3,
	OPT_LIMIT = 1 << 4,
};

struct kb_opts {
	bool json, all;
	const char *kind, *source;
	long limit;
	int argc;		/* operands left after the options */
	char **argv;
};

/* Shown in the 'kb show' text view before "and N more". */
#define SHOW_SAME_MAX 12

/* The options of every kb action, in the order of the OPT_ bits. */
static const struct opt kb_opts[] = {
	{ "json", false }, { "kind", true }, { "source", true },
	{ "all", false }, { "limit", true },
	{ NULL, false }
};

/*
 * Parse the options; refuse those the action does not take. Returns 0,
 * -1 when --help was given (and printed), or an exit code.
 */
static int parse(int argc, char **argv, unsigned allowed, struct kb_opts *o)
{
	struct opts v;
	int rc = cli_parse("kb", argc, argv, kb_opts, &v);

	if (rc)
		return rc == 1 ? -1 : rc;
	for (size_t i = 0; kb_opts[i].name; i++)
		if (v.value[i] && !(allowed & (1u << i)))
			return cli_usage_error("kb", "'kb %s' does not take --%s",
					       argv[0], kb_opts[i].name);
	memset(o, 0, sizeof(*o));
	o->json = v.value[0] != NULL;
	o->kind = v.value[1];
	o->source = v.value[2];
	o->all = v.value[3] != NULL;
	o->limit = 20;
	if (v.value[4] && cli_parse_long(v.value[4], 0, 100000, &o->limit))
		return cli_usage_error("kb", "--limit: expected a whole number, "
				       "got '%s'", v.value[4]);
	o->argc = v.argc;
	o->argv = v.argv;
	return 0;
}

static const char *kind_title(const struct kb *kb, const char *kind)
{
	const struct kb_kind *k = kb_kind(kb, kind);
	return k ? k->title.s : kind;
}

/* Elements in framework order, then file order (the index is by id). */
typedef void (*element_fn)(const struct kb_element *e, void *ctx);

static void each_element(const struct kb *kb, element_fn fn, void *ctx)
{
	for (size_t i = 0; i < kb->nframeworks; i++)
		for (size_t j = 0; j < kb->frameworks[i]->nelements; j++)
			fn(&kb->frameworks[i]->elements[j], ctx);
}

struct list_ctx {
	const struct kb_opts *o;
	json_t *json;
	struct table *t;
	size_t n;
};

static void list_one(const struct kb_element *e, void *ctx)
{
	struct list_ctx *L = ctx;

	if (L->o->kind && strcmp(e->kind.s, L->o->kind))
		return;
	if (L->o->source && strcmp(e->framework->id.s, L->o->source))
		return;
	L->n++;
	if (L->json) {
		json_array_append_new(L->json, kb_element_json(e, false));
		return;
	}
	table_row(L->t);
	table_cell(L->t, e->id.s);
	table_cell(L->t, e->kind.s);
	table_cell(L->t, e->title.s);
}

static int kb_list(const struct kb *kb, struct kb_opts *o)
{
	static const char *const head[] = { "ID", "KIND", "TITLE" };
	struct list_ctx L = { o, NULL, NULL, 0 };

	if (o->argc)
		return cli_usage_error("kb", "unexpected argument '%s'",
				       o->argv[0]);
	if (o->source && !kb_framework(kb, o->source))
		die(EXIT_NOTFOUND, "no framework '%s'; see 'waymark kb "
		    "frameworks'", o->source);
	if (o->kind && !kb_kind(kb, o->kind))
		die(EXIT_NOTFOUND, "no kind '%s'; see 'waymark kb kinds'",
		    o->kind);
	if (o->json) {
		json_t *root = json_object();
		L.json = json_array();
		each_element(kb, list_one, &L);
		json_object_set_new(root, "count", json_integer((json_int_t)L.n));
		json_object_set_new(root, "elements", L.json);
		cli_print_json(root);
		return 0;
	}
	L.t = table_new(3, head);
	each_element(kb, list_one, &L);
	table_print(L.t, stdout);
	table_free(L.t);
	return 0;
}

static void field(const char *label, const char *value)
{
	size_t width = term_width();

	term_bold(stdout, label);
	printf("%*s", (int)(14 - strlen(label)), "");
	term_wrap_from(stdout, value, 14, 14, width);
}

static void show_list(const char *label, const struct kb *kb,
		      const struct kb_str *ids, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct kb_element *r = kb_element(kb, ids[i].s);
		struct strbuf sb = STRBUF_INIT;
		sb_addf(&sb, "%s  %s", ids[i].s, r ? r->title.s : "");
		field(i ? "" : label, sb.buf);
		sb_release(&sb);
	}
}

static size_t children(const struct kb *kb, const struct kb_element *e,
		       const struct kb_element ***out)
{
	size_t n = 0;

	*out = xcalloc(kb->nindex, sizeof(**out));
	for (size_t i = 0; i < e->framework->nelements; i++) {
		const struct kb_element *c = &e->framework->elements[i];
		if (c->parent.s && !strcmp(c->parent.s, e->id.s))
			(*out)[n++] = c;
	}
	return n;
}

static json_t *id_title_list(const struct kb_element **v, size_t n)
{
	json_t *a = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, kb_element_json(v[i], false));
	return a;
}

static int show_json(const struct kb *kb, const struct kb_element *e,
		     const struct kb_element **kids, size_t nkids,
		     const struct kb_element **same, size_t nsame)
{
	json_t *root = json_object(), *dets = json_array();

	json_object_set_new(root, "element", kb_element_json(e, true));
	json_object_set_new(root, "framework", kb_framework_json(e->framework));
	for (size_t i = 0; i < e->ndeterminants; i++) {
		const struct kb_determinant *d =
			kb_determinant(kb, e->determinants[i].s);
		json_array_append_new(dets, kb_determinant_json(d));
	}
	json_object_set_new(root, "determinants", dets);
	json_object_set_new(root, "children", id_title_list(kids, nkids));
	json_object_set_new(root, "same_determinants",
			    id_title_list(same, nsame));
	cli_print_json(root);
	return 0;
}

static void show_text(const struct kb *kb, const struct kb_element *e,
		      const struct kb_element **kids, size_t nkids,
		      const struct kb_element **same, size_t nsame, bool all)
{
	struct strbuf sb = STRBUF_INIT;
	size_t width = term_width();
	size_t shown = all ? nsame : (nsame < SHOW_SAME_MAX ? nsame : SHOW_SAME_MAX);

	term_bold(stdout, e->title.s);
	printf("\n%s  (%s)\n\n", e->id.s, kind_title(kb, e->kind.s));
	term_wrap(stdout, e->summary.s, 2, 2, width);
	putchar('\n');
	sb_addf(&sb, "%s, %s", e->framework->id.s, e->source.s);
	field("Source", sb.buf);
	field("Citation", e->framework->citation.s);
	for (size_t i = 0; i < e->ndeterminants; i++) {
		const struct kb_determinant *d =
			kb_determinant(kb, e->determinants[i].s);
		sb_reset(&sb);
		sb_addf(&sb, "%s  %s", d->id.s, d->title.s);
		field(i ? "" : "Determinants", sb.buf);
	}
	if (e->parent.s)
		show_list("Part of", kb, &e->parent, 1);
	for (size_t i = 0; i < nkids; i++) {
		sb_reset(&sb);
		sb_addf(&sb, "%s  %s", kids[i]->id.s, kids[i]->title.s);
		field(i ? "" : "Contains", sb.buf);
	}
	show_list("Related", kb, e->related, e->nrelated);
	for (size_t i = 0; i < e->nattrs; i++) {
		sb_reset(&sb);
		sb_addf(&sb, "%s: %s", e->attrs[i].key.s, e->attrs[i].value.s);
		field(i ? "" : "Attributes", sb.buf);
	}
	if (e->nkeywords) {
		sb_reset(&sb);
		for (size_t i = 0; i < e->nkeywords; i++)
			sb_addf(&sb, "%s%s", i ? ", " : "", e->keywords[i].s);
		field("Keywords", sb.buf);
	}
	if (e->note.s)
		field("Note", e->note.s);
	if (nsame) {
		printf("\n");
		term_bold(stdout, "What other frameworks say on the same determinants");
		printf("\n");
		for (size_t i = 0; i < shown; i++) {
			sb_reset(&sb);
			sb_addf(&sb, "%s  %s", same[i]->id.s, same[i]->title.s);
			term_wrap(stdout, sb.buf, 2, 6, width);
		}
		if (shown < nsame)
			printf("  ... and %zu more: 'waymark kb show %s --all'\n",
			       nsame - shown, e->id.s);
	}
	sb_release(&sb);
}

static int kb_show(const struct kb *kb, struct kb_opts *o)
{
	const struct kb_element *e, **kids, **same;
	size_t nkids, nsame;

	if (o->argc != 1)
		return cli_usage_error("kb", "'kb show' takes one element id");
	e = kb_element(kb, o->argv[0]);
	if (!e)
		die(EXIT_NOTFOUND, "no element '%s'; try 'waymark kb search "
		    "WORDS' to find one", o->argv[0]);
	nkids = children(kb, e, &kids);
	nsame = kb_same_determinants(kb, e, &same);
	if (o->json)
		show_json(kb, e, kids, nkids, same, nsame);
	else
		show_text(kb, e, kids, nkids, same, nsame, o->all);
	free(kids);
	free(same);
	return 0;
}

static int kb_search_cmd(const struct kb *kb, struct kb_opts *o)
{
	struct strbuf q = STRBUF_INIT;
	struct kb_hit *hits;
	size_t n, shown;

	if (!o->argc)
		return cli_usage_error("kb", "'kb search' needs some words");
	for (int i = 0; i < o->argc; i++)
		sb_addf(&q, "%s%s", i ? " " : "", o->argv[i]);
	n = kb_search(kb, q.buf, &hits);
	shown = o->limit && (size_t)o->limit < n ? (size_t)o->limit : n;
	if (o->json) {
		cli_print_json(kb_search_json(q.buf, hits, n, shown));
	} else if (!n) {
		fprintf(stderr, "no element matches '%s'\n", q.buf);
	} else {
		size_t width = term_width();
		for (size_t i = 0; i < shown; i++) {
			const struct kb_element *e = hits[i].el;
			struct strbuf sb = STRBUF_INIT;
			term_bold(stdout, e->title.s);
			printf("  (%s)\n", kind_title(kb, e->kind.s));
			printf("  %s\n", e->id.s);
			sb_addf(&sb, "%s, %s (matched: %s)", e->framework->id.s,
				e->source.s, hits[i].matched);
			term_wrap(stdout, sb.buf, 2, 2, width);
			term_wrap(stdout, e->framework->citation.s, 2, 2, width);
			putchar('\n');
			sb_release(&sb);
		}
		if (shown < n)
			printf("%zu more; use --limit 0 to see all\n", n - shown);
	}
	kb_hits_free(hits, n);
	sb_release(&q);
	return n ? 0 : EXIT_NOTFOUND;
}

static int kb_crosswalk(const struct kb *kb, struct kb_opts *o)
{
	if (o->argc)
		return cli_usage_error("kb", "unexpected argument '%s'",
				       o->argv[0]);
	if (o->json) {
		json_t *root = json_object(), *fws = json_array(),
		       *dets = json_array();
		for (size_t i = 0; i < kb->nframeworks; i++)
			json_array_append_new(fws, kb_framework_json(kb->frameworks[i]));
		for (size_t d = 0; d < kb->ndeterminants; d++) {
			const struct kb_determinant *det = &kb->determinants[d];
			json_t *jd = kb_determinant_json(det), *by = json_object();
			for (size_t i = 0; i < kb->nframeworks; i++) {
				const struct kb_framework *fw = kb->frameworks[i];
				json_t *ids = json_array();
				for (size_t j = 0; j < fw->nelements; j++)
					if (kb_has_determinant(&fw->elements[j],
							       det->id.s))
						json_array_append_new(ids, json_string(
							fw->elements[j].id.s));
				json_object_set_new(by, fw->id.s, ids);
			}
			json_object_set_new(jd, "elements", by);
			json_array_append_new(dets, jd);
		}
		json_object_set_new(root, "frameworks", fws);
		json_object_set_new(root, "determinants", dets);
		cli_print_json(root);
		return 0;
	}
	{
		const char **head = xcalloc(kb->nframeworks + 2, sizeof(*head));
		struct table *t;

		head[0] = "DETERMINANT";
		for (size_t i = 0; i < kb->nframeworks; i++)
			head[i + 1] = kb->frameworks[i]->id.s;
		head[kb->nframeworks + 1] = "ID";
		t = table_new(kb->nframeworks + 2, head);
		for (size_t d = 0; d < kb->ndeterminants; d++) {
			const struct kb_determinant *det = &kb->determinants[d];
			table_row(t);
			table_cell(t, det->title.s);
			for (size_t i = 0; i < kb->nframeworks; i++) {
				size_t n = kb_count_linked(kb, kb->frameworks[i],
							   det->id.s);
				if (n)
					table_cellf(t, "%zu", n);
				else
					table_cell(t, "-");
			}
			table_cell(t, det->id.s);
		}
		table_print(t, stdout);
		printf("\nEach number counts the framework's elements that bear "
		       "on the determinant;\n'waymark kb crosswalk --json' "
		       "lists their ids.\n");
		table_free(t);
		free(head);
	}
	return 0;
}

static int kb_frameworks(const struct kb *kb, struct kb_opts *o)
{
	if (o->json) {
		json_t *a = json_array();
		for (size_t i = 0; i < kb->nframeworks; i++)
			json_array_append_new(a, kb_framework_json(kb->frameworks[i]));
		cli_print_json(a);
		return 0;
	}
	for (size_t i = 0; i < kb->nframeworks; i++) {
		const struct kb_framework *fw = kb->frameworks[i];
		term_bold(stdout, fw->id.s);
		printf("  %s (%zu elements)\n", fw->title.s, fw->nelements);
		term_wrap(stdout, fw->citation.s, 2, 2, term_width());
	}
	return 0;
}

static int kb_determinants(const struct kb *kb, struct kb_opts *o)
{
	static const char *const head[] = { "ID", "TITLE", "SUMMARY" };
	struct table *t;

	if (o->json) {
		json_t *a = json_array();
		for (size_t i = 0; i < kb->ndeterminants; i++)
			json_array_append_new(a, kb_determinant_json(&kb->determinants[i]));
		cli_print_json(a);
		return 0;
	}
	t = table_new(3, head);
	for (size_t i = 0; i < kb->ndeterminants; i++) {
		table_row(t);
		table_cell(t, kb->determinants[i].id.s);
		table_cell(t, kb->determinants[i].title.s);
		table_cell(t, kb->determinants[i].summary.s);
	}
	table_print(t, stdout);
	table_free(t);
	return 0;
}

static int kb_kinds(const struct kb *kb, struct kb_opts *o)
{
	static const char *const head[] = { "KIND", "ELEMENTS", "TITLE" };
	json_t *a = o->json ? json_array() : NULL;
	struct table *t = o->json ? NULL : table_new(3, head);

	for (size_t i = 0; i < kb->nkinds; i++) {
		size_t n = 0;
		for (size_t j = 0; j < kb->nindex; j++)
			n += !strcmp(kb->index[j]->kind.s, kb->kinds[i].id.s);
		if (a) {
			json_t *k = json_object();
			json_object_set_new(k, "id", json_string(kb->kinds[i].id.s));
			json_object_set_new(k, "title", json_string(kb->kinds[i].title.s));
			json_object_set_new(k, "elements", json_integer((json_int_t)n));
			json_array_append_new(a, k);
		} else {
			table_row(t);
			table_cell(t, kb->kinds[i].id.s);
			table_cellf(t, "%zu", n);
			table_cell(t, kb->kinds[i].title.s);
		}
	}
	if (a) {
		cli_print_json(a);
	} else {
		table_print(t, stdout);
		table_free(t);
	}
	return 0;
}

static int kb_check(struct kb_opts *o)
{
	struct kb kb;
	struct diags errs;
	size_t n;

	if (o->argc > 1)
		return cli_usage_error("kb", "'kb check' takes at most one folder");
	diags_init(&errs);
	n = cli_kb_load(&kb, &errs, o->argc ? o->argv[0] : NULL);
	if (o->json) {
		json_t *root = json_object();
		json_object_set_new(root, "valid", json_boolean(n == 0));
		json_object_set_new(root, "elements", json_integer((json_int_t)kb.nindex));
		json_object_set_new(root, "errors", diags_json(&errs));
		cli_print_json(root);
	} else if (n) {
		diags_print(&errs, stderr);
		error("the evidence base has %zu problem%s", n, n == 1 ? "" : "s");
	} else {
		printf("ok: %zu frameworks, %zu elements, %zu determinants, "
		       "%zu actions\n", kb.nframeworks, kb.nindex,
		       kb.ndeterminants, kb.nactions);
	}
	diags_release(&errs);
	kb_release(&kb);
	return n ? EXIT_BADINPUT : 0;
}

static const struct {
	const char *name;
	unsigned allowed;
	int (*fn)(const struct kb *kb, struct kb_opts *o);
} actions[] = {
	{ "list", OPT_JSON | OPT_KIND | OPT_SOURCE, kb_list },
	{ "show", OPT_JSON | OPT_ALL, kb_show },
	{ "search", OPT_JSON | OPT_LIMIT, kb_search_cmd },
	{ "crosswalk", OPT_JSON, kb_crosswalk },
	{ "frameworks", OPT_JSON, kb_frameworks },
	{ "determinants", OPT_JSON, kb_determinants },
	{ "kinds", OPT_JSON, kb_kinds },
	{ "check", OPT_JSON, NULL },
};

int cmd_kb(int argc, char **argv)
{
	struct kb_opts o;
	int rc;

	if (argc < 2)
		return cli_usage_error("kb", "'kb' needs an action");
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))
		return cli_help(cli_find("kb"));
	for (size_t i = 0; i < sizeof(actions) / sizeof(*actions); i++) {
		if (strcmp(argv[1], actions[i].name))
			continue;
		rc = parse(argc - 1, argv + 1, actions[i].allowed, &o);
		if (rc)
			return rc < 0 ? 0 : rc;
		if (!actions[i].fn)
			return kb_check(&o);
		return actions[i].fn(cli_kb(), &o);
	}
	return cli_usage_error("kb", "no action '%s'", argv[1]);
}
