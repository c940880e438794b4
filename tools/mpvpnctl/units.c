// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "units.h"

/* Past this a fixed-point value cannot be a u32 of any unit used here. */
#define FIXED_LIMIT	(UINT64_C(1) << 48)

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/*
 * A decimal number with at most @decimals digits after the point, scaled
 * by 10^@decimals: "12.5" with 3 decimals is 12500. *@suffix points after
 * the number. Unlike strtod(), refuses signs, spaces, exponents, "1." and
 * ".5", and never rounds.
 */
static int parse_fixed(const char *text, unsigned int decimals,
		       uint64_t *scaled, const char **suffix)
{
	uint64_t value = 0;
	unsigned int fraction = 0;
	const char *p = text;

	if (!is_digit(*p))
		return -EINVAL;
	for (; is_digit(*p); p++) {
		value = value * 10 + (uint64_t)(*p - '0');
		if (value >= FIXED_LIMIT)
			return -EINVAL;
	}
	if (*p == '.' && decimals) {
		p++;
		if (!is_digit(*p))
			return -EINVAL;
		for (; is_digit(*p); p++) {
			if (++fraction > decimals)
				return -EINVAL;
			value = value * 10 + (uint64_t)(*p - '0');
		}
	}
	for (; fraction < decimals; fraction++)
		value *= 10;
	if (value > UINT32_MAX * UINT64_C(1000))
		return -EINVAL;
	*scaled = value;
	*suffix = p;
	return 0;
}

int parse_time_ms(const char *text, uint32_t *ms)
{
	const char *unit;
	uint64_t value;

	if (parse_fixed(text, 0, &value, &unit) < 0)
		return -EINVAL;
	if (!strcmp(unit, "s"))
		value *= 1000;
	else if (unit[0] && strcmp(unit, "ms"))
		return -EINVAL;
	if (value > UINT32_MAX)
		return -EINVAL;
	*ms = (uint32_t)value;
	return 0;
}

int parse_percent(const char *text, uint32_t *permille)
{
	const char *unit;
	uint64_t value;

	if (parse_fixed(text, 1, &value, &unit) < 0)
		return -EINVAL;
	if ((unit[0] && strcmp(unit, "%")) || value > 1000)
		return -EINVAL;
	*permille = (uint32_t)value;
	return 0;
}

int parse_ms_to_us(const char *text, uint32_t *us)
{
	const char *unit;
	uint64_t value;

	if (parse_fixed(text, 3, &value, &unit) < 0)
		return -EINVAL;
	if ((unit[0] && strcmp(unit, "ms")) || value > UINT32_MAX)
		return -EINVAL;
	*us = (uint32_t)value;
	return 0;
}

const char *format_time_ms(uint32_t ms, char buf[UNITS_STRLEN])
{
	if (ms && ms % 1000 == 0)
		snprintf(buf, UNITS_STRLEN, "%us", ms / 1000);
	else
		snprintf(buf, UNITS_STRLEN, "%ums", ms);
	return buf;
}

const char *format_percent(uint32_t permille, char buf[UNITS_STRLEN])
{
	if (permille % 10)
		snprintf(buf, UNITS_STRLEN, "%u.%u%%", permille / 10,
			 permille % 10);
	else
		snprintf(buf, UNITS_STRLEN, "%u%%", permille / 10);
	return buf;
}

const char *format_us_ms(uint32_t us, char buf[UNITS_STRLEN])
{
	return mpvpn_tenths_format(us, 1000, "ms", buf);
}

const char *format_permille(uint32_t permille, char buf[UNITS_STRLEN])
{
	return mpvpn_tenths_format(permille, 10, "%", buf);
}

const char *format_ms_s(uint32_t ms, char buf[UNITS_STRLEN])
{
	return mpvpn_tenths_format(ms, 1000, "s", buf);
}

const char *format_kbps_mbps(uint32_t kbps, char buf[UNITS_STRLEN])
{
	return mpvpn_tenths_format(kbps, 1000, "Mbit/s", buf);
}

const char *format_duration_ms(uint64_t ms, char buf[UNITS_STRLEN])
{
	static const struct {
		uint64_t ms;
		char unit;
	} units[] = {
		{ 86400000, 'd' }, { 3600000, 'h' }, { 60000, 'm' }, { 1000, 's' },
	};
	size_t i = 0;

	if (ms < 1000) {
		snprintf(buf, UNITS_STRLEN, "%llums", (unsigned long long)ms);
		return buf;
	}
	while (ms < units[i].ms)
		i++;
	if (i + 1 == sizeof(units) / sizeof(units[0]))
		snprintf(buf, UNITS_STRLEN, "%llus",
			 (unsigned long long)(ms / 1000));
	else
		snprintf(buf, UNITS_STRLEN, "%llu%c %llu%c",
			 (unsigned long long)(ms / units[i].ms), units[i].unit,
			 (unsigned long long)(ms % units[i].ms / units[i + 1].ms),
			 units[i + 1].unit);
	return buf;
}
