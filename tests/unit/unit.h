/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A minimal TAP-like harness: one "ok - name" / "not ok - name" line per
 * check, a summary line, and a non-zero exit status when anything failed.
 */
#ifndef MPVPN_UNIT_H
#define MPVPN_UNIT_H

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static unsigned int unit_passed, unit_failed, unit_skipped;

static bool unit_check(bool ok, const char *name, const char *expr,
		       const char *file, int line)
{
	if (ok) {
		unit_passed++;
		printf("ok - %s\n", name);
	} else {
		unit_failed++;
		printf("not ok - %s\n#   %s:%d: %s\n", name, file, line, expr);
	}
	return ok;
}

/* CHECK(name, condition): records and returns whether it held. */
#define CHECK(name, cond) unit_check((cond), (name), #cond, __FILE__, __LINE__)

#define CHECK_STR(name, got, want) \
	unit_check(strcmp((got), (want)) == 0, (name), \
		   "\"" #got "\" == \"" want "\"", __FILE__, __LINE__)

/*
 * A check that could not run here, said as such ("ok - NAME # SKIP WHY",
 * TAP's form) and counted apart: never a pass, and never silent. Inline
 * only so that tests which skip nothing do not warn.
 */
static inline void unit_skip(const char *name, const char *why)
{
	unit_skipped++;
	printf("ok - %s # SKIP %s\n", name, why);
}

/* Room for the words of one command line of a grammar test. */
#define UNIT_MAX_WORDS	32

/*
 * Splits @line at spaces into @argv, as the shell would hand it to mpvpnctl.
 * The words live in a static copy because a parser keeps pointers into
 * them: they stay valid until the next call. Inline only so that tests
 * which split nothing do not warn about an unused function.
 */
static inline int unit_split(const char *line, char *argv[UNIT_MAX_WORDS])
{
	static char buf[512];
	int argc = 0;

	snprintf(buf, sizeof(buf), "%s", line);
	for (char *word = strtok(buf, " "); word && argc < UNIT_MAX_WORDS;
	     word = strtok(NULL, " "))
		argv[argc++] = word;
	return argc;
}

/* A grammar's result @ret refuses the line, with @want in @err. */
static inline bool unit_refused(int ret, const char *err, const char *want)
{
	return ret == -EINVAL && strstr(err, want) != NULL;
}

static int unit_finish(void)
{
	if (unit_skipped)
		printf("%u passed, %u failed, %u skipped\n", unit_passed,
		       unit_failed, unit_skipped);
	else
		printf("%u passed, %u failed\n", unit_passed, unit_failed);
	return unit_failed ? 1 : 0;
}

#endif /* MPVPN_UNIT_H */
