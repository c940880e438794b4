// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "args.h"
#include "health_args.h"

static const struct {
	const char *keyword;
	enum health_unit unit;
} keys[] = {
	[MPVPN_HEALTH_A_PROBE_INTERVAL_MS] = { "probe-interval", HEALTH_UNIT_TIME },
	[MPVPN_HEALTH_A_MISS_COUNT] = { "miss-count", HEALTH_UNIT_COUNT },
	[MPVPN_HEALTH_A_LOSS_WINDOW] = { "loss-window", HEALTH_UNIT_COUNT },
	[MPVPN_HEALTH_A_LATENCY_FAIL_MS] = { "latency-fail", HEALTH_UNIT_TIME },
	[MPVPN_HEALTH_A_LATENCY_RECOVER_MS] = { "latency-recover", HEALTH_UNIT_TIME },
	[MPVPN_HEALTH_A_JITTER_FAIL_MS] = { "jitter-fail", HEALTH_UNIT_TIME },
	[MPVPN_HEALTH_A_JITTER_RECOVER_MS] = { "jitter-recover", HEALTH_UNIT_TIME },
	[MPVPN_HEALTH_A_LOSS_FAIL_PERMILLE] = { "loss-fail", HEALTH_UNIT_PERCENT },
	[MPVPN_HEALTH_A_LOSS_RECOVER_PERMILLE] = { "loss-recover", HEALTH_UNIT_PERCENT },
	[MPVPN_HEALTH_A_HOLD_MS] = { "hold", HEALTH_UNIT_TIME },
	/* MPVPN_HEALTH_A_RESET is "health-reset" of "path set" alone. */
};

#define KEY_COUNT	(sizeof(keys) / sizeof(keys[0]))

/* Every threshold has a keyword; only the reset flag comes after them. */
_Static_assert(KEY_COUNT == MPVPN_HEALTH_A_RESET, "health keywords");

const char *health_keyword(unsigned int attr)
{
	return attr < KEY_COUNT ? keys[attr].keyword : NULL;
}

enum health_unit health_unit(unsigned int attr)
{
	return attr < KEY_COUNT ? keys[attr].unit : HEALTH_UNIT_COUNT;
}

/* The attribute of @word, or 0. */
static unsigned int find_key(const char *word)
{
	for (unsigned int attr = 1; attr < KEY_COUNT; attr++)
		if (!strcmp(word, keys[attr].keyword))
			return attr;
	return 0;
}

bool is_health_keyword(const char *word)
{
	return find_key(word) != 0;
}

int health_args_parse(const char *keyword, const char *value,
		      struct mpvpn_health_info *health, char *err,
		      size_t err_len)
{
	unsigned int attr = find_key(keyword);
	uint32_t *out;

	if (!attr)
		return 1;
	if (args_claim(&health->present, MPVPN_HEALTH_HAS(attr), keyword, err,
		       err_len))
		return -EINVAL;
	out = &health->value[attr];
	/* Ranges are the kernel's to check; its message names the limit. */
	switch (keys[attr].unit) {
	case HEALTH_UNIT_TIME:
		if (parse_time_ms(value, out) < 0)
			return args_fail(err, err_len,
				    "invalid %s '%s': expected a time such as 100, 100ms or 2s",
				    keyword, value);
		break;
	case HEALTH_UNIT_COUNT:
		if (parse_u32(value, 0, UINT32_MAX, out) < 0)
			return args_fail(err, err_len,
				    "invalid %s '%s': expected a whole number",
				    keyword, value);
		break;
	case HEALTH_UNIT_PERCENT:
		if (parse_percent(value, out) < 0)
			return args_fail(err, err_len,
				    "invalid %s '%s': expected a percentage 0..100 such as 5, 0.5 or 5%%",
				    keyword, value);
		break;
	}
	return 0;
}

const char *health_format(unsigned int attr, uint32_t value,
			  char buf[UNITS_STRLEN])
{
	switch (health_unit(attr)) {
	case HEALTH_UNIT_TIME:
		return format_time_ms(value, buf);
	case HEALTH_UNIT_PERCENT:
		return format_percent(value, buf);
	case HEALTH_UNIT_COUNT:
		break;
	}
	snprintf(buf, UNITS_STRLEN, "%u", value);
	return buf;
}

void health_print_usage(const char *indent)
{
	printf("%sprobe-interval TIME  miss-count N  loss-window N  hold TIME\n"
	       "%slatency-fail TIME  latency-recover TIME\n"
	       "%sjitter-fail TIME  jitter-recover TIME\n"
	       "%sloss-fail PCT  loss-recover PCT\n",
	       indent, indent, indent, indent);
}
