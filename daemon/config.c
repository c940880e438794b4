// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * mpvpnd.json's schema: what each field of the file means, its default
 * and its checks. jsonpos.c reads the text (duplicate keys are refused
 * there, which also makes device, path and probe names unique: they are
 * keys) and names the line and column of the value a check refuses.
 *
 * Every object has a fixed set of keys; any other key is an error, so a
 * typo cannot silently leave a setting at its default. Each object may
 * carry a "comment" string, which is ignored: JSON has no comments.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <jansson.h>

#include "config.h"
#include "jsonpos.h"
#include "mpvpn-names.h"

/* A config file larger than this is a mistake, not a config. */
#define CONFIG_MAX_BYTES	(4 << 20)

#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))

static const char *const probe_type_names[] = {
	[PROBE_ICMP] = "icmp",
	[PROBE_UDP] = "udp",
	[PROBE_TCP] = "tcp",
	[PROBE_HTTP] = "http",
	[PROBE_DNS] = "dns",
	[PROBE_BGP] = "bgp",
	[PROBE_EXEC] = "exec",
};

_Static_assert(ARRAY_SIZE(probe_type_names) == PROBE_TYPE_COUNT,
	       "probe type names");

const char *probe_type_name(enum probe_type type)
{
	return (unsigned int)type < PROBE_TYPE_COUNT ?
	       probe_type_names[type] : "unknown";
}

/* The caller's options, which the reader carries for the schema. */
static bool offline(const struct jsonpos_reader *r)
{
	const struct config_options *options = r->user;

	return options && options->offline;
}

/* ---- typed values ---- */

static int get_address(struct jsonpos_reader *r, const json_t *value,
		       struct mpvpn_addr *out)
{
	const char *text = "";

	if (jsonpos_get_string(r, value, &text) < 0)
		return -1;
	if (mpvpn_addr_parse(text, out) < 0)
		return jsonpos_fail(r, "expected an IPv4 or IPv6 address, not \"%s\"",
				    text);
	return 0;
}

static int get_endpoint(struct jsonpos_reader *r, const json_t *value,
			struct mpvpn_addr *addr, uint16_t *port)
{
	const char *text = "";

	if (jsonpos_get_string(r, value, &text) < 0)
		return -1;
	if (mpvpn_endpoint_parse(text, addr, port) < 0 || !*port)
		return jsonpos_fail(r, "expected ADDRESS:PORT (an IPv6 address in brackets, [fd00::1]:5555), not \"%s\"",
				    text);
	return 0;
}

/*
 * A DNS host name (RFC 1123) of @len characters: dot-separated labels of
 * 1..63 letters, digits and hyphens that neither start nor end with a
 * hyphen, 253 characters at most, and a final dot allowed. The last
 * label must not be all digits, so that a mistyped address ("10.0.0",
 * "10.0.0.300") is refused rather than looked up.
 */
static bool host_name_valid(const char *name, size_t len)
{
	bool all_digits = true;
	size_t label = 0;

	if (len && name[len - 1] == '.')
		len--;
	if (!len || len > 253)
		return false;
	for (size_t i = 0; i < len; i++) {
		char c = name[i];

		if (c == '.') {
			if (!label || name[i - 1] == '-')
				return false;
			label = 0;
			all_digits = true;
			continue;
		}
		if (!(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z') &&
		    !(c >= '0' && c <= '9') && c != '-')
			return false;
		if ((c == '-' && !label) || ++label > 63)
			return false;
		if (c < '0' || c > '9')
			all_digits = false;
	}
	return name[len - 1] != '-' && !all_digits;
}

/*
 * A path's "remote": ADDRESS:PORT, or NAME:PORT, whose name is kept in
 * @path->remote_name and resolved once the whole file is read
 * (resolve_remotes(): the path's "local" decides the family).
 */
static int get_remote(struct jsonpos_reader *r, const json_t *value,
		      struct config_path *path)
{
	const char *text = "", *colon;
	size_t len;

	if (jsonpos_get_string(r, value, &text) < 0)
		return -1;
	if (mpvpn_endpoint_parse(text, &path->remote, &path->remote_port) == 0)
		return 0;
	colon = strrchr(text, ':');
	len = colon ? (size_t)(colon - text) : 0;
	if (!colon || !host_name_valid(text, len) ||
	    mpvpn_port_parse(colon + 1, &path->remote_port) < 0)
		return jsonpos_fail(r, "expected ADDRESS:PORT (an IPv6 address in brackets, [fd00::1]:5555) or NAME:PORT (hub.example.net:5555), not \"%s\"%s",
				    text, strcmp(text, "any") ? "" :
				    "; leave \"remote\" out for a path that listens");
	memcpy(path->remote_name, text, len);
	path->remote_name[len] = '\0';
	return 0;
}

/*
 * A rate in kbit/s, 0..@max: a whole number of kbit/s, or a string in the
 * syntax of mpvpnctl's "bandwidth RATE" ("40mbit", "2.5mbit", "500kbit"),
 * read by the same libmpvpn function.
 */
static int get_rate(struct jsonpos_reader *r, const json_t *value,
		    uint32_t max, uint32_t *out)
{
	char limit[MPVPN_RATE_STRLEN];
	const char *text;
	uint32_t kbps;
	int ret;

	mpvpn_rate_format(max, limit);
	if (json_is_integer(value)) {
		json_int_t n = json_integer_value(value);

		if (n < 0 || (uint64_t)n > max)
			return jsonpos_fail(r, "expected a whole number of kbit/s 0..%u (%s), not %lld",
					    max, limit, (long long)n);
		*out = (uint32_t)n;
		return 0;
	}
	if (!json_is_string(value))
		return jsonpos_fail(r, "expected a rate such as \"40mbit\" or a whole number of kbit/s, not %s",
				    jsonpos_kind(value));
	text = json_string_value(value);
	ret = mpvpn_rate_parse(text, &kbps);
	if (ret == -EINVAL)
		return jsonpos_fail(r, "expected a rate such as \"40mbit\", \"2.5mbit\" or \"500kbit\" (units kbit, mbit, gbit), not \"%s\"",
				    text);
	if (ret < 0 || kbps > max)
		return jsonpos_fail(r, "expected a rate of at most %s, not \"%s\"",
				    limit, text);
	*out = kbps;
	return 0;
}

/* "ADDRESS/PREFIX". */
static int get_prefix(struct jsonpos_reader *r, const json_t *value,
		      struct config_address *out)
{
	char addr[INET6_ADDRSTRLEN + 8];
	const char *text = "", *slash;
	unsigned long prefix;
	char *end;

	if (jsonpos_get_string(r, value, &text) < 0)
		return -1;
	slash = strchr(text, '/');
	if (!slash || (size_t)(slash - text) >= sizeof(addr))
		goto invalid;
	memcpy(addr, text, (size_t)(slash - text));
	addr[slash - text] = '\0';
	if (mpvpn_addr_parse(addr, &out->addr) < 0)
		goto invalid;
	errno = 0;
	prefix = strtoul(slash + 1, &end, 10);
	if (!slash[1] || *end || errno ||
	    prefix > (out->addr.family == AF_INET ? 32 : 128))
		goto invalid;
	out->prefix_len = (unsigned int)prefix;
	return 0;
invalid:
	return jsonpos_fail(r, "expected ADDRESS/PREFIX such as 10.99.0.1/30 or fd99::1/64, not \"%s\"",
			    text);
}

/* ---- limits and health thresholds ---- */

/*
 * A number the kernel takes in attribute @attr of a set whose ranges are
 * @ranges (common/mpvpn-names.h, generated from the netlink spec): the
 * daemon refuses in the file what the kernel's policy would refuse.
 */
static int get_attr_uint(struct jsonpos_reader *r, const json_t *value,
			 const struct mpvpn_attr_range *ranges,
			 unsigned int attr, uint32_t *out)
{
	return jsonpos_get_uint(r, value, (uint32_t)ranges[attr].min,
				(uint32_t)ranges[attr].max, out);
}

/*
 * The failure level each recovery level must stay below; the kernel
 * refuses a pair that crosses (mpvpn_health_config_check()).
 */
static const unsigned int health_fail_level[MPVPN_HEALTH_A_MAX + 1] = {
	[MPVPN_HEALTH_A_LATENCY_RECOVER_MS] = MPVPN_HEALTH_A_LATENCY_FAIL_MS,
	[MPVPN_HEALTH_A_JITTER_RECOVER_MS] = MPVPN_HEALTH_A_JITTER_FAIL_MS,
	[MPVPN_HEALTH_A_LOSS_RECOVER_PERMILLE] = MPVPN_HEALTH_A_LOSS_FAIL_PERMILLE,
};

/* The thresholds are the attributes 1..MPVPN_HEALTH_A_RESET - 1. */
#define HEALTH_FIRST	(MPVPN_HEALTH_A_UNSPEC + 1)

void config_health_in_force(const struct config_device *device,
			    const struct config_path *path,
			    struct mpvpn_health_info *out)
{
	memset(out, 0, sizeof(*out));
	for (unsigned int attr = HEALTH_FIRST; attr < MPVPN_HEALTH_A_RESET;
	     attr++) {
		uint32_t bit = MPVPN_HEALTH_HAS(attr);

		out->value[attr] = mpvpn_health_defaults[attr];
		if (device && (device->health.present & bit))
			out->value[attr] = device->health.value[attr];
		if (path && (path->health.present & bit))
			out->value[attr] = path->health.value[attr];
		out->present |= bit;
	}
}

static int parse_health(struct jsonpos_reader *r, const json_t *object,
			struct mpvpn_health_info *health)
{
	const char *names[MPVPN_HEALTH_A_RESET - HEALTH_FIRST + 1];
	size_t n = 0;
	int failed;

	if (jsonpos_get_object(r, object) < 0)
		return -1;
	for (unsigned int attr = HEALTH_FIRST; attr < MPVPN_HEALTH_A_RESET;
	     attr++)
		names[n++] = mpvpn_health_name(attr);
	names[n] = NULL;
	failed = jsonpos_check_keys(r, object, names, "health");

	for (unsigned int attr = HEALTH_FIRST; attr < MPVPN_HEALTH_A_RESET;
	     attr++) {
		const json_t *value = json_object_get(object,
						      mpvpn_health_name(attr));
		size_t old;
		int ret;

		if (!value)
			continue;
		old = jsonpos_enter(r, mpvpn_health_name(attr), 0);
		ret = get_attr_uint(r, value, mpvpn_health_ranges, attr,
				    &health->value[attr]);
		jsonpos_leave(r, old);
		failed |= ret;
		if (!ret)
			health->present |= MPVPN_HEALTH_HAS(attr);
	}
	return failed;
}

/*
 * Each recovery level in force must be below its failure level. @r is at
 * the object that holds "health"; only pairs with a value set at this
 * level are judged here (the device's own pairs were judged with it).
 */
static int check_health_levels(struct jsonpos_reader *r,
			       const struct mpvpn_health_info *own,
			       const struct mpvpn_health_info *in_force)
{
	for (unsigned int recover_attr = HEALTH_FIRST;
	     recover_attr < MPVPN_HEALTH_A_RESET; recover_attr++) {
		unsigned int fail_attr = health_fail_level[recover_attr];
		bool has_fail, has_recover;
		char field[64];

		if (!fail_attr)
			continue;
		has_fail = own->present & MPVPN_HEALTH_HAS(fail_attr);
		has_recover = own->present & MPVPN_HEALTH_HAS(recover_attr);
		if (!has_fail && !has_recover)
			continue;
		if (in_force->value[recover_attr] < in_force->value[fail_attr])
			continue;
		snprintf(field, sizeof(field), "health.%s",
			 mpvpn_health_name(has_recover ? recover_attr :
							 fail_attr));
		return jsonpos_fail_at(r, field, JSONPOS_AT_VALUE,
				       "%s (%u) must be below %s (%u)",
				       mpvpn_health_name(recover_attr),
				       in_force->value[recover_attr],
				       mpvpn_health_name(fail_attr),
				       in_force->value[fail_attr]);
	}
	return 0;
}

/* ---- probes ---- */

static const char *const probe_common_keys[] = {
	"type", "interval_ms", "timeout_ms", "fail_count", "success_count",
	"valid_ms",
};

/* The fields of each type besides the common ones. */
static const char *const *const probe_type_keys[PROBE_TYPE_COUNT] = {
	[PROBE_ICMP] = (const char *const[]){ "host", NULL },
	[PROBE_UDP] = (const char *const[]){ "host", "port", "payload", NULL },
	[PROBE_TCP] = (const char *const[]){ "host", "port", NULL },
	[PROBE_HTTP] = (const char *const[]){ "url", "expect_status",
					      "expect_body", "ca_file", NULL },
	[PROBE_DNS] = (const char *const[]){ "host", "port", "query", NULL },
	[PROBE_BGP] = (const char *const[]){ "neighbor", NULL },
	[PROBE_EXEC] = (const char *const[]){ "command", NULL },
};

void config_argv_free(char **argv)
{
	for (char **arg = argv; arg && *arg; arg++)
		free(*arg);
	free(argv);
}

char **config_argv_dup(char *const *argv)
{
	size_t n = 0;
	char **copy;

	while (argv[n])
		n++;
	copy = calloc(n + 1, sizeof(*copy));
	for (size_t i = 0; copy && i < n; i++) {
		copy[i] = strdup(argv[i]);
		if (!copy[i]) {
			config_argv_free(copy);
			return NULL;
		}
	}
	return copy;
}

static void free_probe(struct config_probe *probe)
{
	free(probe->payload);
	free(probe->url);
	free(probe->expect_body);
	free(probe->ca_file);
	free(probe->query);
	config_argv_free(probe->command);
}

/* A command: an array of strings, the program first; no shell. */
static int get_argv(struct jsonpos_reader *r, const json_t *value, char ***out)
{
	size_t count, i;
	int failed = 0;
	char **argv;

	if (!json_is_array(value) || !json_array_size(value))
		return jsonpos_fail(r, "expected an array of strings, the program first, such as [\"/usr/local/bin/check\", \"fiber\"]");
	count = json_array_size(value);
	argv = calloc(count + 1, sizeof(*argv));
	if (!argv)
		return jsonpos_fail(r, "out of memory");
	for (i = 0; i < count; i++) {
		size_t old = jsonpos_enter(r, NULL, i);

		failed |= jsonpos_get_dup_string(r, json_array_get(value, i),
						 &argv[i]);
		jsonpos_leave(r, old);
	}
	if (failed) {
		/*
		 * A bad element leaves a hole, which would end the list for
		 * config_argv_free(): free every slot.
		 */
		for (i = 0; i < count; i++)
			free(argv[i]);
		free(argv);
		return -1;
	}
	if (argv[0][0] != '/') {
		size_t old = jsonpos_enter(r, NULL, 0);

		jsonpos_fail(r, "expected an absolute path to the program, not \"%s\"",
			     argv[0]);
		jsonpos_leave(r, old);
		config_argv_free(argv);
		return -1;
	}
	if (!offline(r) && access(argv[0], X_OK) < 0) {
		size_t old = jsonpos_enter(r, NULL, 0);

		jsonpos_warn_at(r, "", JSONPOS_AT_VALUE,
				"cannot run \"%s\" now: %s", argv[0],
				strerror(errno));
		jsonpos_leave(r, old);
	}
	config_argv_free(*out);
	*out = argv;
	return 0;
}

static int parse_probe_field(struct jsonpos_reader *r,
			     struct config_probe *probe, const char *key,
			     const json_t *value)
{
	if (!strcmp(key, "type"))
		return 0;	/* read first, by parse_probe() */
	if (!strcmp(key, "interval_ms"))
		return jsonpos_get_uint(r, value, 10, MPVPN_TIME_MS_MAX,
					&probe->interval_ms);
	if (!strcmp(key, "timeout_ms"))
		return jsonpos_get_uint(r, value, 1, MPVPN_TIME_MS_MAX,
					&probe->timeout_ms);
	if (!strcmp(key, "fail_count"))
		return jsonpos_get_uint(r, value, 1, CONFIG_PROBE_COUNT_MAX,
					&probe->fail_count);
	if (!strcmp(key, "success_count"))
		return jsonpos_get_uint(r, value, 1, CONFIG_PROBE_COUNT_MAX,
					&probe->success_count);
	if (!strcmp(key, "valid_ms"))
		return get_attr_uint(r, value, mpvpn_verdict_ranges,
				     MPVPN_VERDICT_A_VALID_MS, &probe->valid_ms);
	if (!strcmp(key, "host"))
		return get_address(r, value, &probe->host);
	if (!strcmp(key, "port"))
		return jsonpos_get_u16(r, value, 1, &probe->port);
	if (!strcmp(key, "payload"))
		return jsonpos_get_dup_string(r, value, &probe->payload);
	if (!strcmp(key, "url")) {
		if (jsonpos_get_dup_string(r, value, &probe->url) < 0)
			return -1;
		if (strncmp(probe->url, "http://", 7) &&
		    strncmp(probe->url, "https://", 8))
			return jsonpos_fail(r, "expected an http:// or https:// URL, not \"%s\"",
					    probe->url);
		return 0;
	}
	if (!strcmp(key, "expect_status"))
		return jsonpos_get_uint(r, value, 100, 599,
					&probe->expect_status);
	if (!strcmp(key, "expect_body"))
		return jsonpos_get_dup_string(r, value, &probe->expect_body);
	if (!strcmp(key, "ca_file")) {
		if (jsonpos_get_dup_string(r, value, &probe->ca_file) < 0)
			return -1;
		/* Now, not at the first probe: a typo must not pass the check. */
		if (!offline(r) && access(probe->ca_file, R_OK) < 0)
			return jsonpos_fail(r, "cannot read the CA file \"%s\": %s",
					    probe->ca_file, strerror(errno));
		return 0;
	}
	if (!strcmp(key, "query"))
		return jsonpos_get_dup_string(r, value, &probe->query);
	if (!strcmp(key, "neighbor"))
		return get_address(r, value, &probe->neighbor);
	if (!strcmp(key, "command"))
		return get_argv(r, value, &probe->command);
	return 0;	/* "comment" */
}

/* The fields each type cannot do without. */
static int check_probe_required(struct jsonpos_reader *r,
				const struct config_probe *probe)
{
	switch (probe->type) {
	case PROBE_ICMP:
	case PROBE_UDP:
	case PROBE_TCP:
	case PROBE_DNS:
		if (probe->host.family == AF_UNSPEC)
			return jsonpos_fail_missing(r, "host", "the IPv4 or IPv6 address to probe");
		if ((probe->type == PROBE_UDP || probe->type == PROBE_TCP) &&
		    !probe->port)
			return jsonpos_fail_missing(r, "port", "the port to probe, 1..65535");
		if (probe->type == PROBE_DNS && !probe->query)
			return jsonpos_fail_missing(r, "query", "the name to resolve");
		return 0;
	case PROBE_HTTP:
		if (!probe->url)
			return jsonpos_fail_missing(r, "url", "an http:// or https:// URL");
		if (probe->ca_file && strncmp(probe->url, "https://", 8))
			return jsonpos_fail_at(r, "ca_file", JSONPOS_AT_VALUE,
					       "only for https:// URLs, and \"%s\" is not one",
					       probe->url);
		return 0;
	case PROBE_BGP:
		return probe->neighbor.family != AF_UNSPEC ? 0 :
		       jsonpos_fail_missing(r, "neighbor", "the BGP neighbor's address");
	case PROBE_EXEC:
		return probe->command ? 0 :
		       jsonpos_fail_missing(r, "command", "the command to run, an array of strings");
	case PROBE_TYPE_COUNT:
		break;
	}
	return 0;
}

static int parse_probe(struct jsonpos_reader *r, const char *name,
		       const json_t *object, struct config_probe *probe)
{
	const char *allowed[ARRAY_SIZE(probe_common_keys) + 8];
	const json_t *type_value = json_object_get(object, "type");
	const char *type_name = NULL;
	size_t n = 0, old;
	const char *key;
	json_t *value;
	int failed;
	int ret;

	if (strlen(name) >= MPVPN_PROBE_NAME_LEN || !name[0])
		return jsonpos_fail_at(r, "", JSONPOS_AT_KEY,
				       "probe names are 1..%d characters",
				       MPVPN_PROBE_NAME_LEN - 1);
	snprintf(probe->name, sizeof(probe->name), "%s", name);
	if (jsonpos_get_object(r, object) < 0)
		return -1;
	if (!type_value)
		return jsonpos_fail_missing(r, "type", "one of icmp, udp, tcp, http, dns, bgp, exec");
	old = jsonpos_enter(r, "type", 0);
	ret = jsonpos_get_string(r, type_value, &type_name);
	jsonpos_leave(r, old);
	if (ret)
		return ret;
	for (probe->type = 0; probe->type < PROBE_TYPE_COUNT; probe->type++)
		if (!strcmp(type_name, probe_type_names[probe->type]))
			break;
	if (probe->type == PROBE_TYPE_COUNT)
		return jsonpos_fail_at(r, "type", JSONPOS_AT_VALUE,
				       "expected one of icmp, udp, tcp, http, dns, bgp, exec, not \"%s\"",
				       type_name);

	for (size_t i = 0; i < ARRAY_SIZE(probe_common_keys); i++)
		allowed[n++] = probe_common_keys[i];
	for (const char *const *k = probe_type_keys[probe->type]; *k; k++)
		allowed[n++] = *k;
	allowed[n] = NULL;
	{
		char what[32];

		snprintf(what, sizeof(what), "%s probes", type_name);
		failed = jsonpos_check_keys(r, object, allowed, what);
	}

	probe->interval_ms = CONFIG_PROBE_INTERVAL_MS_DEFAULT;
	probe->fail_count = CONFIG_PROBE_FAIL_COUNT_DEFAULT;
	probe->success_count = CONFIG_PROBE_SUCCESS_COUNT_DEFAULT;
	probe->expect_status = CONFIG_PROBE_HTTP_STATUS_DEFAULT;
	json_object_foreach((json_t *)object, key, value) {
		old = jsonpos_enter(r, key, 0);
		failed |= parse_probe_field(r, probe, key, value);
		jsonpos_leave(r, old);
	}
	/* What the fields say together is judged only when each is valid. */
	if (failed)
		return -1;
	if (probe->type == PROBE_DNS && !probe->port)
		probe->port = CONFIG_PROBE_DNS_PORT_DEFAULT;
	if (check_probe_required(r, probe) < 0)
		return -1;

	/* A timeout longer than the interval would overlap the next run. */
	if (!probe->timeout_ms)
		probe->timeout_ms = probe->interval_ms <
				    CONFIG_PROBE_TIMEOUT_MS_DEFAULT ?
				    probe->interval_ms :
				    CONFIG_PROBE_TIMEOUT_MS_DEFAULT;
	else if (probe->timeout_ms > probe->interval_ms)
		return jsonpos_fail_at(r, "timeout_ms", JSONPOS_AT_VALUE,
				       "expected at most interval_ms (%u), not %u",
				       probe->interval_ms, probe->timeout_ms);
	/*
	 * A verdict must outlive the interval to the next push, or the
	 * kernel would forget it between two runs; three intervals by default
	 * ride out a late run.
	 */
	if (!probe->valid_ms) {
		uint64_t valid = 3ULL * probe->interval_ms;

		probe->valid_ms = valid > MPVPN_TIME_MS_MAX ?
				  MPVPN_TIME_MS_MAX : (uint32_t)valid;
	} else if (probe->valid_ms <= probe->interval_ms) {
		return jsonpos_fail_at(r, "valid_ms", JSONPOS_AT_VALUE,
				       "expected more than interval_ms (%u), not %u: the verdict would expire between two runs",
				       probe->interval_ms, probe->valid_ms);
	}
	return 0;
}

static int parse_probes(struct jsonpos_reader *r, const json_t *object,
			struct config_path *path)
{
	const char *name;
	json_t *value;
	int failed = 0;

	if (jsonpos_get_object(r, object) < 0)
		return -1;
	if (jsonpos_entry_count(r, object) > MPVPN_MAX_VERDICTS)
		return jsonpos_fail(r, "expected at most %d probes per path (the kernel keeps %d verdicts), not %zu",
				    MPVPN_MAX_VERDICTS, MPVPN_MAX_VERDICTS,
				    jsonpos_entry_count(r, object));
	path->probes = calloc(json_object_size(object) + 1,
			      sizeof(*path->probes));
	if (!path->probes)
		return jsonpos_fail(r, "out of memory");
	json_object_foreach((json_t *)object, name, value) {
		size_t old;

		if (jsonpos_is_comment(r, name, value))
			continue;
		old = jsonpos_enter(r, name, 0);
		failed |= parse_probe(r, name, value,
				      &path->probes[path->probe_count++]);
		jsonpos_leave(r, old);
	}
	return failed;
}

/* ---- paths ---- */

static const char *const path_keys[] = {
	"id", "local", "dev", "remote", "fixed", "priority", "weight",
	"bandwidth", "admin_up", "health", "probes", NULL,
};

static int parse_path_field(struct jsonpos_reader *r, struct config_path *path,
			    const char *key, const json_t *value)
{
	const char *text = "";

	if (!strcmp(key, "id")) {
		path->id_from_file = true;
		return get_attr_uint(r, value, mpvpn_path_ranges,
				     MPVPN_PATH_A_ID, &path->id);
	}
	if (!strcmp(key, "local"))
		return get_address(r, value, &path->local);
	if (!strcmp(key, "dev")) {
		if (jsonpos_get_string(r, value, &text) < 0)
			return -1;
		if (!mpvpn_link_name_valid(text))
			return jsonpos_fail(r, "expected a network device name (1..%d characters, no '/', ':' or space), not \"%s\"",
					    IF_NAMESIZE - 1, text);
		snprintf(path->local_dev, sizeof(path->local_dev), "%s", text);
		return 0;
	}
	if (!strcmp(key, "remote"))
		return get_remote(r, value, path);
	if (!strcmp(key, "fixed"))
		return jsonpos_get_bool(r, value, &path->remote_fixed);
	if (!strcmp(key, "priority"))
		return get_attr_uint(r, value, mpvpn_path_ranges,
				     MPVPN_PATH_A_PRIORITY, &path->priority);
	if (!strcmp(key, "weight"))
		return get_attr_uint(r, value, mpvpn_path_ranges,
				     MPVPN_PATH_A_WEIGHT, &path->weight);
	if (!strcmp(key, "bandwidth"))
		return get_rate(r, value, MPVPN_BANDWIDTH_KBPS_MAX,
				&path->bandwidth_kbps);
	if (!strcmp(key, "admin_up"))
		return jsonpos_get_bool(r, value, &path->admin_up);
	if (!strcmp(key, "health"))
		return parse_health(r, value, &path->health);
	if (!strcmp(key, "probes"))
		return parse_probes(r, value, path);
	return 0;	/* "comment" */
}

static int parse_path(struct jsonpos_reader *r,
		      const struct config_device *device, const char *name,
		      const json_t *object, struct config_path *path)
{
	struct mpvpn_health_info in_force;
	const char *key;
	json_t *value;
	int failed;

	if (!name[0] || strlen(name) >= MPVPN_PATH_NAME_LEN)
		return jsonpos_fail_at(r, "", JSONPOS_AT_KEY,
				       "path names are 1..%d characters",
				       MPVPN_PATH_NAME_LEN - 1);
	snprintf(path->name, sizeof(path->name), "%s", name);
	path->priority = 1;
	path->weight = 1;
	path->admin_up = true;
	if (jsonpos_get_object(r, object) < 0)
		return -1;
	failed = jsonpos_check_keys(r, object, path_keys, "a path");
	json_object_foreach((json_t *)object, key, value) {
		size_t old = jsonpos_enter(r, key, 0);

		failed |= parse_path_field(r, path, key, value);
		jsonpos_leave(r, old);
	}
	if (failed)
		return -1;
	/* Without a remote the path listens: there is nothing to pin. */
	if (path->remote_fixed && path->remote.family == AF_UNSPEC &&
	    !path->remote_name[0])
		return jsonpos_fail_at(r, "fixed", JSONPOS_AT_KEY,
				       "a path without \"remote\" listens and has no endpoint to pin");
	/* A name is resolved to the local address's family later. */
	if (path->local.family != AF_UNSPEC &&
	    path->remote.family != AF_UNSPEC &&
	    path->local.family != path->remote.family)
		return jsonpos_fail_at(r, "local", JSONPOS_AT_VALUE,
				       "expected an address of the remote's family (%s)",
				       path->remote.family == AF_INET ? "IPv4" : "IPv6");
	config_health_in_force(device, path, &in_force);
	return check_health_levels(r, &path->health, &in_force);
}

/* ---- devices ---- */

static const char *const device_keys[] = {
	"port", "tunnel_id", "mode", "failback", "revert_delay_ms",
	"redundancy", "reorder_wait_ms", "health", "addresses", "paths",
	"private_key_file", "peer_public_key", "psk_file", "rekey_seconds",
	"encryption", "tos", NULL,
};

/*
 * Fields of older files, refused with what replaced them rather than as
 * unknown: an operator upgrading learns what to write instead.
 */
static const struct {
	const char *key;
	const char *instead;
} device_retired[] = {
	{ "side", "went away with wire version 2; give \"private_key_file\" and \"peer_public_key\" instead" },
};

/*
 * The fields of a device besides the retired ones: each of those gets
 * its own error, not a second one as an unknown field.
 */
static int check_device_keys(struct jsonpos_reader *r, const json_t *object)
{
	json_t *current = json_copy((json_t *)object);
	int failed = 0;

	if (!current)
		return jsonpos_fail(r, "out of memory");
	for (size_t i = 0; i < ARRAY_SIZE(device_retired); i++) {
		if (!json_object_get(object, device_retired[i].key))
			continue;
		json_object_del(current, device_retired[i].key);
		failed = jsonpos_fail_at(r, device_retired[i].key,
					 JSONPOS_AT_KEY, "%s",
					 device_retired[i].instead);
	}
	failed |= jsonpos_check_keys(r, current, device_keys, "a device");
	json_decref(current);
	return failed;
}

/*
 * A key file ("private_key_file", "psk_file"), read now, so that a file
 * that is missing, readable by others or not a key stops the load (and a
 * reload keeps the running configuration) instead of failing later in
 * the kernel's face.
 */
static int get_key_file(struct jsonpos_reader *r, const json_t *value,
			char **path, uint8_t key[MPVPN_KEY_LEN])
{
	char err[512];

	if (jsonpos_get_dup_string(r, value, path) < 0)
		return -1;
	if ((*path)[0] != '/')
		return jsonpos_fail(r, "expected an absolute path, not \"%s\"",
				    *path);
	if (offline(r))
		return 0;
	if (mpvpn_psk_load(*path, key, err, sizeof(err)) < 0)
		return jsonpos_fail(r, "cannot use the key file: %s", err);
	return 0;
}

/* The peer's public key, as "mpvpnctl pubkey" prints it. */
static int get_public_key(struct jsonpos_reader *r, const json_t *value,
			  uint8_t key[MPVPN_KEY_LEN])
{
	const char *text = "";

	if (jsonpos_get_string(r, value, &text) < 0)
		return -1;
	if (mpvpn_key_from_base64(text, key) < 0)
		return jsonpos_fail(r, "expected the peer's public key, the base64 of %d bytes (%d characters, as \"mpvpnctl pubkey\" prints it), not \"%s\"",
				    MPVPN_KEY_LEN, MPVPN_KEY_BASE64_LEN, text);
	return 0;
}

uint64_t config_identity_present(const struct config_device *device)
{
	if (!device->private_key_file)
		return 0;
	return MPVPN_DEV_HAS(MPVPN_A_PRIVATE_KEY) |
	       MPVPN_DEV_HAS(MPVPN_A_PEER_PUBLIC_KEY) |
	       (device->psk_file ? MPVPN_DEV_HAS(MPVPN_A_PRESHARED_KEY) : 0);
}

void config_identity_fill(const struct config_device *device,
			  struct mpvpn_dev_settings *settings)
{
	uint64_t present = config_identity_present(device);

	settings->present |= present;
	memcpy(settings->identity.private_key, device->private_key,
	       MPVPN_KEY_LEN);
	memcpy(settings->identity.peer_public_key, device->peer_public_key,
	       MPVPN_KEY_LEN);
	if (present & MPVPN_DEV_HAS(MPVPN_A_PRESHARED_KEY))
		memcpy(settings->identity.preshared_key,
		       device->preshared_key, MPVPN_KEY_LEN);
}

/* The public key and the fingerprint of the keys read from the files. */
static int derive_identity(struct jsonpos_reader *r,
			   struct config_device *device)
{
	struct mpvpn_dev_settings settings = { 0 };
	int ret;

	if (mpvpn_key_public(device->private_key, device->public_key) < 0)
		return jsonpos_fail_at(r, "private_key_file", JSONPOS_AT_VALUE,
				       "cannot compute the public key (X25519 of libcrypto failed)");
	config_identity_fill(device, &settings);
	ret = mpvpn_keys_fingerprint(&settings, device->keys_fingerprint);
	mpvpn_dev_settings_wipe(&settings);
	if (ret < 0)
		return jsonpos_fail_at(r, "private_key_file", JSONPOS_AT_VALUE,
				       "cannot fingerprint the keys (SHA-256 of libcrypto failed)");
	return 0;
}

/*
 * Encryption is not optional: a device says either where its keys are
 * or, explicitly, that it runs in plaintext. Judged once all fields are
 * read.
 */
static int check_encryption(struct jsonpos_reader *r, const json_t *object,
			    struct config_device *device)
{
	const json_t *encryption = json_object_get(object, "encryption");
	bool has_peer = json_object_get(object, "peer_public_key");
	bool keyed = device->private_key_file;

	if (!keyed && !has_peer && !encryption)
		return jsonpos_fail_missing(r, "private_key_file",
					    "this gateway's private key file (with \"peer_public_key\"), or \"encryption\": \"none\" for a tunnel in plaintext");
	if ((keyed || has_peer) && device->encryption == MPVPN_ENCRYPTION_NONE)
		return jsonpos_fail_at(r, "encryption", JSONPOS_AT_VALUE,
				       "\"none\" contradicts \"%s\": leave one out",
				       keyed ? "private_key_file" : "peer_public_key");
	if (!keyed && (has_peer || device->encryption ==
				   MPVPN_ENCRYPTION_CHACHA20_POLY1305))
		return jsonpos_fail_missing(r, "private_key_file",
					    has_peer ? "this gateway's private key file, which \"peer_public_key\" goes with" :
					    "this gateway's private key file of chacha20-poly1305 (with \"peer_public_key\")");
	if (keyed && !has_peer)
		return jsonpos_fail_missing(r, "peer_public_key",
					    "the other gateway's public key, which \"private_key_file\" goes with (\"mpvpnctl pubkey\" prints it from the other's private key)");
	if (!keyed && device->psk_file)
		return jsonpos_fail_at(r, "psk_file", JSONPOS_AT_KEY,
				       "applies only with \"private_key_file\"");
	if (!keyed && json_object_get(object, "rekey_seconds"))
		return jsonpos_fail_at(r, "rekey_seconds", JSONPOS_AT_KEY,
				       "applies only with \"private_key_file\"");
	if (!keyed)
		return 0;
	device->encryption = MPVPN_ENCRYPTION_CHACHA20_POLY1305;
	if (offline(r))
		return 0;	/* no key was read: nothing to derive */
	return derive_identity(r, device);
}

static int parse_addresses(struct jsonpos_reader *r, const json_t *array,
			   struct config_device *device)
{
	size_t count;
	int failed = 0;

	if (!json_is_array(array))
		return jsonpos_fail(r, "expected an array of ADDRESS/PREFIX strings, not %s",
				    jsonpos_kind(array));
	count = json_array_size(array);
	device->addresses = calloc(count + 1, sizeof(*device->addresses));
	if (!device->addresses)
		return jsonpos_fail(r, "out of memory");
	for (size_t i = 0; i < count; i++) {
		size_t old = jsonpos_enter(r, NULL, i);
		struct config_address *address = &device->addresses[i];
		int ret = get_prefix(r, json_array_get(array, i), address);

		for (size_t j = 0; !ret && j < i; j++)
			if (!memcmp(&device->addresses[j].addr, &address->addr,
				    sizeof(address->addr)))
				ret = jsonpos_fail(r, "the same address as addresses[%zu]", j);
		jsonpos_leave(r, old);
		/* A bad one leaves its slot empty (AF_UNSPEC) and goes on. */
		failed |= ret;
		device->address_count++;
	}
	return failed;
}

/* Whether two paths go from the same local end to the same remote one. */
static bool same_link(const struct config_path *a, const struct config_path *b)
{
	return !memcmp(&a->local, &b->local, sizeof(a->local)) &&
	       !strcmp(a->local_dev, b->local_dev) &&
	       !memcmp(&a->remote, &b->remote, sizeof(a->remote)) &&
	       a->remote_port == b->remote_port;
}

/*
 * @path, the device's last, against those before it: two paths of one
 * link fail together, which is not what a second path is for.
 */
static void warn_same_link(struct jsonpos_reader *r,
			   const struct config_device *device,
			   const struct config_path *path)
{
	for (size_t i = 0; i + 1 < device->path_count; i++) {
		const struct config_path *other = &device->paths[i];

		/* A path that failed to parse has no remote. */
		if (other->remote.family == AF_UNSPEC || !same_link(other, path))
			continue;
		jsonpos_warn_at(r, "remote", JSONPOS_AT_VALUE,
				"the same local and remote end as path %s: both go over one link and fail together",
				other->name);
		return;
	}
}

/*
 * The peer finds a path by the id in its packets, so both gateways must
 * give a path the same id. Left to the kernel, an id would be the lowest
 * free one when the path is added, which depends on what was added and
 * deleted before; from the file it depends on the file alone. A path
 * without an id gets the lowest one that no path of the device names and
 * no path before it got: paths listed in the same order get the same ids
 * on both gateways, whatever their history.
 */
static void number_paths(struct config_device *device)
{
	uint64_t taken = 0;

	for (size_t i = 0; i < device->path_count; i++)
		if (device->paths[i].id)
			taken |= UINT64_C(1) << device->paths[i].id;
	for (size_t i = 0; i < device->path_count; i++) {
		struct config_path *path = &device->paths[i];
		uint32_t id = 1;

		if (path->id)
			continue;
		/* At most MPVPN_MAX_PATHS paths: one of 1..MAX is free. */
		while (taken & (UINT64_C(1) << id))
			id++;
		path->id = id;
		taken |= UINT64_C(1) << id;
	}
}

static int parse_paths(struct jsonpos_reader *r, const json_t *object,
		       struct config_device *device)
{
	const char *name;
	json_t *value;
	int failed = 0;

	if (jsonpos_get_object(r, object) < 0)
		return -1;
	if (jsonpos_entry_count(r, object) > MPVPN_MAX_PATHS)
		return jsonpos_fail(r, "expected at most %d paths, not %zu",
				    MPVPN_MAX_PATHS,
				    jsonpos_entry_count(r, object));
	device->paths = calloc(json_object_size(object) + 1,
			       sizeof(*device->paths));
	if (!device->paths)
		return jsonpos_fail(r, "out of memory");
	json_object_foreach((json_t *)object, name, value) {
		struct config_path *path;
		size_t old;
		int ret;

		if (jsonpos_is_comment(r, name, value))
			continue;
		old = jsonpos_enter(r, name, 0);
		path = &device->paths[device->path_count++];
		ret = parse_path(r, device, name, value, path);

		for (size_t i = 0; !ret && path->id && i + 1 < device->path_count; i++)
			if (device->paths[i].id == path->id)
				ret = jsonpos_fail_at(r, "id", JSONPOS_AT_VALUE,
						      "id %u is taken by path %s",
						      path->id,
						      device->paths[i].name);
		if (!ret)
			warn_same_link(r, device, path);
		jsonpos_leave(r, old);
		failed |= ret;
	}
	number_paths(device);
	return failed;
}

static int parse_device_field(struct jsonpos_reader *r,
			      struct config_device *device, const char *key,
			      const json_t *value)
{
	const char *text = "";

	if (!strcmp(key, "port"))
		return jsonpos_get_u16(r, value, 1, &device->port);
	if (!strcmp(key, "tunnel_id"))
		return jsonpos_get_uint(r, value, 0, UINT32_MAX,
					&device->tunnel_id);
	if (!strcmp(key, "mode")) {
		enum mpvpn_mode mode;

		if (jsonpos_get_string(r, value, &text) < 0)
			return -1;
		if (mpvpn_mode_parse(text, &mode) < 0)
			return jsonpos_fail(r, "expected a scheduling mode (failover, aggregate, flowhash, lowlatency or redundant), not \"%s\"",
					    text);
		device->mode = (uint8_t)mode;
		return 0;
	}
	if (!strcmp(key, "failback")) {
		enum mpvpn_failback failback;

		if (jsonpos_get_string(r, value, &text) < 0)
			return -1;
		if (mpvpn_failback_parse(text, &failback) < 0)
			return jsonpos_fail(r, "expected \"revert\" or \"sticky\", not \"%s\"",
					    text);
		device->failback = (uint8_t)failback;
		return 0;
	}
	if (!strcmp(key, "tos")) {
		if (jsonpos_get_string(r, value, &text) < 0)
			return -1;
		if (mpvpn_tos_parse(text, &device->tos_inherit) < 0)
			return jsonpos_fail(r, "expected \"%s\" (the DSCP as well) or \"%s\" (only the ECN field), not \"%s\"",
					    mpvpn_tos_name(true),
					    mpvpn_tos_name(false), text);
		return 0;
	}
	if (!strcmp(key, "revert_delay_ms"))
		return get_attr_uint(r, value, mpvpn_dev_ranges,
				     MPVPN_A_REVERT_DELAY_MS,
				     &device->revert_delay_ms);
	if (!strcmp(key, "redundancy")) {
		uint32_t copies;

		if (get_attr_uint(r, value, mpvpn_dev_ranges,
				  MPVPN_A_REDUNDANCY, &copies) < 0)
			return -1;
		device->redundancy = (uint8_t)copies;
		return 0;
	}
	if (!strcmp(key, "reorder_wait_ms"))
		return get_attr_uint(r, value, mpvpn_dev_ranges,
				     MPVPN_A_REORDER_WAIT_MS,
				     &device->reorder_wait_ms);
	if (!strcmp(key, "health"))
		return parse_health(r, value, &device->health);
	if (!strcmp(key, "addresses"))
		return parse_addresses(r, value, device);
	if (!strcmp(key, "private_key_file"))
		return get_key_file(r, value, &device->private_key_file,
				    device->private_key);
	if (!strcmp(key, "peer_public_key"))
		return get_public_key(r, value, device->peer_public_key);
	if (!strcmp(key, "psk_file"))
		return get_key_file(r, value, &device->psk_file,
				    device->preshared_key);
	if (!strcmp(key, "rekey_seconds"))
		return get_attr_uint(r, value, mpvpn_dev_ranges,
				     MPVPN_A_REKEY_SECONDS,
				     &device->rekey_seconds);
	if (!strcmp(key, "encryption")) {
		enum mpvpn_encryption encryption;

		if (jsonpos_get_string(r, value, &text) < 0)
			return -1;
		if (mpvpn_encryption_parse(text, &encryption) < 0)
			return jsonpos_fail(r, "expected \"none\" (or \"chacha20-poly1305\" with \"private_key_file\"), not \"%s\"",
					    text);
		device->encryption = (uint8_t)encryption;
		return 0;
	}
	return 0;	/* "paths" comes last, "comment" */
}

static int parse_device(struct jsonpos_reader *r, const char *name,
			const json_t *object, struct config_device *device)
{
	struct mpvpn_health_info in_force;
	const json_t *paths;
	const char *key;
	json_t *value;
	size_t old;
	int failed;

	if (!mpvpn_link_name_valid(name))
		return jsonpos_fail_at(r, "", JSONPOS_AT_KEY,
				       "expected a network device name (1..%d characters, no '/', ':' or space)",
				       IF_NAMESIZE - 1);
	snprintf(device->name, sizeof(device->name), "%s", name);
	device->port = MPVPN_DEFAULT_PORT;
	device->mode = MPVPN_MODE_FAILOVER;
	device->failback = MPVPN_FAILBACK_REVERT;
	device->tos_inherit = false;
	device->revert_delay_ms = MPVPN_REVERT_DELAY_MS_DEFAULT;
	device->redundancy = MPVPN_REDUNDANCY_DEFAULT;
	device->reorder_wait_ms = MPVPN_REORDER_WAIT_MS_DEFAULT;
	device->rekey_seconds = MPVPN_REKEY_SECONDS_DEFAULT;
	if (jsonpos_get_object(r, object) < 0)
		return -1;
	failed = check_device_keys(r, object);
	json_object_foreach((json_t *)object, key, value) {
		old = jsonpos_enter(r, key, 0);
		failed |= parse_device_field(r, device, key, value);
		jsonpos_leave(r, old);
	}
	config_health_in_force(device, NULL, &in_force);
	if (!failed)
		failed = check_health_levels(r, &device->health, &in_force);
	/*
	 * Paths last: their thresholds are judged against the device's,
	 * and after a bad device field, against what of it was valid.
	 */
	paths = json_object_get(object, "paths");
	if (paths) {
		old = jsonpos_enter(r, "paths", 0);
		failed |= parse_paths(r, paths, device);
		jsonpos_leave(r, old);
	}
	/* Keys and encryption together, once each of them is valid. */
	return failed ? -1 : check_encryption(r, object, device);
}

static int parse_devices(struct jsonpos_reader *r, const json_t *object,
			 struct config *config)
{
	const char *name;
	json_t *value;
	int failed = 0;

	if (jsonpos_get_object(r, object) < 0)
		return -1;
	config->devices = calloc(json_object_size(object) + 1,
				 sizeof(*config->devices));
	if (!config->devices)
		return jsonpos_fail(r, "out of memory");
	json_object_foreach((json_t *)object, name, value) {
		struct config_device *device;
		size_t old;
		int ret;

		if (jsonpos_is_comment(r, name, value))
			continue;
		old = jsonpos_enter(r, name, 0);
		device = &config->devices[config->device_count++];
		ret = parse_device(r, name, value, device);

		/* Two devices cannot share a port and a tunnel id. */
		for (size_t i = 0; !ret && device->tunnel_id &&
				   i + 1 < config->device_count; i++) {
			const struct config_device *other = &config->devices[i];

			if (other->port == device->port &&
			    other->tunnel_id == device->tunnel_id)
				ret = jsonpos_fail_at(r, "tunnel_id", JSONPOS_AT_VALUE,
						      "port %u and tunnel id %u are taken by device %s",
						      device->port,
						      device->tunnel_id,
						      other->name);
		}
		jsonpos_leave(r, old);
		failed |= ret;
	}
	return failed;
}

/* ---- hooks, metrics, the whole file ---- */

static const char *const hook_keys[] = { "exec", "timeout_ms", "events", NULL };

/* "events": the kinds of event the hook runs on (events.h). */
static int get_event_filter(struct jsonpos_reader *r, const json_t *value,
			    struct event_filter *filter)
{
	int failed = 0;

	if (!json_is_array(value) || !json_array_size(value))
		return jsonpos_fail(r, "expected an array of event kinds, such as [\"down\", \"%s\"]",
				    EVENT_ACTIVE_PATH);
	for (size_t i = 0; i < json_array_size(value); i++) {
		size_t old = jsonpos_enter(r, NULL, i);
		const char *name = "";
		int ret = jsonpos_get_string(r, json_array_get(value, i), &name);

		if (!ret && event_filter_add(filter, name) < 0)
			ret = jsonpos_fail(r, "expected a path state (up, degraded, down), \"%s\" or the name of a reason (mpvpnd.conf(5)), not \"%s\"",
					   EVENT_ACTIVE_PATH, name);
		jsonpos_leave(r, old);
		failed |= ret;
	}
	return failed;
}

static int parse_hooks(struct jsonpos_reader *r, const json_t *array,
		       struct config *config)
{
	size_t count;
	int failed = 0;

	if (!json_is_array(array))
		return jsonpos_fail(r, "expected an array of hooks, not %s",
				    jsonpos_kind(array));
	count = json_array_size(array);
	config->hooks = calloc(count + 1, sizeof(*config->hooks));
	if (!config->hooks)
		return jsonpos_fail(r, "out of memory");
	for (size_t i = 0; i < count; i++) {
		const json_t *object = json_array_get(array, i);
		struct config_hook *hook = &config->hooks[i];
		size_t old = jsonpos_enter(r, NULL, i), inner;
		const json_t *value;
		int ret;

		config->hook_count++;
		hook->timeout_ms = CONFIG_HOOK_TIMEOUT_MS_DEFAULT;
		if (jsonpos_get_object(r, object) < 0) {
			jsonpos_leave(r, old);
			failed = -1;
			continue;
		}
		ret = jsonpos_check_keys(r, object, hook_keys, "a hook");
		value = json_object_get(object, "exec");
		if (!value) {
			ret = jsonpos_fail_missing(r, "exec", "the command to run, an array of strings");
		} else {
			inner = jsonpos_enter(r, "exec", 0);
			ret |= get_argv(r, value, &hook->argv);
			jsonpos_leave(r, inner);
		}
		value = json_object_get(object, "timeout_ms");
		if (value) {
			inner = jsonpos_enter(r, "timeout_ms", 0);
			ret |= jsonpos_get_uint(r, value, 1, MPVPN_TIME_MS_MAX,
						&hook->timeout_ms);
			jsonpos_leave(r, inner);
		}
		value = json_object_get(object, "events");
		if (value) {
			inner = jsonpos_enter(r, "events", 0);
			ret |= get_event_filter(r, value, &hook->events);
			jsonpos_leave(r, inner);
		}
		jsonpos_leave(r, old);
		failed |= ret;
	}
	return failed;
}

static const char *const metrics_keys[] = { "enabled", "listen", NULL };

static int parse_metrics(struct jsonpos_reader *r, const json_t *object,
			 struct config_metrics *metrics)
{
	const json_t *value;
	size_t old;
	int ret = 0;

	if (jsonpos_get_object(r, object) < 0)
		return -1;
	ret = jsonpos_check_keys(r, object, metrics_keys, "metrics");
	value = json_object_get(object, "enabled");
	if (value) {
		old = jsonpos_enter(r, "enabled", 0);
		ret |= jsonpos_get_bool(r, value, &metrics->enabled);
		jsonpos_leave(r, old);
	}
	value = json_object_get(object, "listen");
	if (value) {
		old = jsonpos_enter(r, "listen", 0);
		ret |= get_endpoint(r, value, &metrics->addr, &metrics->port);
		jsonpos_leave(r, old);
	}
	return ret;
}

static const char *const top_keys[] = { "devices", "hooks", "metrics", NULL };

static int parse_top(struct jsonpos_reader *r, const json_t *root,
		     struct config *config)
{
	const json_t *value;
	size_t old;
	int ret = 0;

	mpvpn_endpoint_parse(CONFIG_METRICS_DEFAULT_LISTEN, &config->metrics.addr,
			     &config->metrics.port);
	if (jsonpos_get_object(r, root) < 0)
		return -1;
	ret = jsonpos_check_keys(r, root, top_keys, "the configuration");
	value = json_object_get(root, "devices");
	if (value) {
		old = jsonpos_enter(r, "devices", 0);
		ret |= parse_devices(r, value, config);
		jsonpos_leave(r, old);
	}
	value = json_object_get(root, "hooks");
	if (value) {
		old = jsonpos_enter(r, "hooks", 0);
		ret |= parse_hooks(r, value, config);
		jsonpos_leave(r, old);
	}
	value = json_object_get(root, "metrics");
	if (value) {
		old = jsonpos_enter(r, "metrics", 0);
		ret |= parse_metrics(r, value, &config->metrics);
		jsonpos_leave(r, old);
	}
	/* "{}" or a file cut short: a reload of it deletes every device. */
	if (!ret && !config->device_count)
		jsonpos_warn_at(r, "", JSONPOS_AT_VALUE,
				"no devices: applied on a reload, this deletes every device mpvpnd made (it refuses to without --force)");
	return ret;
}

/* The remote of @path, named in the file, to an address. */
static int resolve_remote(struct jsonpos_reader *r, struct config_path *path,
			  config_resolver resolve)
{
	int family = path->local.family;
	const char *only = family == AF_INET ? " to an IPv4 address (that of \"local\")" :
			   family == AF_INET6 ? " to an IPv6 address (that of \"local\")" :
			   "";
	char why[256] = "";

	if (!resolve)
		return jsonpos_fail_at(r, "remote", JSONPOS_AT_VALUE,
				       "\"%s\" is a name, and names are not resolved here: write an address",
				       path->remote_name);
	if (resolve(path->remote_name, family, &path->remote, why,
		    sizeof(why)) < 0 ||
	    (family != AF_UNSPEC && path->remote.family != family) ||
	    !mpvpn_addr_len(&path->remote)) {
		memset(&path->remote, 0, sizeof(path->remote));
		return jsonpos_fail_at(r, "remote", JSONPOS_AT_VALUE,
				       "cannot resolve \"%s\"%s: %s",
				       path->remote_name, only,
				       why[0] ? why : "no address");
	}
	return 0;
}

/*
 * The remotes the file gives by name, resolved once the whole file is
 * read (a path's "local" may follow its "remote"): when the daemon starts
 * and at each reload, so that the kernel, which takes addresses only,
 * gets what the name stands for at that moment. A name that does not
 * resolve is an error of the file, named at its line and column.
 */
static int resolve_remotes(struct jsonpos_reader *r, struct config *config,
			   config_resolver resolve)
{
	int failed = 0;

	for (size_t d = 0; d < config->device_count; d++) {
		struct config_device *device = &config->devices[d];

		for (size_t i = 0; i < device->path_count; i++) {
			struct config_path *path = &device->paths[i];
			size_t old;

			if (!path->remote_name[0])
				continue;
			old = jsonpos_enter(r, "devices", 0);
			jsonpos_enter(r, device->name, 0);
			jsonpos_enter(r, "paths", 0);
			jsonpos_enter(r, path->name, 0);
			failed |= resolve_remote(r, path, resolve);
			jsonpos_leave(r, old);
		}
	}
	return failed;
}

int config_read_text(const char *name, const char *text, size_t len,
		     const struct config_options *options,
		     struct config *config, struct config_report *report)
{
	struct jsonpos_reader reader;
	struct jsonpos_error first;
	int ret;

	memset(config, 0, sizeof(*config));
	memset(report, 0, sizeof(*report));
	ret = jsonpos_open(&reader, name, text, len, "comment", &first);
	if (ret) {
		jsonpos_close(&reader);
		/* Not JSON at all: that one error is all there is to say. */
		report->errors.items = malloc(sizeof(first));
		if (report->errors.items) {
			report->errors.items[0] = first;
			report->errors.count = report->errors.capacity = 1;
		}
		return -1;
	}
	reader.errors = &report->errors;
	reader.warnings = &report->warnings;
	reader.user = options;
	ret = parse_top(&reader, reader.root, config);
	/* Offline, a name stays a name: its address is the gateway's DNS's. */
	if (!ret && !offline(&reader))
		ret = resolve_remotes(&reader, config,
				      options ? options->resolve : NULL);
	jsonpos_close(&reader);
	return ret;
}

int config_read_file(const char *file, const struct config_options *options,
		     struct config *config, struct config_report *report)
{
	struct jsonpos_error error;
	size_t len;
	char *text;
	int ret;

	memset(config, 0, sizeof(*config));
	memset(report, 0, sizeof(*report));
	if (jsonpos_read_file(file, CONFIG_MAX_BYTES, &text, &len, &error) < 0) {
		report->errors.items = malloc(sizeof(error));
		if (report->errors.items) {
			report->errors.items[0] = error;
			report->errors.count = report->errors.capacity = 1;
		}
		return -1;
	}
	ret = config_read_text(file, text, len, options, config, report);
	free(text);
	return ret;
}

void config_report_free(struct config_report *report)
{
	jsonpos_notes_free(&report->errors);
	jsonpos_notes_free(&report->warnings);
}

/* The first error of @report into @error. */
static void first_error(const struct config_report *report,
			struct jsonpos_error *error)
{
	memset(error, 0, sizeof(*error));
	if (report->errors.count)
		*error = report->errors.items[0];
	else
		snprintf(error->text, sizeof(error->text), "out of memory");
}

int config_load_text(const char *name, const char *text, size_t len,
		     config_resolver resolve, struct config *config,
		     struct jsonpos_error *error)
{
	const struct config_options options = { .resolve = resolve };
	struct config_report report;
	int ret = config_read_text(name, text, len, &options, config, &report);

	if (ret)
		first_error(&report, error);
	config_report_free(&report);
	return ret;
}

int config_load_file(const char *file, config_resolver resolve,
		     struct config *config, struct jsonpos_error *error)
{
	const struct config_options options = { .resolve = resolve };
	struct config_report report;
	int ret = config_read_file(file, &options, config, &report);

	if (ret)
		first_error(&report, error);
	config_report_free(&report);
	return ret;
}

void config_free(struct config *config)
{
	for (size_t d = 0; d < config->device_count; d++) {
		struct config_device *device = &config->devices[d];

		for (size_t i = 0; i < device->path_count; i++) {
			struct config_path *path = &device->paths[i];

			for (size_t j = 0; j < path->probe_count; j++)
				free_probe(&path->probes[j]);
			free(path->probes);
		}
		free(device->paths);
		free(device->addresses);
		free(device->private_key_file);
		free(device->psk_file);
		mpvpn_wipe(device->private_key, sizeof(device->private_key));
		mpvpn_wipe(device->preshared_key,
			   sizeof(device->preshared_key));
	}
	free(config->devices);
	for (size_t i = 0; i < config->hook_count; i++)
		config_argv_free(config->hooks[i].argv);
	free(config->hooks);
	memset(config, 0, sizeof(*config));
}

const struct config_device *config_find_device(const struct config *config,
					       const char *name)
{
	for (size_t i = 0; i < config->device_count; i++)
		if (!strcmp(config->devices[i].name, name))
			return &config->devices[i];
	return NULL;
}

const struct config_path *config_find_path(const struct config_device *device,
					   const char *name)
{
	for (size_t i = 0; i < device->path_count; i++)
		if (!strcmp(device->paths[i].name, name))
			return &device->paths[i];
	return NULL;
}
