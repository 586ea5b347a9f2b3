/* err.c: error reporting. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "err.h"

const char *err_progname = "waymark";

static void report(const char *fmt, va_list ap)
{
	fflush(stdout);
	fprintf(stderr, "%s: ", err_progname);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

int error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report(fmt, ap);
	va_end(ap);
	return -1;
}

void die(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report(fmt, ap);
	va_end(ap);
	exit(status);
}

void bug_at(const char *file, int line, const char *msg)
{
	fprintf(stderr, "%s: BUG: %s:%d: %s\n", err_progname, file, line, msg);
	abort();
}
