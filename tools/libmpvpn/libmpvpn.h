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
#include <time.h>
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

/*
 * The handshake's counters and the age of its last session, indexed by
 * enum mpvpn_handshake_attr; @present says which ones the kernel sent.
 */
struct mpvpn_handshake_info {
	uint64_t present;	/* bit (1 << MPVPN_HANDSHAKE_A_*) */
	uint64_t counter[__MPVPN_HANDSHAKE_A_MAX];
};

/* Presence bit of a health threshold: the bit of its uapi attribute. */
#define MPVPN_HEALTH_HAS(attr)	(UINT64_C(1) << (attr))

/*
 * Health thresholds, indexed by enum mpvpn_health_attr. Requests send the
 * values marked present, and MPVPN_HEALTH_A_RESET (which has no value) as
 * its flag; replies mark what the kernel sent: the values in force.
 */
struct mpvpn_health_info {
	uint64_t present;	/* MPVPN_HEALTH_HAS(MPVPN_HEALTH_A_*) bits */
	uint32_t value[__MPVPN_HEALTH_A_MAX];
};

/* Presence bit of a measure: the bit of its uapi attribute. */
#define MPVPN_MEASURE_HAS(attr)	(UINT64_C(1) << (attr))

/* What the kernel's in-band probes measured on a path; read only. */
struct mpvpn_measure {
	uint64_t present;	/* MPVPN_MEASURE_HAS(MPVPN_MEASURE_A_*) bits */
	uint32_t rtt_us;	/* latest sample */
	uint32_t srtt_us;	/* smoothed */
	uint32_t jitter_us;
	uint32_t loss_permille;	/* over the loss window */
	uint32_t misses;	/* probe intervals without an answer */
	uint32_t last_seen_ms;	/* not present: nothing ever arrived */
	uint64_t probes_sent;
	uint64_t probes_answered;
	uint32_t rate_kbps;	/* best delivery rate lately; not present: none */
	uint32_t queue_us;	/* smoothed RTT above the lowest lately */
	uint32_t loss_lately_permille;	/* over the last 128 probes */
};

/* Presence bit of a history figure: the bit of its uapi attribute. */
#define MPVPN_HISTORY_HAS(attr)	(UINT64_C(1) << (attr))

/*
 * A path's failover history since it was added, read only: @value indexed
 * by enum mpvpn_history_attr, the number of state changes
 * (MPVPN_HISTORY_A_CHANGES), the milliseconds since the last one
 * (_LAST_CHANGE_MS) and the milliseconds spent in each state
 * (mpvpn_history_state_attr()).
 */
struct mpvpn_history {
	uint64_t present;	/* MPVPN_HISTORY_HAS(MPVPN_HISTORY_A_*) bits */
	uint64_t value[__MPVPN_HISTORY_A_MAX];
};

/*
 * The verdict of an external probe, pushed with mpvpn_path_verdict() and
 * listed in path replies. A failing verdict holds the path down.
 */
struct mpvpn_verdict_info {
	char name[MPVPN_PROBE_NAME_LEN];	/* the probe, unique per path */
	bool ok;
	bool has_rtt;
	uint32_t rtt_us;	/* shown only, never judged */
	bool has_valid;
	uint32_t valid_ms;	/* requests: lifetime; replies: time left */
	bool remove;		/* requests: forget the probe's verdict */
};

/* Which device a request is about: @ifindex wins when it is not zero. */
struct mpvpn_dev_ref {
	uint32_t ifindex;
	const char *ifname;
};

/*
 * Presence bit of a device field: the bit of its MPVPN_A_* attribute.
 * Replies mark what the kernel sent (a module older than the health
 * settings sends no MPVPN_A_HEALTH, _FAILBACK or _REVERT_DELAY_MS).
 */
#define MPVPN_DEV_HAS(attr)	(UINT64_C(1) << (attr))

struct mpvpn_device_info {
	uint64_t present;		/* MPVPN_DEV_HAS(MPVPN_A_*) bits */
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
	struct mpvpn_health_info health;	/* defaults of the paths */
	uint8_t failback;		/* enum mpvpn_failback */
	uint32_t revert_delay_ms;
	/* Absent from a module older than the scheduling modes. */
	uint8_t redundancy;		/* copies in redundant mode */
	uint32_t reorder_wait_ms;	/* cap of the receiver's reorder wait */
	uint32_t reorder_wait_us;	/* the wait in force now, read only */
	/*
	 * Absent from a module older than encryption. Keys are write only:
	 * no reply ever carries them.
	 */
	uint8_t encryption;		/* enum mpvpn_encryption */
	uint32_t rekey_seconds;		/* session age that starts a rekey */
	/* Absent from a module older than tos-inherit. */
	bool tos_inherit;		/* the outer header takes the DSCP too */
	/*
	 * The handshake's public keys, when the device has keys (the private
	 * key is write only), and its counters; absent from older modules.
	 */
	uint8_t public_key[MPVPN_KEY_LEN];
	uint8_t peer_public_key[MPVPN_KEY_LEN];
	struct mpvpn_handshake_info handshake;
};

/*
 * The settings of MPVPN_CMD_DEV_SET: exactly those marked present with
 * MPVPN_DEV_HAS(MPVPN_A_MODE), (MPVPN_A_FAILBACK),
 * (MPVPN_A_REVERT_DELAY_MS), (MPVPN_A_HEALTH), (MPVPN_A_REDUNDANCY),
 * (MPVPN_A_REORDER_WAIT_MS), (MPVPN_A_ENCRYPTION),
 * (MPVPN_A_REKEY_SECONDS), (MPVPN_A_TOS_INHERIT), (MPVPN_A_PRIVATE_KEY),
 * (MPVPN_A_PEER_PUBLIC_KEY) and (MPVPN_A_PRESHARED_KEY) are sent. The
 * kernel checks the ranges.
 *
 * @identity holds secrets: whoever fills it wipes the struct
 * with mpvpn_dev_settings_wipe() once the request is sent.
 */
struct mpvpn_dev_settings {
	uint64_t present;
	uint8_t mode;			/* enum mpvpn_mode */
	uint8_t failback;		/* enum mpvpn_failback */
	uint32_t revert_delay_ms;
	/* The thresholds marked present. */
	struct mpvpn_health_info health;
	uint8_t redundancy;		/* 2..MPVPN_REDUNDANCY_MAX */
	uint32_t reorder_wait_ms;	/* 1..MPVPN_REORDER_WAIT_MS_MAX */
	/* NONE for plaintext; installing @identity implies CHACHA20POLY1305. */
	uint8_t encryption;		/* enum mpvpn_encryption */
	uint32_t rekey_seconds;		/* MPVPN_REKEY_SECONDS_MIN..MAX */
	/* false (default): only the inner ECN field reaches the outer header. */
	bool tos_inherit;		/* true: the DSCP too */
	/*
	 * The handshake's keys: the private key and the peer's public key
	 * go together, the pre-shared key only with them (the kernel
	 * refuses anything else).
	 */
	struct {
		uint8_t private_key[MPVPN_KEY_LEN];
		uint8_t peer_public_key[MPVPN_KEY_LEN];
		uint8_t preshared_key[MPVPN_KEY_LEN];
	} identity;
};

/* Zeroes @settings in a way the compiler may not optimise away. */
void mpvpn_dev_settings_wipe(struct mpvpn_dev_settings *settings);

/*
 * Presence bit of a path field: the bit of its uapi attribute. Requests
 * send exactly the fields marked present; replies mark what the kernel
 * sent. MPVPN_PATH_A_REMOTE_ADDR and _REMOTE_PORT go together on requests;
 * a path added without them listens: it learns its remote endpoint from
 * the peer's first authentic packet. A reply without them is of a path
 * that has no remote endpoint yet (mpvpn_path_has_remote()).
 */
#define MPVPN_PATH_HAS(attr)	(UINT64_C(1) << (attr))

struct mpvpn_path_info {
	uint64_t present;	/* MPVPN_PATH_HAS(MPVPN_PATH_A_*) bits */
	uint32_t id;
	char name[MPVPN_PATH_NAME_LEN];
	struct mpvpn_addr local;
	uint32_t local_ifindex;
	struct mpvpn_addr remote;	/* AF_UNSPEC: none (listening) */
	uint16_t remote_port;
	/*
	 * Pinned: the endpoint never follows the peer's packets. Read and
	 * written as MPVPN_PATH_A_REMOTE_FIXED.
	 */
	bool remote_fixed;
	/*
	 * Replies only: the endpoint came from the peer's packets (roaming,
	 * or a listening path that heard from the peer), not from a request.
	 */
	bool remote_learned;
	uint32_t priority;
	uint32_t weight;
	/*
	 * 0: unknown. Aggregate and flowhash share a tier by bandwidth when
	 * every path of it has one, else by weight.
	 */
	uint32_t bandwidth_kbps;	/* 0..MPVPN_BANDWIDTH_KBPS_MAX */
	bool admin_up;
	uint8_t state;		/* enum mpvpn_path_state */
	bool carrier;
	bool active;
	uint32_t mtu;
	/* The path MTU the kernel learned, outer bytes, at most @mtu. */
	uint32_t pmtu;
	struct mpvpn_stats stats;
	/* Requests: the overrides to send. Replies: the values in force. */
	struct mpvpn_health_info health;
	struct mpvpn_measure measure;
	uint8_t state_reason;	/* enum mpvpn_reason of @state */
	/* Pushed verdicts; a reply never holds more than the uapi limit. */
	struct mpvpn_verdict_info verdicts[MPVPN_MAX_VERDICTS];
	unsigned int verdict_count;
	struct mpvpn_history history;
};

/* One MPVPN_CMD_EVENT notification. */
struct mpvpn_event {
	uint32_t ifindex;
	char ifname[IF_NAMESIZE];
	uint8_t reason;		/* enum mpvpn_reason */
	bool has_path;		/* @path is filled (ID, NAME, STATE, ...) */
	struct mpvpn_path_info path;
	/* Set when the event is about a change of the path's state. */
	bool has_old_state;
	uint8_t old_state;	/* enum mpvpn_path_state before the change */
	uint32_t active_path_id;	/* 0: no active path */
	char active_path_name[MPVPN_PATH_NAME_LEN];
	bool has_old_active_path;
	uint32_t old_active_path_id;	/* before the event; 0: none */
	/*
	 * Reason endpoint-changed: where the path's remote endpoint was
	 * (AF_UNSPEC: it had none, a listening path's first); @path has
	 * where it is now.
	 */
	struct mpvpn_addr old_remote;
	uint16_t old_remote_port;
	/*
	 * Reason handshake-failed: why (enum mpvpn_handshake_failure); @path
	 * holds only the id and name of the path the handshake went on, as
	 * for handshake-completed.
	 */
	uint8_t handshake_failure;
};

/*
 * Callbacks of dumps and event reception. Returning non-zero stops the
 * iteration and becomes the return value of the call. Dump callbacks run
 * once the whole dump has arrived consistently, so they may issue further
 * requests on the same client.
 */
typedef int (*mpvpn_device_cb)(const struct mpvpn_device_info *device,
			       void *arg);
typedef int (*mpvpn_path_cb)(const struct mpvpn_path_info *path, void *arg);
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
		  struct mpvpn_device_info *out);
int mpvpn_dev_dump(struct mpvpn_client *client, mpvpn_device_cb cb, void *arg);
/* -EINVAL without a request when @settings marks nothing present. */
int mpvpn_dev_set(struct mpvpn_client *client, const struct mpvpn_dev_ref *dev,
		  const struct mpvpn_dev_settings *settings);
/* mpvpn_dev_set() of the mode alone. */
int mpvpn_dev_set_mode(struct mpvpn_client *client,
		       const struct mpvpn_dev_ref *dev, enum mpvpn_mode mode);

/*
 * Links: creation and removal of mpvpn devices over rtnetlink, what
 * "ip link add NAME type mpvpn" does (with the IFLA_MPVPN_* settings
 * when ip has mpvpn's plugin, tools/iproute2). They use a socket of
 * their own, opened on first use, and work on a client that is not
 * connected: creating a link lets the kernel load the module, and nothing
 * needs the family.
 */
#define MPVPN_LINK_KIND		"mpvpn"	/* IFLA_INFO_KIND of the devices */

/* Presence bit of a link setting: the bit of its IFLA_MPVPN_* attribute. */
#define MPVPN_LINK_HAS(attr)	(UINT64_C(1) << (attr))

/* Settings of a new device; the kernel defaults those not marked present. */
struct mpvpn_link_config {
	uint64_t present;	/* MPVPN_LINK_HAS(IFLA_MPVPN_*) bits */
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

/*
 * Paths, identified by MPVPN_PATH_A_ID and/or MPVPN_PATH_A_NAME of @path.
 * Add and set send MPVPN_PATH_A_HEALTH when it is marked present, with
 * the thresholds marked in @path->health.
 */
int mpvpn_path_add(struct mpvpn_client *client, const struct mpvpn_dev_ref *dev,
		   const struct mpvpn_path_info *path);
int mpvpn_path_set(struct mpvpn_client *client, const struct mpvpn_dev_ref *dev,
		   const struct mpvpn_path_info *path);
int mpvpn_path_del(struct mpvpn_client *client, const struct mpvpn_dev_ref *dev,
		   const struct mpvpn_path_info *path);
int mpvpn_path_get(struct mpvpn_client *client, const struct mpvpn_dev_ref *dev,
		   const struct mpvpn_path_info *key,
		   struct mpvpn_path_info *out);
int mpvpn_path_dump(struct mpvpn_client *client,
		    const struct mpvpn_dev_ref *dev, mpvpn_path_cb cb,
		    void *arg);
/*
 * Pushes @verdict for the path @key (its id and/or name), or forgets the
 * probe's verdict when @verdict->remove is set; the kernel applies its
 * default lifetime when @verdict->has_valid is not.
 */
int mpvpn_path_verdict(struct mpvpn_client *client,
		       const struct mpvpn_dev_ref *dev,
		       const struct mpvpn_path_info *key,
		       const struct mpvpn_verdict_info *verdict);

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
const char *mpvpn_failback_name(unsigned int failback);
int mpvpn_failback_parse(const char *name, enum mpvpn_failback *failback);
const char *mpvpn_stats_name(unsigned int stats_attr);	/* "tx_packets" */

/* What a counter counts: traffic, packets dropped, or events worth knowing. */
enum mpvpn_stats_kind {
	MPVPN_STATS_KIND_TRAFFIC,	/* tx/rx packets and bytes */
	MPVPN_STATS_KIND_DROP,		/* a packet lost here, for a reason */
	/*
	 * Not a fault of this end: duplicates redundant mode sends on
	 * purpose, packets held for order, and the holes given up.
	 */
	MPVPN_STATS_KIND_INFO,
};

enum mpvpn_stats_kind mpvpn_stats_kind(unsigned int stats_attr);
/* "unset", "none", "chacha20-poly1305"; parsing refuses "unset". */
const char *mpvpn_encryption_name(unsigned int encryption);
int mpvpn_encryption_parse(const char *name,
			   enum mpvpn_encryption *encryption);
const char *mpvpn_health_name(unsigned int health_attr); /* "hold_ms" */
/*
 * MPVPN_A_TOS_INHERIT by name, "inherit" (1) or "ecn" (0, the default:
 * only the ECN field crosses), as mpvpnctl and mpvpnd spell it.
 */
const char *mpvpn_tos_name(bool inherit);
int mpvpn_tos_parse(const char *name, bool *inherit);
const char *mpvpn_history_name(unsigned int history_attr); /* "up_ms" */
/* "initiations_sent" */
const char *mpvpn_handshake_name(unsigned int handshake_attr);
const char *mpvpn_handshake_failure_name(unsigned int failure);
/* The history attribute of the time spent in @state; 0 for none. */
unsigned int mpvpn_history_state_attr(unsigned int state);

/* Addresses: -EINVAL when @text is not valid. */
int mpvpn_addr_parse(const char *text, struct mpvpn_addr *addr);
int mpvpn_endpoint_parse(const char *text, struct mpvpn_addr *addr,
			 uint16_t *port);
/* A port 1..65535 in decimal, nothing else around it. */
int mpvpn_port_parse(const char *text, uint16_t *port);
int mpvpn_addr_set_bytes(struct mpvpn_addr *addr, const void *bytes,
			 size_t len);
size_t mpvpn_addr_len(const struct mpvpn_addr *addr);
const char *mpvpn_addr_format(const struct mpvpn_addr *addr, char *buf,
			      size_t len);
const char *mpvpn_endpoint_format(const struct mpvpn_addr *addr,
				  uint16_t port, char *buf, size_t len);

/* Whether @path has a remote endpoint: configured, or learned. */
bool mpvpn_path_has_remote(const struct mpvpn_path_info *path);

/*
 * Rates, such as a path's bandwidth: whole kbit/s, "40000", "40000kbit",
 * "40mbit", "2.5mbit" or "1gbit", the unit in any case ("40Mbit"). A
 * fraction must come to whole kbit/s. 0, -EINVAL for anything else,
 * -ERANGE for a well-formed rate beyond 32 bits of kbit/s. The caller
 * checks its own upper limit (MPVPN_BANDWIDTH_KBPS_MAX for bandwidths).
 */
int mpvpn_rate_parse(const char *text, uint32_t *kbps);

/* Room for any rate mpvpn_rate_format() writes. */
#define MPVPN_RATE_STRLEN	24

/* "40mbit", "1gbit", "2500kbit", "0": a rate as mpvpn_rate_parse() reads it. */
const char *mpvpn_rate_format(uint32_t kbps, char buf[MPVPN_RATE_STRLEN]);

/*
 * Keys as text (keys.c): the base64 of MPVPN_KEY_LEN bytes, 44 characters,
 * as "wg genkey", "wg pubkey" and "wg genpsk" print them.
 */
#define MPVPN_KEY_BASE64_LEN	44

/*
 * Strict standard base64 of exactly @out_len bytes, with its '=' padding.
 * 0, or -EINVAL.
 */
int mpvpn_base64_decode_exact(const char *text, size_t len, uint8_t *out,
			      size_t out_len);
/* @text may end in a newline. 0, or -EINVAL with @key wiped. */
int mpvpn_key_from_base64(const char *text, uint8_t key[MPVPN_KEY_LEN]);
void mpvpn_key_to_base64(const uint8_t key[MPVPN_KEY_LEN],
			 char text[MPVPN_KEY_BASE64_LEN + 1]);

/*
 * The handshake's static X25519 keys (keys.c): a new private key, clamped
 * as "wg genkey" makes one, and the public key of a private one. 0, or
 * -EIO when libcrypto fails.
 */
int mpvpn_key_generate(uint8_t private_key[MPVPN_KEY_LEN]);
int mpvpn_key_public(const uint8_t private_key[MPVPN_KEY_LEN],
		     uint8_t public_key[MPVPN_KEY_LEN]);

/*
 * Key files (psk.c): a private key or a pre-shared key, one line, the
 * base64 of exactly MPVPN_PSK_LEN bytes, as "mpvpnctl genkey", "wg
 * genkey", "wg genpsk" or "openssl rand -base64 32" print it.
 */
#define MPVPN_PSK_LEN		32

/*
 * Reads @path into @psk. Refuses with a message naming the file in @err
 * (-EACCES) a file that is not a regular file or that "other" may read,
 * write or execute, and (-EINVAL) one that is not the base64 of 32
 * bytes; other errors are a negative errno of open() or read(). @psk is
 * wiped on failure.
 */
int mpvpn_psk_load(const char *path, uint8_t psk[MPVPN_PSK_LEN], char *err,
		   size_t err_len);

/* A SHA-256. */
#define MPVPN_KEYS_FINGERPRINT_LEN	32

/*
 * SHA-256 of the handshake's keys of @settings: the private key, the
 * peer's public key and the pre-shared key (zeros when not present).
 * What tells that the keys changed without keeping them around; never
 * log it, like the keys. 0, or -EIO when libcrypto fails.
 */
int mpvpn_keys_fingerprint(const struct mpvpn_dev_settings *settings,
			   uint8_t fingerprint[MPVPN_KEYS_FINGERPRINT_LEN]);

/*
 * One line for an event, without the newline, as mpvpnctl monitor prints
 * it and mpvpnd logs it: "mpvpn0: path fiber down (carrier-lost); active
 * path lte"; with the state the path left when the event says which,
 * "mpvpn0: path fiber up -> down (carrier-lost); active path lte"; and
 * with the figures behind the change when the probes caused it,
 * "mpvpn0: path fiber up -> degraded (latency; rtt 212.0 ms, jitter
 * 0.4 ms, loss 0.0 %, misses 0); active path lte"; a peer that roamed,
 * "mpvpn0: path lte endpoint 198.51.100.9:4500 -> 198.51.100.9:61002
 * (endpoint-changed); active path fiber", the old endpoint "none" for a
 * listening path's first; a handshake, "mpvpn0: path fiber
 * (handshake-failed: not-authentic); active path fiber". Cut to @len.
 */
const char *mpvpn_event_text(const struct mpvpn_event *event, char *buf,
			     size_t len);

/* Room for any text mpvpn_tenths_format() writes. */
#define MPVPN_TENTHS_STRLEN	32

/*
 * A figure for people: @value / @scale with one decimal, rounded half up,
 * then @unit: "12.3 ms" of 12345 us at scale 1000, "5.0 %" of 50 permille
 * at scale 10.
 */
const char *mpvpn_tenths_format(uint64_t value, unsigned int scale,
				const char *unit,
				char buf[MPVPN_TENTHS_STRLEN]);

/* "2026-12-07T10:11:12.250+01:00" and its terminating NUL, with room. */
#define MPVPN_TIME_STRLEN	40

/*
 * A wall-clock time in RFC 3339 with milliseconds: in UTC ("...Z") when
 * @utc, else in local time with its offset. Events carry no time of the
 * kernel's: mpvpnctl monitor and mpvpnd stamp them as they arrive.
 */
const char *mpvpn_time_format(const struct timespec *when, bool utc,
			      char buf[MPVPN_TIME_STRLEN]);
/* @now less @ms milliseconds: when a path's last change of state was. */
void mpvpn_time_before(const struct timespec *now, uint64_t ms,
		       struct timespec *then);

/* Zeroes @len bytes at @buf in a way the compiler may not optimise away. */
void mpvpn_wipe(void *buf, size_t len);

#endif /* LIBMPVPN_H */
