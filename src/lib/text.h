/* text.h: words, stems and UTF-8 helpers shared by search and checks. */
#ifndef WM_TEXT_H
#define WM_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Call fn for each word of s: a maximal run of ASCII letters and digits,
 * passed lower-cased in a NUL-terminated buffer valid only for the call.
 * Any other byte separates words. Words longer than 63 bytes are cut.
 */
typedef void (*text_word_fn)(const char *word, size_t len, void *ctx);
void text_words(const char *s, text_word_fn fn, void *ctx);

/* An English stemmer (Snowball, through libstemmer). */
struct stemmer;
struct stemmer *stemmer_new(void);
void stemmer_free(struct stemmer *st);
/*
 * The stem of a lower-case word, NUL-terminated, valid until the next
 * call on st. Returns word itself if stemming fails.
 */
const char *stem(struct stemmer *st, const char *word, size_t len);

/* True for common English words that carry no meaning in a search. */
bool text_is_stopword(const char *word);

/* True if the len bytes at s are valid UTF-8; else *bad is the offset. */
bool utf8_valid(const char *s, size_t len, size_t *bad);
/* Number of code points (display columns, near enough) in s[0..len). */
size_t utf8_width(const char *s, size_t len);

#endif
