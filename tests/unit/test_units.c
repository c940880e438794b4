// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * TIME, PCT, RATE and round-trip times: what the command line accepts,
 * what it refuses, and that the text output reads back to the same value.
 */
#include <errno.h>
#include <stdlib.h>
#include <time.h>

#include "libmpvpn.h"
#include "units.h"
#include "unit.h"

static bool time_is(const char *text, uint32_t want)
{
	uint32_t ms = UINT32_MAX - 1;

	return parse_time_ms(text, &ms) == 0 && ms == want;
}

static bool time_refused(const char *text)
{
	uint32_t ms = 7;

	return parse_time_ms(text, &ms) == -EINVAL && ms == 7;
}

static bool percent_is(const char *text, uint32_t want)
{
	uint32_t permille = UINT32_MAX;

	return parse_percent(text, &permille) == 0 && permille == want;
}

static bool percent_refused(const char *text)
{
	uint32_t permille = 7;

	return parse_percent(text, &permille) == -EINVAL && permille == 7;
}

static bool rtt_is(const char *text, uint32_t want)
{
	uint32_t us = UINT32_MAX - 1;

	return parse_ms_to_us(text, &us) == 0 && us == want;
}

static bool rtt_refused(const char *text)
{
	uint32_t us = 7;

	return parse_ms_to_us(text, &us) == -EINVAL && us == 7;
}

static bool rate_is(const char *text, uint32_t want)
{
	uint32_t kbps = UINT32_MAX - 1;

	return mpvpn_rate_parse(text, &kbps) == 0 && kbps == want;
}

/* Refused with @err, leaving the result alone. */
static bool rate_refused(const char *text, int err)
{
	uint32_t kbps = 7;

	return mpvpn_rate_parse(text, &kbps) == err && kbps == 7;
}

static void test_rate(void)
{
	CHECK("bare number is kbit/s", rate_is("40000", 40000));
	CHECK("kbit, mbit and gbit",
	      rate_is("40000kbit", 40000) && rate_is("40mbit", 40000) &&
	      rate_is("1gbit", 1000000));
	CHECK("zero in any unit", rate_is("0", 0) && rate_is("0gbit", 0));
	CHECK("units in any case",
	      rate_is("40MBIT", 40000) && rate_is("1Gbit", 1000000) &&
	      rate_is("5KBit", 5));
	CHECK("fractions of whole kbit/s",
	      rate_is("2.5mbit", 2500) && rate_is("0.125mbit", 125) &&
	      rate_is("1.000001gbit", 1000001) && rate_is("2.50mbit", 2500));
	CHECK("largest of 32 bits",
	      rate_is("4294967295", UINT32_MAX) &&
	      rate_is("4294.967295gbit", UINT32_MAX));
	CHECK("beyond 32 bits is out of range, not garbage",
	      rate_refused("4294967296", -ERANGE) &&
	      rate_refused("4295gbit", -ERANGE) &&
	      rate_refused("99999999999999999999999", -ERANGE) &&
	      rate_refused("99999999999999999999999gbit", -ERANGE));
	CHECK("garbage after a huge number is garbage",
	      rate_refused("99999999999999999999999x", -EINVAL));
	CHECK("fractions below a kbit/s refused",
	      rate_refused("1.5", -EINVAL) &&
	      rate_refused("1.5kbit", -EINVAL) &&
	      rate_refused("0.0001mbit", -EINVAL) &&
	      rate_refused("0.0000001gbit", -EINVAL));
	CHECK("unknown units refused",
	      rate_refused("40mbps", -EINVAL) && rate_refused("40m", -EINVAL) &&
	      rate_refused("40bit", -EINVAL) &&
	      rate_refused("40 mbit", -EINVAL) &&
	      rate_refused("40mbit/s", -EINVAL));
	CHECK("malformed numbers refused",
	      rate_refused("", -EINVAL) && rate_refused("mbit", -EINVAL) &&
	      rate_refused("-1", -EINVAL) && rate_refused("+1", -EINVAL) &&
	      rate_refused(" 1", -EINVAL) && rate_refused("1.", -EINVAL) &&
	      rate_refused(".5mbit", -EINVAL) && rate_refused("1e3", -EINVAL) &&
	      rate_refused("1..5mbit", -EINVAL));
}

static void test_time(void)
{
	CHECK("bare number is milliseconds", time_is("100", 100));
	CHECK("ms suffix", time_is("100ms", 100));
	CHECK("s suffix", time_is("2s", 2000));
	CHECK("zero", time_is("0", 0) && time_is("0s", 0));
	CHECK("largest in ms", time_is("4294967295ms", UINT32_MAX));
	CHECK("largest in s", time_is("4294967s", 4294967000u));
	CHECK("beyond 32 bits of ms refused",
	      time_refused("4294967296") && time_refused("4294968s"));
	CHECK("huge refused without wrapping",
	      time_refused("99999999999999999999999"));
	CHECK("fraction refused: whole milliseconds only",
	      time_refused("1.5s") && time_refused("1.5"));
	CHECK("unknown unit refused",
	      time_refused("2m") && time_refused("2sec") &&
	      time_refused("2 s") && time_refused("2MS"));
	CHECK("unit alone refused", time_refused("s") && time_refused("ms"));
	CHECK("signs and spaces refused",
	      time_refused("-1") && time_refused("+1") && time_refused(" 1") &&
	      time_refused("1 "));
	CHECK("empty refused", time_refused(""));
}

static void test_percent(void)
{
	CHECK("whole percent", percent_is("5", 50));
	CHECK("one decimal", percent_is("0.5", 5) && percent_is("12.3", 123));
	CHECK("percent sign", percent_is("5%", 50) && percent_is("0.5%", 5));
	CHECK("bounds", percent_is("0", 0) && percent_is("100", 1000) &&
	      percent_is("100.0%", 1000));
	CHECK("above 100 refused",
	      percent_refused("100.1") && percent_refused("101"));
	CHECK("two decimals refused", percent_refused("0.05"));
	CHECK("dangling or leading point refused",
	      percent_refused("5.") && percent_refused(".5"));
	CHECK("garbage refused",
	      percent_refused("five") && percent_refused("5%%") &&
	      percent_refused("5 %") && percent_refused("-1") &&
	      percent_refused("") && percent_refused("5e1"));
}

static void test_rtt(void)
{
	CHECK("whole milliseconds", rtt_is("12", 12000));
	CHECK("fractional milliseconds", rtt_is("12.5", 12500) &&
	      rtt_is("0.001", 1) && rtt_is("12.345", 12345));
	CHECK("ms suffix", rtt_is("12.5ms", 12500));
	CHECK("largest", rtt_is("4294967.295", UINT32_MAX));
	CHECK("beyond 32 bits of microseconds refused",
	      rtt_refused("4294967.296"));
	CHECK("four decimals refused", rtt_refused("0.0001"));
	CHECK("garbage refused",
	      rtt_refused("12s") && rtt_refused("fast") && rtt_refused("") &&
	      rtt_refused("-1") && rtt_refused("1,5"));
}

static void test_formats(void)
{
	char buf[UNITS_STRLEN];
	uint32_t value;

	CHECK_STR("time in ms", format_time_ms(150, buf), "150ms");
	CHECK_STR("time in whole seconds", format_time_ms(2000, buf), "2s");
	CHECK_STR("time not whole seconds", format_time_ms(2500, buf),
		  "2500ms");
	CHECK_STR("zero time", format_time_ms(0, buf), "0ms");
	CHECK("time reads back",
	      parse_time_ms(format_time_ms(3600000, buf), &value) == 0 &&
	      value == 3600000);
	CHECK_STR("whole percent", format_percent(50, buf), "5%");
	CHECK_STR("fractional percent", format_percent(5, buf), "0.5%");
	CHECK_STR("zero percent", format_percent(0, buf), "0%");
	CHECK("percent reads back",
	      parse_percent(format_percent(123, buf), &value) == 0 &&
	      value == 123);
	CHECK_STR("rtt rounded to 0.1 ms", format_us_ms(12345, buf),
		  "12.3 ms");
	CHECK_STR("rtt rounded half up", format_us_ms(12350, buf), "12.4 ms");
	CHECK_STR("rtt below 0.05 ms", format_us_ms(40, buf), "0.0 ms");
	CHECK_STR("largest rtt", format_us_ms(UINT32_MAX, buf),
		  "4294967.3 ms");
	CHECK_STR("loss", format_permille(50, buf), "5.0 %");
	CHECK_STR("loss of everything", format_permille(1000, buf), "100.0 %");
	CHECK_STR("seconds left", format_ms_s(8249, buf), "8.2 s");
	CHECK_STR("duration under a second", format_duration_ms(850, buf),
		  "850ms");
	CHECK_STR("duration in seconds", format_duration_ms(14999, buf), "14s");
	CHECK_STR("duration in minutes", format_duration_ms(725000, buf),
		  "12m 5s");
	CHECK_STR("duration in whole hours", format_duration_ms(4 * 3600000, buf),
		  "4h 0m");
	CHECK_STR("duration in days", format_duration_ms(276000000, buf),
		  "3d 4h");
	CHECK_STR("duration of years",
		  format_duration_ms(UINT64_C(40000) * 86400000, buf),
		  "40000d 0h");
	CHECK_STR("rate in gbit", mpvpn_rate_format(100000000, buf), "100gbit");
	CHECK_STR("rate in mbit", mpvpn_rate_format(40000, buf), "40mbit");
	CHECK_STR("rate in kbit", mpvpn_rate_format(2500, buf), "2500kbit");
	CHECK_STR("rate of 0", mpvpn_rate_format(0, buf), "0");
	CHECK_STR("largest rate", mpvpn_rate_format(UINT32_MAX, buf),
		  "4294967295kbit");
	CHECK("rate reads back",
	      mpvpn_rate_parse(mpvpn_rate_format(1500, buf), &value) == 0 &&
	      value == 1500 &&
	      mpvpn_rate_parse(mpvpn_rate_format(3000000, buf), &value) == 0 &&
	      value == 3000000 &&
	      mpvpn_rate_parse(mpvpn_rate_format(0, buf), &value) == 0 &&
	      value == 0);
}

/* RFC 3339 in UTC and in local time, milliseconds kept. */
static void test_clock(void)
{
	struct timespec t = { .tv_sec = 1767225600, .tv_nsec = 999999999 };
	struct timespec then;
	char buf[MPVPN_TIME_STRLEN];

	CHECK_STR("time in UTC", mpvpn_time_format(&t, true, buf),
		  "2026-01-01T00:00:00.999Z");
	setenv("TZ", "UTC-5:30", 1);
	tzset();
	CHECK_STR("local time with its offset", mpvpn_time_format(&t, false, buf),
		  "2026-01-01T05:30:00.999+05:30");
	setenv("TZ", "UTC+3", 1);
	tzset();
	CHECK_STR("local time west of Greenwich",
		  mpvpn_time_format(&t, false, buf),
		  "2025-12-31T21:00:00.999-03:00");
	mpvpn_time_before(&t, 1000, &then);
	CHECK("a second before", then.tv_sec == t.tv_sec - 1 &&
	      then.tv_nsec == t.tv_nsec);
	t.tv_nsec = 100000000;
	mpvpn_time_before(&t, 250, &then);
	CHECK("milliseconds before across a second",
	      then.tv_sec == t.tv_sec - 1 && then.tv_nsec == 850000000);
}

int main(void)
{
	test_clock();
	test_time();
	test_percent();
	test_rtt();
	test_rate();
	test_formats();
	return unit_finish();
}
