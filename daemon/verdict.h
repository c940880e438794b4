/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The verdict of one external probe: fail_count failures in a row fail
 * it, success_count successes in a row clear it. Until either run has
 * been seen the verdict is unknown and nothing is pushed, so a daemon that
 * (re)starts neither clears a failing verdict its predecessor pushed nor
 * fails a path on one bad answer. Pure; the daemon and the unit tests use
 * it alike.
 */
#ifndef MPVPND_VERDICT_H
#define MPVPND_VERDICT_H

#include <stdbool.h>
#include <stdint.h>

enum verdict_value {
	VERDICT_UNKNOWN,
	VERDICT_OK,
	VERDICT_FAIL,
};

struct verdict {
	enum verdict_value value;
	uint32_t failures;	/* in a row, up to the latest result */
	uint32_t successes;	/* in a row */
	uint64_t pushed_ms;	/* when the kernel last got it; 0: never */
};

void verdict_init(struct verdict *v);

/*
 * Records one result; returns true when the verdict changed (from unknown
 * too).
 */
bool verdict_record(struct verdict *v, bool success, uint32_t fail_count,
		    uint32_t success_count);

/*
 * Whether the verdict is to be pushed now: a known verdict that changed,
 * was never pushed, or was pushed a third of its lifetime ago (so that it
 * is renewed twice before it would expire).
 */
bool verdict_due(const struct verdict *v, bool changed, uint64_t now_ms,
		 uint32_t valid_ms);

const char *verdict_name(enum verdict_value value);

#endif /* MPVPND_VERDICT_H */
