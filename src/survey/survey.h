/*
 * survey.h: a project's stakeholder survey, generated from the evidence
 * base, and the responses to it as they come in from files.
 *
 * A survey is a list of items (the statements that the evidence base's
 * determinants carry, for the determinants the project chose) and the
 * stakeholder groups that may answer. Each item is rated on a five-point
 * agreement scale, or "don't know", with an optional comment.
 */
#ifndef WM_SURVEY_H
#define WM_SURVEY_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "lib/diag.h"
#include "lib/strset.h"

struct strbuf;

/* Answer codes, one byte per item. */
enum {
	ANS_NONE = 0,		/* not answered */
	/* 1..5: strongly disagree .. strongly agree */
	ANS_DONT_KNOW = 6
};

struct survey_item {
	char *id;		/* the statement id, e.g. "leadership.sponsor" */
	char *determinant;	/* its determinant id */
	char *determinant_title;
	char *text;
	bool reversed;		/* agreement means weakness */
};

struct survey_group {
	char *id;		/* e.g. "nursing" */
	char *title;		/* e.g. "Nursing" */
};

struct survey {
	char *project;		/* the project's short name */
	char *title;		/* the project's name */
	struct survey_item *items;
	size_t nitems;
	struct survey_group *groups;
	size_t ngroups;
	/* asked[g * nitems + i]: whether group g is asked item i (tailoring) */
	bool *asked;
};

/*
 * A bad response keeps what could be read: its id may be NULL and its
 * group SIZE_MAX when those were at fault.
 */
struct survey_response {
	char *id;		/* the response's identifier, unique per project */
	size_t group;		/* index into survey.groups */
	unsigned char *values;	/* nitems answer codes */
	char **comments;	/* nitems; NULL where none */
	long record;		/* its record index in the file */
	bool bad;		/* a problem was found in it (see the diags) */
};

struct survey_batch {
	struct survey_response *v;
	size_t n, alloc;
	size_t nitems;		/* per response (set by survey_batch_add) */
	struct strset ids;	/* the ids taken, to find duplicates */
};

struct kb;
struct store;
struct project;
/*
 * Generate project p's survey: the statements of the determinants it
 * chose (all when it chose none) in the crosswalk's order, its groups,
 * and which group is asked what. Returns 0, or -1 (store_error says why).
 */
int survey_build(const struct kb *kb, struct store *st,
		 const struct project *p, struct survey *s);

/* Free everything s owns; s is left empty. */
void survey_release(struct survey *s);
/* Index of item id, or -1. */
long survey_item_index(const struct survey *s, const char *id);
/* Index of group id, or -1. */
long survey_group_index(const struct survey *s, const char *id);

/* An empty batch (release it with survey_batch_release). */
void survey_batch_init(struct survey_batch *b);
/* Free every response and its ids, values and comments; b is left empty. */
void survey_batch_release(struct survey_batch *b);

/*
 * --- survey.c: building responses, shared by the readers below ---
 *
 * Each setter returns 0, or -1 with a message for the user in why (the
 * reader adds where the problem is).
 */

/* Length of a UTF-8 byte-order mark at the start of data: 3 or 0. */
size_t survey_bom_len(const char *data, size_t len);
/* True if data holds nothing but spaces, tabs and line ends. */
bool survey_is_blank(const char *data, size_t len);

/* What an answer may be, for messages: "expected " SURVEY_VALUES ... */
#define SURVEY_VALUES "one of 1, 2, 3, 4, 5 or dk"

/*
 * Parse an answer as written in a file: "1" to "5", or "dk" in any case,
 * into *out (1..5 or ANS_DONT_KNOW). Returns 0, or -1 for anything else,
 * the empty string included (leaving an item out is the reader's
 * business).
 */
int survey_parse_value(const char *s, unsigned char *out);
/* An item's comment is named by its id and this: "ITEM.comment". */
#define SURVEY_COMMENT_SUFFIX ".comment"
/* Index of the item whose comment is named, or -1. */
long survey_comment_index(const struct survey *s, const char *name);

/*
 * Append a blank response for record to b: no id, group SIZE_MAX,
 * nothing answered. The pointer is valid until the next append.
 */
struct survey_response *survey_batch_add(struct survey_batch *b,
					 const struct survey *s, long record);
/* Set r's id: fails if id is empty or b already has it. */
int survey_set_id(struct survey_batch *b, struct survey_response *r,
		  const char *id, struct strbuf *why);
/* Set r's group from a group id: fails if the id is unknown. */
int survey_set_group(const struct survey *s, struct survey_response *r,
		     const char *id, struct strbuf *why);
/*
 * Record answer v (1..5 or ANS_DONT_KNOW) to item i, or comment text (a
 * copy is kept). Both fail if the item already has one, or if r's group
 * (when known) is not asked the item.
 */
int survey_set_value(const struct survey *s, struct survey_response *r,
		     size_t i, unsigned char v, struct strbuf *why);
int survey_set_comment(const struct survey *s, struct survey_response *r,
		       size_t i, const char *text, struct strbuf *why);

/* --- fhir.c: HL7 FHIR R4 --- */

/*
 * The survey as a FHIR R4 Questionnaire: one group item per determinant
 * holding its statements as choice items (answerOption codes 1..5 and
 * "dk"), each followed by an optional text item "ITEM.comment", and a
 * first required choice item "group" for the respondent's group.
 */
json_t *survey_to_fhir(const struct survey *s);

/*
 * Parse FHIR QuestionnaireResponse JSON (one resource, or a Bundle of
 * them) into b. Every problem goes to d with file:line:column for syntax
 * errors and a JSON pointer for the rest; the responses at fault are
 * marked bad. Returns 0 if the file could be read as a whole (some
 * responses may still be bad), -1 if the file itself is unusable.
 */
int survey_parse_fhir(const struct survey *s, const char *file,
		      const char *data, size_t len, struct survey_batch *b,
		      struct diags *d);

/* --- csv.c --- */

/*
 * Write the survey as CSV: the data dictionary (one row per item: item,
 * determinant, determinant_title, text, reversed, values) to f.
 */
void survey_write_dictionary_csv(const struct survey *s, FILE *f);
/* Write a blank response template: the header row of a responses file. */
void survey_write_template_csv(const struct survey *s, FILE *f);

/*
 * Parse responses as CSV: a header row naming "response_id", "group" and
 * item ids (an item id plus ".comment" holds its comment), then one row
 * per response. Values: 1 to 5, "dk" for don't know, empty for not
 * answered. Accepts a UTF-8 byte-order mark, CRLF line ends and quoted
 * fields holding commas, quotes or newlines. Problems go to d with
 * file:line:column and the column's name. Returns as survey_parse_fhir.
 */
int survey_parse_csv(const struct survey *s, const char *file,
		     const char *data, size_t len, struct survey_batch *b,
		     struct diags *d);

/* --- keep.c: responses into the store --- */

/* Maps a survey's items to the project's answer slots (see store_items). */
struct survey_keeper {
	struct store *st;
	int64_t project;
	const struct survey *s;
	size_t *slots, nslots;
	unsigned char *packed;
	char **comments;
};
/*
 * Ready k to keep responses to s in project, giving new items their
 * slots. s must outlive k. Returns 0, or -1 with the store's error.
 */
int survey_keeper_init(struct survey_keeper *k, struct store *st,
		       int64_t project, const struct survey *s);
void survey_keeper_release(struct survey_keeper *k);
/*
 * Keep r in round unless a response with its id is already kept (then
 * *added is false and nothing changes: a retried submission is counted
 * once). Returns 0, or -1 with the store's error.
 */
int survey_keep(struct survey_keeper *k, int64_t round,
		const struct survey_response *r, bool *added);

#endif
