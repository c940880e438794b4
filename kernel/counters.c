// SPDX-License-Identifier: GPL-2.0
/* Summing the per-CPU counter blocks (counters.h). */

#include "counters.h"

#include "device.h"
#include "path.h"
#include "socket.h"

#include <linux/build_bug.h>
#include <linux/string.h>

static_assert(MPVPN_DEV_COUNTERS <= MPVPN_COUNTERS_MAX);
static_assert(MPVPN_PATH_COUNTERS <= MPVPN_COUNTERS_MAX);
static_assert(MPVPN_PORT_COUNTERS <= MPVPN_COUNTERS_MAX);

void mpvpn_counters_sum(struct mpvpn_counters __percpu *counters,
			u64 sum[MPVPN_COUNTERS_MAX])
{
	int cpu, i;

	memset(sum, 0, sizeof(u64) * MPVPN_COUNTERS_MAX);
	for_each_possible_cpu(cpu) {
		const struct mpvpn_counters *c = per_cpu_ptr(counters, cpu);
		u64 snap[MPVPN_COUNTERS_MAX];
		unsigned int start;

		do {
			start = u64_stats_fetch_begin(&c->syncp);
			memcpy(snap, c->value, sizeof(snap));
		} while (u64_stats_fetch_retry(&c->syncp, start));
		for (i = 0; i < MPVPN_COUNTERS_MAX; i++)
			sum[i] += snap[i];
	}
}
