/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * JSON views. Field names are an interface for scripts: add fields, never
 * rename or remove them. Keys are printed sorted.
 */
#ifndef MPVPNCTL_JSON_H
#define MPVPNCTL_JSON_H

#include <stdbool.h>
#include <jansson.h>

#include "libmpvpn.h"
#include "snapshot.h"

json_t *json_stats(const struct mpvpn_stats *stats);
json_t *json_health(const struct mpvpn_health_info *health);
json_t *json_measure(const struct mpvpn_measure *measure);
json_t *json_verdicts(const struct mpvpn_path_info *path);
/* With "last_change", the time @now less LAST_CHANGE_MS, in UTC. */
json_t *json_history(const struct mpvpn_history *history,
		     const struct timespec *now);
json_t *json_path(const struct mpvpn_path_info *path);
json_t *json_device(const struct device_snapshot *dev);
json_t *json_device_stats(const struct device_snapshot *dev);
json_t *json_event(const struct mpvpn_event *event);

/*
 * The field @dotted_key of @view, nested keys joined with dots
 * ("measure.srtt_us"); NULL when there is none. The reference is @view's.
 */
json_t *json_lookup(json_t *view, const char *dotted_key);
/*
 * Prints @value on a line of its own: a string bare, anything else as
 * compact JSON. Does not release it. 0 or -EIO.
 */
int json_print_scalar(json_t *value);

/* Prints and releases @value; one line when @compact. 0 or -EIO. */
int json_print(json_t *value, bool compact);

#endif /* MPVPNCTL_JSON_H */
