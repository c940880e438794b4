/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The daemon's configuration: the model of /etc/mpvpn/mpvpnd.json and its
 * parser. Documentation/mpvpnd.conf.5 describes every field; the checks
 * here are the ones it promises, so that "mpvpnd --check-config" catches
 * everything it can without asking the kernel.
 */
#ifndef MPVPND_CONFIG_H
#define MPVPND_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "events.h"
#include "jsonpos.h"
#include "libmpvpn.h"

#define CONFIG_DEFAULT_FILE		"/etc/mpvpn/mpvpnd.json"
#define CONFIG_METRICS_DEFAULT_LISTEN	"127.0.0.1:9477"
#define CONFIG_HOOK_TIMEOUT_MS_DEFAULT	10000

/* Defaults of an external probe (mpvpnd.conf(5), PROBES). */
#define CONFIG_PROBE_INTERVAL_MS_DEFAULT	1000
#define CONFIG_PROBE_TIMEOUT_MS_DEFAULT		1000
#define CONFIG_PROBE_FAIL_COUNT_DEFAULT		3
#define CONFIG_PROBE_SUCCESS_COUNT_DEFAULT	2
#define CONFIG_PROBE_COUNT_MAX			100
#define CONFIG_PROBE_HTTP_STATUS_DEFAULT	200
#define CONFIG_PROBE_DNS_PORT_DEFAULT		53

/* An inner address of a device, "10.99.0.1/30". */
struct config_address {
	struct mpvpn_addr addr;
	unsigned int prefix_len;
};

enum probe_type {
	PROBE_ICMP,
	PROBE_UDP,
	PROBE_TCP,
	PROBE_HTTP,
	PROBE_DNS,
	PROBE_BGP,
	PROBE_EXEC,
	PROBE_TYPE_COUNT
};

const char *probe_type_name(enum probe_type type);

/* An external probe of a path; which fields apply depends on @type. */
struct config_probe {
	char name[MPVPN_PROBE_NAME_LEN];
	enum probe_type type;
	uint32_t interval_ms;
	uint32_t timeout_ms;
	uint32_t fail_count;	/* consecutive failures that fail the verdict */
	uint32_t success_count;	/* consecutive successes that clear it */
	uint32_t valid_ms;	/* lifetime of each pushed verdict */
	struct mpvpn_addr host;	/* icmp, udp, tcp; dns: the server */
	uint16_t port;		/* udp, tcp, dns */
	char *payload;		/* udp */
	char *url;		/* http */
	uint32_t expect_status;	/* http */
	char *expect_body;	/* http: a substring of the body, or NULL */
	char *ca_file;		/* https: PEM CAs to trust, or NULL: the system's */
	char *query;		/* dns: the name to resolve */
	struct mpvpn_addr neighbor;	/* bgp */
	char **command;		/* exec: argv, NULL-terminated */
};

/* A host name as DNS has them: 253 characters and the NUL. */
#define CONFIG_HOST_NAME_LEN	254

struct config_path {
	char name[MPVPN_PATH_NAME_LEN];
	/*
	 * 1..MPVPN_MAX_PATHS: the file's, or else the lowest id that no path
	 * of the device names and no path before it got: two gateways that
	 * list their paths in the same order number them the same.
	 */
	uint32_t id;
	bool id_from_file;
	struct mpvpn_addr local;	/* AF_UNSPEC: none */
	char local_dev[IF_NAMESIZE];	/* "": none */
	uint32_t local_ifindex;		/* of @local_dev, filled in by the caller */
	/* AF_UNSPEC: none; the path listens and learns it from the peer. */
	struct mpvpn_addr remote;
	uint16_t remote_port;
	/* The name @remote was resolved from; "": written as an address. */
	char remote_name[CONFIG_HOST_NAME_LEN];
	bool remote_fixed;		/* "fixed": the endpoint never roams */
	uint32_t priority;
	uint32_t weight;
	uint32_t bandwidth_kbps;	/* 0: unknown, the path shares by weight */
	bool admin_up;
	struct mpvpn_health_info health;	/* overrides of the device's */
	struct config_probe *probes;
	size_t probe_count;
};

struct config_device {
	char name[IF_NAMESIZE];
	uint16_t port;
	uint32_t tunnel_id;		/* 0: the kernel chooses */
	uint8_t mode;			/* enum mpvpn_mode */
	uint8_t failback;		/* enum mpvpn_failback */
	uint32_t revert_delay_ms;
	uint8_t redundancy;		/* copies in redundant mode */
	uint32_t reorder_wait_ms;	/* cap of the receiver's reorder wait */
	bool tos_inherit;		/* "tos": "inherit"; default "ecn" */
	/* The thresholds given in the file; the others default. */
	struct mpvpn_health_info health;
	struct config_address *addresses;
	size_t address_count;
	struct config_path *paths;
	size_t path_count;
	/*
	 * How tunnel packets are protected: CHACHA20POLY1305 with sessions
	 * the kernel's handshake makes from @private_key_file's key and the
	 * peer's public key, or NONE because the file says "encryption":
	 * "none". A device with neither is refused at load.
	 */
	uint8_t encryption;		/* enum mpvpn_encryption */
	char *private_key_file;		/* NULL with encryption none */
	char *psk_file;			/* optional, only with @private_key_file */
	uint32_t rekey_seconds;		/* session age that starts a rekey */
	/* Not secret: given in the file, and what the kernel reports. */
	uint8_t peer_public_key[MPVPN_KEY_LEN];
	/* Of @private_key, computed at load: the kernel reports it too. */
	uint8_t public_key[MPVPN_KEY_LEN];
	/*
	 * The keys as the files held them at load (zeros offline: nothing
	 * is read); wiped by config_free().
	 */
	uint8_t private_key[MPVPN_KEY_LEN];
	uint8_t preshared_key[MPVPN_KEY_LEN];
	/*
	 * mpvpn_keys_fingerprint() of the keys: what tells a reload that
	 * they changed without keeping the previous ones around (the kernel
	 * never reports the pre-shared key). Never logged, like the keys.
	 */
	uint8_t keys_fingerprint[MPVPN_KEYS_FINGERPRINT_LEN];
};

struct config_hook {
	char **argv;			/* NULL-terminated */
	uint32_t timeout_ms;
	struct event_filter events;	/* empty: every event */
};

struct config_metrics {
	bool enabled;
	struct mpvpn_addr addr;
	uint16_t port;
};

struct config {
	struct config_device *devices;
	size_t device_count;
	struct config_hook *hooks;
	size_t hook_count;
	struct config_metrics metrics;
};

/*
 * The address of host name @host, of @family unless that is AF_UNSPEC:
 * 0, or -1 with why not in @why ("Name or service not known").
 * resolve_host() (resolve.h) asks the system; tests bring their own.
 */
typedef int (*config_resolver)(const char *host, int family,
			       struct mpvpn_addr *out, char *why,
			       size_t why_len);

/* How a file is read. */
struct config_options {
	/*
	 * The file alone, as a CI job checks it away from the gateway: the
	 * key and CA files it names are not read, the hook programs not
	 * looked for and remotes given by name not resolved. A configuration
	 * read so is for checking, not applying: its devices hold no key.
	 */
	bool offline;
	/* Remotes given by name are resolved with it; NULL: refused. */
	config_resolver resolve;
};

/*
 * Everything a read found: each error, "FILE:LINE:COLUMN: FIELD: what
 * was expected" (jsonpos.h), and each warning: valid, but likely not what
 * was meant (the same local and remote on two paths of a device, a hook
 * program that is not there, a file without devices).
 */
struct config_report {
	struct jsonpos_notes errors;
	struct jsonpos_notes warnings;
};

/*
 * Reads @file into @config (which the caller frees with config_free(),
 * also on failure) and says in @report (freed with config_report_free())
 * every error and warning it found: after an error the reader goes on
 * with the next field or object where it can. 0, or -1 when there was an
 * error. @options NULL: read everything, and refuse remotes by name.
 */
int config_read_file(const char *file, const struct config_options *options,
		     struct config *config, struct config_report *report);
/* The same on a text in memory; @name stands for the file in errors. */
int config_read_text(const char *name, const char *text, size_t len,
		     const struct config_options *options,
		     struct config *config, struct config_report *report);
void config_report_free(struct config_report *report);

/* The first error only, warnings aside: config_read_*() for the tests. */
int config_load_file(const char *file, config_resolver resolve,
		     struct config *config, struct jsonpos_error *error);
int config_load_text(const char *name, const char *text, size_t len,
		     config_resolver resolve, struct config *config,
		     struct jsonpos_error *error);
void config_free(struct config *config);

const struct config_device *config_find_device(const struct config *config,
					       const char *name);
const struct config_path *config_find_path(const struct config_device *device,
					   const char *name);

/* A command's argv (NULL-terminated) copied, or NULL; and freed. */
char **config_argv_dup(char *const *argv);
void config_argv_free(char **argv);

/*
 * The MPVPN_DEV_HAS() bits of @device's handshake keys in a DEV_SET: the
 * private and the peer's public key, and the pre-shared key when the file
 * names one; 0 for a device in plaintext.
 */
uint64_t config_identity_present(const struct config_device *device);
/*
 * Those keys into @settings->identity, marked present. @settings then
 * holds secrets: the caller wipes it (mpvpn_dev_settings_wipe()).
 */
void config_identity_fill(const struct config_device *device,
			  struct mpvpn_dev_settings *settings);

/*
 * The health thresholds in force: the kernel defaults, overridden by
 * @device's, then by @path's when it is not NULL. Every value is present.
 */
void config_health_in_force(const struct config_device *device,
			    const struct config_path *path,
			    struct mpvpn_health_info *out);

#endif /* MPVPND_CONFIG_H */
