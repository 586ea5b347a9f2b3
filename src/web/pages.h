/*
 * pages.h: every handler of the route table (routes.c), one file each:
 * page_*.c answer HTML, api_*.c answer JSON.
 */
#ifndef WM_PAGES_H
#define WM_PAGES_H

#include "web.h"

/* page_static.c: the stylesheet and scripts, compiled in */
int page_static(struct req *r);
/* page_login.c */
int page_home(struct req *r);
int page_login(struct req *r);
int page_login_post(struct req *r);
int page_logout(struct req *r);
/* page_projects.c */
int page_projects(struct req *r);
int page_project_new(struct req *r);
int page_project_create(struct req *r);
/* page_project.c: overview and the project form */
int page_project(struct req *r);
int page_project_edit(struct req *r);
int page_project_save(struct req *r);
/* page_stakeholders.c */
int page_stakeholders(struct req *r);
int page_stakeholder_add(struct req *r);
int page_stakeholder_edit(struct req *r);
int page_stakeholder_save(struct req *r);
int page_stakeholder_delete(struct req *r);
/* page_members.c */
int page_members(struct req *r);
int page_members_save(struct req *r);
/* page_audit.c */
int page_audit(struct req *r);
/* page_links.c: survey links */
int page_links(struct req *r);
int page_links_add(struct req *r);
int page_link_revoke(struct req *r);
/* page_users.c: site administration */
int page_users(struct req *r);
int page_users_add(struct req *r);
/* page_dashboard.c */
int page_dashboard(struct req *r);
/* page_roadmap.c */
int page_roadmap(struct req *r);
int page_checkpoint_save(struct req *r);
/* page_rollout.c: coverage over time, stalled settings, depth of use */
int page_rollout(struct req *r);
/* page_registry.c: the settings registry */
int page_registry(struct req *r);
int page_registry_add(struct req *r);
int page_registry_edit(struct req *r);
int page_registry_save(struct req *r);
int page_registry_delete(struct req *r);
int page_registry_milestone(struct req *r);
int page_registry_tool_add(struct req *r);
int page_registry_tool_remove(struct req *r);
struct form;
struct group;
/* The registry page with the problems of f (a refused change). */
int registry_page(struct req *r, const struct form *f);
/* page_milestones.c: the milestones' list on the registry page */
void milestones_section(struct req *r, const struct form *f,
			const struct group *v, size_t n);
int page_milestone_add(struct req *r);
int page_milestone_rename(struct req *r);
int page_milestone_move(struct req *r);
int page_milestone_delete(struct req *r);
/* page_benefits.c */
int page_benefits(struct req *r);
int page_benefit_add(struct req *r);
int page_benefit(struct req *r);
int page_benefit_save(struct req *r);
int page_benefit_measure(struct req *r);
int page_benefit_delete(struct req *r);
/* page_costs.c: the cost model and break-even */
int page_costs(struct req *r);
int page_cost_model_save(struct req *r);
int page_cost_add(struct req *r);
int page_cost_edit(struct req *r);
int page_cost_save(struct req *r);
int page_cost_delete(struct req *r);
/* page_evidence.c */
/* page_import.c: CSV imports by upload, and the API's */
int page_import(struct req *r);
int page_import_post(struct req *r);
int api_import(struct req *r);
/* The notice "Imported N kinds." after an import redirected here. */
void page_import_done(struct req *r);
int page_evidence(struct req *r);
int page_element(struct req *r);
/* page_workarounds.c: the workaround and mismatch log */
int page_workarounds(struct req *r);
int page_workaround_add(struct req *r);
int page_workaround_edit(struct req *r);
int page_workaround_save(struct req *r);
int page_workaround_delete(struct req *r);
/* page_survey.c: what a stakeholder sees through a link */
int page_survey(struct req *r);
int page_survey_submit(struct req *r);
/* page_log.c: the barrier and enabler log (api_log.c shares the last two) */
int page_log(struct req *r);
int page_log_add(struct req *r);
int page_log_edit(struct req *r);
int page_log_save(struct req *r);
int page_log_delete(struct req *r);
struct observation;
/* Load the entry args[1] names, of this project; -1 after answering 404. */
int log_entry_load(struct req *r, struct observation *o);
/* Audit a change to entry id as "observation:ID". 0 or -1. */
int log_entry_audit(struct req *r, const char *action, int64_t id,
		    json_t *before, json_t *after);

/* api_*.c: the JSON API (docs/api.md) */
int api_projects(struct req *r);
int page_portfolio(struct req *r);
int api_portfolio(struct req *r);
int api_project_create(struct req *r);
int api_project(struct req *r);
int api_assessment(struct req *r);
int api_roadmap(struct req *r);
int api_stakeholders(struct req *r);
int api_stakeholder_add(struct req *r);
int api_stakeholder(struct req *r);
int api_stakeholder_update(struct req *r);
int api_stakeholder_delete(struct req *r);
int api_links(struct req *r);
int api_link_add(struct req *r);
int api_checkpoint_set(struct req *r);
int api_audit(struct req *r);
int api_settings(struct req *r);
int api_setting_add(struct req *r);
int api_coverage(struct req *r);
int api_setting_milestone(struct req *r);
int api_benefits(struct req *r);
int api_benefit_add(struct req *r);
int api_benefit_measure(struct req *r);
int api_costs(struct req *r);
int api_cost_add(struct req *r);
int api_breakeven(struct req *r);
int api_kb_search(struct req *r);
int api_kb_element(struct req *r);
int api_survey(struct req *r);
int api_survey_submit(struct req *r);
/* api_workaround.c */
struct workaround;
/*
 * Load the entry whose id is the route's second segment, of r's project
 * only (w zeroed first; release it). Returns 0, or -1 answered (404).
 */
int workaround_from_path(struct req *r, struct workaround *w);
int api_workarounds(struct req *r);
int api_workarounds_fix_first(struct req *r);
int api_workaround_add(struct req *r);
int api_workaround_update(struct req *r);
int api_workaround_delete(struct req *r);
int api_log(struct req *r);
int api_log_add(struct req *r);
int api_log_update(struct req *r);
int api_log_delete(struct req *r);

#endif
