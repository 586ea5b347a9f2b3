/* survey.c: 'waymark survey': show, configure, export and import the survey. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assess/project.h"
#include "auth/auth.h"
#include "cli.h"
#include "lib/csvread.h"
#include "lib/diag.h"
#include "lib/err.h"
#include "lib/secret.h"
#include "lib/strbuf.h"
#include "lib/strset.h"
#include "lib/term.h"
#include "lib/xalloc.h"
#include "opts.h"
#include "store/store.h"
#include "survey/survey.h"

static const struct opt survey_opts[] = {
	{ "format", true }, { "skip-bad", false }, { "round", true },
	{ "json", false }, { "determinants", true }, { "exclude", true },
	{ "include", true }, { "stakeholder", true }, { "group", true },
	{ "label", true }, { "revoke", true },
	{ NULL, false }
};

static void load(struct store *st, const struct project *p, struct survey *s)
{
	if (survey_build(cli_kb(), st, p, s))
		die(EXIT_INTERNAL, "%s", store_error(st));
}

static int survey_show(struct store *st, struct project *p, struct opts *o)
{
	struct survey s;

	load(st, p, &s);
	if (opt_flag(survey_opts, o, "json")) {
		json_t *items = json_array();
		for (size_t i = 0; i < s.nitems; i++) {
			json_t *asked = json_array();
			for (size_t g = 0; g < s.ngroups; g++)
				if (s.asked[g * s.nitems + i])
					json_array_append_new(asked,
						json_string(s.groups[g].id));
			json_array_append_new(items, json_pack("{s:s, s:s, s:s, s:b, s:o}",
				"id", s.items[i].id, "determinant",
				s.items[i].determinant, "text", s.items[i].text,
				"reversed", s.items[i].reversed, "asked_of", asked));
		}
		cli_print_json(json_pack("{s:s, s:o}", "project", s.project,
					 "items", items));
	} else {
		const char *det = "";
		size_t width = term_width();
		for (size_t i = 0; i < s.nitems; i++) {
			struct strbuf sb = STRBUF_INIT;
			if (strcmp(det, s.items[i].determinant)) {
				det = s.items[i].determinant;
				printf("%s", i ? "\n" : "");
				term_bold(stdout, s.items[i].determinant_title);
				printf("  (%s)\n", det);
			}
			sb_addf(&sb, "%s%s", s.items[i].text,
				s.items[i].reversed ? " [reversed]" : "");
			printf("  %s\n", s.items[i].id);
			term_wrap(stdout, sb.buf, 4, 4, width);
			sb_reset(&sb);
			for (size_t g = 0; g < s.ngroups; g++)
				if (!s.asked[g * s.nitems + i])
					sb_addf(&sb, "%s%s", sb.len ? ", " : "",
						s.groups[g].id);
			if (sb.len)
				printf("    not asked of: %s\n", sb.buf);
			sb_release(&sb);
		}
		printf("\n%zu statements, each rated from 1 (strongly disagree) to 5 "
		       "(strongly agree), or don't know.\n", s.nitems);
	}
	survey_release(&s);
	return 0;
}

/* --determinants a,b,c or all */
static int set_determinants(struct store *st, struct project *p,
			    const char *list)
{
	const struct kb *kb = cli_kb();
	char **v = NULL, *copy = xstrdup(list), *s, *next;
	size_t n = 0, alloc = 0;
	int rc = 0;

	struct strset seen;

	strset_init(&seen);
	for (s = copy; strcmp(list, "all") && s && *s; s = next) {
		next = strchr(s, ',');
		if (next)
			*next++ = '\0';
		if (!strset_add(&seen, s))
			continue;	/* named twice: once is enough */
		if (!kb_determinant(kb, s)) {
			error("--determinants: no determinant '%s'; see 'waymark kb "
			      "determinants'", s);
			rc = EXIT_BADINPUT;
			break;
		}
		XGROW(v, alloc, n + 1);
		v[n++] = s;
	}
	if (!rc && store_survey_set_dets(st, p->id, v, n))
		die(EXIT_INTERNAL, "%s", store_error(st));
	free(v);
	free(copy);
	strset_release(&seen);
	return rc;
}

/* --exclude/--include GROUP:DETERMINANT */
static int tailor(struct store *st, struct project *p, const char *spec,
		  bool exclude)
{
	char *copy = xstrdup(spec), *det = strchr(copy, ':');
	struct strbuf err = STRBUF_INIT;
	int rc = 0;

	if (det)
		*det++ = '\0';
	if (!det || !kb_determinant(cli_kb(), det)) {
		error("--%s: expected GROUP:DETERMINANT, got '%s'",
		      exclude ? "exclude" : "include", spec);
		rc = EXIT_BADINPUT;
	} else if (project_check_group(st, p, copy, &err)) {
		error("%s", err.buf);
		rc = EXIT_BADINPUT;
	} else if (store_survey_exclude(st, p->id, copy, det, exclude)) {
		die(EXIT_INTERNAL, "%s", store_error(st));
	}
	sb_release(&err);
	free(copy);
	return rc;
}

static int survey_configure(struct store *st, struct project *p,
			    struct opts *o)
{
	const char *dets = opt_get(survey_opts, o, "determinants");
	const char *ex = opt_get(survey_opts, o, "exclude");
	const char *in = opt_get(survey_opts, o, "include");
	int rc = 0;

	if (!dets && !ex && !in)
		return cli_usage_error("survey", "'survey configure' needs "
				       "--determinants, --exclude or --include");
	if (dets)
		rc = set_determinants(st, p, dets);
	if (!rc && ex)
		rc = tailor(st, p, ex, true);
	if (!rc && in)
		rc = tailor(st, p, in, false);
	if (!rc)
		printf("saved the survey of '%s'\n", p->name);
	return rc;
}

static int survey_export(struct store *st, struct project *p, struct opts *o)
{
	const char *fmt = opt_get(survey_opts, o, "format");
	struct survey s;

	if (!fmt)
		fmt = "fhir";
	if (strcmp(fmt, "fhir") && strcmp(fmt, "csv") && strcmp(fmt, "template"))
		return cli_usage_error("survey", "--format: expected fhir, csv or "
				       "template, got '%s'", fmt);
	load(st, p, &s);
	if (!strcmp(fmt, "fhir"))
		cli_print_json(survey_to_fhir(&s));
	else if (!strcmp(fmt, "csv"))
		survey_write_dictionary_csv(&s, stdout);
	else
		survey_write_template_csv(&s, stdout);
	survey_release(&s);
	return 0;
}

/* FHIR if the file's first non-blank character opens a JSON value. */
static bool looks_like_json(const struct strbuf *data)
{
	size_t i = survey_bom_len(data->buf, data->len);

	while (i < data->len && survey_is_blank(data->buf + i, 1))
		i++;
	return i < data->len && (data->buf[i] == '{' || data->buf[i] == '[');
}

struct import {
	struct survey s;
	struct survey_keeper k;
	size_t added, unchanged;
};

static void import_prepare(struct store *st, struct project *p,
			   struct import *im)
{
	memset(im, 0, sizeof(*im));
	load(st, p, &im->s);
	if (survey_keeper_init(&im->k, st, p->id, &im->s))
		die(EXIT_INTERNAL, "%s", store_error(st));
}

static void import_release(struct import *im)
{
	survey_keeper_release(&im->k);
	survey_release(&im->s);
}

static void keep(struct store *st, int64_t round, struct import *im,
		 const struct survey_response *r)
{
	bool added;

	if (survey_keep(&im->k, round, r, &added))
		die(EXIT_INTERNAL, "%s", store_error(st));
	if (added)
		im->added++;
	else
		im->unchanged++;
}

static int64_t import_round(struct store *st, struct project *p,
			    const char *given)
{
	int64_t *rounds, *counts, round = 1;
	size_t n;

	if (given) {
		long v;
		if (cli_parse_long(given, 1, 1000, &v))
			die(EXIT_USAGE, "--round: expected a whole number from 1 "
			    "to 1000, got '%s'", given);
		return v;
	}
	if (store_rounds(st, p->id, &rounds, &counts, &n))
		die(EXIT_INTERNAL, "%s", store_error(st));
	if (n)
		round = rounds[n - 1];
	free(rounds);
	free(counts);
	return round;
}

/*
 * A response id given in two files of one import is an error on the
 * later one, as it is within one file: nothing says which answers hold.
 */
static void cross_file_duplicates(struct survey_batch *b, int nfiles,
				  char **paths, struct diags *d)
{
	struct strset seen;

	strset_init(&seen);
	for (int f = 0; f < nfiles; f++) {
		struct strset mine;
		strset_init(&mine);
		for (size_t i = 0; i < b[f].n; i++) {
			struct survey_response *r = &b[f].v[i];
			if (!r->id || r->bad)
				continue;
			if (strset_has(&seen, r->id)) {
				diag_add(d, paths[f], 0, 0, NULL, r->record,
					 "duplicate response id '%s': an earlier "
					 "file of this import has it", r->id);
				r->bad = true;
			}
			strset_add(&mine, r->id);
		}
		for (size_t i = 0; i < mine.cap; i++)
			if (mine.slot[i])
				strset_add(&seen, mine.slot[i]);
		strset_release(&mine);
	}
	strset_release(&seen);
}

static int survey_import(struct store *st, struct project *p, struct opts *o)
{
	const char *fmt = opt_get(survey_opts, o, "format");
	bool skip = opt_flag(survey_opts, o, "skip-bad");
	int64_t round = import_round(st, p, opt_get(survey_opts, o, "round"));
	struct survey_batch *batches;
	struct diags d;
	struct import im;
	int rc = 0, nfiles = o->argc - 1;

	if (nfiles < 1)
		return cli_usage_error("survey", "'survey import' takes a project "
				       "and one or more files");
	if (fmt && strcmp(fmt, "fhir") && strcmp(fmt, "csv"))
		return cli_usage_error("survey", "--format: expected fhir or csv, "
				       "got '%s'", fmt);
	import_prepare(st, p, &im);
	diags_init(&d);
	batches = xcalloc((size_t)nfiles, sizeof(*batches));
	for (int f = 0; f < nfiles; f++) {
		const char *path = o->argv[f + 1];
		struct strbuf data = STRBUF_INIT;
		bool json;
		int prc;

		survey_batch_init(&batches[f]);
		if ((rc = cli_read_file(path, &data))) {
			sb_release(&data);
			break;
		}
		json = fmt ? !strcmp(fmt, "fhir") : looks_like_json(&data);
		prc = json ? survey_parse_fhir(&im.s, path, data.buf, data.len,
					       &batches[f], &d) :
			     survey_parse_csv(&im.s, path, data.buf, data.len,
					      &batches[f], &d);
		if (prc)
			rc = -1;
		sb_release(&data);
	}
	if (rc > 0) {
		diags_print(&d, stderr);	/* what earlier files showed */
	} else {
		cross_file_duplicates(batches, nfiles, o->argv + 1, &d);
		rc = cli_import_verdict(&d, rc, skip);
	}
	for (int f = 0; rc == 0 && f < nfiles; f++)
		for (size_t i = 0; i < batches[f].n; i++)
			if (!batches[f].v[i].bad)
				keep(st, round, &im, &batches[f].v[i]);
	if (rc == 0)
		printf("imported %zu response%s into round %lld of '%s'; %zu "
		       "already there (unchanged)\n", im.added,
		       im.added == 1 ? "" : "s", (long long)round, p->name,
		       im.unchanged);
	for (int f = 0; f < nfiles; f++)
		survey_batch_release(&batches[f]);
	free(batches);
	diags_release(&d);
	import_release(&im);
	return rc;
}

/* --revoke ID: withdraw a link, so its token no longer takes answers */
static int link_revoke(struct store *st, struct project *p, const char *given)
{
	long id;
	int rc;

	if (cli_parse_long(given, 1, INT32_MAX, &id))
		return cli_usage_error("survey", "--revoke: expected a link id, "
				       "got '%s'", given);
	rc = store_link_revoke(st, p->id, id);
	if (rc == STORE_NOTFOUND) {
		error("no survey link %ld in project '%s'", id, p->name);
		return EXIT_NOTFOUND;
	}
	if (rc)
		die(EXIT_INTERNAL, "%s", store_error(st));
	printf("revoked survey link %ld of '%s'\n", id, p->name);
	return 0;
}

/* The stakeholder named by --stakeholder, checked: 0 for none. */
static int link_stakeholder(struct store *st, struct project *p,
			    const char *given, int64_t *id)
{
	struct stakeholder s;
	long v;
	int rc;

	*id = 0;
	if (!given)
		return 0;
	if (cli_parse_long(given, 1, INT32_MAX, &v))
		return cli_usage_error("survey", "--stakeholder: expected a "
				       "stakeholder id, got '%s'", given);
	rc = store_stakeholder_get(st, p->id, v, &s);
	if (rc == STORE_NOTFOUND) {
		error("--stakeholder: no stakeholder %ld in project '%s'; see "
		      "'waymark stakeholder list %s'", v, p->name, p->name);
		return EXIT_NOTFOUND;
	}
	if (rc)
		die(EXIT_INTERNAL, "%s", store_error(st));
	stakeholder_release(&s);
	*id = v;
	return 0;
}

/*
 * 'survey link PROJECT': give out a survey link and print its path (the
 * token is shown this once here), or withdraw one with --revoke.
 */
static int survey_link(struct store *st, struct project *p, struct opts *o)
{
	const char *grp = opt_get(survey_opts, o, "group");
	const char *label = opt_get(survey_opts, o, "label");
	const char *revoke = opt_get(survey_opts, o, "revoke");
	struct strbuf err = STRBUF_INIT;
	struct survey_link l;
	int64_t stakeholder, round;
	int rc;

	if (o->argc > 1)
		return cli_usage_error("survey", "'survey link' takes one project");
	if (revoke)
		return link_revoke(st, p, revoke);
	if ((rc = link_stakeholder(st, p, opt_get(survey_opts, o, "stakeholder"),
				   &stakeholder)))
		return rc;
	if (grp && (rc = project_check_group(st, p, grp, &err))) {
		error("--%s", err.buf);
		sb_release(&err);
		return rc < 0 ? EXIT_INTERNAL : EXIT_BADINPUT;
	}
	if (label && check_text("--label", label, 200, false, &err)) {
		error("%s", err.buf);
		sb_release(&err);
		return EXIT_BADINPUT;
	}
	sb_release(&err);
	round = import_round(st, p, opt_get(survey_opts, o, "round"));
	if (secret_init())
		die(EXIT_INTERNAL, "cannot initialise the random number source");
	if (auth_link_add(st, p->id, stakeholder, grp, round, label, &l))
		die(EXIT_INTERNAL, "%s", store_error(st));
	if (opt_flag(survey_opts, o, "json")) {
		struct strbuf path = STRBUF_INIT;
		sb_addf(&path, "/s/%s", l.token);
		cli_print_json(json_pack("{s:I, s:s, s:s, s:I, s:I, s:o}", "id",
					 (json_int_t)l.id, "token", l.token,
					 "path", path.buf, "round",
					 (json_int_t)l.round, "stakeholder",
					 (json_int_t)l.stakeholder, "group",
					 grp ? json_string(grp) : json_null()));
		sb_release(&path);
	} else {
		printf("made survey link %lld for round %lld of '%s' (%s%s%s)\n"
		       "/s/%s\n", (long long)l.id, (long long)l.round, p->name,
		       stakeholder ? "one stakeholder's, answers once" :
		       "open, answers any number of times", grp ? "; group " : "",
		       grp ? grp : "", l.token);
	}
	store_link_release(&l);
	return 0;
}

int cmd_survey(int argc, char **argv)
{
	static const struct project_action actions[] = {
		{ "show", survey_show }, { "configure", survey_configure },
		{ "export", survey_export }, { "import", survey_import },
		{ "link", survey_link },
	};

	return cli_project_action("survey", argc, argv, survey_opts, actions,
				  sizeof(actions) / sizeof(*actions));
}
