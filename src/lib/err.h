/* err.h: error reporting and the documented exit codes. */
#ifndef WM_ERR_H
#define WM_ERR_H

/* Exit codes, documented in docs/waymark.1 (EXIT STATUS). */
enum {
	EXIT_OK = 0,
	EXIT_USAGE = 2,		/* the command line was wrong */
	EXIT_BADINPUT = 3,	/* a file or value given was invalid */
	EXIT_NOTFOUND = 4,	/* a named thing does not exist */
	EXIT_INTERNAL = 5	/* I/O, database or other internal failure */
};

/* The name errors are prefixed with; "waymark" unless changed. */
extern const char *err_progname;

/*
 * error() prints "PROG: MESSAGE" on stderr and returns -1, so that
 * "return error(...)" reads naturally. die() prints the same and exits
 * with the given status. Messages are lower case, without a full stop.
 */
int error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
_Noreturn void die(int status, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* A broken invariant: reports file and line, then aborts. */
#define BUG(msg) bug_at(__FILE__, __LINE__, (msg))
_Noreturn void bug_at(const char *file, int line, const char *msg);

#endif
