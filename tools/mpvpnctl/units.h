/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Durations, percentages and round-trip times as the command line writes
 * them, and back. The kernel counts in milliseconds, permille and
 * microseconds; people write "2s", "0.5%" and "12.5" (ms).
 */
#ifndef MPVPNCTL_UNITS_H
#define MPVPNCTL_UNITS_H

#include <stddef.h>
#include <stdint.h>

#include "libmpvpn.h"

/*
 * TIME: whole milliseconds, "100", "100ms" or "2s". 0, or -EINVAL for
 * anything else, including a value beyond 32 bits of milliseconds.
 */
int parse_time_ms(const char *text, uint32_t *ms);

/* PCT: 0 to 100 with at most one decimal, "5", "0.5" or "5%", in permille. */
int parse_percent(const char *text, uint32_t *permille);

/* Milliseconds with at most three decimals, "12.5" or "12.5ms", in µs. */
int parse_ms_to_us(const char *text, uint32_t *us);

/* Room for any of the texts below. */
#define UNITS_STRLEN	MPVPN_TENTHS_STRLEN

/* "250ms", or "2s" for whole seconds: TIME as parse_time_ms() reads it. */
const char *format_time_ms(uint32_t ms, char buf[UNITS_STRLEN]);
/* "5%" or "0.5%": PCT as parse_percent() reads it. */
const char *format_percent(uint32_t permille, char buf[UNITS_STRLEN]);
/* Figures for people, one decimal: "12.3 ms" from µs, "5.0 %", "8.2 s". */
const char *format_us_ms(uint32_t us, char buf[UNITS_STRLEN]);
const char *format_permille(uint32_t permille, char buf[UNITS_STRLEN]);
const char *format_ms_s(uint32_t ms, char buf[UNITS_STRLEN]);
/* "38.2 Mbit/s" from kbit/s. */
const char *format_kbps_mbps(uint32_t kbps, char buf[UNITS_STRLEN]);
/*
 * A span for people, its two largest units, rounded down: "3d 4h",
 * "4h 0m", "12m 5s", "14s"; "850ms" under a second.
 */
const char *format_duration_ms(uint64_t ms, char buf[UNITS_STRLEN]);

#endif /* MPVPNCTL_UNITS_H */
