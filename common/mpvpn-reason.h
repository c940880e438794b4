/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR MIT) */
/*
 * What a reason says beyond its name, for the kernel's log lines and for
 * libmpvpn's event text alike. Include after <linux/mpvpn.h>.
 */
#ifndef _MPVPN_REASON_H
#define _MPVPN_REASON_H

/*
 * Whether the probes' figures (RTT, jitter, loss, misses) explain a state
 * change for @reason: the kernel's log line and mpvpnctl monitor show them
 * for these reasons only.
 */
static inline int mpvpn_reason_has_figures(unsigned int reason)
{
	return reason == MPVPN_REASON_PROBES_LOST ||
	       reason == MPVPN_REASON_LATENCY ||
	       reason == MPVPN_REASON_JITTER || reason == MPVPN_REASON_LOSS ||
	       reason == MPVPN_REASON_RECOVERED;
}

#endif /* _MPVPN_REASON_H */
