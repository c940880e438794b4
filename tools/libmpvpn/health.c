// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The health thresholds nest, shared by the device defaults (DEV_SET) and
 * the per-path overrides (PATH_ADD, PATH_SET).
 */
#include <errno.h>

#include "internal.h"

int mpvpn_put_health_nest(struct nl_msg *msg, int type,
			  const struct mpvpn_health_info *health)
{
	struct nlattr *nest = nla_nest_start(msg, type);
	int ret = 0;

	if (!nest)
		return -EMSGSIZE;
	for (int attr = 1; attr <= MPVPN_HEALTH_A_MAX && ret == 0; attr++) {
		if (!(health->present & MPVPN_HEALTH_HAS(attr)))
			continue;
		if (attr == MPVPN_HEALTH_A_RESET)
			ret = nla_put_flag(msg, attr);
		else
			ret = nla_put_u32(msg, attr, health->value[attr]);
	}
	if (ret < 0)
		return -EMSGSIZE;
	nla_nest_end(msg, nest);
	return 0;
}
