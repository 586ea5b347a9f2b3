/* xalloc.h: the one allocation wrapper; out of memory ends the process. */
#ifndef WM_XALLOC_H
#define WM_XALLOC_H

#include <stddef.h>

/*
 * Each behaves like its libc namesake but never returns NULL: on failure
 * it prints "waymark: out of memory" and exits with status 5. Memory is
 * released with free().
 */
void *xmalloc(size_t size);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *ptr, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* Grow *arr (of *alloc elements of elsize bytes) to hold at least need. */
void xgrow(void **arr, size_t *alloc, size_t need, size_t elsize);
#define XGROW(arr, alloc, need) \
	xgrow((void **)&(arr), &(alloc), (need), sizeof(*(arr)))

#endif
