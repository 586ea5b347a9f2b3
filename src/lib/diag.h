/*
 * diag.h: a list of problems found in input, each with where it is
 * (file, line, column, and a field or JSON pointer when that says more)
 * and which record it belongs to, so that callers can report them all
 * at once or skip just the records at fault.
 */
#ifndef WM_DIAG_H
#define WM_DIAG_H

#include <stddef.h>
#include <stdio.h>

struct diag {
	char *file;
	int line, col;		/* 1-based; 0 when unknown */
	char *where;		/* field name or JSON pointer; NULL if none */
	long record;		/* index of the record at fault; -1 for the file */
	char *msg;
};

struct diags {
	struct diag *v;
	size_t n, alloc;
};

/* An empty list; release frees every problem and leaves it empty. */
void diags_init(struct diags *d);
void diags_release(struct diags *d);
/* Append a problem; record -1 means the whole file is at fault. */
void diag_add(struct diags *d, const char *file, int line, int col,
	      const char *where, long record, const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));
struct strbuf;
/* Append g as "file:line:col: [where: ]message" (no newline). */
void diag_format(const struct diag *g, struct strbuf *sb);
/*
 * The field g concerns, allocated, or NULL: its where, else a leading
 * "name: " of its message (lower-case letters and '_'). *msg is set to
 * the message without that name.
 */
char *diag_field(const struct diag *g, const char **msg);
/* Print each as "file:line:col: [where: ]message". */
void diags_print(const struct diags *d, FILE *f);
/* True if any problem concerns record rec. */
int diag_record_bad(const struct diags *d, long rec);
/* True if any problem concerns the whole file rather than one record. */
int diags_file_level(const struct diags *d);

#endif
