/* check.c: index the evidence base and enforce its rules. */
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "kb.h"
#include "lib/strbuf.h"
#include "lib/xalloc.h"

static int cmp_element(const void *a, const void *b)
{
	const struct kb_element *x = *(const struct kb_element *const *)a;
	const struct kb_element *y = *(const struct kb_element *const *)b;
	int c = strcmp(x->id.s ? x->id.s : "", y->id.s ? y->id.s : "");

	if (c)
		return c;
	/* keep duplicates in load order so messages are stable */
	c = strcmp(x->framework->file, y->framework->file);
	return c ? c : x->line - y->line;
}

static void build_index(struct kb *kb)
{
	size_t n = 0, k = 0;

	for (size_t i = 0; i < kb->nframeworks; i++)
		n += kb->frameworks[i]->nelements;
	free(kb->index);
	kb->index = xcalloc(n, sizeof(*kb->index));
	for (size_t i = 0; i < kb->nframeworks; i++) {
		struct kb_framework *fw = kb->frameworks[i];
		for (size_t j = 0; j < fw->nelements; j++) {
			fw->elements[j].framework = fw;
			kb->index[k++] = &fw->elements[j];
		}
	}
	kb->nindex = n;
	qsort(kb->index, n, sizeof(*kb->index), cmp_element);
}

const struct kb_element *kb_element(const struct kb *kb, const char *id)
{
	size_t lo = 0, hi = kb->nindex;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *mid_id = kb->index[mid]->id.s ? kb->index[mid]->id.s : "";
		int c = strcmp(id, mid_id);
		if (c == 0) {
			/* the first of any duplicates */
			while (mid > 0 && kb->index[mid - 1]->id.s &&
			       !strcmp(kb->index[mid - 1]->id.s, id))
				mid--;
			return kb->index[mid];
		}
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

const struct kb_framework *kb_framework(const struct kb *kb, const char *id)
{
	for (size_t i = 0; i < kb->nframeworks; i++)
		if (kb->frameworks[i]->id.s && !strcmp(kb->frameworks[i]->id.s, id))
			return kb->frameworks[i];
	return NULL;
}

const struct kb_determinant *kb_determinant(const struct kb *kb,
					    const char *id)
{
	for (size_t i = 0; i < kb->ndeterminants; i++)
		if (kb->determinants[i].id.s &&
		    !strcmp(kb->determinants[i].id.s, id))
			return &kb->determinants[i];
	return NULL;
}

const struct kb_kind *kb_kind(const struct kb *kb, const char *id)
{
	for (size_t i = 0; i < kb->nkinds; i++)
		if (kb->kinds[i].id.s && !strcmp(kb->kinds[i].id.s, id))
			return &kb->kinds[i];
	return NULL;
}

const char *const kb_steps[] = {
	"vision", "strategy", "business-case", "procurement", "implement",
	"optimise", NULL
};
const char *const kb_step_phases[] = {
	"analyse", "analyse", "decide", "decide", "deploy", "deploy", NULL
};
int kb_step_index(const char *step)
{
	for (int i = 0; kb_steps[i]; i++)
		if (!strcmp(kb_steps[i], step))
			return i;
	return -1;
}

const char *const kb_conditions[] = {
	"byod", "org-devices", "industry-partner", "academic-partner",
	"nhs-partner", "many-settings", "single-platform", "opt-in", "mandated",
	"shared-record", "epr", "mobile-app", "thin-team", NULL
};
const char *const kb_action_states[] = {
	"barrier", "ambivalent", "mixed", "unknown", "enabler", "always", NULL
};

const struct kb_action *kb_action(const struct kb *kb, const char *id)
{
	for (size_t i = 0; i < kb->nactions; i++)
		if (kb->actions[i].id.s && !strcmp(kb->actions[i].id.s, id))
			return &kb->actions[i];
	return NULL;
}

const char *kb_attr(const struct kb_element *el, const char *key)
{
	for (size_t i = 0; i < el->nattrs; i++)
		if (!strcmp(el->attrs[i].key.s, key))
			return el->attrs[i].value.s;
	return NULL;
}

bool kb_has_determinant(const struct kb_element *el, const char *id)
{
	for (size_t i = 0; i < el->ndeterminants; i++)
		if (!strcmp(el->determinants[i].s, id))
			return true;
	return false;
}

/* True if s is non-empty after leading white space. */
static bool blank(const char *s)
{
	if (!s)
		return true;
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	return !*s;
}

/* Lower-case letters, digits, '-' and '.', starting with a letter or digit. */
static bool valid_id(const char *s)
{
	if (!s || !*s || *s == '-' || *s == '.')
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		      *s == '-' || *s == '.'))
			return false;
	return true;
}

struct checker {
	struct kb *kb;
	struct diags *errs;
	size_t n;
};

static void at_element(struct checker *C, const struct kb_element *e,
		       const struct kb_str *field, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Report a problem at field (or at the element when field is absent). */
static void at_element(struct checker *C, const struct kb_element *e,
		       const struct kb_str *field, const char *fmt, ...)
{
	int line = field && field->s ? field->line : e->line;
	int col = field && field->s ? field->col : e->col;
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	diag_add(C->errs, e->framework->file, line, col, NULL, -1, "%s", sb.buf);
	sb_release(&sb);
	C->n++;
}

static void check_required(struct checker *C, const struct kb_element *e)
{
	static const struct {
		const char *name;
		size_t offset;
	} fields[] = {
		{ "id", offsetof(struct kb_element, id) },
		{ "kind", offsetof(struct kb_element, kind) },
		{ "title", offsetof(struct kb_element, title) },
		{ "summary", offsetof(struct kb_element, summary) },
		{ "source", offsetof(struct kb_element, source) },
	};
	const char *id = e->id.s ? e->id.s : "(no id)";

	for (size_t i = 0; i < sizeof(fields) / sizeof(*fields); i++) {
		const struct kb_str *f =
			(const void *)((const char *)e + fields[i].offset);
		if (!f->s)
			at_element(C, e, NULL, "element '%s': missing field '%s'",
				   id, fields[i].name);
		else if (blank(f->s))
			at_element(C, e, f, "element '%s': field '%s' is empty",
				   id, fields[i].name);
	}
}

static void check_id(struct checker *C, const struct kb_element *e)
{
	const char *fwid = e->framework->id.s;
	size_t n = fwid ? strlen(fwid) : 0;

	if (!e->id.s || blank(e->id.s))
		return;
	if (!valid_id(e->id.s))
		at_element(C, e, &e->id, "element '%s': malformed id; use lower "
			   "case letters, digits, '-' and '.'", e->id.s);
	else if (fwid && (strncmp(e->id.s, fwid, n) || e->id.s[n] != '.'))
		at_element(C, e, &e->id, "element '%s': id must start with "
			   "'%s.'", e->id.s, fwid);
}

static void check_links(struct checker *C, const struct kb_element *e)
{
	const char *id = e->id.s ? e->id.s : "(no id)";

	if (e->kind.s && !blank(e->kind.s) && !kb_kind(C->kb, e->kind.s))
		at_element(C, e, &e->kind, "element '%s': unknown kind '%s'; "
			   "see 'waymark kb kinds'", id, e->kind.s);
	if (!e->ndeterminants)
		at_element(C, e, NULL, "element '%s': no determinants; link it "
			   "to at least one", id);
	for (size_t i = 0; i < e->ndeterminants; i++) {
		const struct kb_str *d = &e->determinants[i];
		if (!kb_determinant(C->kb, d->s))
			at_element(C, e, d, "element '%s': unknown determinant "
				   "'%s'", id, d->s);
		for (size_t j = 0; j < i; j++)
			if (!strcmp(e->determinants[j].s, d->s))
				at_element(C, e, d, "element '%s': determinant "
					   "'%s' listed twice", id, d->s);
	}
	if (e->parent.s) {
		if (!kb_element(C->kb, e->parent.s))
			at_element(C, e, &e->parent, "element '%s': unknown "
				   "parent '%s'", id, e->parent.s);
		else if (e->id.s && !strcmp(e->parent.s, e->id.s))
			at_element(C, e, &e->parent, "element '%s': is its own "
				   "parent", id);
	}
	for (size_t i = 0; i < e->nrelated; i++)
		if (!kb_element(C->kb, e->related[i].s))
			at_element(C, e, &e->related[i], "element '%s': unknown "
				   "related id '%s'", id, e->related[i].s);
}

/* Follow parents from e; a chain longer than the base is a cycle. */
static void check_cycle(struct checker *C, const struct kb_element *e)
{
	const struct kb_element *p = e;
	size_t steps = 0;

	while (p && p->parent.s) {
		p = kb_element(C->kb, p->parent.s);
		if (p == e || ++steps > C->kb->nindex) {
			at_element(C, e, &e->parent, "element '%s': its parents "
				   "form a cycle through '%s'", e->id.s,
				   e->parent.s);
			return;
		}
	}
}

static void check_framework(struct checker *C, const struct kb_framework *fw)
{
	static const char *const names[] = { "id", "title", "citation" };
	const struct kb_str *fields[] = { &fw->id, &fw->title, &fw->citation };

	for (size_t i = 0; i < 3; i++) {
		if (blank(fields[i]->s)) {
			diag_add(C->errs, fw->file, fw->line, fw->col, NULL, -1,
				  "framework: missing or empty field '%s'%s",
				  names[i], i == 2 ? "; every framework must "
				  "say how to cite it" : "");
			C->n++;
		}
	}
	if (fw->id.s && !valid_id(fw->id.s)) {
		diag_add(C->errs, fw->file, fw->id.line, fw->id.col, NULL, -1,
			  "framework: malformed id '%s'", fw->id.s);
		C->n++;
	}
	if (fw->nelements == 0) {
		diag_add(C->errs, fw->file, fw->line, fw->col, NULL, -1,
			  "framework '%s' has no elements",
			  fw->id.s ? fw->id.s : "");
		C->n++;
	}
}

static void check_duplicates(struct checker *C)
{
	for (size_t i = 1; i < C->kb->nindex; i++) {
		const struct kb_element *a = C->kb->index[i - 1];
		const struct kb_element *b = C->kb->index[i];
		if (a->id.s && b->id.s && !strcmp(a->id.s, b->id.s)) {
			diag_add(C->errs, b->framework->file, b->id.line,
				  b->id.col, NULL, -1, "duplicate id '%s', first defined "
				  "at %s:%d", b->id.s, a->framework->file,
				  a->id.line);
			C->n++;
		}
	}
}

static void check_crosswalk(struct checker *C)
{
	struct kb *kb = C->kb;

	if (!kb->ndeterminants) {
		diag_add(C->errs, "(evidence base)", 0, 0, NULL, -1,
			  "no determinants defined; the crosswalk is missing");
		C->n++;
	}
	for (size_t i = 0; i < kb->ndeterminants; i++) {
		const struct kb_determinant *d = &kb->determinants[i];
		if (blank(d->id.s) || !valid_id(d->id.s) || blank(d->title.s) ||
		    blank(d->summary.s)) {
			diag_add(C->errs, d->file, d->line, d->col, NULL, -1,
				  "determinant '%s': needs a valid id, a title "
				  "and a summary", d->id.s ? d->id.s : "");
			C->n++;
		}
		for (size_t j = 0; j < d->nstatements; j++) {
			const struct kb_statement *s = &d->statements[j];
			if (blank(s->id.s) || !valid_id(s->id.s) ||
			    blank(s->text.s)) {
				diag_add(C->errs, d->file,
					  s->id.s ? s->id.line : d->line,
					  s->id.s ? s->id.col : d->col, NULL, -1,
					  "determinant '%s': a statement needs "
					  "a valid id and a text",
					  d->id.s ? d->id.s : "");
				C->n++;
			}
		}
	}
	for (size_t i = 0; i < kb->nkinds; i++) {
		const struct kb_kind *k = &kb->kinds[i];
		if (blank(k->id.s) || !valid_id(k->id.s) || blank(k->title.s)) {
			diag_add(C->errs, k->file, k->id.line, k->id.col, NULL, -1,
				  "kind '%s': needs a valid id and a title",
				  k->id.s ? k->id.s : "");
			C->n++;
		}
	}
}

static bool in_list(const char *v, const char *const *list)
{
	for (; *list; list++)
		if (!strcmp(v, *list))
			return true;
	return false;
}

static void act_err(struct checker *C, const struct kb_action *a,
		    const struct kb_str *f, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Report a problem with action a at field f (or the action itself). */
static void act_err(struct checker *C, const struct kb_action *a,
		    const struct kb_str *f, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	diag_add(C->errs, a->file, f && f->s ? f->line : a->line,
		 f && f->s ? f->col : a->col, NULL, -1, "action '%s': %s",
		 a->id.s ? a->id.s : "(no id)", sb.buf);
	sb_release(&sb);
	C->n++;
}

static void check_action_lists(struct checker *C, const struct kb_action *a)
{
	for (size_t i = 0; i < a->ndeterminants; i++)
		if (!kb_determinant(C->kb, a->determinants[i].s))
			act_err(C, a, &a->determinants[i], "unknown determinant "
				"'%s'", a->determinants[i].s);
	for (size_t i = 0; i < a->nsources; i++)
		if (!kb_element(C->kb, a->sources[i].s))
			act_err(C, a, &a->sources[i], "unknown source id '%s'",
				a->sources[i].s);
	for (size_t i = 0; i < a->nwhen; i++)
		if (!in_list(a->when[i].s, kb_conditions))
			act_err(C, a, &a->when[i], "unknown condition '%s'; see "
				"docs/kb-format.md", a->when[i].s);
	for (size_t i = 0; i < a->nstates; i++)
		if (!in_list(a->states[i].s, kb_action_states))
			act_err(C, a, &a->states[i], "unknown state '%s' in "
				"'for'; use barrier, ambivalent, mixed, unknown, "
				"enabler or always", a->states[i].s);
	for (size_t i = 0; i < a->nafter; i++)
		if (!kb_action(C->kb, a->after[i].s))
			act_err(C, a, &a->after[i], "unknown action '%s' in "
				"'after'", a->after[i].s);
}

static void check_action(struct checker *C, const struct kb_action *a)
{
	const struct kb_element *cp;

	if (blank(a->id.s) || !valid_id(a->id.s) || strncmp(a->id.s, "act.", 4))
		act_err(C, a, &a->id, "the id must be 'act.' and lower case "
			"letters, digits, '-' or '.'");
	if (blank(a->title.s) || blank(a->summary.s) || blank(a->owner.s))
		act_err(C, a, NULL, "needs a title, a summary and an owner");
	if (!a->ndeterminants)
		act_err(C, a, NULL, "no determinants; link it to at least one");
	if (!a->nsources)
		act_err(C, a, NULL, "no sources; cite at least one element");
	if (!a->step.s || !in_list(a->step.s, kb_steps))
		act_err(C, a, &a->step, "unknown step '%s'; use vision, strategy, "
			"business-case, procurement, implement or optimise",
			a->step.s ? a->step.s : "");
	if (a->checkpoint.s) {
		cp = kb_element(C->kb, a->checkpoint.s);
		if (!cp || strcmp(cp->kind.s, "checkpoint"))
			act_err(C, a, &a->checkpoint, "'%s' is not a checkpoint",
				a->checkpoint.s);
	}
	check_action_lists(C, a);
}

/* Depth-first search over 'after' links; colour: 0 new, 1 open, 2 done. */
static bool after_cycle(const struct kb *kb, size_t i, unsigned char *colour)
{
	const struct kb_action *a = &kb->actions[i];

	if (colour[i] == 1)
		return true;
	if (colour[i] == 2)
		return false;
	colour[i] = 1;
	for (size_t k = 0; k < a->nafter; k++) {
		const struct kb_action *b = kb_action(kb, a->after[k].s);
		if (b && after_cycle(kb, (size_t)(b - kb->actions), colour))
			return true;
	}
	colour[i] = 2;
	return false;
}

static void check_actions(struct checker *C)
{
	unsigned char *colour = xcalloc(C->kb->nactions + 1, 1);

	for (size_t i = 0; i < C->kb->nactions; i++) {
		const struct kb_action *a = &C->kb->actions[i];
		check_action(C, a);
		for (size_t j = 0; j < i; j++)
			if (a->id.s && C->kb->actions[j].id.s &&
			    !strcmp(a->id.s, C->kb->actions[j].id.s))
				act_err(C, a, &a->id, "duplicate id");
	}
	for (size_t i = 0; i < C->kb->nactions; i++) {
		memset(colour, 0, C->kb->nactions);
		if (after_cycle(C->kb, i, colour))
			act_err(C, &C->kb->actions[i], NULL, "its 'after' links "
				"form a cycle");
	}
	free(colour);
}

size_t kb_finish(struct kb *kb, struct diags *errs)
{
	struct checker C = { kb, errs, 0 };

	build_index(kb);
	check_crosswalk(&C);
	check_duplicates(&C);
	for (size_t i = 0; i < kb->nframeworks; i++) {
		const struct kb_framework *fw = kb->frameworks[i];
		check_framework(&C, fw);
		for (size_t j = 0; j < fw->nelements; j++) {
			const struct kb_element *e = &fw->elements[j];
			check_required(&C, e);
			check_id(&C, e);
			check_links(&C, e);
			check_cycle(&C, e);
		}
	}
	check_actions(&C);
	return C.n;
}
