/* layout.c: the frame every HTML page shares: head, site menu, project menu. */
#include <string.h>

#include "lib/html.h"
#include "web.h"

struct tab {
	const char *id, *label, *path;
	enum role least;
};

static const struct tab project_tabs[] = {
	{ "overview", "Overview", "", ROLE_VIEWER },
	{ "dashboard", "Dashboard", "/dashboard", ROLE_VIEWER },
	{ "roadmap", "Road map", "/roadmap", ROLE_VIEWER },
	{ "stakeholders", "Stakeholders", "/stakeholders", ROLE_VIEWER },
	{ "rollout", "Rollout", "/rollout", ROLE_VIEWER },
	{ "registry", "Registry", "/registry", ROLE_VIEWER },
	{ "workarounds", "Workarounds", "/workarounds", ROLE_VIEWER },
	{ "log", "Log", "/log", ROLE_VIEWER },
	{ "benefits", "Benefits", "/benefits", ROLE_VIEWER },
	{ "costs", "Costs", "/costs", ROLE_VIEWER },
	{ "import", "Import", "/import", ROLE_CONTRIBUTOR },
	{ "links", "Survey links", "/links", ROLE_LEAD },
	{ "members", "People", "/members", ROLE_VIEWER },
	{ "audit", "Audit log", "/audit", ROLE_LEAD },
	{ "edit", "Settings", "/edit", ROLE_LEAD },
	{ NULL, NULL, NULL, ROLE_NONE }
};

static void site_menu(struct req *r)
{
	struct strbuf *o = &r->out;

	html(o, "<header class=\"site\"><a class=\"brand\" href=\"/\">waymark</a>");
	if (!r->user.id) {
		html(o, "</header>\n");
		return;
	}
	html(o, "<nav aria-label=\"Site\"><a href=\"/projects\">Projects</a>"
	     "<a href=\"/portfolio\">Portfolio</a><a href=\"/evidence\">"
	     "Evidence</a>");
	if (r->user.admin)
		html(o, "<a href=\"/admin/users\">Users</a>");
	html(o, "</nav><form class=\"logout\" method=\"post\" action=\"/logout\">");
	page_csrf(r);
	html(o, "<span class=\"who\">%s</span> <button type=\"submit\">Log "
	     "out</button></form></header>\n", r->user.display);
}

static void project_menu(struct req *r, const char *current)
{
	struct strbuf *o = &r->out;

	html(o, "<div class=\"project-head\"><p class=\"project-title\">"
	     "<a href=\"/p/%u\">%s</a></p><nav class=\"tabs\" "
	     "aria-label=\"Project\">", r->project.name, r->project.title);
	for (const struct tab *t = project_tabs; t->id; t++) {
		if (r->role < t->least)
			continue;
		html(o, "<a href=\"/p/%u%s\"%R>%s</a>", r->project.name, t->path,
		     current && !strcmp(current, t->id) ?
		     " aria-current=\"page\"" : "", t->label);
	}
	html(o, "</nav></div>\n");
}

void page_begin(struct req *r, const char *title, const char *current)
{
	html(&r->out, "<!doctype html>\n<html lang=\"en-GB\"><head>"
	     "<meta charset=\"utf-8\">"
	     "<meta name=\"viewport\" content=\"width=device-width, "
	     "initial-scale=1\">"
	     "<title>%s · waymark</title>"
	     "<link rel=\"stylesheet\" href=\"/static/app.css\">"
	     "<script src=\"/static/app.js\" defer></script>"
	     "</head>\n<body><a class=\"skip\" href=\"#main\">Skip to "
	     "content</a>\n", title);
	site_menu(r);
	if (r->project.id && r->role)
		project_menu(r, current);
	html(&r->out, "<main id=\"main\">\n");
}

void page_end(struct req *r)
{
	html(&r->out, "</main>\n<footer class=\"site\"><p>waymark: evidence "
	     "for large-scale digital change in health and care. "
	     "<a href=\"/evidence\">Sources</a></p></footer>\n</body></html>\n");
}

void page_csrf(struct req *r)
{
	if (r->session.csrf)
		html(&r->out, "<input type=\"hidden\" name=\"csrf\" "
		     "value=\"%s\">", r->session.csrf);
}

void page_notice(struct req *r, const char *kind, const char *text)
{
	html(&r->out, "<div class=\"notice notice-%s\" role=\"%s\"><p>%s</p>"
	     "</div>\n", kind, !strcmp(kind, "error") ? "alert" : "status",
	     text);
}
