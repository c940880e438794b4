// SPDX-License-Identifier: GPL-2.0-or-later
/* The verdict of an external probe: counts that flip it, when to push. */
#include "unit.h"
#include "verdict.h"

/* Feeds @results ("ssff...", s success, f failure); the last flip's index. */
static int feed(struct verdict *v, const char *results, uint32_t fail_count,
		uint32_t success_count)
{
	int last_flip = -1;

	for (int i = 0; results[i]; i++)
		if (verdict_record(v, results[i] == 's', fail_count,
				   success_count))
			last_flip = i;
	return last_flip;
}

static void test_counts(void)
{
	struct verdict v;

	verdict_init(&v);
	CHECK("starts unknown", v.value == VERDICT_UNKNOWN);
	CHECK("one failure of three: still unknown",
	      feed(&v, "f", 3, 2) == -1 && v.value == VERDICT_UNKNOWN);
	CHECK("a success breaks the run of failures",
	      feed(&v, "fsf", 3, 2) == -1 && v.value == VERDICT_UNKNOWN &&
	      v.failures == 1);
	CHECK("third failure in a row fails it",
	      feed(&v, "ff", 3, 2) == 1 && v.value == VERDICT_FAIL);
	CHECK("more failures change nothing",
	      feed(&v, "fff", 3, 2) == -1 && v.value == VERDICT_FAIL);
	CHECK("one success of two: still failed",
	      feed(&v, "s", 3, 2) == -1 && v.value == VERDICT_FAIL);
	CHECK("a failure breaks the run of successes",
	      feed(&v, "fs", 3, 2) == -1 && v.value == VERDICT_FAIL);
	CHECK("second success in a row clears it",
	      feed(&v, "s", 3, 2) == 0 && v.value == VERDICT_OK);
	CHECK("two failures of three: still ok",
	      feed(&v, "ff", 3, 2) == -1 && v.value == VERDICT_OK);

	verdict_init(&v);
	CHECK("from unknown, success_count successes: ok",
	      feed(&v, "ss", 3, 2) == 1 && v.value == VERDICT_OK);
	verdict_init(&v);
	CHECK("counts of 1 flip on every change",
	      feed(&v, "sfsf", 1, 1) == 3 && v.value == VERDICT_FAIL);
}

static void test_due(void)
{
	struct verdict v;

	verdict_init(&v);
	CHECK("unknown is never pushed", !verdict_due(&v, true, 1000, 3000));
	feed(&v, "ss", 3, 2);
	CHECK("a change is pushed", verdict_due(&v, true, 1000, 3000));
	CHECK("never pushed: pushed", verdict_due(&v, false, 1000, 3000));
	v.pushed_ms = 1000;
	CHECK("renewed before a third of its life: no",
	      !verdict_due(&v, false, 1999, 3000));
	CHECK("a third of its life: renewed", verdict_due(&v, false, 2000, 3000));
	CHECK("names", !strcmp(verdict_name(VERDICT_OK), "ok") &&
	      !strcmp(verdict_name(VERDICT_FAIL), "fail") &&
	      !strcmp(verdict_name(VERDICT_UNKNOWN), "unknown"));
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	test_counts();
	test_due();
	return unit_finish();
}
