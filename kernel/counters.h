/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per-CPU u64 counters for devices, paths and ports: one block type, each
 * user indexing it with an enum of its own, so that counting and summing
 * are written once.
 */
#ifndef _MPVPN_COUNTERS_H
#define _MPVPN_COUNTERS_H

#include <linux/netdevice.h>
#include <linux/percpu.h>
#include <linux/u64_stats_sync.h>

#define MPVPN_COUNTERS_MAX 20

struct mpvpn_counters {
	u64 value[MPVPN_COUNTERS_MAX];
	struct u64_stats_sync syncp;
};

/* Data path only: BH disabled, so this CPU's block is ours. */
static inline void mpvpn_counters_add(struct mpvpn_counters __percpu *counters,
				      unsigned int index, u64 amount)
{
	struct mpvpn_counters *c = this_cpu_ptr(counters);

	u64_stats_update_begin(&c->syncp);
	c->value[index] += amount;
	u64_stats_update_end(&c->syncp);
}

static inline void mpvpn_counters_inc(struct mpvpn_counters __percpu *counters,
				      unsigned int index)
{
	mpvpn_counters_add(counters, index, 1);
}

static inline struct mpvpn_counters __percpu *mpvpn_counters_alloc(void)
{
	return netdev_alloc_pcpu_stats(struct mpvpn_counters);
}

void mpvpn_counters_sum(struct mpvpn_counters __percpu *counters,
			u64 sum[MPVPN_COUNTERS_MAX]);

#endif /* _MPVPN_COUNTERS_H */
