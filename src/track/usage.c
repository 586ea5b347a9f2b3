/* usage.c: depth of use: usage figures summed per metric and month. */
#include <math.h>
#include <string.h>

#include "lib/xalloc.h"
#include "track.h"

void track_usage(const struct usage_figure *v, size_t n,
		 struct usage_month **out, size_t *nout)
{
	size_t alloc = 0;
	double counted = 0;	/* values of the settings that gave eligible */

	*out = NULL;
	*nout = 0;
	for (size_t i = 0; i < n; i++) {
		struct usage_month *u = *nout ? &(*out)[*nout - 1] : NULL;

		if (!u || strcmp(u->metric, v[i].metric) ||
		    strcmp(u->month, v[i].month)) {
			XGROW(*out, alloc, *nout + 1);
			u = &(*out)[(*nout)++];
			memset(u, 0, sizeof(*u));
			u->metric = v[i].metric;
			u->month = v[i].month;
			u->share = -1;
			counted = 0;
		}
		u->total += v[i].value;
		u->settings++;
		if (isnan(v[i].eligible))
			continue;
		u->with_eligible++;
		u->eligible += v[i].eligible;
		counted += v[i].value;
		u->share = counted / u->eligible;
	}
}
