// SPDX-License-Identifier: GPL-2.0-or-later
#include "verdict.h"

void verdict_init(struct verdict *v)
{
	v->value = VERDICT_UNKNOWN;
	v->failures = 0;
	v->successes = 0;
	v->pushed_ms = 0;
}

bool verdict_record(struct verdict *v, bool success, uint32_t fail_count,
		    uint32_t success_count)
{
	enum verdict_value before = v->value;

	if (success) {
		v->failures = 0;
		if (v->successes < UINT32_MAX)
			v->successes++;
		if (v->successes >= success_count)
			v->value = VERDICT_OK;
	} else {
		v->successes = 0;
		if (v->failures < UINT32_MAX)
			v->failures++;
		if (v->failures >= fail_count)
			v->value = VERDICT_FAIL;
	}
	return v->value != before;
}

bool verdict_due(const struct verdict *v, bool changed, uint64_t now_ms,
		 uint32_t valid_ms)
{
	if (v->value == VERDICT_UNKNOWN)
		return false;
	if (changed || !v->pushed_ms)
		return true;
	return now_ms - v->pushed_ms >= valid_ms / 3;
}

const char *verdict_name(enum verdict_value value)
{
	switch (value) {
	case VERDICT_OK: return "ok";
	case VERDICT_FAIL: return "fail";
	case VERDICT_UNKNOWN: break;
	}
	return "unknown";
}
