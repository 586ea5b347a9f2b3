/* strset.h: a set of strings (open addressing, FNV-1a), for duplicate checks. */
#ifndef WM_STRSET_H
#define WM_STRSET_H

#include <stdbool.h>
#include <stddef.h>

struct strset {
	char **slot;		/* owned copies; NULL for empty */
	size_t cap, n;
};

/* An empty set; release frees every key and leaves it empty again. */
void strset_init(struct strset *s);
void strset_release(struct strset *s);
/* Add a copy of key; returns false if it was there already. */
bool strset_add(struct strset *s, const char *key);
bool strset_has(const struct strset *s, const char *key);

#endif
