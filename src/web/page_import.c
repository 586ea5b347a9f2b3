/*
 * page_import.c: CSV imports on the web, as 'waymark setting import' and
 * its kin: a page with a form to upload a file of one kind of record,
 * and POST /api/projects/:project/imports/:kind with the CSV as the body.
 * The import is track_import's, in the request's transaction: a file
 * with any problem changes nothing.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "lib/html.h"
#include "pages.h"
#include "track/track.h"

/* --- the page --- */

static void kinds_table(struct req *r)
{
	html(&r->out, "<div class=\"table-wrap\"><table><caption>What each "
	     "kind of file holds</caption><thead><tr><th scope=\"col\">Kind"
	     "</th><th scope=\"col\">Columns (a header row names them)</th>"
	     "<th scope=\"col\">Command</th></tr></thead><tbody>\n");
	for (const struct import_kind *k = import_kinds; k->name; k++)
		html(&r->out, "<tr><th scope=\"row\">%s</th><td><code>%s</code>"
		     "</td><td><code>/api/projects/%s/imports/%s</code></td>"
		     "</tr>\n", k->title, k->columns, r->project.name, k->name);
	html(&r->out, "</tbody></table></div>\n");
}

static int import_page(struct req *r, const struct form *f, const char *kind)
{
	const char *names[16];
	const char *titles[16];
	const char *err = form_error_for(f, "file");
	size_t n = 0;

	for (const struct import_kind *k = import_kinds; k->name && n < 15;
	     k++, n++) {
		names[n] = k->name;
		titles[n] = k->title;
	}
	names[n] = titles[n] = NULL;
	page_begin(r, "Import from CSV", "import");
	html(&r->out, "<h1>Import from CSV</h1><p>Bring many records in at "
	     "once from a spreadsheet saved as CSV (UTF-8, a header row "
	     "first). Every record is checked before any is kept: a file "
	     "with a problem changes nothing, and each problem is listed with "
	     "its line and column.</p>\n");
	form_summary(r, f);
	html(&r->out, "<form method=\"post\" action=\"/p/%u/import\" "
	     "enctype=\"multipart/form-data\" class=\"narrow\">",
	     r->project.name);
	page_csrf(r);
	form_select(r, f, "kind", "What the file holds", names, titles, kind,
		    NULL);
	html(&r->out, "<div class=\"field%s\"><label for=\"f-file\">CSV file "
	     "<span class=\"req\">(required)</span></label>",
	     err ? " field-error" : "");
	if (err)
		html(&r->out, "<p class=\"error\" id=\"e-file\">%s</p>", err);
	html(&r->out, "<input type=\"file\" id=\"f-file\" name=\"file\" "
	     "accept=\".csv,text/csv\" required%R></div>\n", err ?
	     " aria-describedby=\"e-file\" aria-invalid=\"true\"" : "");
	html(&r->out, "<button type=\"submit\">Import</button></form>\n");
	kinds_table(r);
	page_end(r);
	return 0;
}

int page_import(struct req *r)
{
	struct form f = FORM_INIT;
	int rc = import_page(r, &f, web_query(r, "kind"));

	form_release(&f);
	return rc;
}

/* Record the import of rows records of kind k in the audit log. */
static int audit(struct req *r, const struct import_kind *k, size_t rows)
{
	json_t *after = json_pack("{s:I}", "rows", (json_int_t)rows);
	int rc = web_audit(r, r->project.id, "import", k->name, NULL, after);

	json_decref(after);
	return rc;
}

int page_import_post(struct req *r)
{
	const struct import_kind *k = import_kind_find(web_form(r, "kind"));
	const struct web_field *file = web_form_file(r, "file");
	struct form f = FORM_INIT;
	struct strbuf line = STRBUF_INIT;
	struct diags d;
	size_t rows = 0;
	int rc = 0;

	diags_init(&d);
	if (!k)
		form_error(&f, "kind", "kind: choose what the file holds");
	if (!file || !*file->filename)
		form_error(&f, "file", "file: choose a CSV file to import");
	if (!f.nerrs)
		rc = track_import(r->st, r->kb, r->project.id, k,
				  file->filename, file->value, file->len,
				  track_today(), &rows, &d);
	for (size_t i = 0; i < d.n; i++) {
		sb_reset(&line);
		diag_format(&d.v[i], &line);
		form_error(&f, "file", line.buf);
	}
	if (rc == -1) {
		rc = web_store_fail(r);
	} else if (f.nerrs) {
		r->status = 422;
		rc = import_page(r, &f, k ? k->name : NULL);
	} else if (!(rc = audit(r, k, rows))) {
		rc = web_redirect_project(r, r->project.name,
					  "/%s?imported=%zu&of=%s", k->page,
					  rows, k->name);
	}
	diags_release(&d);
	sb_release(&line);
	form_release(&f);
	return rc;
}

void page_import_done(struct req *r)
{
	const struct import_kind *k = import_kind_find(web_query(r, "of"));
	struct strbuf sb = STRBUF_INIT;
	int64_t n;

	if (!k || web_int(web_query(r, "imported"), 0, INT64_MAX, &n))
		return;
	/* "Imported 3 settings." or "Recorded 1 measurement." */
	sb_addf(&sb, "%c%s %lld %s.", toupper((unsigned char)k->verb[0]), k->verb + 1,
		(long long)n, n == 1 ? k->one : k->many);
	page_notice(r, "ok", sb.buf);
	sb_release(&sb);
}

/* --- the API --- */

static json_t *problems_json(const struct diags *d)
{
	json_t *a = json_array();

	for (size_t i = 0; i < d->n; i++) {
		const struct diag *g = &d->v[i];
		const char *msg;
		char *field = diag_field(g, &msg);

		json_array_append_new(a, json_pack("{s:o, s:o, s:o, s:s}",
			"line", g->line > 0 ? json_integer(g->line) : json_null(),
			"column", g->col > 0 ? json_integer(g->col) : json_null(),
			"field", field ? json_string(field) : json_null(),
			"message", msg));
		free(field);
	}
	return a;
}

int api_import(struct req *r)
{
	const struct import_kind *k = import_kind_find(web_arg(r, 1));
	struct diags d;
	size_t rows;
	char file[64];
	int rc;

	if (!k)
		return web_not_found(r);
	if (!r->body)
		return web_fail(r, 415, "unsupported_media_type", "send the "
				"CSV file as the body, with Content-Type: "
				"text/csv");
	snprintf(file, sizeof(file), "%s.csv", k->name);
	diags_init(&d);
	rc = track_import(r->st, r->kb, r->project.id, k, file, r->body,
			  r->nbody, track_today(), &rows, &d);
	if (rc == -1)
		rc = web_store_fail(r);
	else if (rc)
		rc = web_json(r, 422, problems_json(&d));
	else if (!(rc = audit(r, k, rows)))
		rc = web_json(r, 201, json_pack("{s:I}", "rows",
						(json_int_t)rows));
	diags_release(&d);
	return rc;
}
