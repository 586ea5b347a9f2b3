/* commands.c: the one table of waymark's subcommands. */
#include <string.h>

#include "cli.h"

const struct cmd commands[] = {
	{ "help", cmd_help, "show help for waymark or one command",
	  "usage: waymark help [COMMAND]\n"
	  "       waymark help --all\n" },
	{ "version", cmd_version, "print the version",
	  "usage: waymark version\n" },
	{ "kb", cmd_kb, "browse, search and check the evidence base",
	  "usage: waymark kb list [--kind KIND] [--source FRAMEWORK] [--json]\n"
	  "       waymark kb show ID [--all] [--json]\n"
	  "       waymark kb search TEXT... [--limit N] [--json]\n"
	  "       waymark kb crosswalk [--json]\n"
	  "       waymark kb frameworks [--json]\n"
	  "       waymark kb determinants [--json]\n"
	  "       waymark kb kinds [--json]\n"
	  "       waymark kb check [DIR] [--json]\n"
	  "\n"
	  "options:\n"
	  "    --kb DIR          add or replace frameworks from DIR's YAML files\n"
	  "    --json            print JSON (shapes in docs/json.md)\n"
	  "    --kind KIND       only elements of this kind\n"
	  "    --source FW       only elements of this framework\n"
	  "    --all             show every element that shares a determinant\n"
	  "    --limit N         at most N results (default 20; 0 for all)\n" },
	{ "project", cmd_project, "create, list, show, edit and remove projects",
	  "usage: waymark project new NAME [FIELDS] [--json]\n"
	  "       waymark project list [--json]\n"
	  "       waymark project show PROJECT [--json]\n"
	  "       waymark project edit PROJECT [FIELDS] [--add-group ID[:TITLE]]\n"
	  "                                   [--remove-group ID] [--json]\n"
	  "       waymark project rm PROJECT --yes\n"
	  "\n"
	  "PROJECT is a project's id or short name. FIELDS:\n"
	  "    --title TEXT        the project's full name\n"
	  "    --technology T      clinical-mobile-app, epr, shared-care-record,\n"
	  "                        telehealth or other (default other)\n"
	  "    --care-settings TEXT  e.g. 'acute, community'\n"
	  "    --sites N --staff N --settings N   scale (settings: how many must\n"
	  "                        take part)\n"
	  "    --partners LIST     comma list of industry, academic, nhs; or none\n"
	  "    --devices D         byod, organisation-owned or mixed\n"
	  "    --adoption A        opt-in or mandated (default mandated)\n"
	  "    --step S            vision, strategy, business-case, procurement,\n"
	  "                        implement or optimise (default vision)\n"
	  "    --platforms P       single or multiple device platforms (default\n"
	  "                        multiple)\n"
	  "    --dedicated-staff N people whose job is the implementation (default 0)\n"
	  "    --notes TEXT        free notes\n"
	  "    --anonymity K       least group size ever shown (default 5, at least 3)\n"
	  "    --name NAME         rename (edit only)\n"
	  "    --db PATH           the database (default $WAYMARK_DB or\n"
	  "                        ~/.local/share/waymark/waymark.db)\n" },
	{ "stakeholder", cmd_stakeholder, "add, list, edit, remove and import stakeholders",
	  "usage: waymark stakeholder add PROJECT --name NAME --group GROUP [FIELDS]\n"
	  "       waymark stakeholder list PROJECT [--json]\n"
	  "       waymark stakeholder edit PROJECT ID [FIELDS]\n"
	  "       waymark stakeholder rm PROJECT ID\n"
	  "       waymark stakeholder import PROJECT FILE.csv [--skip-bad]\n"
	  "\n"
	  "FIELDS:\n"
	  "    --name TEXT         name or role\n"
	  "    --group GROUP       one of the project's groups (see 'project show')\n"
	  "    --organisation TEXT\n"
	  "    --power N           1 to 5 (default 3)\n"
	  "    --interest N        1 to 5 (default 3)\n"
	  "    --attitude A        champion, supporter, neutral, sceptic or resistant\n"
	  "\n"
	  "The CSV file has a header naming name, group and any of organisation,\n"
	  "power, interest, attitude. Any bad value stops the import with nothing\n"
	  "imported, unless --skip-bad, which imports the good rows and lists the\n"
	  "others with their reasons.\n" },
	{ "survey", cmd_survey, "show, configure, export and import the stakeholder survey",
	  "usage: waymark survey show PROJECT [--json]\n"
	  "       waymark survey configure PROJECT [--determinants LIST|all]\n"
	  "                                [--exclude GROUP:DET] [--include GROUP:DET]\n"
	  "       waymark survey export PROJECT [--format fhir|csv|template]\n"
	  "       waymark survey import PROJECT FILE... [--format fhir|csv]\n"
	  "                                [--round N] [--skip-bad]\n"
	  "       waymark survey link PROJECT [--stakeholder ID] [--group G]\n"
	  "                                [--round N] [--label TEXT] [--json]\n"
	  "       waymark survey link PROJECT --revoke ID\n"
	  "\n"
	  "export writes an HL7 FHIR R4 Questionnaire (fhir, the default), the\n"
	  "data dictionary (csv) or the header of a responses file (template).\n"
	  "import reads FHIR QuestionnaireResponse JSON (one, or a Bundle) or CSV\n"
	  "(docs/survey-formats.md) into round N (default: the latest, or 1).\n"
	  "Any bad value stops the import with nothing imported, unless\n"
	  "--skip-bad. A response whose id is already kept is left unchanged.\n"
	  "link gives out a survey link and prints its path, /s/TOKEN, to put\n"
	  "after the server's address: one stakeholder's (answers once) or open\n"
	  "(any number of answers), for round N (default: the latest, or 1),\n"
	  "for group G or, without --group, asking the respondent's group.\n"
	  "--revoke ID withdraws a link so that it no longer takes answers.\n" },
	{ "assess", cmd_assess, "scores, barriers, enablers and ambivalence",
	  "usage: waymark assess show PROJECT [--round N] [--top N] [--json]\n"
	  "\n"
	  "Scores per determinant, overall and per stakeholder group, for round\n"
	  "N (default: the latest), with the change since the round before.\n"
	  "Groups smaller than the project's anonymity threshold never appear.\n"
	  "The method is in docs/scoring.md.\n" },
	{ "roadmap", cmd_roadmap, "the evidence-matched road map of a project",
	  "usage: waymark roadmap PROJECT [--format text|markdown|json] [--round N]\n"
	  "\n"
	  "Actions from the evidence matched to the project's barriers, disputed\n"
	  "and unknown determinants (from the latest assessment, or round N) and\n"
	  "its circumstances, ranked and placed in phases and steps; each says\n"
	  "why it is there and cites its sources. Also advice on a big-bang or\n"
	  "phased rollout. The rules are in docs/roadmap.md.\n" },
	{ "gate", cmd_gate, "whether a project may move on from a step",
	  "usage: waymark gate PROJECT [STEP] [--json]\n"
	  "\n"
	  "The progress checkpoints of STEP (default: the project's step), which\n"
	  "are done, what is still open, and interim options when not ready.\n" },
	{ "checkpoint", cmd_checkpoint, "tick or untick a gate's checkpoint",
	  "usage: waymark checkpoint done PROJECT CHECKPOINT --by NAME [--note TEXT]\n"
	  "       waymark checkpoint undo PROJECT CHECKPOINT\n" },
	{ "action", cmd_action, "browse the evidence's actions",
	  "usage: waymark action list [--step STEP] [--determinant ID] [--json]\n"
	  "       waymark action show ID [--json]\n" },
	{ "demo", cmd_demo, "create a sample project to explore",
	  "usage: waymark demo [--db PATH]\n"
	  "\n"
	  "Creates 'demo-clinical-app': a hospital-wide clinical app on staff's\n"
	  "own phones, with stakeholders and two rounds of responses. While the\n"
	  "database has no users, also creates the administrator 'admin' and\n"
	  "prints its generated password once.\n" },
	{ "serve", cmd_serve, "run the web application",
	  "usage: waymark serve [--demo] [--listen ADDR:PORT] [--port N]\n"
	  "                     [--config FILE] [SETTINGS]\n"
	  "\n"
	  "options (each also a 'name = value' line of the --config file;\n"
	  "flags win over the file):\n"
	  "    --access-log FILE   one JSON line per request; - for stderr, off\n"
	  "                        for none (default -)\n"
	  "    --config FILE       read settings from FILE\n"
	  "    --connections N     open connections at once (default 1000)\n"
	  "    --db PATH           the database (default $WAYMARK_DB or\n"
	  "                        ~/.local/share/waymark/waymark.db)\n"
	  "    --demo              create the demo project (and an administrator\n"
	  "                        while there are no users) before serving\n"
	  "    --listen ADDR:PORT  where to listen (default 127.0.0.1:8080; port 0\n"
	  "                        picks a free one)\n"
	  "    --max-body BYTES    largest request body (default 1048576)\n"
	  "    --max-fields N      most fields in a form (default 500)\n"
	  "    --port N            the port alone (default 8080)\n"
	  "    --public-url URL    how links given out are written (default: as\n"
	  "                        the browser reached the server)\n"
	  "    --secure-cookies yes|no  mark cookies Secure, when served over TLS\n"
	  "                        by a proxy (default no)\n"
	  "    --session-hours N   how long a login lasts (default 12)\n"
	  "    --threads N         request threads (default 4)\n"
	  "    --timeout SECONDS   idle connections are closed after (default 30)\n" },
	{ "user", cmd_user, "manage the web application's accounts",
	  "usage: waymark user add NAME [--display TEXT] [--admin] [--password-stdin]\n"
	  "       waymark user list [--json]\n"
	  "       waymark user passwd NAME [--password-stdin]\n"
	  "       waymark user rm NAME --yes\n"
	  "       waymark user token NAME [--label TEXT]\n"
	  "       waymark user grant NAME PROJECT lead|contributor|viewer|none\n"
	  "\n"
	  "Without --password-stdin a password is generated and printed once.\n"
	  "Passwords have at least 10 characters and are kept as Argon2id hashes.\n"
	  "'token' prints a new API token (send it as 'Authorization: Bearer\n"
	  "TOKEN'); 'grant' sets a user's role in a project.\n" },
	{ "setting", cmd_setting, "the settings that must take part in a rollout",
	  "usage: waymark setting add PROJECT --name NAME --type TYPE [--parent P]\n"
	  "                           [--it-system S]\n"
	  "       waymark setting list PROJECT [--json]\n"
	  "       waymark setting import PROJECT FILE.csv\n"
	  "\n"
	  "A setting is an organisation, a site or a team that must take part;\n"
	  "its name is unique in the project; --parent names another setting of\n"
	  "the project (its organisation); --it-system the system it uses now.\n"
	  "The CSV file has a header naming name and type and any of parent and\n"
	  "it_system; a parent may be in the project or in the file. Any bad\n"
	  "value stops the import with nothing imported.\n" },
	{ "milestone", cmd_milestone, "the rollout's milestones and when settings reached them",
	  "usage: waymark milestone list PROJECT [--json]\n"
	  "       waymark milestone set PROJECT SETTING MILESTONE DATE\n"
	  "       waymark milestone import PROJECT FILE.csv\n"
	  "\n"
	  "list shows the project's milestones in order (by default engaged,\n"
	  "isa-signed, configured, trained, live, routine-use). set records the\n"
	  "day (YYYY-MM-DD, not after today) SETTING reached MILESTONE,\n"
	  "replacing an earlier record. The CSV file has a header naming setting,\n"
	  "milestone and date. Any bad value stops the import with nothing kept.\n" },
	{ "coverage", cmd_coverage, "the share of settings that reached a milestone, over time",
	  "usage: waymark coverage PROJECT [--milestone M] [--from DATE] [--to DATE]\n"
	  "                        [--every week|month] [--stalled-weeks N] [--json]\n"
	  "\n"
	  "options:\n"
	  "    --milestone M       the milestone counted (default live); a setting\n"
	  "                        at a later milestone counts as having reached it\n"
	  "    --from DATE         the first day (default: the first day recorded)\n"
	  "    --to DATE           the last day (default today)\n"
	  "    --every week|month  the step between days (default month)\n"
	  "    --stalled-weeks N   a setting is stalled after N weeks without a new\n"
	  "                        milestone, before reaching the last (default 8)\n"
	  "    --json              print JSON\n"
	  "\n"
	  "The share is over the project's 'settings' figure when that is larger\n"
	  "than the registry, else over the registry; by type, over the settings\n"
	  "registered of that type.\n" },
	{ "benefit", cmd_benefit, "benefit profiles, their measurements and progress",
	  "usage: waymark benefit add PROJECT --name NAME --metric TEXT --unit U\n"
	  "                           --baseline X --baseline-date DATE --target Y\n"
	  "                           --target-date DATE [FIELDS]\n"
	  "       waymark benefit list PROJECT [--json]\n"
	  "       waymark benefit show PROJECT BENEFIT [--json]\n"
	  "       waymark benefit edit PROJECT BENEFIT [FIELDS]\n"
	  "       waymark benefit rm PROJECT BENEFIT\n"
	  "       waymark benefit measure PROJECT BENEFIT DATE VALUE [--note TEXT]\n"
	  "       waymark benefit import PROJECT FILE.csv\n"
	  "\n"
	  "BENEFIT is a benefit's name or id. FIELDS:\n"
	  "    --name TEXT         unique in the project\n"
	  "    --metric TEXT       what is measured\n"
	  "    --unit TEXT         its unit, e.g. minutes\n"
	  "    --owner TEXT        who answers for it\n"
	  "    --baseline X --baseline-date DATE   where it started\n"
	  "    --target Y --target-date DATE       where it should be (above or\n"
	  "                        below the baseline; the date after the baseline's)\n"
	  "    --schedule S        monthly, quarterly or yearly (default quarterly)\n"
	  "    --cash-releasing yes|no  whether it frees cash (default no)\n"
	  "\n"
	  "Progress is the share of the way from baseline to target at the latest\n"
	  "measurement, against a straight line from the baseline's date to the\n"
	  "target's: met, on-track or behind (docs/tracking.md). measure records a\n"
	  "value on a day (not after today), replacing one of the same day. The\n"
	  "CSV file has a header naming benefit, date and value, and note. Any bad\n"
	  "value stops the import with nothing kept.\n" },
	{ "cost", cmd_cost, "the cost model: costs and benefits' value by year",
	  "usage: waymark cost model PROJECT [--first-year YEAR] [--horizon N]\n"
	  "       waymark cost add PROJECT --name NAME --category C --expected X\n"
	  "                        [FIELDS]\n"
	  "       waymark cost list PROJECT [--json]\n"
	  "       waymark cost edit PROJECT ITEM [FIELDS]\n"
	  "       waymark cost rm PROJECT ITEM\n"
	  "       waymark cost import PROJECT FILE.csv\n"
	  "\n"
	  "model sets (or, without options, shows) the calendar year of programme\n"
	  "year 1 and the horizon in years (1 to 30). ITEM is an item's name or\n"
	  "id. FIELDS:\n"
	  "    --name TEXT         unique in the project\n"
	  "    --flow F            cost or benefit (default cost)\n"
	  "    --category C        e.g. devices, licences, support, training\n"
	  "    --kind K            one-off or recurring (default one-off)\n"
	  "    --start-year N      programme year it starts (default 1)\n"
	  "    --end-year N        last programme year; none for the horizon\n"
	  "    --refresh N         a one-off bought again every N years; none\n"
	  "    --ramp N            a recurring item reaches full value over N years\n"
	  "    --low X --expected X --high X   amount a year in each case\n"
	  "                        (low and high default to expected)\n"
	  "    --benefit BENEFIT   the benefit profile it values; '' for none\n"
	  "\n"
	  "The CSV file has a header naming name, flow, category, kind,\n"
	  "start_year and expected, and any of end_year, refresh, ramp, low, high\n"
	  "and benefit. Any bad value stops the import with nothing kept.\n" },
	{ "breakeven", cmd_breakeven, "the cost model by year and its break-even",
	  "usage: waymark breakeven PROJECT [--case low|expected|high] [--json]\n"
	  "\n"
	  "Costs, benefits and net by year over the horizon, their running\n"
	  "totals, and the year the cumulative net turns non-negative and stays\n"
	  "so, for each case (or only --case); then totals by category. The\n"
	  "rules are in docs/tracking.md.\n" },
	{ NULL, NULL, NULL, NULL }
};

const struct cmd *cli_find(const char *name)
{
	for (const struct cmd *c = commands; c->name; c++)
		if (!strcmp(c->name, name))
			return c;
	return NULL;
}
