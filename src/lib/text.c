/* text.c: words, stems and UTF-8. */
#include <ctype.h>
#include <libstemmer.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "xalloc.h"

void text_words(const char *s, text_word_fn fn, void *ctx)
{
	char word[64];
	size_t n = 0;

	for (;; s++) {
		unsigned char c = (unsigned char)*s;
		if (c < 0x80 && isalnum(c)) {
			if (n < sizeof(word) - 1)
				word[n++] = (char)tolower(c);
			continue;
		}
		if (n) {
			word[n] = '\0';
			fn(word, n, ctx);
			n = 0;
		}
		if (!c)
			break;
	}
}

struct stemmer {
	struct sb_stemmer *sb;
	char *out;
	size_t alloc;
};

struct stemmer *stemmer_new(void)
{
	struct stemmer *st = xcalloc(1, sizeof(*st));
	st->sb = sb_stemmer_new("english", NULL);
	return st;
}

void stemmer_free(struct stemmer *st)
{
	if (!st)
		return;
	if (st->sb)
		sb_stemmer_delete(st->sb);
	free(st->out);
	free(st);
}

const char *stem(struct stemmer *st, const char *word, size_t len)
{
	const sb_symbol *s;
	size_t n;

	if (!st->sb)
		return word;
	s = sb_stemmer_stem(st->sb, (const sb_symbol *)word, (int)len);
	if (!s)
		return word;
	n = (size_t)sb_stemmer_length(st->sb);
	XGROW(st->out, st->alloc, n + 1);
	memcpy(st->out, s, n);
	st->out[n] = '\0';
	return st->out;
}

static const char *const stopwords[] = {
	"a", "about", "an", "and", "are", "as", "at", "be", "by", "for",
	"from", "has", "have", "how", "in", "into", "is", "it", "its", "of",
	"on", "or", "our", "that", "the", "their", "them", "they", "this",
	"to", "was", "we", "were", "what", "when", "which", "who", "with",
};

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

bool text_is_stopword(const char *word)
{
	return bsearch(&word, stopwords, sizeof(stopwords) / sizeof(*stopwords),
		       sizeof(*stopwords), cmp_str) != NULL;
}

bool utf8_valid(const char *s, size_t len, size_t *bad)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < len) {
		unsigned char c = p[i];
		size_t need;
		unsigned long cp;

		if (c < 0x80) {
			i++;
			continue;
		} else if ((c & 0xe0) == 0xc0) {
			need = 1;
			cp = c & 0x1f;
		} else if ((c & 0xf0) == 0xe0) {
			need = 2;
			cp = c & 0x0f;
		} else if ((c & 0xf8) == 0xf0) {
			need = 3;
			cp = c & 0x07;
		} else {
			goto invalid;
		}
		if (need > len - i - 1)
			goto invalid;
		for (size_t k = 1; k <= need; k++) {
			if ((p[i + k] & 0xc0) != 0x80)
				goto invalid;
			cp = (cp << 6) | (p[i + k] & 0x3f);
		}
		if ((need == 1 && cp < 0x80) || (need == 2 && cp < 0x800) ||
		    (need == 3 && cp < 0x10000) || cp > 0x10ffff ||
		    (cp >= 0xd800 && cp <= 0xdfff))
			goto invalid;
		i += need + 1;
	}
	return true;
invalid:
	if (bad)
		*bad = i;
	return false;
}

size_t utf8_width(const char *s, size_t len)
{
	size_t w = 0;

	for (size_t i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			w++;
	return w;
}
