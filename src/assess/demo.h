/* demo.h: the sample project that 'waymark demo' creates. */
#ifndef WM_DEMO_H
#define WM_DEMO_H

#include "assess/project.h"

#define DEMO_PROJECT "demo-clinical-app"

struct kb;
struct store;

/*
 * Create the demo project in st: the project, its stakeholders and two
 * rounds of responses drawn from a fixed seed. Fills p (release it).
 * Returns 0, STORE_CONFLICT if it exists already, or -1.
 */
int demo_create(const struct kb *kb, struct store *st, struct project *p);

#endif
