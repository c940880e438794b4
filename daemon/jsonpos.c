// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * JSON with positions (jsonpos.h): jansson's parse, an index of where each
 * value starts, and a reader that walks the document with errors at those
 * positions.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "jsonpos.h"

struct jsonpos_position {
	char *path;
	int key_line, key_column;	/* a member's key; an element: its value */
	int value_line, value_column;
};

/*
 * Appends member @key (or element @index when @key is NULL) to @path;
 * returns the old length, which cuts it back.
 */
static size_t path_push(char *path, size_t size, const char *key,
			size_t index)
{
	size_t old = strlen(path);

	if (key)
		snprintf(path + old, size - old, "%s%s", old ? "." : "", key);
	else
		snprintf(path + old, size - old, "[%zu]", index);
	return old;
}

/* ---- the index of positions ---- */

/* A bound on recursion over hostile input; configurations are shallow. */
#define MAX_DEPTH	64

struct scanner {
	const char *text;
	size_t len;
	size_t at;
	int line;
	int column;	/* of the character at @at */
	struct jsonpos_reader *reader;	/* gets the positions */
	char path[JSONPOS_PATH_LEN];
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

static int add_position(struct scanner *s, int key_line, int key_column)
{
	struct jsonpos_reader *reader = s->reader;
	struct jsonpos_position *entry;

	if (reader->count == reader->capacity) {
		size_t capacity = reader->capacity ? reader->capacity * 2 : 64;
		void *grown = realloc(reader->positions,
				      capacity * sizeof(*reader->positions));

		if (!grown)
			return -ENOMEM;
		reader->positions = grown;
		reader->capacity = capacity;
	}
	entry = &reader->positions[reader->count];
	entry->path = strdup(s->path);
	if (!entry->path)
		return -ENOMEM;
	entry->key_line = key_line;
	entry->key_column = key_column;
	entry->value_line = s->line;
	entry->value_column = s->column;
	reader->count++;
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

static int scan_object(struct scanner *s, int depth)
{
	advance(s);	/* { */
	skip_space(s);
	if (peek(s) == '}') {
		advance(s);
		return 0;
	}
	for (;;) {
		char key[JSONPOS_PATH_LEN];
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
		old = path_push(s->path, sizeof(s->path), key, 0);
		ret = add_position(s, key_line, key_column);
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
		size_t old = path_push(s->path, sizeof(s->path), NULL, i);
		int ret = add_position(s, s->line, s->column);

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

static void free_positions(struct jsonpos_reader *reader)
{
	for (size_t i = 0; i < reader->count; i++)
		free(reader->positions[i].path);
	free(reader->positions);
	reader->positions = NULL;
	reader->count = 0;
	reader->capacity = 0;
}

/* 0, or -ENOMEM; -EINVAL when the text is not the JSON it should be. */
static int index_positions(struct jsonpos_reader *reader, const char *text,
			   size_t len)
{
	struct scanner s = {
		.text = text, .len = len, .line = 1, .column = 1,
		.reader = reader,
	};
	int ret;

	skip_space(&s);
	ret = add_position(&s, s.line, s.column);
	if (!ret)
		ret = scan_value(&s, 0);
	if (ret)
		free_positions(reader);
	return ret;
}

/* The position of @path, or NULL ("" is the root value). */
static const struct jsonpos_position *find_position(
	const struct jsonpos_reader *reader, const char *path)
{
	for (size_t i = 0; i < reader->count; i++)
		if (!strcmp(reader->positions[i].path, path))
			return &reader->positions[i];
	return NULL;
}

/* ---- reading and opening ---- */

int jsonpos_read_file(const char *file, size_t max_bytes, char **text,
		      size_t *len, struct jsonpos_error *error)
{
	struct stat st;
	char *buf;
	ssize_t n;
	int fd;

	memset(error, 0, sizeof(*error));
	*text = NULL;
	*len = 0;
	/*
	 * One read feeds both jansson and the position index, so that both
	 * see the same bytes even if the file is replaced meanwhile.
	 */
	fd = open(file, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) < 0) {
		snprintf(error->message, sizeof(error->message), "%s",
			 strerror(errno));
		goto fail_fd;
	}
	if (!S_ISREG(st.st_mode) || (uintmax_t)st.st_size > max_bytes) {
		snprintf(error->message, sizeof(error->message),
			 "not a regular file of at most %zu bytes", max_bytes);
		goto fail_fd;
	}
	buf = malloc((size_t)st.st_size + 1);
	if (!buf) {
		snprintf(error->message, sizeof(error->message),
			 "out of memory");
		goto fail_fd;
	}
	n = read(fd, buf, (size_t)st.st_size + 1);
	close(fd);
	if (n < 0 || n > st.st_size) {
		snprintf(error->message, sizeof(error->message), "%s",
			 n < 0 ? strerror(errno) : "the file grew while read");
		free(buf);
		goto fail;
	}
	buf[n] = '\0';
	*text = buf;
	*len = (size_t)n;
	return 0;

fail_fd:
	if (fd >= 0)
		close(fd);
fail:
	snprintf(error->text, sizeof(error->text), "%s: %s", file,
		 error->message);
	return -1;
}

int jsonpos_open(struct jsonpos_reader *reader, const char *name,
		 const char *text, size_t len, const char *comment_key,
		 struct jsonpos_error *error)
{
	json_error_t jerr;

	memset(reader, 0, sizeof(*reader));
	memset(error, 0, sizeof(*error));
	reader->file = name;
	reader->comment_key = comment_key;
	reader->error = error;
	/* jansson would say "'[' or '{' expected near '\xef'". */
	if (len >= 3 && !memcmp(text, "\xef\xbb\xbf", 3)) {
		error->line = 1;
		error->column = 1;
		snprintf(error->message, sizeof(error->message),
			 "the file starts with a UTF-8 byte-order mark (bytes EF BB BF), which JSON does not allow; save it without one");
		snprintf(error->text, sizeof(error->text), "%s:1:1: %s", name,
			 error->message);
		return -1;
	}
	/*
	 * jansson's own positions for syntax errors: the line and the column
	 * of the last character it read, which ends the offending token.
	 */
	reader->root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!reader->root) {
		error->line = jerr.line;
		error->column = jerr.column;
		snprintf(error->message, sizeof(error->message), "%s", jerr.text);
		snprintf(error->text, sizeof(error->text), "%s:%d:%d: %s", name,
			 jerr.line, jerr.column, jerr.text);
		return -1;
	}
	if (index_positions(reader, text, len) < 0) {
		snprintf(error->message, sizeof(error->message),
			 "cannot index the positions of the values");
		snprintf(error->text, sizeof(error->text), "%s:0:0: %s", name,
			 error->message);
		return -1;
	}
	return 0;
}

void jsonpos_close(struct jsonpos_reader *reader)
{
	free_positions(reader);
	json_decref(reader->root);
	reader->root = NULL;
}

/* ---- field paths and errors ---- */

size_t jsonpos_enter(struct jsonpos_reader *reader, const char *key,
		     size_t index)
{
	return path_push(reader->path, sizeof(reader->path), key, index);
}

void jsonpos_leave(struct jsonpos_reader *reader, size_t old)
{
	reader->path[old] = '\0';
}

/* @base, a dot unless either side is empty or @field is "[N]", @field. */
static void join_path(char *out, size_t size, const char *base,
		      const char *field)
{
	const char *dot = base[0] && field[0] && field[0] != '[' ? "." : "";

	/* A path too long to show whole is shown cut short. */
	if (snprintf(out, size, "%s%s%s", base, dot, field) >= (int)size)
		out[size - 1] = '\0';
}

void jsonpos_notes_free(struct jsonpos_notes *notes)
{
	free(notes->items);
	memset(notes, 0, sizeof(*notes));
}

/* Appends @note; what does not fit in memory is dropped. */
static void add_note(struct jsonpos_notes *notes,
		     const struct jsonpos_error *note)
{
	if (notes->count == notes->capacity) {
		size_t capacity = notes->capacity ? 2 * notes->capacity : 8;
		struct jsonpos_error *items = realloc(notes->items,
						      capacity * sizeof(*items));

		if (!items)
			return;
		notes->items = items;
		notes->capacity = capacity;
	}
	notes->items[notes->count++] = *note;
}

/* The note at @field: line, column, field, message and the whole text. */
static void make_note(const struct jsonpos_reader *reader,
		      struct jsonpos_error *e, int line, int column,
		      const char *field, const char *fmt, va_list ap)
{
	memset(e, 0, sizeof(*e));
	e->line = line;
	e->column = column;
	snprintf(e->field, sizeof(e->field), "%s", field);
	vsnprintf(e->message, sizeof(e->message), fmt, ap);
	if (field[0])
		snprintf(e->text, sizeof(e->text), "%s:%d:%d: %s: %s",
			 reader->file, line, column, field, e->message);
	else
		snprintf(e->text, sizeof(e->text), "%s:%d:%d: %s",
			 reader->file, line, column, e->message);
}

static void record_error(struct jsonpos_reader *reader,
			 const struct jsonpos_error *e)
{
	if (!reader->error_count++)
		*reader->error = *e;
	if (reader->errors)
		add_note(reader->errors, e);
}

/* The note at @field (relative to the value at hand), as @where says. */
static void note_field(struct jsonpos_reader *reader, struct jsonpos_error *e,
		       const char *field, enum jsonpos_where where,
		       const char *fmt, va_list ap)
{
	const struct jsonpos_position *at;
	char full[JSONPOS_PATH_LEN];
	int line = 0, column = 0;

	join_path(full, sizeof(full), reader->path, field);
	at = find_position(reader, full);
	if (at) {
		line = where == JSONPOS_AT_KEY ? at->key_line : at->value_line;
		column = where == JSONPOS_AT_KEY ? at->key_column :
						   at->value_column;
	}
	make_note(reader, e, line, column, full, fmt, ap);
}

int jsonpos_fail_at(struct jsonpos_reader *reader, const char *field,
		    enum jsonpos_where where, const char *fmt, ...)
{
	struct jsonpos_error e;
	va_list ap;

	va_start(ap, fmt);
	note_field(reader, &e, field, where, fmt, ap);
	va_end(ap);
	record_error(reader, &e);
	return -1;
}

void jsonpos_warn_at(struct jsonpos_reader *reader, const char *field,
		     enum jsonpos_where where, const char *fmt, ...)
{
	struct jsonpos_error e;
	va_list ap;

	if (!reader->warnings)
		return;
	va_start(ap, fmt);
	note_field(reader, &e, field, where, fmt, ap);
	va_end(ap);
	add_note(reader->warnings, &e);
}

static void note_at(const struct jsonpos_reader *reader,
		    struct jsonpos_error *e, int line, int column,
		    const char *field, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

static void note_at(const struct jsonpos_reader *reader,
		    struct jsonpos_error *e, int line, int column,
		    const char *field, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	make_note(reader, e, line, column, field, fmt, ap);
	va_end(ap);
}

int jsonpos_fail_missing(struct jsonpos_reader *reader, const char *key,
			 const char *expected)
{
	const struct jsonpos_position *at = find_position(reader, reader->path);
	char full[JSONPOS_PATH_LEN];
	struct jsonpos_error e;

	/* The member is not there: the position is its object's. */
	join_path(full, sizeof(full), reader->path, key);
	note_at(reader, &e, at ? at->value_line : 0, at ? at->value_column : 0,
		full, "missing; expected %s", expected);
	record_error(reader, &e);
	return -1;
}

/* ---- typed values ---- */

const char *jsonpos_kind(const json_t *value)
{
	switch (json_typeof(value)) {
	case JSON_OBJECT: return "an object";
	case JSON_ARRAY: return "an array";
	case JSON_STRING: return "a string";
	case JSON_INTEGER: return "a whole number";
	case JSON_REAL: return "a number with a fraction";
	case JSON_TRUE:
	case JSON_FALSE: return "a boolean";
	case JSON_NULL: return "null";
	}
	return "something else";
}

int jsonpos_get_object(struct jsonpos_reader *reader, const json_t *value)
{
	if (!json_is_object(value))
		return jsonpos_fail(reader, "expected an object, not %s",
				    jsonpos_kind(value));
	return 0;
}

int jsonpos_get_uint(struct jsonpos_reader *reader, const json_t *value,
		     uint64_t min, uint64_t max, uint32_t *out)
{
	json_int_t n;

	if (!json_is_integer(value))
		return jsonpos_fail(reader,
				    "expected a whole number %llu..%llu, not %s",
				    (unsigned long long)min,
				    (unsigned long long)max,
				    jsonpos_kind(value));
	n = json_integer_value(value);
	if (n < 0 || (uint64_t)n < min || (uint64_t)n > max)
		return jsonpos_fail(reader,
				    "expected a whole number %llu..%llu, not %lld",
				    (unsigned long long)min,
				    (unsigned long long)max, (long long)n);
	*out = (uint32_t)n;
	return 0;
}

int jsonpos_get_u16(struct jsonpos_reader *reader, const json_t *value,
		    uint16_t min, uint16_t *out)
{
	uint32_t n = 0;

	if (jsonpos_get_uint(reader, value, min, UINT16_MAX, &n) < 0)
		return -1;
	*out = (uint16_t)n;
	return 0;
}

int jsonpos_get_bool(struct jsonpos_reader *reader, const json_t *value,
		     bool *out)
{
	if (!json_is_boolean(value))
		return jsonpos_fail(reader, "expected true or false, not %s",
				    jsonpos_kind(value));
	*out = json_is_true(value);
	return 0;
}

int jsonpos_get_string(struct jsonpos_reader *reader, const json_t *value,
		       const char **out)
{
	if (!json_is_string(value))
		return jsonpos_fail(reader, "expected a string, not %s",
				    jsonpos_kind(value));
	*out = json_string_value(value);
	return 0;
}

int jsonpos_get_dup_string(struct jsonpos_reader *reader, const json_t *value,
			   char **out)
{
	const char *text = "";

	if (jsonpos_get_string(reader, value, &text) < 0)
		return -1;
	if (!text[0])
		return jsonpos_fail(reader,
				    "expected a string that is not empty");
	free(*out);
	*out = strdup(text);
	if (!*out)
		return jsonpos_fail(reader, "out of memory");
	return 0;
}

/* ---- keys ---- */

static bool is_comment_key(const struct jsonpos_reader *reader,
			   const char *key)
{
	return reader->comment_key && !strcmp(key, reader->comment_key);
}

int jsonpos_check_keys(struct jsonpos_reader *reader, const json_t *object,
		       const char *const *allowed, const char *what)
{
	const char *key;
	json_t *value;
	int ret = 0;

	/* Every unknown key is an error of its own. */
	json_object_foreach((json_t *)object, key, value) {
		bool known = false;

		if (is_comment_key(reader, key)) {
			size_t old = jsonpos_enter(reader, key, 0);

			if (!json_is_string(value))
				ret = jsonpos_fail(reader, "expected a string (comments are text), not %s",
						   jsonpos_kind(value));
			jsonpos_leave(reader, old);
			continue;
		}
		for (const char *const *k = allowed; *k; k++)
			known = known || !strcmp(key, *k);
		if (!known) {
			char list[256] = "";
			size_t used = 0;

			for (const char *const *k = allowed; *k; k++)
				used += (size_t)snprintf(list + used,
					used < sizeof(list) ? sizeof(list) - used : 0,
					"%s%s", k == allowed ? "" : ", ", *k);
			ret = jsonpos_fail_at(reader, key, JSONPOS_AT_KEY,
					      "unknown field of %s; expected one of: %s%s%s",
					      what, list,
					      reader->comment_key ? ", " : "",
					      reader->comment_key ?
					      reader->comment_key : "");
		}
	}
	return ret;
}

bool jsonpos_is_comment(const struct jsonpos_reader *reader, const char *key,
			const json_t *value)
{
	return is_comment_key(reader, key) && json_is_string(value);
}

size_t jsonpos_entry_count(const struct jsonpos_reader *reader,
			   const json_t *object)
{
	const json_t *comment = reader->comment_key ?
				json_object_get(object, reader->comment_key) :
				NULL;

	return json_object_size(object) -
	       (comment && json_is_string(comment) ? 1 : 0);
}
