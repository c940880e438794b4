// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonpos.h"

/* Deeper than any config: a bound on recursion over hostile input. */
#define MAX_DEPTH	64
#define MAX_PATH	512

struct scanner {
	const char *text;
	size_t len;
	size_t at;
	int line;
	int column;	/* of the character at @at */
	struct jsonpos *index;
	char path[MAX_PATH];
};

static bool at_end(const struct scanner *s)
{
	return s->at >= s->len;
}

static char peek(const struct scanner *s)
{
	return at_end(s) ? '\0' : s->text[s->at];
}

/*
 * Moves one byte on. A UTF-8 lead byte moves the column on, its
 * continuation bytes do not: a character is one column.
 */
static void advance(struct scanner *s)
{
	unsigned char c = (unsigned char)s->text[s->at++];

	if (c == '\n') {
		s->line++;
		s->column = 1;
	} else if ((c & 0xc0) != 0x80) {
		s->column++;
	}
}

static void skip_space(struct scanner *s)
{
	while (!at_end(s) && strchr(" \t\r\n", peek(s)))
		advance(s);
}

static int add_entry(struct scanner *s, int key_line, int key_column)
{
	struct jsonpos *index = s->index;
	struct jsonpos_entry *entry;

	if (index->count == index->capacity) {
		size_t capacity = index->capacity ? index->capacity * 2 : 64;
		void *grown = realloc(index->entries,
				      capacity * sizeof(*index->entries));

		if (!grown)
			return -ENOMEM;
		index->entries = grown;
		index->capacity = capacity;
	}
	entry = &index->entries[index->count];
	entry->path = strdup(s->path);
	if (!entry->path)
		return -ENOMEM;
	entry->key_line = key_line;
	entry->key_column = key_column;
	entry->value_line = s->line;
	entry->value_column = s->column;
	index->count++;
	return 0;
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Appends code point @cp to @out as UTF-8; false when it does not fit. */
static bool put_utf8(char *out, size_t size, size_t *used, unsigned long cp)
{
	char buf[4];
	size_t n;

	if (cp < 0x80) {
		buf[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		buf[0] = (char)(0xc0 | (cp >> 6));
		buf[1] = (char)(0x80 | (cp & 0x3f));
		n = 2;
	} else if (cp < 0x10000) {
		buf[0] = (char)(0xe0 | (cp >> 12));
		buf[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		buf[2] = (char)(0x80 | (cp & 0x3f));
		n = 3;
	} else {
		buf[0] = (char)(0xf0 | (cp >> 18));
		buf[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		buf[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		buf[3] = (char)(0x80 | (cp & 0x3f));
		n = 4;
	}
	if (*used + n >= size)
		return false;
	memcpy(out + *used, buf, n);
	*used += n;
	return true;
}

static int read_hex4(struct scanner *s, unsigned long *cp)
{
	*cp = 0;
	for (int i = 0; i < 4; i++) {
		int h = hex_value(peek(s));

		if (h < 0)
			return -EINVAL;
		*cp = *cp << 4 | (unsigned long)h;
		advance(s);
	}
	return 0;
}

/*
 * A string; its decoded text goes to @out when @out is not NULL (keys are
 * decoded the way jansson decodes them, so that paths match its keys).
 */
static int scan_string(struct scanner *s, char *out, size_t size)
{
	size_t used = 0;
	bool fits = true;

	advance(s);	/* the opening quote */
	while (!at_end(s) && peek(s) != '"') {
		unsigned long cp;
		char c = peek(s);

		if (c != '\\') {
			if (out && used + 1 < size)
				out[used++] = c;
			else
				fits = false;
			advance(s);
			continue;
		}
		advance(s);
		c = peek(s);
		advance(s);
		switch (c) {
		case 'b': cp = '\b'; break;
		case 'f': cp = '\f'; break;
		case 'n': cp = '\n'; break;
		case 'r': cp = '\r'; break;
		case 't': cp = '\t'; break;
		case 'u':
			if (read_hex4(s, &cp) < 0)
				return -EINVAL;
			/* A surrogate pair: the low half follows as \uXXXX. */
			if (cp >= 0xd800 && cp < 0xdc00 && peek(s) == '\\') {
				unsigned long low;

				advance(s);
				advance(s);
				if (read_hex4(s, &low) < 0)
					return -EINVAL;
				cp = 0x10000 + ((cp - 0xd800) << 10) +
				     (low - 0xdc00);
			}
			break;
		default: cp = (unsigned char)c; break;	/* " \ / */
		}
		if (out && !put_utf8(out, size, &used, cp))
			fits = false;
	}
	if (at_end(s))
		return -EINVAL;
	advance(s);	/* the closing quote */
	if (out)
		out[used] = '\0';
	/* A key too long to name in a path is never looked up: no harm. */
	(void)fits;
	return 0;
}

static int scan_value(struct scanner *s, int depth);

/* Appends @suffix to the path for the duration of a member's scan. */
static size_t push_path(struct scanner *s, const char *fmt, const char *key,
			size_t element)
{
	size_t old = strlen(s->path);

	if (key)
		snprintf(s->path + old, sizeof(s->path) - old, fmt,
			 old ? "." : "", key);
	else
		snprintf(s->path + old, sizeof(s->path) - old, fmt, element);
	return old;
}

static int scan_object(struct scanner *s, int depth)
{
	advance(s);	/* { */
	skip_space(s);
	if (peek(s) == '}') {
		advance(s);
		return 0;
	}
	for (;;) {
		char key[MAX_PATH];
		int key_line = s->line, key_column = s->column;
		size_t old;
		int ret;

		if (peek(s) != '"' || scan_string(s, key, sizeof(key)) < 0)
			return -EINVAL;
		skip_space(s);
		if (peek(s) != ':')
			return -EINVAL;
		advance(s);
		skip_space(s);
		old = push_path(s, "%s%s", key, 0);
		ret = add_entry(s, key_line, key_column);
		if (!ret)
			ret = scan_value(s, depth + 1);
		s->path[old] = '\0';
		if (ret)
			return ret;
		skip_space(s);
		if (peek(s) == '}') {
			advance(s);
			return 0;
		}
		if (peek(s) != ',')
			return -EINVAL;
		advance(s);
		skip_space(s);
	}
}

static int scan_array(struct scanner *s, int depth)
{
	advance(s);	/* [ */
	skip_space(s);
	if (peek(s) == ']') {
		advance(s);
		return 0;
	}
	for (size_t i = 0;; i++) {
		size_t old = push_path(s, "[%zu]", NULL, i);
		int ret = add_entry(s, s->line, s->column);

		if (!ret)
			ret = scan_value(s, depth + 1);
		s->path[old] = '\0';
		if (ret)
			return ret;
		skip_space(s);
		if (peek(s) == ']') {
			advance(s);
			return 0;
		}
		if (peek(s) != ',')
			return -EINVAL;
		advance(s);
		skip_space(s);
	}
}

static int scan_value(struct scanner *s, int depth)
{
	if (depth > MAX_DEPTH)
		return -EINVAL;
	switch (peek(s)) {
	case '{':
		return scan_object(s, depth);
	case '[':
		return scan_array(s, depth);
	case '"':
		return scan_string(s, NULL, 0);
	case '\0':
		return -EINVAL;
	default:
		/* Numbers, true, false, null: up to the next delimiter. */
		while (!at_end(s) && !strchr(",]} \t\r\n", peek(s)))
			advance(s);
		return 0;
	}
}

int jsonpos_build(struct jsonpos *index, const char *text, size_t len)
{
	struct scanner s = {
		.text = text, .len = len, .line = 1, .column = 1,
		.index = index,
	};
	int ret;

	memset(index, 0, sizeof(*index));
	skip_space(&s);
	ret = add_entry(&s, s.line, s.column);
	if (!ret)
		ret = scan_value(&s, 0);
	if (ret)
		jsonpos_free(index);
	return ret;
}

void jsonpos_free(struct jsonpos *index)
{
	for (size_t i = 0; i < index->count; i++)
		free(index->entries[i].path);
	free(index->entries);
	memset(index, 0, sizeof(*index));
}

const struct jsonpos_entry *jsonpos_find(const struct jsonpos *index,
					 const char *path)
{
	for (size_t i = 0; i < index->count; i++)
		if (!strcmp(index->entries[i].path, path))
			return &index->entries[i];
	return NULL;
}
