/*
 * registry.c: the rules for changing the registry of settings and the
 * milestones' list, shared by the CLI and the web.
 */
#include <stdlib.h>
#include <string.h>

#include "assess/project.h"
#include "lib/strbuf.h"
#include "lib/xalloc.h"
#include "track.h"

int milestone_check_id(const char *id, struct strbuf *err)
{
	size_t n = strlen(id);

	if (!n || n > TRACK_ID_MAX) {
		sb_addf(err, "id: must have 1 to %d characters", TRACK_ID_MAX);
		return -1;
	}
	if (id[0] < 'a' || id[0] > 'z') {
		sb_addf(err, "id: '%s' must start with a letter a to z", id);
		return -1;
	}
	if (strspn(id, "abcdefghijklmnopqrstuvwxyz0123456789-") != n) {
		sb_addf(err, "id: '%s' may hold only a to z, 0 to 9 and '-'", id);
		return -1;
	}
	return 0;
}

static int title_check(const char *title, struct strbuf *err)
{
	return check_text("title", title, TRACK_TEXT_MAX, true, err) ? -1 : 0;
}

/* Map a store result on a milestone to ours, saying which is missing. */
static int milestone_result(int rc, const char *id, const char *after,
			    struct strbuf *err)
{
	if (rc == STORE_NOTFOUND)
		sb_addf(err, "no milestone '%s' in the project; see 'waymark "
			"milestone list'", after ? after : id);
	return rc;
}

/* Is id among the project's milestones? 1, 0, or -1 (store). */
static int milestone_known(struct store *st, int64_t project, const char *id)
{
	struct group *v;
	size_t n;
	int found = 0;

	if (store_milestones(st, project, &v, &n))
		return -1;
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i].id, id))
			found = 1;
	store_groups_free(v, n);
	return found;
}

/* Check that id and after both exist and differ; 0 or a result. */
static int check_pair(struct store *st, int64_t project, const char *id,
		      const char *after, struct strbuf *err)
{
	int k;

	if ((k = milestone_known(st, project, id)) <= 0)
		return k < 0 ? -1 : milestone_result(STORE_NOTFOUND, id, NULL, err);
	if (!after)
		return 0;
	if (!strcmp(after, id)) {
		sb_addf(err, "after: a milestone cannot come after itself");
		return TRACK_BAD;
	}
	if ((k = milestone_known(st, project, after)) <= 0)
		return k < 0 ? -1 : milestone_result(STORE_NOTFOUND, id, after, err);
	return 0;
}

int track_milestone_add(struct store *st, int64_t project, const char *id,
			const char *title, const char *after,
			struct strbuf *err)
{
	int rc;

	if (milestone_check_id(id, err) || title_check(title, err))
		return TRACK_BAD;
	if (after && (rc = milestone_known(st, project, after)) <= 0)
		return rc < 0 ? -1 :
		       milestone_result(STORE_NOTFOUND, id, after, err);
	rc = store_milestone_add(st, project, id, title, after);
	if (rc == STORE_CONFLICT) {
		sb_addf(err, "id: the project has a milestone '%s' already", id);
		return TRACK_BAD;
	}
	return milestone_result(rc, id, after, err);
}

int track_milestone_rename(struct store *st, int64_t project, const char *id,
			   const char *title, struct strbuf *err)
{
	if (title_check(title, err))
		return TRACK_BAD;
	return milestone_result(store_milestone_rename(st, project, id, title),
				id, NULL, err);
}

int track_milestone_move(struct store *st, int64_t project, const char *id,
			 const char *after, struct strbuf *err)
{
	int rc = check_pair(st, project, id, after, err);

	return rc ? rc : store_milestone_move(st, project, id, after);
}

int track_milestone_shift(struct store *st, int64_t project, const char *id,
			  int step, struct strbuf *err)
{
	struct group *v;
	size_t n, k;
	const char *after;
	int rc;

	if (store_milestones(st, project, &v, &n))
		return -1;
	for (k = 0; k < n && strcmp(v[k].id, id); k++)
		;
	if (k == n) {
		rc = milestone_result(STORE_NOTFOUND, id, NULL, err);
	} else if ((step < 0 && k == 0) || (step > 0 && k + 1 == n)) {
		sb_addf(err, "'%s' is %s already", id, step < 0 ? "first" :
			"last");
		rc = TRACK_BAD;
	} else {
		/* up: after the one two before (first if none); down: after the next */
		after = step > 0 ? v[k + 1].id : k >= 2 ? v[k - 2].id : NULL;
		rc = store_milestone_move(st, project, id, after);
	}
	store_groups_free(v, n);
	return rc;
}

int track_milestone_remove(struct store *st, int64_t project, const char *id,
			   bool force, int64_t *removed, struct strbuf *err)
{
	struct group *v;
	size_t n;
	int rc;

	*removed = 0;
	if ((rc = check_pair(st, project, id, NULL, err)))
		return rc;
	if (store_milestones(st, project, &v, &n))
		return -1;
	store_groups_free(v, n);
	if (n == 1) {
		sb_addf(err, "'%s' is the project's only milestone; add another "
			"before removing it", id);
		return TRACK_BAD;
	}
	if (store_milestone_reached_count(st, project, id, removed))
		return -1;
	if (*removed && !force) {
		sb_addf(err, "%lld setting%s reached '%s'; give --force to remove "
			"the milestone with those records", (long long)*removed,
			*removed == 1 ? "" : "s", id);
		return TRACK_BAD;
	}
	return milestone_result(store_milestone_remove(st, project, id), id,
				NULL, err);
}

/* --- settings --- */

int tool_check(const char *tool, struct strbuf *err)
{
	if (check_text("tool", tool, TRACK_TEXT_MAX, true, err))
		return -1;
	if (strpbrk(tool, "\n\r\t")) {
		sb_addf(err, "tool: must be on one line, without tabs");
		return -1;
	}
	return 0;
}

/*
 * Check s's name and parent against the registry v (by name), in which
 * s may already be (its id then matches). 0 or TRACK_BAD.
 */
static int registry_check(const struct setting *s, const char *old_name,
			  const struct setting *v, size_t n,
			  struct strbuf *err)
{
	long k = setting_find(v, n, s->name);
	const char *at = s->parent;

	if (k >= 0 && v[k].id != s->id) {
		sb_addf(err, "name: the project has a setting '%s' already",
			s->name);
		return TRACK_BAD;
	}
	if (!*s->parent)
		return 0;
	if (!strcmp(s->parent, s->name)) {
		sb_addf(err, "parent: a setting cannot be its own parent");
		return TRACK_BAD;
	}
	if (setting_find(v, n, s->parent) < 0) {
		sb_addf(err, "parent: the project has no setting '%s'", s->parent);
		return TRACK_BAD;
	}
	/* up the parents from the new one: do we come back to s? */
	for (size_t steps = 0; *at && steps <= n; steps++) {
		if (old_name && !strcmp(at, old_name)) {
			sb_addf(err, "parent: '%s' is below '%s' already; that "
				"would make a circle", s->parent, old_name);
			return TRACK_BAD;
		}
		k = setting_find(v, n, at);
		if (k < 0)
			break;
		at = v[k].parent;
	}
	return 0;
}

static void setting_copy(struct setting *dst, const struct setting *src)
{
	dst->id = src->id;
	dst->project = src->project;
	dst->name = xstrdup(src->name);
	dst->type = xstrdup(src->type);
	dst->parent = xstrdup(src->parent);
	dst->it_system = xstrdup(src->it_system);
	dst->created = xstrdup(src->created ? src->created : "");
	dst->version = src->version;
}

static int apply_change(struct setting *s, const struct setting_change *c,
			struct strbuf *err)
{
	const char *const names[] = { "name", "type", "parent", "it_system" };
	const char *const values[] = { c->name, c->type, c->parent, c->it_system };

	for (size_t i = 0; i < 4; i++)
		if (values[i] && setting_set(s, names[i], values[i], err))
			return TRACK_BAD;
	return 0;
}

static int not_found(int64_t id, struct strbuf *err)
{
	sb_addf(err, "the project has no setting %lld", (long long)id);
	return STORE_NOTFOUND;
}

int track_setting_edit(struct store *st, int64_t project, int64_t id,
		       const struct setting_change *c, struct setting *before,
		       struct setting *after, struct strbuf *err)
{
	struct setting *v = NULL, s;
	size_t n = 0, i;
	int rc;

	memset(&s, 0, sizeof(s));
	if (before)
		memset(before, 0, sizeof(*before));
	if (after)
		memset(after, 0, sizeof(*after));
	if (store_settings(st, project, &v, &n))
		return -1;
	for (i = 0; i < n && v[i].id != id; i++)
		;
	if (i == n) {
		rc = not_found(id, err);
		goto out;
	}
	setting_copy(&s, &v[i]);
	if (c->version)
		s.version = c->version;
	if ((rc = apply_change(&s, c, err)) ||
	    (rc = registry_check(&s, v[i].name, v, n, err)))
		goto out;
	rc = store_setting_update(st, &s, v[i].name);
	if (rc == STORE_CONFLICT) {
		sb_addf(err, "name: the project has a setting '%s' already",
			s.name);
		rc = TRACK_BAD;
	}
	if (rc == STORE_STALE && before)
		setting_copy(before, &v[i]);
	if (rc)
		goto out;
	if (before)
		setting_copy(before, &v[i]);
	if (after)
		setting_copy(after, &s);
out:
	store_setting_release(&s);
	store_settings_free(v, n);
	return rc;
}

int track_setting_add(struct store *st, struct setting *s, struct strbuf *err)
{
	struct setting *v;
	size_t n;
	int rc;

	if (!*s->name || !*s->type) {
		sb_addf(err, "%s: required", !*s->name ? "name" : "type");
		return TRACK_BAD;
	}
	if (store_settings(st, s->project, &v, &n))
		return -1;
	s->id = 0;
	rc = registry_check(s, NULL, v, n, err);
	store_settings_free(v, n);
	if (rc)
		return rc;
	rc = store_setting_add(st, s);
	if (rc == STORE_CONFLICT) {
		sb_addf(err, "name: the project has a setting '%s' already",
			s->name);
		return TRACK_BAD;
	}
	return rc;
}

int track_setting_remove(struct store *st, int64_t project, int64_t id,
			 struct setting *gone, struct strbuf *err)
{
	struct setting *v;
	size_t n, i, children = 0;
	int rc = 0;

	if (gone)
		memset(gone, 0, sizeof(*gone));
	if (store_settings(st, project, &v, &n))
		return -1;
	for (i = 0; i < n && v[i].id != id; i++)
		;
	if (i == n) {
		store_settings_free(v, n);
		return not_found(id, err);
	}
	for (size_t k = 0; k < n; k++) {
		if (strcmp(v[k].parent, v[i].name))
			continue;
		if (!children++)
			sb_addf(err, "'%s' is the parent of ", v[i].name);
		else
			sb_adds(err, ", ");
		sb_addf(err, "'%s'", v[k].name);
	}
	if (children) {
		sb_adds(err, "; give them another parent or remove them first");
		rc = TRACK_BAD;
	} else if (!(rc = store_setting_delete(st, project, id)) && gone) {
		setting_copy(gone, &v[i]);
	}
	store_settings_free(v, n);
	return rc;
}

/* --- tools in use --- */

static int by_count(const void *a, const void *b)
{
	const struct tool_count *x = a, *y = b;

	if (x->settings != y->settings)
		return x->settings < y->settings ? 1 : -1;
	return strcmp(x->tool, y->tool);
}

static int by_text(const void *a, const void *b)
{
	const struct setting_tool *const *x = a, *const *y = b;

	return strcmp((*x)->tool, (*y)->tool);
}

void track_tool_counts(const struct track_data *t, struct tool_count **out,
		       size_t *n)
{
	const struct setting_tool **v = xcalloc(t->ntools + 1, sizeof(*v));

	*out = xcalloc(t->ntools + 1, sizeof(**out));
	*n = 0;
	for (size_t i = 0; i < t->ntools; i++)
		v[i] = &t->tools[i];
	qsort(v, t->ntools, sizeof(*v), by_text);
	for (size_t i = 0; i < t->ntools; i++) {
		if (!*n || strcmp((*out)[*n - 1].tool, v[i]->tool))
			(*out)[(*n)++] = (struct tool_count){ v[i]->tool, 0 };
		(*out)[*n - 1].settings++;
	}
	qsort(*out, *n, sizeof(**out), by_count);
	free(v);
}
