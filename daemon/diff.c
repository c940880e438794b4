// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diff.h"

#define PATH_HAS(attr)	MPVPN_PATH_HAS(MPVPN_PATH_A_##attr)
#define DEV_HAS(attr)	MPVPN_DEV_HAS(MPVPN_A_##attr)

static const struct mpvpn_path_info *
view_find_path(const struct view_device *vd, const char *name)
{
	for (size_t i = 0; vd && i < vd->path_count; i++)
		if (!strcmp(vd->paths[i].name, name))
			return &vd->paths[i];
	return NULL;
}

const char *action_type_name(enum action_type type)
{
	switch (type) {
	case ACTION_LINK_DEL: return "device delete";
	case ACTION_LINK_ADD: return "device create";
	case ACTION_DEV_SET: return "device set";
	case ACTION_PATH_DEL: return "path delete";
	case ACTION_PATH_SET: return "path set";
	case ACTION_PATH_ADD: return "path add";
	case ACTION_ADDR_DEL: return "address delete";
	case ACTION_ADDR_ADD: return "address add";
	}
	return "unknown";
}

void plan_free(struct plan *plan)
{
	free(plan->actions);
	memset(plan, 0, sizeof(*plan));
}

static struct action *plan_push(struct plan *plan, enum action_type type,
				const char *device)
{
	struct action *action;

	if (plan->count == plan->capacity) {
		size_t capacity = plan->capacity ? plan->capacity * 2 : 16;
		void *grown = realloc(plan->actions,
				      capacity * sizeof(*plan->actions));

		if (!grown)
			return NULL;
		plan->actions = grown;
		plan->capacity = capacity;
	}
	action = &plan->actions[plan->count++];
	memset(action, 0, sizeof(*action));
	action->type = type;
	snprintf(action->device, sizeof(action->device), "%s", device);
	return action;
}

/* Appends ", "-separated text to @action->why; what does not fit is cut. */
static void why(struct action *action, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void why(struct action *action, const char *fmt, ...)
{
	size_t used = strlen(action->why);
	va_list ap;

	if (used + 3 >= sizeof(action->why))
		return;
	if (used) {
		strcpy(action->why + used, ", ");
		used += 2;
	}
	va_start(ap, fmt);
	vsnprintf(action->why + used, sizeof(action->why) - used, fmt, ap);
	va_end(ap);
}

static bool addr_equal(const struct mpvpn_addr *a, const struct mpvpn_addr *b)
{
	return a->family == b->family &&
	       !memcmp(a->bytes, b->bytes, mpvpn_addr_len(a));
}

static bool has_address(const struct config_device *device,
			const struct config_address *address)
{
	for (size_t i = 0; device && i < device->address_count; i++)
		if (addr_equal(&device->addresses[i].addr, &address->addr) &&
		    device->addresses[i].prefix_len == address->prefix_len)
			return true;
	return false;
}

/* The health values in force as the kernel reports them for a device. */
static uint32_t view_health(const struct mpvpn_health_info *health,
			    unsigned int attr, uint32_t fallback)
{
	return (health->present & MPVPN_HEALTH_HAS(attr)) ?
	       health->value[attr] : fallback;
}

/* ---- devices ---- */

static int plan_link_add(struct plan *plan, const struct config_device *cd)
{
	struct action *action = plan_push(plan, ACTION_LINK_ADD, cd->name);

	if (!action)
		return -ENOMEM;
	action->link.present = MPVPN_LINK_HAS(IFLA_MPVPN_PORT) |
			       MPVPN_LINK_HAS(IFLA_MPVPN_MODE);
	action->link.port = cd->port;
	action->link.mode = cd->mode;
	if (cd->tunnel_id) {
		action->link.present |= MPVPN_LINK_HAS(IFLA_MPVPN_TUNNEL_ID);
		action->link.tunnel_id = cd->tunnel_id;
	}
	why(action, "port %u, tunnel id %u", cd->port, cd->tunnel_id);
	return 0;
}

/* A device fresh from LINK_ADD: the kernel's defaults. */
static void default_device(const struct config_device *cd,
			   struct mpvpn_device_info *out)
{
	memset(out, 0, sizeof(*out));
	snprintf(out->ifname, sizeof(out->ifname), "%s", cd->name);
	out->present = DEV_HAS(MODE) | DEV_HAS(FAILBACK) |
		       DEV_HAS(REVERT_DELAY_MS) | DEV_HAS(HEALTH) |
		       DEV_HAS(REDUNDANCY) | DEV_HAS(REORDER_WAIT_MS) |
		       DEV_HAS(ENCRYPTION) | DEV_HAS(REKEY_SECONDS) |
		       DEV_HAS(TOS_INHERIT);
	out->encryption = MPVPN_ENCRYPTION_UNSET;
	out->rekey_seconds = MPVPN_REKEY_SECONDS_DEFAULT;
	out->port = cd->port;
	out->tunnel_id = cd->tunnel_id;
	out->mode = cd->mode;
	out->failback = MPVPN_FAILBACK_REVERT;
	out->revert_delay_ms = MPVPN_REVERT_DELAY_MS_DEFAULT;
	out->redundancy = MPVPN_REDUNDANCY_DEFAULT;
	out->reorder_wait_ms = MPVPN_REORDER_WAIT_MS_DEFAULT;
	out->tos_inherit = false;
	config_health_in_force(NULL, NULL, &out->health);
}

/*
 * Marks the number setting @attr of @action's DEV_SET to be sent when the
 * kernel reports it (a module without the setting does not) and has
 * another value than the file's, and says why.
 */
static void note_number(struct action *action,
			const struct mpvpn_device_info *kd, unsigned int attr,
			const char *name, uint32_t have, uint32_t want)
{
	if (!(kd->present & MPVPN_DEV_HAS(attr)) || have == want)
		return;
	action->settings.present |= MPVPN_DEV_HAS(attr);
	why(action, "%s %u -> %u", name, have, want);
}

/*
 * The same for a setting of a few named values, compared by name: the
 * file's value always has one of its own ("failback revert -> sticky").
 */
static void note_named(struct action *action,
		       const struct mpvpn_device_info *kd, unsigned int attr,
		       const char *name, const char *have, const char *want)
{
	if (!(kd->present & MPVPN_DEV_HAS(attr)) || !strcmp(have, want))
		return;
	action->settings.present |= MPVPN_DEV_HAS(attr);
	why(action, "%s %s -> %s", name, have, want);
}

/*
 * Why the keys of @cd must be installed on @kd, or NULL when the kernel
 * has them already as far as anything tells. @before is the device as
 * the previous configuration had it, NULL at start-up or when new.
 */
static const char *keys_needed(const struct config_device *cd,
			       const struct mpvpn_device_info *kd,
			       const struct config_device *before, bool fresh)
{
	if (fresh)
		return "new device";
	if (((kd->present & DEV_HAS(ENCRYPTION)) &&
	     kd->encryption != MPVPN_ENCRYPTION_CHACHA20_POLY1305) ||
	    !(kd->present & DEV_HAS(PUBLIC_KEY)))
		return "the kernel has no keys";
	/* What the file changed, first: the likeliest reason on a reload. */
	if (before && !before->private_key_file)
		return "was plaintext";
	if (before && memcmp(before->keys_fingerprint, cd->keys_fingerprint,
			     sizeof(cd->keys_fingerprint)))
		return "the keys changed";
	if (memcmp(kd->public_key, cd->public_key, MPVPN_KEY_LEN) ||
	    !(kd->present & DEV_HAS(PEER_PUBLIC_KEY)) ||
	    memcmp(kd->peer_public_key, cd->peer_public_key, MPVPN_KEY_LEN))
		return "the kernel has other keys";
	/*
	 * The pre-shared key is the one thing the kernel never shows: at
	 * start-up the keys go in again, which the kernel takes as nothing
	 * when they are the ones it has.
	 */
	if (!before)
		return "start-up";
	return NULL;
}

/* Plaintext or keys, and the rekey age, into @action. */
static void plan_encryption(struct action *action,
			    const struct config_device *cd,
			    const struct mpvpn_device_info *kd,
			    const struct config_device *before, bool fresh)
{
	struct mpvpn_dev_settings *s = &action->settings;
	const char *reason;

	if (cd->encryption == MPVPN_ENCRYPTION_NONE) {
		/* A module that predates encryption has nothing to set. */
		if (!(kd->present & DEV_HAS(ENCRYPTION)) ||
		    kd->encryption == MPVPN_ENCRYPTION_NONE)
			return;
		s->present |= DEV_HAS(ENCRYPTION);
		s->encryption = MPVPN_ENCRYPTION_NONE;
		why(action, "encryption %s -> none: plaintext",
		    mpvpn_encryption_name(kd->encryption));
		return;
	}
	reason = keys_needed(cd, kd, before, fresh);
	if (reason) {
		char peer[MPVPN_KEY_BASE64_LEN + 1];

		s->present |= config_identity_present(cd);
		action->identity_from = cd;
		/*
		 * Where the secrets are, never what: the peer's public key
		 * is no secret, and tells which peer the keys are for.
		 */
		mpvpn_key_to_base64(cd->peer_public_key, peer);
		why(action, "keys from %s%s%s, peer %s (%s)",
		    cd->private_key_file, cd->psk_file ? " and " : "",
		    cd->psk_file ? cd->psk_file : "", peer, reason);
	}
	s->rekey_seconds = cd->rekey_seconds;
	note_number(action, kd, MPVPN_A_REKEY_SECONDS, "rekey_seconds",
		    kd->rekey_seconds, cd->rekey_seconds);
}

static int plan_dev_set(struct plan *plan, const struct config_device *cd,
			const struct mpvpn_device_info *kd,
			const struct config_device *before, bool fresh)
{
	struct mpvpn_health_info want;
	struct action action = { .type = ACTION_DEV_SET };
	struct mpvpn_dev_settings *s = &action.settings;
	bool health_differs = false;
	struct action *pushed;

	if (kd->mode != cd->mode) {
		s->present |= DEV_HAS(MODE);
		s->mode = cd->mode;
		why(&action, "mode %s -> %s", mpvpn_mode_name(kd->mode),
		    mpvpn_mode_name(cd->mode));
	}
	/*
	 * Left out of the file, these are the defaults, as thresholds are. A
	 * module without a setting does not report it: it is not sent.
	 */
	s->failback = cd->failback;
	s->tos_inherit = cd->tos_inherit;
	note_named(&action, kd, MPVPN_A_FAILBACK, "failback",
		   mpvpn_failback_name(kd->failback),
		   mpvpn_failback_name(cd->failback));
	note_named(&action, kd, MPVPN_A_TOS_INHERIT, "tos",
		   mpvpn_tos_name(kd->tos_inherit),
		   mpvpn_tos_name(cd->tos_inherit));
	s->revert_delay_ms = cd->revert_delay_ms;
	s->redundancy = cd->redundancy;
	s->reorder_wait_ms = cd->reorder_wait_ms;
	note_number(&action, kd, MPVPN_A_REVERT_DELAY_MS, "revert_delay_ms",
		    kd->revert_delay_ms, cd->revert_delay_ms);
	note_number(&action, kd, MPVPN_A_REDUNDANCY, "redundancy",
		    kd->redundancy, cd->redundancy);
	note_number(&action, kd, MPVPN_A_REORDER_WAIT_MS, "reorder_wait_ms",
		    kd->reorder_wait_ms, cd->reorder_wait_ms);
	/*
	 * Thresholds the file leaves out are the kernel's defaults: the file
	 * says everything, so a value set by hand goes back to the default.
	 */
	config_health_in_force(cd, NULL, &want);
	for (unsigned int attr = 1;
	     (kd->present & DEV_HAS(HEALTH)) && attr < MPVPN_HEALTH_A_RESET;
	     attr++) {
		uint32_t have = view_health(&kd->health, attr, want.value[attr]);

		if (have != want.value[attr]) {
			health_differs = true;
			why(&action, "%s %u -> %u", mpvpn_health_name(attr),
			    have, want.value[attr]);
		}
	}
	if (health_differs) {
		s->present |= DEV_HAS(HEALTH);
		s->health = want;
	}
	plan_encryption(&action, cd, kd, before, fresh);
	if (!s->present)
		return 0;
	pushed = plan_push(plan, ACTION_DEV_SET, cd->name);
	if (!pushed)
		return -ENOMEM;
	action.type = ACTION_DEV_SET;
	memcpy(action.device, pushed->device, sizeof(action.device));
	*pushed = action;
	return 0;
}

/* ---- paths ---- */

/* The request fields of a new path; only what the file sets is sent. */
static int plan_path_add(struct plan *plan, const struct config_device *cd,
			 const struct config_path *cp, const char *reason)
{
	struct action *action = plan_push(plan, ACTION_PATH_ADD, cd->name);
	struct mpvpn_path_info *p;

	if (!action)
		return -ENOMEM;
	p = &action->path;
	p->present = PATH_HAS(NAME) | PATH_HAS(PRIORITY) | PATH_HAS(WEIGHT) |
		     PATH_HAS(ADMIN_UP);
	snprintf(p->name, sizeof(p->name), "%s", cp->name);
	/* Without a remote the path listens for the peer's first packet. */
	if (cp->remote.family != AF_UNSPEC) {
		p->present |= PATH_HAS(REMOTE_ADDR) | PATH_HAS(REMOTE_PORT);
		p->remote = cp->remote;
		p->remote_port = cp->remote_port;
	}
	/* Roaming is what a new path does anyway. */
	if (cp->remote_fixed) {
		p->present |= PATH_HAS(REMOTE_FIXED);
		p->remote_fixed = true;
	}
	p->priority = cp->priority;
	p->weight = cp->weight;
	p->admin_up = cp->admin_up;
	if (cp->id) {
		p->present |= PATH_HAS(ID);
		p->id = cp->id;
	}
	if (cp->local.family != AF_UNSPEC) {
		p->present |= PATH_HAS(LOCAL_ADDR);
		p->local = cp->local;
	}
	if (cp->local_dev[0]) {
		p->present |= PATH_HAS(LOCAL_IFINDEX);
		p->local_ifindex = cp->local_ifindex;
		snprintf(action->local_dev, sizeof(action->local_dev), "%s",
			 cp->local_dev);
	}
	/* 0, unknown, is what a new path has anyway. */
	if (cp->bandwidth_kbps) {
		p->present |= PATH_HAS(BANDWIDTH_KBPS);
		p->bandwidth_kbps = cp->bandwidth_kbps;
	}
	if (cp->health.present) {
		p->present |= PATH_HAS(HEALTH);
		p->health = cp->health;
	}
	why(action, "%s", reason);
	return 0;
}

/*
 * Whether the kernel's path must be deleted and added again; says why.
 * The kernel keeps a remote it was given until it is given another, so a
 * path the file wants listening while it holds a remote it did not learn
 * is replaced too.
 */
static bool needs_replacing(const struct config_path *cp,
			    const struct mpvpn_path_info *kp,
			    struct action *note)
{
	bool k_local = kp->present & PATH_HAS(LOCAL_ADDR);
	bool k_dev = (kp->present & PATH_HAS(LOCAL_IFINDEX)) &&
		     kp->local_ifindex;

	if (cp->id && cp->id != kp->id) {
		why(note, "id %u -> %u", kp->id, cp->id);
		return true;
	}
	if (cp->remote.family == AF_UNSPEC && mpvpn_path_has_remote(kp) &&
	    !kp->remote_learned) {
		why(note, "no remote: listens");
		return true;
	}
	if (cp->local.family != AF_UNSPEC ?
	    !k_local || !addr_equal(&cp->local, &kp->local) : k_local) {
		why(note, "local address changed");
		return true;
	}
	if (cp->local_dev[0] ? !k_dev || cp->local_ifindex != kp->local_ifindex :
			       k_dev) {
		why(note, "local device changed");
		return true;
	}
	return false;
}

/*
 * Whether the path's thresholds in force match the file: the overrides
 * it sets, and for the others the device's (they follow the device, so
 * the DEV_SET of this plan brings them along).
 */
static bool health_matches(const struct config_path *cp,
			   const struct mpvpn_path_info *kp,
			   const struct mpvpn_device_info *kd)
{
	for (unsigned int attr = 1; attr < MPVPN_HEALTH_A_RESET; attr++) {
		uint32_t bit = MPVPN_HEALTH_HAS(attr);
		uint32_t want;

		if (!(kp->health.present & bit))
			continue;	/* a module that does not report it */
		want = (cp->health.present & bit) ? cp->health.value[attr] :
		       view_health(&kd->health, attr, kp->health.value[attr]);
		if (kp->health.value[attr] != want)
			return false;
	}
	return true;
}

static bool same_remote(const struct config_path *a,
			const struct config_path *b)
{
	return addr_equal(&a->remote, &b->remote) &&
	       a->remote_port == b->remote_port;
}

/*
 * Why the remote endpoint the file gives must be sent to the kernel's
 * path, or NULL when the kernel's is in sync. The peer moves a roaming
 * endpoint (NAT rebinding, a new address), and a listening path learns
 * one: an endpoint the kernel learned is the peer's word, newer than the
 * file's, and in sync. Only a configuration that changed the remote
 * since @before (the path as the previous configuration had it; NULL at
 * start-up) overrides it; a remote set by hand is drift. A fixed
 * endpoint is the file's: anything else is drift.
 */
static const char *remote_to_send(const struct config_path *cp,
				  const struct config_path *before,
				  const struct mpvpn_path_info *kp)
{
	if (cp->remote.family == AF_UNSPEC)
		return NULL;	/* listening: whatever it learned */
	if (!mpvpn_path_has_remote(kp))
		return "was listening";
	if (addr_equal(&cp->remote, &kp->remote) &&
	    cp->remote_port == kp->remote_port)
		return NULL;
	if (cp->remote_fixed)
		return "pinned";
	if (before && !same_remote(before, cp))
		return "configuration changed";
	return kp->remote_learned ? NULL : "set by hand";
}

/* The remote endpoint and its pin into @action, when they differ. */
static void plan_remote(struct action *action, const struct config_path *cp,
			const struct config_path *before,
			const struct mpvpn_path_info *kp)
{
	struct mpvpn_path_info *p = &action->path;
	const char *reason = remote_to_send(cp, before, kp);

	if (reason) {
		char was[MPVPN_ENDPOINT_STRLEN], now[MPVPN_ENDPOINT_STRLEN];

		p->present |= PATH_HAS(REMOTE_ADDR) | PATH_HAS(REMOTE_PORT);
		p->remote = cp->remote;
		p->remote_port = cp->remote_port;
		why(action, "remote %s -> %s (%s%s%s)",
		    mpvpn_path_has_remote(kp) ?
		    mpvpn_endpoint_format(&kp->remote, kp->remote_port, was,
					  sizeof(was)) : "none",
		    mpvpn_endpoint_format(&cp->remote, cp->remote_port, now,
					  sizeof(now)),
		    cp->remote_name, cp->remote_name[0] ? ", " : "", reason);
	}
	/* A module older than roaming does not report the pin. */
	if (((kp->present & PATH_HAS(REMOTE_FIXED)) || cp->remote_fixed) &&
	    kp->remote_fixed != cp->remote_fixed) {
		p->present |= PATH_HAS(REMOTE_FIXED);
		p->remote_fixed = cp->remote_fixed;
		why(action, "%s", cp->remote_fixed ? "fixed" : "roaming");
	}
}

static int plan_path_set(struct plan *plan, const struct config_device *cd,
			 const struct config_path *cp,
			 const struct config_path *before,
			 const struct mpvpn_path_info *kp,
			 const struct mpvpn_device_info *kd)
{
	struct action action = { .type = ACTION_PATH_SET };
	struct mpvpn_path_info *p = &action.path;
	struct action *pushed;

	p->present = PATH_HAS(NAME);
	snprintf(p->name, sizeof(p->name), "%s", cp->name);
	plan_remote(&action, cp, before, kp);
	if (cp->priority != kp->priority) {
		p->present |= PATH_HAS(PRIORITY);
		p->priority = cp->priority;
		why(&action, "priority %u -> %u", kp->priority, cp->priority);
	}
	if (cp->weight != kp->weight) {
		p->present |= PATH_HAS(WEIGHT);
		p->weight = cp->weight;
		why(&action, "weight %u -> %u", kp->weight, cp->weight);
	}
	/* A module older than the bandwidth does not report it. */
	if ((kp->present & PATH_HAS(BANDWIDTH_KBPS)) &&
	    cp->bandwidth_kbps != kp->bandwidth_kbps) {
		char was[MPVPN_RATE_STRLEN], now[MPVPN_RATE_STRLEN];

		p->present |= PATH_HAS(BANDWIDTH_KBPS);
		p->bandwidth_kbps = cp->bandwidth_kbps;
		why(&action, "bandwidth %s -> %s",
		    mpvpn_rate_format(kp->bandwidth_kbps, was),
		    mpvpn_rate_format(cp->bandwidth_kbps, now));
	}
	if (cp->admin_up != kp->admin_up) {
		p->present |= PATH_HAS(ADMIN_UP);
		p->admin_up = cp->admin_up;
		why(&action, "admin %s", cp->admin_up ? "up" : "down");
	}
	if (!health_matches(cp, kp, kd)) {
		/* RESET drops stale overrides before the file's apply. */
		p->present |= PATH_HAS(HEALTH);
		p->health = cp->health;
		p->health.present |= MPVPN_HEALTH_HAS(MPVPN_HEALTH_A_RESET);
		why(&action, "health thresholds");
	}
	if (p->present == PATH_HAS(NAME))
		return 0;
	pushed = plan_push(plan, ACTION_PATH_SET, cd->name);
	if (!pushed)
		return -ENOMEM;
	memcpy(action.device, pushed->device, sizeof(action.device));
	*pushed = action;
	return 0;
}

static int plan_path_del(struct plan *plan, const char *device,
			 const char *name, const char *reason)
{
	struct action *action = plan_push(plan, ACTION_PATH_DEL, device);

	if (!action)
		return -ENOMEM;
	action->path.present = PATH_HAS(NAME);
	snprintf(action->path.name, sizeof(action->path.name), "%s", name);
	why(action, "%s", reason);
	return 0;
}

static int plan_paths(struct plan *plan, const struct config_device *cd,
		      const struct view_device *vd,
		      const struct mpvpn_device_info *kd,
		      const struct config_device *before)
{
	bool *replace = calloc(cd->path_count + 1, sizeof(*replace));
	int ret = 0;

	if (!replace)
		return -ENOMEM;
	/* Deletions first: a replaced path may free what its successor needs. */
	for (size_t i = 0; vd && i < vd->path_count && !ret; i++)
		if (!config_find_path(cd, vd->paths[i].name))
			ret = plan_path_del(plan, cd->name, vd->paths[i].name,
					    "not in the configuration");
	for (size_t i = 0; i < cd->path_count && !ret; i++) {
		const struct mpvpn_path_info *kp =
			view_find_path(vd, cd->paths[i].name);
		struct action note = { .type = ACTION_PATH_DEL };

		if (kp && needs_replacing(&cd->paths[i], kp, &note)) {
			replace[i] = true;
			ret = plan_path_del(plan, cd->name, kp->name, note.why);
		}
	}
	for (size_t i = 0; i < cd->path_count && !ret; i++) {
		const struct mpvpn_path_info *kp =
			view_find_path(vd, cd->paths[i].name);

		if (kp && !replace[i])
			ret = plan_path_set(plan, cd, &cd->paths[i],
					    before ? config_find_path(before,
							cd->paths[i].name) :
						     NULL,
					    kp, kd);
	}
	for (size_t i = 0; i < cd->path_count && !ret; i++) {
		const struct mpvpn_path_info *kp =
			view_find_path(vd, cd->paths[i].name);

		if (!kp || replace[i])
			ret = plan_path_add(plan, cd, &cd->paths[i],
					    replace[i] ? "replaced" : "new");
	}
	free(replace);
	return ret;
}

/* ---- addresses and the whole plan ---- */

static int plan_addresses(struct plan *plan, const struct config_device *cd,
			  const struct config_device *before, bool fresh)
{
	for (size_t i = 0; before && !fresh && i < before->address_count; i++) {
		struct action *action;

		if (has_address(cd, &before->addresses[i]))
			continue;
		action = plan_push(plan, ACTION_ADDR_DEL, cd->name);
		if (!action)
			return -ENOMEM;
		action->address = before->addresses[i];
		why(action, "not in the configuration");
	}
	/*
	 * Addresses the daemon set before are left as they are; at start-up
	 * (no @before) every address is asked for, and one that exists is
	 * no error.
	 */
	for (size_t i = 0; i < cd->address_count; i++) {
		struct action *action;

		if (!fresh && before && has_address(before, &cd->addresses[i]))
			continue;
		action = plan_push(plan, ACTION_ADDR_ADD, cd->name);
		if (!action)
			return -ENOMEM;
		action->address = cd->addresses[i];
	}
	return 0;
}

static int plan_device(struct plan *plan, const struct config_device *cd,
		       const struct view_device *vd,
		       const struct config_device *before)
{
	struct mpvpn_device_info fresh_device;
	const struct mpvpn_device_info *kd;
	bool fresh = !vd;
	int ret;

	if (vd && (vd->device.port != cd->port ||
		   (cd->tunnel_id && vd->device.tunnel_id != cd->tunnel_id))) {
		struct action *action = plan_push(plan, ACTION_LINK_DEL, cd->name);

		if (!action)
			return -ENOMEM;
		why(action, "port %u -> %u, tunnel id %u -> %u: fixed at creation",
		    vd->device.port, cd->port, vd->device.tunnel_id,
		    cd->tunnel_id);
		vd = NULL;
		fresh = true;
	}
	if (fresh) {
		ret = plan_link_add(plan, cd);
		if (ret)
			return ret;
		default_device(cd, &fresh_device);
		kd = &fresh_device;
	} else {
		kd = &vd->device;
	}
	ret = plan_dev_set(plan, cd, kd, before, fresh);
	if (!ret)
		ret = plan_paths(plan, cd, vd, kd, before);
	if (!ret)
		ret = plan_addresses(plan, cd, before, fresh);
	return ret;
}

int diff_plan(const struct view *running, const struct config *previous,
	      const struct config *wanted, struct plan *plan)
{
	int ret = 0;

	plan->count = 0;
	/* Devices the daemon made and the file dropped; first, to free ports. */
	for (size_t i = 0; previous && i < previous->device_count; i++) {
		const char *name = previous->devices[i].name;
		struct action *action;

		if (config_find_device(wanted, name) ||
		    !view_find_device(running, name))
			continue;
		action = plan_push(plan, ACTION_LINK_DEL, name);
		if (!action)
			return -ENOMEM;
		why(action, "not in the configuration");
	}
	for (size_t i = 0; i < wanted->device_count && !ret; i++) {
		const struct config_device *cd = &wanted->devices[i];

		ret = plan_device(plan, cd, view_find_device(running, cd->name),
				  previous ? config_find_device(previous, cd->name) :
					     NULL);
	}
	return ret;
}
