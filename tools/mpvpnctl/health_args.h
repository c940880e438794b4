/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The health keywords shared by "dev set", "path add" and "path set", e.g.
 * "latency-fail 200ms", and their names in the text output.
 */
#ifndef MPVPNCTL_HEALTH_ARGS_H
#define MPVPNCTL_HEALTH_ARGS_H

#include <stdbool.h>
#include <stddef.h>

#include "libmpvpn.h"
#include "units.h"

/* How a threshold is written: TIME, a plain count, or PCT. */
enum health_unit {
	HEALTH_UNIT_TIME,
	HEALTH_UNIT_COUNT,
	HEALTH_UNIT_PERCENT,
};

/* The keyword of MPVPN_HEALTH_A_@attr, e.g. "miss-count"; NULL: none. */
const char *health_keyword(unsigned int attr);
enum health_unit health_unit(unsigned int attr);
bool is_health_keyword(const char *word);

/*
 * When @keyword is a health keyword, parses @value into @health and marks
 * it present: 0, or -EINVAL with a one-line explanation in @err. Returns
 * 1 and touches nothing when @keyword is not a health keyword.
 */
int health_args_parse(const char *keyword, const char *value,
		      struct mpvpn_health_info *health, char *err,
		      size_t err_len);

/* @value of @attr as the command line writes it: "200ms", "3", "5%". */
const char *health_format(unsigned int attr, uint32_t value,
			  char buf[UNITS_STRLEN]);

/*
 * The synopsis of the keywords, for usage texts: one line per pair of
 * related thresholds, each line starting with @indent.
 */
void health_print_usage(const char *indent);

#endif /* MPVPNCTL_HEALTH_ARGS_H */
