/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Pieces shared by the command-line grammars of dev_args.c and path_args.c,
 * so that both word their errors the same way.
 */
#ifndef MPVPNCTL_ARGS_H
#define MPVPNCTL_ARGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A decimal number in [min, max]: 0, or -EINVAL. */
int parse_u32(const char *text, uint32_t min, uint32_t max, uint32_t *out);

/* Formats the one-line explanation into @err; returns -EINVAL. */
int args_fail(char *err, size_t err_len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * Sets @bit in @present for @keyword; -EINVAL if it was set already, since
 * a keyword given twice is almost surely a typo.
 */
int args_claim(uint64_t *present, uint64_t bit, const char *keyword,
	       char *err, size_t err_len);

/*
 * The error for @keyword standing last, with no value after it: a known
 * keyword (@is_keyword) lacks its value, anything else is unknown.
 */
int args_missing_value(const char *keyword, bool is_keyword, char *err,
		       size_t err_len);

#endif /* MPVPNCTL_ARGS_H */
