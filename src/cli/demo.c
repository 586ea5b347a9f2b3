/* demo.c: 'waymark demo': create the sample project. */
#include <stdio.h>

#include "assess/demo.h"
#include "cli.h"
#include "lib/err.h"
#include "opts.h"
#include "store/store.h"

int cmd_demo(int argc, char **argv)
{
	static const struct opt table[] = { { NULL, false } };
	struct opts o;
	struct project p;
	int rc = cli_parse("demo", argc, argv, table, &o);

	if (rc)
		return rc == 1 ? 0 : rc;
	if (o.argc)
		return cli_usage_error("demo", "unexpected argument '%s'", o.argv[0]);
	rc = demo_create(cli_kb(), cli_store(), &p);
	if (rc == STORE_CONFLICT) {
		printf("the demo project '%s' is already in %s\n", DEMO_PROJECT,
		       cli_db_target());
		project_release(&p);
		return 0;
	}
	if (rc)
		die(EXIT_INTERNAL, "%s", store_error(cli_store()));
	printf("created the demo project '%s' in %s\n\n"
	       "  waymark project show %s\n"
	       "  waymark stakeholder list %s\n"
	       "  waymark assess show %s\n"
	       "  waymark assess show %s --round 1\n",
	       p.name, cli_db_target(), p.name, p.name, p.name, p.name);
	project_release(&p);
	return 0;
}
