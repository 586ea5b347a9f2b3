/*
 * jsonout.h: how waymark writes JSON numbers, the same in the CLI and the
 * API: ten significant digits, enough for every score, interval and
 * share, without the binary noise of seventeen (4.128, not
 * 4.1280000000000001).
 */
#ifndef WM_JSONOUT_H
#define WM_JSONOUT_H

#include <jansson.h>

#define JSON_OUT_REAL JSON_REAL_PRECISION(10)

#endif
