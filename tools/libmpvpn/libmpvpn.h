/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libmpvpn: client of the "mpvpn" generic netlink family, shared by
 * mpvpnctl and mpvpnd.
 *
 * The library never prints and keeps no global state: everything lives in
 * a struct mpvpn_client. Every call returns 0 or a negative errno and
 * leaves a human-readable explanation in mpvpn_client_error(): the kernel's
 * extended ack message when it sent one, else strerror().
 *
 * A client is not thread-safe; use one per thread.
 */
#ifndef LIBMPVPN_H
#define LIBMPVPN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <net/if.h>
#include <netinet/in.h>
#include <linux/mpvpn.h>

struct mpvpn_client;

/* Give up on a dump after this many NLM_F_DUMP_INTR restarts. */
#define MPVPN_DUMP_ATTEMPTS	8

/* An IPv4 or IPv6 address as raw network-order bytes. */
struct mpvpn_addr {
	int family;		/* AF_UNSPEC when absent, AF_INET, AF_INET6 */
	uint8_t bytes[16];	/* 4 or 16 significant bytes */
};

/* "[ffff:...:ffff]:65535" plus the terminating NUL. */
#define MPVPN_ENDPOINT_STRLEN	(INET6_ADDRSTRLEN + 8)

/*
 * Counters, indexed by enum mpvpn_stats_attr. The kernel omits counters
 * that do not apply to a level, so @present says which ones it sent.
 */
struct mpvpn_stats {
	uint64_t present;	/* bit (1 << MPVPN_STATS_A_*) */
	uint64_t counter[__MPVPN_STATS_A_MAX];
};

/* Which device a request is about: @ifindex wins when it is not zero. */
struct mpvpn_dev_ref {
	uint32_t ifindex;
	const char *ifname;
};

struct mpvpn_device {
	uint32_t ifindex;
	char ifname[IF_NAMESIZE];
	uint16_t port;
	uint32_t tunnel_id;
	uint8_t mode;			/* enum mpvpn_mode */
	uint32_t mtu;
	uint32_t active_path_id;	/* 0: no active path */
	char active_path_name[MPVPN_PATH_NAME_LEN];
	uint32_t path_count;
	struct mpvpn_stats stats;
};

/*
 * Presence bit of a path field: the bit of its uapi attribute. Requests
 * send exactly the fields marked present; replies mark what the kernel
 * sent. MPVPN_PATH_A_REMOTE_ADDR and _REMOTE_PORT go together on requests.
 */
#define MPVPN_PATH_HAS(attr)	(UINT32_C(1) << (attr))

struct mpvpn_path {
	uint32_t present;	/* MPVPN_PATH_HAS(MPVPN_PATH_A_*) bits */
	uint32_t id;
	char name[MPVPN_PATH_NAME_LEN];
	struct mpvpn_addr local;
	uint32_t local_ifindex;
	struct mpvpn_addr remote;
	uint16_t remote_port;
	uint32_t priority;
	uint32_t weight;
	bool admin_up;
	uint8_t state;		/* enum mpvpn_path_state */
	bool carrier;
	bool active;
	uint32_t mtu;
	struct mpvpn_stats stats;
};

/* One MPVPN_CMD_EVENT notification. */
struct mpvpn_event {
	uint32_t ifindex;
	char ifname[IF_NAMESIZE];
	uint8_t reason;		/* enum mpvpn_reason */
	bool has_path;		/* @path is filled (ID, NAME, STATE, ...) */
	struct mpvpn_path path;
	uint32_t active_path_id;	/* 0: no active path */
	char active_path_name[MPVPN_PATH_NAME_LEN];
};

/*
 * Callbacks of dumps and event reception. Returning non-zero stops the
 * iteration and becomes the return value of the call. Dump callbacks run
 * once the whole dump has arrived consistently, so they may issue further
 * requests on the same client.
 */
typedef int (*mpvpn_device_cb)(const struct mpvpn_device *device, void *arg);
typedef int (*mpvpn_path_cb)(const struct mpvpn_path *path, void *arg);
typedef int (*mpvpn_event_cb)(const struct mpvpn_event *event, void *arg);

/* Client lifetime. */
struct mpvpn_client *mpvpn_client_new(void);
int mpvpn_client_connect(struct mpvpn_client *client);
void mpvpn_client_free(struct mpvpn_client *client);
const char *mpvpn_client_error(const struct mpvpn_client *client);
int mpvpn_client_family_id(const struct mpvpn_client *client);
int mpvpn_client_events_group_id(const struct mpvpn_client *client);

/* Devices. */
int mpvpn_dev_get(struct mpvpn_client *client, const struct mpvpn_dev_ref *dev,
		  struct mpvpn_device *out);
int mpvpn_dev_dump(struct mpvpn_client *client, mpvpn_device_cb cb, void *arg);
int mpvpn_dev_set_mode(struct mpvpn_client *client,
		       const struct mpvpn_dev_ref *dev, enum mpvpn_mode mode);

/*
 * Links: creation and removal of mpvpn devices over rtnetlink, what
 * "ip link add NAME type mpvpn" does but with the IFLA_MPVPN_* settings
 * Debian's iproute2 cannot parse. They use a socket of their own, opened
 * on first use, and work on a client that is not connected: creating a
 * link lets the kernel load the module, and nothing needs the family.
 */
#define MPVPN_LINK_KIND		"mpvpn"	/* IFLA_INFO_KIND of the devices */

/* Presence bit of a link setting: the bit of its IFLA_MPVPN_* attribute. */
#define MPVPN_LINK_HAS(attr)	(UINT32_C(1) << (attr))

/* Settings of a new device; the kernel defaults those not marked present. */
struct mpvpn_link_config {
	uint32_t present;	/* MPVPN_LINK_HAS(IFLA_MPVPN_*) bits */
	uint16_t port;		/* local UDP port, 1..65535; default 5555 */
	uint32_t tunnel_id;	/* 0 or absent: lowest id free on the port */
	uint8_t mode;		/* enum mpvpn_mode; default failover */
};

/*
 * mpvpn_link_add() fails with -EEXIST when @ifname exists and with
 * -EOPNOTSUPP when the kernel has no mpvpn support it can load. @cfg may
 * be NULL for all defaults. mpvpn_link_del() refuses with -EINVAL to
 * delete a link that is not an mpvpn device, and -ENODEV when none has
 * that name.
 */
int mpvpn_link_add(struct mpvpn_client *client, const char *ifname,
		   const struct mpvpn_link_config *cfg);
int mpvpn_link_del(struct mpvpn_client *client, const char *ifname);

/*
 * Whether the kernel would take @ifname as a device name: 1 to 15
 * characters, not "." or "..", no '/', ':' or white space.
 */
bool mpvpn_link_name_valid(const char *ifname);

/* Paths, identified by MPVPN_PATH_A_ID and/or MPVPN_PATH_A_NAME of @path. */
int mpvpn_path_add(struct mpvpn_client *client, const struct mpvpn_dev_ref *dev,
		   const struct mpvpn_path *path);
int mpvpn_path_set(struct mpvpn_client *client, const struct mpvpn_dev_ref *dev,
		   const struct mpvpn_path *path);
int mpvpn_path_del(struct mpvpn_client *client, const struct mpvpn_dev_ref *dev,
		   const struct mpvpn_path *path);
int mpvpn_path_get(struct mpvpn_client *client, const struct mpvpn_dev_ref *dev,
		   const struct mpvpn_path *key, struct mpvpn_path *out);
int mpvpn_path_dump(struct mpvpn_client *client,
		    const struct mpvpn_dev_ref *dev, mpvpn_path_cb cb,
		    void *arg);

/*
 * Events: a second socket joined to the "events" group. The fd may be
 * polled and made non-blocking; mpvpn_events_recv() then returns -EAGAIN
 * when nothing is queued. -ENOBUFS means events were lost and the caller
 * should re-read the state it mirrors.
 */
int mpvpn_events_open(struct mpvpn_client *client);
int mpvpn_events_fd(const struct mpvpn_client *client);
int mpvpn_events_recv(struct mpvpn_client *client, mpvpn_event_cb cb,
		      void *arg);

/* Enum names; "unknown" for values this build does not know. */
const char *mpvpn_mode_name(unsigned int mode);
int mpvpn_mode_parse(const char *name, enum mpvpn_mode *mode);
const char *mpvpn_path_state_name(unsigned int state);
const char *mpvpn_reason_name(unsigned int reason);
const char *mpvpn_stats_name(unsigned int stats_attr);	/* "tx_packets" */

/* Addresses: -EINVAL when @text is not valid. */
int mpvpn_addr_parse(const char *text, struct mpvpn_addr *addr);
int mpvpn_endpoint_parse(const char *text, struct mpvpn_addr *addr,
			 uint16_t *port);
int mpvpn_addr_set_bytes(struct mpvpn_addr *addr, const void *bytes,
			 size_t len);
size_t mpvpn_addr_len(const struct mpvpn_addr *addr);
const char *mpvpn_addr_format(const struct mpvpn_addr *addr, char *buf,
			      size_t len);
const char *mpvpn_endpoint_format(const struct mpvpn_addr *addr,
				  uint16_t port, char *buf, size_t len);

#endif /* LIBMPVPN_H */
