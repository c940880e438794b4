/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * JSON with positions: a JSON text read with jansson, walked by a schema
 * of the caller's, and errors that name the file, line, column and field
 * of the value they refuse, "FILE:LINE:COLUMN: FIELD: what was expected".
 * Nothing here knows what a document means; config.c is mpvpnd's schema.
 *
 * jansson reports a line and a column only for syntax errors; a value it
 * parsed carries no position. So once jansson has accepted a text, this
 * module scans the same bytes a second time and records, for every member
 * and array element, the field path that names it
 * ("devices.mpvpn0.paths.fiber.weight", "hooks[1].exec[0]") and the line
 * and column where its key and its value begin. The scanner trusts
 * jansson's verdict that the text is valid JSON and only has to follow its
 * shape, to a depth of 64. Lines and columns count from 1, columns in
 * characters (a UTF-8 sequence is one), as jansson counts them.
 *
 * Duplicate keys are refused, so that a path names one value. The reader
 * keeps the path of the value at hand (jsonpos_enter(), jsonpos_leave());
 * the typed getters and jsonpos_fail*() report at it and return -1. The
 * first error is kept; a caller that wants all of them gives the reader a
 * list, and its schema goes on with the next value after an error where
 * it can. jsonpos_warn_at() notes what is valid but likely a mistake.
 */
#ifndef MPVPND_JSONPOS_H
#define MPVPND_JSONPOS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <jansson.h>

#define JSONPOS_PATH_LEN	512

/*
 * The first error found. @line and @column are 0 when the text could not
 * be read at all, or the value has no position. @text is the whole
 * message, "FILE:LINE:COLUMN: FIELD: what was expected".
 */
struct jsonpos_error {
	int line;
	int column;
	char field[JSONPOS_PATH_LEN];
	char message[256];
	char text[1536];
};

/* Errors or warnings in the order they were found. */
struct jsonpos_notes {
	struct jsonpos_error *items;
	size_t count;
	size_t capacity;
};

void jsonpos_notes_free(struct jsonpos_notes *notes);

struct jsonpos_position;

struct jsonpos_reader {
	const char *file;		/* names the text in errors */
	json_t *root;
	/*
	 * A member every object may carry, a string that is ignored (JSON
	 * has no comments), or NULL for none.
	 */
	const char *comment_key;
	char path[JSONPOS_PATH_LEN];	/* field path of the value at hand */
	struct jsonpos_error *error;	/* the first error */
	size_t error_count;
	struct jsonpos_notes *errors;	/* NULL: only the first is kept */
	struct jsonpos_notes *warnings;	/* NULL: warnings are dropped */
	const void *user;		/* the schema's own, jsonpos leaves it */
	/* Private: where each value starts. */
	struct jsonpos_position *positions;
	size_t count;
	size_t capacity;
};

/*
 * Reads all of @file, at most @max_bytes, into @text (NUL-terminated, for
 * the caller to free) and its length into @len. 0, or -1 with @error
 * filled in ("FILE: why").
 */
int jsonpos_read_file(const char *file, size_t max_bytes, char **text,
		      size_t *len, struct jsonpos_error *error);

/*
 * Parses @text, which @name stands for in errors, into @reader->root and
 * indexes its positions; @comment_key as in struct jsonpos_reader. 0, or
 * -1 with @error filled in; either way jsonpos_close() releases @reader.
 * A text that starts with a UTF-8 byte-order mark is refused as such.
 * The caller may then set @reader->errors, ->warnings and ->user.
 */
int jsonpos_open(struct jsonpos_reader *reader, const char *name,
		 const char *text, size_t len, const char *comment_key,
		 struct jsonpos_error *error);
void jsonpos_close(struct jsonpos_reader *reader);

/* Enters member @key (or element @index when @key is NULL). */
size_t jsonpos_enter(struct jsonpos_reader *reader, const char *key,
		     size_t index);
/* Back to the path jsonpos_enter() returned. */
void jsonpos_leave(struct jsonpos_reader *reader, size_t old);

enum jsonpos_where { JSONPOS_AT_VALUE, JSONPOS_AT_KEY };

/*
 * Fails at the value (or the key) of field @field, a path relative to the
 * one at hand ("" for the value at hand itself). Returns -1.
 */
int jsonpos_fail_at(struct jsonpos_reader *reader, const char *field,
		    enum jsonpos_where where, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

#define jsonpos_fail(reader, ...) \
	jsonpos_fail_at((reader), "", JSONPOS_AT_VALUE, __VA_ARGS__)

/* The same as a warning: noted when the reader keeps warnings. */
void jsonpos_warn_at(struct jsonpos_reader *reader, const char *field,
		     enum jsonpos_where where, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/*
 * A required member @key that is absent: the position is the object's,
 * the field names the missing member. Returns -1.
 */
int jsonpos_fail_missing(struct jsonpos_reader *reader, const char *key,
			 const char *expected);

/* "an object", "a whole number": what @value is, for messages. */
const char *jsonpos_kind(const json_t *value);

/* The typed values at hand: 0, or -1 at them. */
int jsonpos_get_object(struct jsonpos_reader *reader, const json_t *value);
int jsonpos_get_uint(struct jsonpos_reader *reader, const json_t *value,
		     uint64_t min, uint64_t max, uint32_t *out);
int jsonpos_get_u16(struct jsonpos_reader *reader, const json_t *value,
		    uint16_t min, uint16_t *out);
int jsonpos_get_bool(struct jsonpos_reader *reader, const json_t *value,
		     bool *out);
/* @out points into the document. */
int jsonpos_get_string(struct jsonpos_reader *reader, const json_t *value,
		       const char **out);
/* A copy of a string that is not empty; the old @out is freed. */
int jsonpos_get_dup_string(struct jsonpos_reader *reader, const json_t *value,
			   char **out);

/*
 * Refuses at its key the first member of @object that is not in @allowed
 * (a NULL-ended list, named in the message with @what, "a path"), and a
 * comment that is not a string.
 */
int jsonpos_check_keys(struct jsonpos_reader *reader, const json_t *object,
		       const char *const *allowed, const char *what);

/*
 * In objects keyed by name, whether member @key is the comment rather
 * than an entry; and how many entries @object has.
 */
bool jsonpos_is_comment(const struct jsonpos_reader *reader, const char *key,
			const json_t *value);
size_t jsonpos_entry_count(const struct jsonpos_reader *reader,
			   const json_t *object);

#endif /* MPVPND_JSONPOS_H */
