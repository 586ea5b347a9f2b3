/* cli.c: what every command shares: the evidence base, JSON, usage. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "lib/err.h"
#include "lib/strbuf.h"
#include "lib/xalloc.h"

static char **kb_dirs;
static size_t nkb_dirs, kb_dirs_alloc;
static struct kb the_kb;
static bool kb_loaded;

void cli_add_kb_dir(const char *dir)
{
	XGROW(kb_dirs, kb_dirs_alloc, nkb_dirs + 1);
	kb_dirs[nkb_dirs++] = xstrdup(dir);
}

static void load_env_dirs(struct kb *kb, struct diags *errs)
{
	const char *env = getenv("WAYMARK_KB");
	char *copy, *p, *next;

	if (!env || !*env)
		return;
	copy = xstrdup(env);
	for (p = copy; p; p = next) {
		next = strchr(p, ':');
		if (next)
			*next++ = '\0';
		if (*p)
			kb_load_dir(kb, p, errs);
	}
	free(copy);
}

size_t cli_kb_load(struct kb *kb, struct diags *errs,
		   const char *extra_dir)
{
	kb_init(kb);
	kb_load_builtin(kb, errs);
	load_env_dirs(kb, errs);
	for (size_t i = 0; i < nkb_dirs; i++)
		kb_load_dir(kb, kb_dirs[i], errs);
	if (extra_dir)
		kb_load_dir(kb, extra_dir, errs);
	if (errs->n)
		return errs->n;
	return kb_finish(kb, errs);
}

static void release_kb(void)
{
	kb_release(&the_kb);
	for (size_t i = 0; i < nkb_dirs; i++)
		free(kb_dirs[i]);
	free(kb_dirs);
}

const struct kb *cli_kb(void)
{
	struct diags errs;

	if (kb_loaded)
		return &the_kb;
	diags_init(&errs);
	if (cli_kb_load(&the_kb, &errs, NULL)) {
		diags_print(&errs, stderr);
		die(EXIT_BADINPUT, "the evidence base is invalid (%zu problem%s "
		    "above); fix the files or run 'waymark kb check DIR'",
		    errs.n, errs.n == 1 ? "" : "s");
	}
	diags_release(&errs);
	kb_loaded = true;
	atexit(release_kb);
	return &the_kb;
}

void cli_print_json(json_t *v)
{
	json_dumpf(v, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	fputc('\n', stdout);
	json_decref(v);
}

int cli_help(const struct cmd *cmd)
{
	fputs(cmd->usage, stdout);
	return 0;
}

int cli_usage_error(const char *cmdname, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	error("%s; see 'waymark %s --help'", sb.buf, cmdname);
	sb_release(&sb);
	return EXIT_USAGE;
}
