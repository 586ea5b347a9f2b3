/* store_int.h: what the store's files share; not for callers. */
#ifndef WM_STORE_INT_H
#define WM_STORE_INT_H

#include "db.h"
#include "lib/strbuf.h"
#include "store.h"

struct store {
	struct db *db;
	char *target;
	int version;
	char *backup;		/* copy taken before migrating, or NULL */
	struct strbuf err;	/* the last error, if set by the store */
};

/* Record "what: <driver message>" as the error and return -1. */
int store_fail(struct store *st, const char *what);
/* The current time as ISO 8601 UTC (allocated). */
char *store_now(void);

#endif
