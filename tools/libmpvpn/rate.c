// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Rates as people write them, "40mbit" or "2.5mbit", for mpvpnctl's
 * "bandwidth RATE" and mpvpnd.json's "bandwidth" alike: one reading of
 * the syntax, so that the two cannot come to disagree.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <strings.h>

#include "libmpvpn.h"

/* The units of RATE, in kbit/s; none means kbit/s. */
static const struct {
	const char *name;
	uint32_t kbps;
	unsigned int decimals;	/* at most, for whole kbit/s */
} rate_units[] = {
	{ "", 1, 0 },
	{ "kbit", 1, 0 },
	{ "mbit", 1000, 3 },
	{ "gbit", 1000000, 6 },
};

#define RATE_UNIT_COUNT	(sizeof(rate_units) / sizeof(rate_units[0]))

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

int mpvpn_rate_parse(const char *text, uint32_t *kbps)
{
	uint64_t whole = 0, fraction = 0, scale = 1, value;
	unsigned int decimals = 0;
	bool huge = false;
	const char *p = text;
	size_t unit;

	if (!is_digit(*p))
		return -EINVAL;
	/* Past 32 bits the digits are still read, to tell garbage apart. */
	for (; is_digit(*p); p++) {
		if (whole > UINT32_MAX)
			huge = true;
		else
			whole = whole * 10 + (uint64_t)(*p - '0');
	}
	if (*p == '.') {
		p++;
		if (!is_digit(*p))
			return -EINVAL;
		for (; is_digit(*p); p++) {
			if (++decimals > 6)
				return -EINVAL;
			fraction = fraction * 10 + (uint64_t)(*p - '0');
			scale *= 10;
		}
	}
	for (unit = 0; unit < RATE_UNIT_COUNT; unit++)
		if (!strcasecmp(p, rate_units[unit].name))
			break;
	if (unit == RATE_UNIT_COUNT || decimals > rate_units[unit].decimals)
		return -EINVAL;
	/* "2.5mbit" is 2500 kbit/s; "1.0005mbit" is no whole number. */
	fraction *= rate_units[unit].kbps;
	if (fraction % scale)
		return -EINVAL;
	value = whole * rate_units[unit].kbps + fraction / scale;
	if (huge || value > UINT32_MAX)
		return -ERANGE;
	*kbps = (uint32_t)value;
	return 0;
}

const char *mpvpn_rate_format(uint32_t kbps, char buf[MPVPN_RATE_STRLEN])
{
	if (kbps && kbps % 1000000 == 0)
		snprintf(buf, MPVPN_RATE_STRLEN, "%ugbit", kbps / 1000000);
	else if (kbps && kbps % 1000 == 0)
		snprintf(buf, MPVPN_RATE_STRLEN, "%umbit", kbps / 1000);
	else if (kbps)
		snprintf(buf, MPVPN_RATE_STRLEN, "%ukbit", kbps);
	else
		snprintf(buf, MPVPN_RATE_STRLEN, "0");
	return buf;
}
