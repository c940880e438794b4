// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "args.h"

int parse_u32(const char *text, uint32_t min, uint32_t max, uint32_t *out)
{
	unsigned long long value;
	char *end;

	/* strtoull() would accept " 1", "+1" and wrap "-1". */
	if (text[0] < '0' || text[0] > '9')
		return -EINVAL;
	errno = 0;
	value = strtoull(text, &end, 10);
	if (errno || *end || value < min || value > max)
		return -EINVAL;
	*out = (uint32_t)value;
	return 0;
}

int args_fail(char *err, size_t err_len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, err_len, fmt, ap);
	va_end(ap);
	return -EINVAL;
}

int args_claim(uint64_t *present, uint64_t bit, const char *keyword,
	       char *err, size_t err_len)
{
	if (*present & bit)
		return args_fail(err, err_len, "'%s' given twice", keyword);
	*present |= bit;
	return 0;
}

int args_missing_value(const char *keyword, bool is_keyword, char *err,
		       size_t err_len)
{
	if (is_keyword)
		return args_fail(err, err_len, "'%s' needs a value", keyword);
	return args_fail(err, err_len, "unknown keyword '%s'", keyword);
}
