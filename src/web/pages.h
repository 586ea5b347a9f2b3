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
int page_evidence(struct req *r);
int page_element(struct req *r);
/* page_survey.c: what a stakeholder sees through a link */
int page_survey(struct req *r);
int page_survey_submit(struct req *r);

/* api_*.c: the JSON API (docs/api.md) */
int api_projects(struct req *r);
int api_project_create(struct req *r);
int api_project(struct req *r);
int api_assessment(struct req *r);
int api_roadmap(struct req *r);
int api_stakeholders(struct req *r);
int api_stakeholder_add(struct req *r);
int api_stakeholder_delete(struct req *r);
int api_links(struct req *r);
int api_link_add(struct req *r);
int api_checkpoint_set(struct req *r);
int api_audit(struct req *r);
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

#endif
