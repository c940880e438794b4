/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Where each value of a JSON text starts. jansson reports a line and a
 * column only for syntax errors; a value it parsed carries no position.
 * So once jansson has accepted a text, this module scans the same bytes a
 * second time and records, for every member and array element, the field
 * path that names it ("devices.mpvpn0.paths.fiber.weight",
 * "hooks[1].exec[0]") and the line and column where its key and its value
 * begin. The semantic checks of config.c look their errors up here.
 *
 * The scanner trusts jansson's verdict that the text is valid JSON and
 * only has to follow its shape. Lines and columns count from 1, columns in
 * characters (a UTF-8 sequence is one), as jansson counts them.
 */
#ifndef MPVPND_JSONPOS_H
#define MPVPND_JSONPOS_H

#include <stddef.h>

struct jsonpos_entry {
	char *path;
	int key_line, key_column;	/* a member's key; an element: its value */
	int value_line, value_column;
};

struct jsonpos {
	struct jsonpos_entry *entries;
	size_t count;
	size_t capacity;
};

/* 0, or -ENOMEM; -EINVAL when the text is not the JSON it should be. */
int jsonpos_build(struct jsonpos *index, const char *text, size_t len);
void jsonpos_free(struct jsonpos *index);
/* The entry of @path, or NULL ("" is the root value). */
const struct jsonpos_entry *jsonpos_find(const struct jsonpos *index,
					 const char *path);

#endif /* MPVPND_JSONPOS_H */
