// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The parser of mpvpnd.json. jansson reads the text (duplicate keys are
 * refused there, which also makes device, path and probe names unique:
 * they are keys); jsonpos.c then indexes where each value starts, and the
 * checks below name the line and column of the value they refuse.
 *
 * Every object has a fixed set of keys; any other key is an error, so a
 * typo cannot silently leave a setting at its default. Each object may
 * carry a "comment" string, which is ignored: JSON has no comments.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <jansson.h>
#include <openssl/evp.h>

#include "config.h"
#include "jsonpos.h"

/* A config file larger than this is a mistake, not a config. */
#define CONFIG_MAX_BYTES	(4 << 20)
#define PATH_MAX_LEN		512

#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))

struct parser {
	const char *file;
	const struct jsonpos *index;
	char path[PATH_MAX_LEN];	/* field path of the value at hand */
	struct config_error *error;
};

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

/* ---- errors ---- */

/* @base, a dot unless either side is empty or @field is "[N]", @field. */
static void join_path(char *out, size_t size, const char *base,
		      const char *field)
{
	const char *dot = base[0] && field[0] && field[0] != '[' ? "." : "";

	/* A path too long to show whole is shown cut short. */
	if (snprintf(out, size, "%s%s%s", base, dot, field) >= (int)size)
		out[size - 1] = '\0';
}

enum where { AT_VALUE, AT_KEY };

static void set_error(struct parser *p, int line, int column,
		      const char *field, const char *fmt, va_list ap)
{
	struct config_error *e = p->error;

	e->line = line;
	e->column = column;
	snprintf(e->field, sizeof(e->field), "%s", field);
	vsnprintf(e->message, sizeof(e->message), fmt, ap);
	if (field[0])
		snprintf(e->text, sizeof(e->text), "%s:%d:%d: %s: %s", p->file,
			 line, column, field, e->message);
	else
		snprintf(e->text, sizeof(e->text), "%s:%d:%d: %s", p->file,
			 line, column, e->message);
}

/*
 * Fails at the value (or the key) of field @field, a path relative to the
 * one at hand ("" for the value at hand itself). Returns -1.
 */
static int fail_field(struct parser *p, const char *field, enum where where,
		      const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static int fail_field(struct parser *p, const char *field, enum where where,
		      const char *fmt, ...)
{
	char full[PATH_MAX_LEN];
	const struct jsonpos_entry *entry;
	va_list ap;

	join_path(full, sizeof(full), p->path, field);
	entry = jsonpos_find(p->index, full);
	va_start(ap, fmt);
	if (entry && where == AT_KEY)
		set_error(p, entry->key_line, entry->key_column, full, fmt, ap);
	else if (entry)
		set_error(p, entry->value_line, entry->value_column, full, fmt,
			  ap);
	else
		set_error(p, 0, 0, full, fmt, ap);
	va_end(ap);
	return -1;
}

#define fail(p, ...)	fail_field((p), "", AT_VALUE, __VA_ARGS__)

/*
 * A required field that is absent: the position is the object's, the
 * field path names the missing member.
 */
static int fail_missing(struct parser *p, const char *key,
			const char *expected)
{
	const struct jsonpos_entry *entry = jsonpos_find(p->index, p->path);
	char full[PATH_MAX_LEN];

	join_path(full, sizeof(full), p->path, key);
	p->error->line = entry ? entry->value_line : 0;
	p->error->column = entry ? entry->value_column : 0;
	snprintf(p->error->field, sizeof(p->error->field), "%s", full);
	snprintf(p->error->message, sizeof(p->error->message),
		 "missing; expected %s", expected);
	snprintf(p->error->text, sizeof(p->error->text), "%s:%d:%d: %s: %s",
		 p->file, p->error->line, p->error->column, full,
		 p->error->message);
	return -1;
}

/* Enters member @key (or element @index when @key is NULL). */
static size_t enter(struct parser *p, const char *key, size_t index)
{
	size_t old = strlen(p->path);

	if (key)
		snprintf(p->path + old, sizeof(p->path) - old, "%s%s",
			 old ? "." : "", key);
	else
		snprintf(p->path + old, sizeof(p->path) - old, "[%zu]", index);
	return old;
}

static void leave(struct parser *p, size_t old)
{
	p->path[old] = '\0';
}

/* ---- typed values ---- */

static const char *json_kind(const json_t *value)
{
	switch (json_typeof(value)) {
	case JSON_OBJECT: return "an object";
	case JSON_ARRAY: return "an array";
	case JSON_STRING: return "a string";
	case JSON_INTEGER: return "a whole number";
	case JSON_REAL: return "a number with a fraction";
	case JSON_TRUE:
	case JSON_FALSE: return "a boolean";
	case JSON_NULL: return "null";
	}
	return "something else";
}

static int get_object(struct parser *p, const json_t *value)
{
	if (!json_is_object(value))
		return fail(p, "expected an object, not %s", json_kind(value));
	return 0;
}

static int get_uint(struct parser *p, const json_t *value, uint64_t min,
		    uint64_t max, uint32_t *out)
{
	json_int_t n;

	if (!json_is_integer(value))
		return fail(p, "expected a whole number %llu..%llu, not %s",
			    (unsigned long long)min, (unsigned long long)max,
			    json_kind(value));
	n = json_integer_value(value);
	if (n < 0 || (uint64_t)n < min || (uint64_t)n > max)
		return fail(p, "expected a whole number %llu..%llu, not %lld",
			    (unsigned long long)min, (unsigned long long)max,
			    (long long)n);
	*out = (uint32_t)n;
	return 0;
}

static int get_u16(struct parser *p, const json_t *value, uint16_t min,
		   uint16_t *out)
{
	uint32_t n;

	if (get_uint(p, value, min, UINT16_MAX, &n) < 0)
		return -1;
	*out = (uint16_t)n;
	return 0;
}

static int get_bool(struct parser *p, const json_t *value, bool *out)
{
	if (!json_is_boolean(value))
		return fail(p, "expected true or false, not %s",
			    json_kind(value));
	*out = json_is_true(value);
	return 0;
}

static int get_string(struct parser *p, const json_t *value,
		      const char **out)
{
	if (!json_is_string(value))
		return fail(p, "expected a string, not %s", json_kind(value));
	*out = json_string_value(value);
	return 0;
}

static int get_dup_string(struct parser *p, const json_t *value, char **out)
{
	const char *text = "";

	if (get_string(p, value, &text) < 0)
		return -1;
	if (!text[0])
		return fail(p, "expected a string that is not empty");
	free(*out);
	*out = strdup(text);
	if (!*out)
		return fail(p, "out of memory");
	return 0;
}

static int get_address(struct parser *p, const json_t *value,
		       struct mpvpn_addr *out)
{
	const char *text = "";

	if (get_string(p, value, &text) < 0)
		return -1;
	if (mpvpn_addr_parse(text, out) < 0)
		return fail(p, "expected an IPv4 or IPv6 address, not \"%s\"",
			    text);
	return 0;
}

static int get_endpoint(struct parser *p, const json_t *value,
			struct mpvpn_addr *addr, uint16_t *port)
{
	const char *text = "";

	if (get_string(p, value, &text) < 0)
		return -1;
	if (mpvpn_endpoint_parse(text, addr, port) < 0 || !*port)
		return fail(p, "expected ADDRESS:PORT (an IPv6 address in brackets, [fd00::1]:5555), not \"%s\"",
			    text);
	return 0;
}

/*
 * A rate in kbit/s, 0..@max: a whole number of kbit/s, or a string in the
 * syntax of mpvpnctl's "bandwidth RATE" ("40mbit", "2.5mbit", "500kbit"),
 * read by the same libmpvpn function.
 */
static int get_rate(struct parser *p, const json_t *value, uint32_t max,
		    uint32_t *out)
{
	char limit[MPVPN_RATE_STRLEN];
	const char *text;
	uint32_t kbps;
	int ret;

	mpvpn_rate_format(max, limit);
	if (json_is_integer(value)) {
		json_int_t n = json_integer_value(value);

		if (n < 0 || (uint64_t)n > max)
			return fail(p, "expected a whole number of kbit/s 0..%u (%s), not %lld",
				    max, limit, (long long)n);
		*out = (uint32_t)n;
		return 0;
	}
	if (!json_is_string(value))
		return fail(p, "expected a rate such as \"40mbit\" or a whole number of kbit/s, not %s",
			    json_kind(value));
	text = json_string_value(value);
	ret = mpvpn_rate_parse(text, &kbps);
	if (ret == -EINVAL)
		return fail(p, "expected a rate such as \"40mbit\", \"2.5mbit\" or \"500kbit\" (units kbit, mbit, gbit), not \"%s\"",
			    text);
	if (ret < 0 || kbps > max)
		return fail(p, "expected a rate of at most %s, not \"%s\"", limit,
			    text);
	*out = kbps;
	return 0;
}

/* "ADDRESS/PREFIX". */
static int get_prefix(struct parser *p, const json_t *value,
		      struct config_address *out)
{
	char addr[INET6_ADDRSTRLEN + 8];
	const char *text = "", *slash;
	unsigned long prefix;
	char *end;

	if (get_string(p, value, &text) < 0)
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
	return fail(p, "expected ADDRESS/PREFIX such as 10.99.0.1/30 or fd99::1/64, not \"%s\"",
		    text);
}

/*
 * Refuses the first key of @object that is not in @allowed (a NULL-ended
 * list); "comment" is allowed everywhere and must be a string.
 */
static int check_keys(struct parser *p, const json_t *object,
		      const char *const *allowed, const char *what)
{
	const char *key;
	json_t *value;

	json_object_foreach((json_t *)object, key, value) {
		bool known = false;

		if (!strcmp(key, "comment")) {
			size_t old = enter(p, key, 0);
			int ret = json_is_string(value) ? 0 :
				  fail(p, "expected a string (comments are text), not %s",
				       json_kind(value));

			leave(p, old);
			if (ret)
				return ret;
			continue;
		}
		for (const char *const *k = allowed; *k; k++)
			known = known || !strcmp(key, *k);
		if (!known) {
			char list[256] = "";
			size_t used = 0;

			for (const char *const *k = allowed; *k; k++)
				used += (size_t)snprintf(list + used,
					used < sizeof(list) ? sizeof(list) - used : 0,
					"%s%s", k == allowed ? "" : ", ", *k);
			return fail_field(p, key, AT_KEY,
					  "unknown field of %s; expected one of: %s, comment",
					  what, list);
		}
	}
	return 0;
}

/*
 * In the objects keyed by name (devices, paths, probes), a "comment"
 * member with a string value is a comment, not an entry: that is the
 * promise "every object may carry a comment" keeps there too.
 */
static bool is_comment(const char *key, const json_t *value)
{
	return !strcmp(key, "comment") && json_is_string(value);
}

/* The members of a name-keyed object that are entries. */
static size_t entry_count(const json_t *object)
{
	const json_t *comment = json_object_get(object, "comment");

	return json_object_size(object) -
	       (comment && json_is_string(comment) ? 1 : 0);
}

/* ---- health thresholds ---- */

static const struct {
	unsigned int attr;
	uint32_t min;
	uint32_t max;
} health_ranges[] = {
	{ MPVPN_HEALTH_A_PROBE_INTERVAL_MS, MPVPN_PROBE_INTERVAL_MS_MIN,
	  MPVPN_PROBE_INTERVAL_MS_MAX },
	{ MPVPN_HEALTH_A_MISS_COUNT, 1, MPVPN_MISS_COUNT_MAX },
	{ MPVPN_HEALTH_A_LOSS_WINDOW, MPVPN_LOSS_WINDOW_MIN,
	  MPVPN_LOSS_WINDOW_MAX },
	/* The kernel's policy: levels are 1 ms .. 60 s. */
	{ MPVPN_HEALTH_A_LATENCY_FAIL_MS, 1, 60000 },
	{ MPVPN_HEALTH_A_LATENCY_RECOVER_MS, 1, 60000 },
	{ MPVPN_HEALTH_A_JITTER_FAIL_MS, 1, 60000 },
	{ MPVPN_HEALTH_A_JITTER_RECOVER_MS, 1, 60000 },
	{ MPVPN_HEALTH_A_LOSS_FAIL_PERMILLE, 0, 1000 },
	{ MPVPN_HEALTH_A_LOSS_RECOVER_PERMILLE, 0, 1000 },
	{ MPVPN_HEALTH_A_HOLD_MS, 0, MPVPN_TIME_MS_MAX },
};

static const uint32_t health_defaults[__MPVPN_HEALTH_A_MAX] = {
	[MPVPN_HEALTH_A_PROBE_INTERVAL_MS] = MPVPN_PROBE_INTERVAL_MS_DEFAULT,
	[MPVPN_HEALTH_A_MISS_COUNT] = MPVPN_MISS_COUNT_DEFAULT,
	[MPVPN_HEALTH_A_LOSS_WINDOW] = MPVPN_LOSS_WINDOW_DEFAULT,
	[MPVPN_HEALTH_A_LATENCY_FAIL_MS] = MPVPN_LATENCY_FAIL_MS_DEFAULT,
	[MPVPN_HEALTH_A_LATENCY_RECOVER_MS] = MPVPN_LATENCY_RECOVER_MS_DEFAULT,
	[MPVPN_HEALTH_A_JITTER_FAIL_MS] = MPVPN_JITTER_FAIL_MS_DEFAULT,
	[MPVPN_HEALTH_A_JITTER_RECOVER_MS] = MPVPN_JITTER_RECOVER_MS_DEFAULT,
	[MPVPN_HEALTH_A_LOSS_FAIL_PERMILLE] = MPVPN_LOSS_FAIL_PERMILLE_DEFAULT,
	[MPVPN_HEALTH_A_LOSS_RECOVER_PERMILLE] =
		MPVPN_LOSS_RECOVER_PERMILLE_DEFAULT,
	[MPVPN_HEALTH_A_HOLD_MS] = MPVPN_HOLD_MS_DEFAULT,
};

/* The failure level and its recovery level, which must be below it. */
static const unsigned int health_pairs[][2] = {
	{ MPVPN_HEALTH_A_LATENCY_FAIL_MS, MPVPN_HEALTH_A_LATENCY_RECOVER_MS },
	{ MPVPN_HEALTH_A_JITTER_FAIL_MS, MPVPN_HEALTH_A_JITTER_RECOVER_MS },
	{ MPVPN_HEALTH_A_LOSS_FAIL_PERMILLE,
	  MPVPN_HEALTH_A_LOSS_RECOVER_PERMILLE },
};

void config_health_in_force(const struct config_device *device,
			    const struct config_path *path,
			    struct mpvpn_health *out)
{
	memset(out, 0, sizeof(*out));
	for (unsigned int attr = 1; attr < MPVPN_HEALTH_A_RESET; attr++) {
		uint32_t bit = MPVPN_HEALTH_HAS(attr);

		out->value[attr] = health_defaults[attr];
		if (device && (device->health.present & bit))
			out->value[attr] = device->health.value[attr];
		if (path && (path->health.present & bit))
			out->value[attr] = path->health.value[attr];
		out->present |= bit;
	}
}

static int parse_health(struct parser *p, const json_t *object,
			struct mpvpn_health *health)
{
	const char *names[ARRAY_SIZE(health_ranges) + 1];

	if (get_object(p, object) < 0)
		return -1;
	for (size_t i = 0; i < ARRAY_SIZE(health_ranges); i++)
		names[i] = mpvpn_health_name(health_ranges[i].attr);
	names[ARRAY_SIZE(health_ranges)] = NULL;
	if (check_keys(p, object, names, "health") < 0)
		return -1;

	for (size_t i = 0; i < ARRAY_SIZE(health_ranges); i++) {
		unsigned int attr = health_ranges[i].attr;
		const json_t *value = json_object_get(object,
						      mpvpn_health_name(attr));
		size_t old;
		int ret;

		if (!value)
			continue;
		old = enter(p, mpvpn_health_name(attr), 0);
		ret = get_uint(p, value, health_ranges[i].min,
			       health_ranges[i].max, &health->value[attr]);
		leave(p, old);
		if (ret)
			return ret;
		health->present |= MPVPN_HEALTH_HAS(attr);
	}
	return 0;
}

/*
 * Each recovery level in force must be below its failure level. @p is at
 * the object that holds "health"; only pairs with a value set at this
 * level are judged here (the device's own pairs were judged with it).
 */
static int check_health_levels(struct parser *p,
			       const struct mpvpn_health *own,
			       const struct mpvpn_health *in_force)
{
	for (size_t i = 0; i < ARRAY_SIZE(health_pairs); i++) {
		unsigned int fail_attr = health_pairs[i][0];
		unsigned int recover_attr = health_pairs[i][1];
		bool has_fail = own->present & MPVPN_HEALTH_HAS(fail_attr);
		bool has_recover = own->present & MPVPN_HEALTH_HAS(recover_attr);
		char field[64];

		if (!has_fail && !has_recover)
			continue;
		if (in_force->value[recover_attr] < in_force->value[fail_attr])
			continue;
		snprintf(field, sizeof(field), "health.%s",
			 mpvpn_health_name(has_recover ? recover_attr :
							 fail_attr));
		return fail_field(p, field, AT_VALUE,
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

static void free_argv(char **argv)
{
	if (!argv)
		return;
	for (char **arg = argv; *arg; arg++)
		free(*arg);
	free(argv);
}

static void free_probe(struct config_probe *probe)
{
	free(probe->payload);
	free(probe->url);
	free(probe->expect_body);
	free(probe->ca_file);
	free(probe->query);
	free_argv(probe->command);
}

/* A command: an array of strings, the program first; no shell. */
static int get_argv(struct parser *p, const json_t *value, char ***out)
{
	size_t count, i;
	char **argv;

	if (!json_is_array(value) || !json_array_size(value))
		return fail(p, "expected an array of strings, the program first, such as [\"/usr/local/bin/check\", \"fiber\"]");
	count = json_array_size(value);
	argv = calloc(count + 1, sizeof(*argv));
	if (!argv)
		return fail(p, "out of memory");
	for (i = 0; i < count; i++) {
		size_t old = enter(p, NULL, i);
		int ret = get_dup_string(p, json_array_get(value, i), &argv[i]);

		leave(p, old);
		if (ret) {
			free_argv(argv);
			return ret;
		}
	}
	if (argv[0][0] != '/') {
		size_t old = enter(p, NULL, 0);

		fail(p, "expected an absolute path to the program, not \"%s\"",
		     argv[0]);
		leave(p, old);
		free_argv(argv);
		return -1;
	}
	free_argv(*out);
	*out = argv;
	return 0;
}

static int parse_probe_field(struct parser *p, struct config_probe *probe,
			     const char *key, const json_t *value)
{
	if (!strcmp(key, "type"))
		return 0;	/* read first, by parse_probe() */
	if (!strcmp(key, "interval_ms"))
		return get_uint(p, value, 10, MPVPN_TIME_MS_MAX,
				&probe->interval_ms);
	if (!strcmp(key, "timeout_ms"))
		return get_uint(p, value, 1, MPVPN_TIME_MS_MAX,
				&probe->timeout_ms);
	if (!strcmp(key, "fail_count"))
		return get_uint(p, value, 1, CONFIG_PROBE_COUNT_MAX,
				&probe->fail_count);
	if (!strcmp(key, "success_count"))
		return get_uint(p, value, 1, CONFIG_PROBE_COUNT_MAX,
				&probe->success_count);
	if (!strcmp(key, "valid_ms"))
		return get_uint(p, value, 1, MPVPN_TIME_MS_MAX,
				&probe->valid_ms);
	if (!strcmp(key, "host"))
		return get_address(p, value, &probe->host);
	if (!strcmp(key, "port"))
		return get_u16(p, value, 1, &probe->port);
	if (!strcmp(key, "payload"))
		return get_dup_string(p, value, &probe->payload);
	if (!strcmp(key, "url")) {
		if (get_dup_string(p, value, &probe->url) < 0)
			return -1;
		if (strncmp(probe->url, "http://", 7) &&
		    strncmp(probe->url, "https://", 8))
			return fail(p, "expected an http:// or https:// URL, not \"%s\"",
				    probe->url);
		return 0;
	}
	if (!strcmp(key, "expect_status"))
		return get_uint(p, value, 100, 599, &probe->expect_status);
	if (!strcmp(key, "expect_body"))
		return get_dup_string(p, value, &probe->expect_body);
	if (!strcmp(key, "ca_file")) {
		if (get_dup_string(p, value, &probe->ca_file) < 0)
			return -1;
		/* Now, not at the first probe: a typo must not pass the check. */
		if (access(probe->ca_file, R_OK) < 0)
			return fail(p, "cannot read the CA file \"%s\": %s",
				    probe->ca_file, strerror(errno));
		return 0;
	}
	if (!strcmp(key, "query"))
		return get_dup_string(p, value, &probe->query);
	if (!strcmp(key, "neighbor"))
		return get_address(p, value, &probe->neighbor);
	if (!strcmp(key, "command"))
		return get_argv(p, value, &probe->command);
	return 0;	/* "comment" */
}

/* The fields each type cannot do without. */
static int check_probe_required(struct parser *p,
				const struct config_probe *probe)
{
	switch (probe->type) {
	case PROBE_ICMP:
	case PROBE_UDP:
	case PROBE_TCP:
	case PROBE_DNS:
		if (probe->host.family == AF_UNSPEC)
			return fail_missing(p, "host", "the IPv4 or IPv6 address to probe");
		if ((probe->type == PROBE_UDP || probe->type == PROBE_TCP) &&
		    !probe->port)
			return fail_missing(p, "port", "the port to probe, 1..65535");
		if (probe->type == PROBE_DNS && !probe->query)
			return fail_missing(p, "query", "the name to resolve");
		return 0;
	case PROBE_HTTP:
		if (!probe->url)
			return fail_missing(p, "url", "an http:// or https:// URL");
		if (probe->ca_file && strncmp(probe->url, "https://", 8))
			return fail_field(p, "ca_file", AT_VALUE,
					  "only for https:// URLs, and \"%s\" is not one",
					  probe->url);
		return 0;
	case PROBE_BGP:
		return probe->neighbor.family != AF_UNSPEC ? 0 :
		       fail_missing(p, "neighbor", "the BGP neighbor's address");
	case PROBE_EXEC:
		return probe->command ? 0 :
		       fail_missing(p, "command", "the command to run, an array of strings");
	case PROBE_TYPE_COUNT:
		break;
	}
	return 0;
}

static int parse_probe(struct parser *p, const char *name,
		       const json_t *object, struct config_probe *probe)
{
	const char *allowed[ARRAY_SIZE(probe_common_keys) + 8];
	const json_t *type_value = json_object_get(object, "type");
	const char *type_name = NULL;
	size_t n = 0, old;
	const char *key;
	json_t *value;
	int ret;

	if (strlen(name) >= MPVPN_PROBE_NAME_LEN || !name[0])
		return fail_field(p, "", AT_KEY,
				  "probe names are 1..%d characters",
				  MPVPN_PROBE_NAME_LEN - 1);
	snprintf(probe->name, sizeof(probe->name), "%s", name);
	if (get_object(p, object) < 0)
		return -1;
	if (!type_value)
		return fail_missing(p, "type", "one of icmp, udp, tcp, http, dns, bgp, exec");
	old = enter(p, "type", 0);
	ret = get_string(p, type_value, &type_name);
	leave(p, old);
	if (ret)
		return ret;
	for (probe->type = 0; probe->type < PROBE_TYPE_COUNT; probe->type++)
		if (!strcmp(type_name, probe_type_names[probe->type]))
			break;
	if (probe->type == PROBE_TYPE_COUNT)
		return fail_field(p, "type", AT_VALUE,
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
		if (check_keys(p, object, allowed, what) < 0)
			return -1;
	}

	probe->interval_ms = CONFIG_PROBE_INTERVAL_MS_DEFAULT;
	probe->fail_count = CONFIG_PROBE_FAIL_COUNT_DEFAULT;
	probe->success_count = CONFIG_PROBE_SUCCESS_COUNT_DEFAULT;
	probe->expect_status = CONFIG_PROBE_HTTP_STATUS_DEFAULT;
	json_object_foreach((json_t *)object, key, value) {
		old = enter(p, key, 0);
		ret = parse_probe_field(p, probe, key, value);
		leave(p, old);
		if (ret)
			return ret;
	}
	if (probe->type == PROBE_DNS && !probe->port)
		probe->port = CONFIG_PROBE_DNS_PORT_DEFAULT;
	if (check_probe_required(p, probe) < 0)
		return -1;

	/* A timeout longer than the interval would overlap the next run. */
	if (!probe->timeout_ms)
		probe->timeout_ms = probe->interval_ms <
				    CONFIG_PROBE_TIMEOUT_MS_DEFAULT ?
				    probe->interval_ms :
				    CONFIG_PROBE_TIMEOUT_MS_DEFAULT;
	else if (probe->timeout_ms > probe->interval_ms)
		return fail_field(p, "timeout_ms", AT_VALUE,
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
		return fail_field(p, "valid_ms", AT_VALUE,
				  "expected more than interval_ms (%u), not %u: the verdict would expire between two runs",
				  probe->interval_ms, probe->valid_ms);
	}
	return 0;
}

static int parse_probes(struct parser *p, const json_t *object,
			struct config_path *path)
{
	const char *name;
	json_t *value;

	if (get_object(p, object) < 0)
		return -1;
	if (entry_count(object) > MPVPN_MAX_VERDICTS)
		return fail(p, "expected at most %d probes per path (the kernel keeps %d verdicts), not %zu",
			    MPVPN_MAX_VERDICTS, MPVPN_MAX_VERDICTS,
			    entry_count(object));
	path->probes = calloc(json_object_size(object) + 1,
			      sizeof(*path->probes));
	if (!path->probes)
		return fail(p, "out of memory");
	json_object_foreach((json_t *)object, name, value) {
		size_t old;
		int ret;

		if (is_comment(name, value))
			continue;
		old = enter(p, name, 0);
		ret = parse_probe(p, name, value,
				  &path->probes[path->probe_count++]);

		leave(p, old);
		if (ret)
			return ret;
	}
	return 0;
}

/* ---- paths ---- */

static const char *const path_keys[] = {
	"id", "local", "dev", "remote", "priority", "weight", "bandwidth",
	"admin_up", "health", "probes", NULL,
};

static int parse_path_field(struct parser *p, struct config_path *path,
			    const char *key, const json_t *value)
{
	const char *text = "";

	if (!strcmp(key, "id"))
		return get_uint(p, value, 1, MPVPN_MAX_PATHS, &path->id);
	if (!strcmp(key, "local"))
		return get_address(p, value, &path->local);
	if (!strcmp(key, "dev")) {
		if (get_string(p, value, &text) < 0)
			return -1;
		if (!mpvpn_link_name_valid(text))
			return fail(p, "expected a network device name (1..%d characters, no '/', ':' or space), not \"%s\"",
				    IF_NAMESIZE - 1, text);
		snprintf(path->local_dev, sizeof(path->local_dev), "%s", text);
		return 0;
	}
	if (!strcmp(key, "remote"))
		return get_endpoint(p, value, &path->remote,
				    &path->remote_port);
	if (!strcmp(key, "priority"))
		return get_uint(p, value, 0, UINT32_MAX, &path->priority);
	if (!strcmp(key, "weight"))
		return get_uint(p, value, 1, 65535, &path->weight);
	if (!strcmp(key, "bandwidth"))
		return get_rate(p, value, MPVPN_BANDWIDTH_KBPS_MAX,
				&path->bandwidth_kbps);
	if (!strcmp(key, "admin_up"))
		return get_bool(p, value, &path->admin_up);
	if (!strcmp(key, "health"))
		return parse_health(p, value, &path->health);
	if (!strcmp(key, "probes"))
		return parse_probes(p, value, path);
	return 0;	/* "comment" */
}

static int parse_path(struct parser *p, const struct config_device *device,
		      const char *name, const json_t *object,
		      struct config_path *path)
{
	struct mpvpn_health in_force;
	const char *key;
	json_t *value;

	if (!name[0] || strlen(name) >= MPVPN_PATH_NAME_LEN)
		return fail_field(p, "", AT_KEY,
				  "path names are 1..%d characters",
				  MPVPN_PATH_NAME_LEN - 1);
	snprintf(path->name, sizeof(path->name), "%s", name);
	path->priority = 1;
	path->weight = 1;
	path->admin_up = true;
	if (get_object(p, object) < 0 ||
	    check_keys(p, object, path_keys, "a path") < 0)
		return -1;
	json_object_foreach((json_t *)object, key, value) {
		size_t old = enter(p, key, 0);
		int ret = parse_path_field(p, path, key, value);

		leave(p, old);
		if (ret)
			return ret;
	}
	if (path->remote.family == AF_UNSPEC)
		return fail_missing(p, "remote",
				    "the peer's endpoint ADDRESS:PORT");
	if (path->local.family != AF_UNSPEC &&
	    path->local.family != path->remote.family)
		return fail_field(p, "local", AT_VALUE,
				  "expected an address of the remote's family (%s)",
				  path->remote.family == AF_INET ? "IPv4" : "IPv6");
	config_health_in_force(device, path, &in_force);
	return check_health_levels(p, &path->health, &in_force);
}

/* ---- devices ---- */

static const char *const device_keys[] = {
	"port", "tunnel_id", "mode", "failback", "revert_delay_ms",
	"redundancy", "reorder_wait_ms", "health", "addresses", "paths",
	"psk_file", "side", "rekey_seconds", "encryption", NULL,
};

/*
 * Reads the key file now, so that a file that is missing, readable by
 * others or not a key stops the load (and a reload keeps the running
 * configuration) instead of failing later in the kernel's face.
 */
static int get_psk_file(struct parser *p, const json_t *value,
			struct config_device *device)
{
	char err[512];

	if (get_dup_string(p, value, &device->psk_file) < 0)
		return -1;
	if (device->psk_file[0] != '/')
		return fail(p, "expected an absolute path, not \"%s\"",
			    device->psk_file);
	if (mpvpn_psk_load(device->psk_file, device->psk, err,
			   sizeof(err)) < 0)
		return fail(p, "cannot use the key file: %s", err);
	return 0;
}

/* SHA-256 of the keys @device derives; the keys are wiped right away. */
static int fingerprint_keys(struct config_device *device)
{
	uint8_t keys[2 * MPVPN_KEY_LEN];
	unsigned int len = 0;
	int ret;

	ret = mpvpn_psk_derive(device->psk, device->tunnel_id, device->side,
			       keys, keys + MPVPN_KEY_LEN);
	if (ret == 0 && EVP_Digest(keys, sizeof(keys), device->key_fingerprint,
				   &len, EVP_sha256(), NULL) != 1)
		ret = -EIO;
	mpvpn_wipe(keys, sizeof(keys));
	return ret;
}

/*
 * Encryption is not optional: a device says either where its key is or,
 * explicitly, that it runs in plaintext. Judged once all fields are read.
 */
static int check_encryption(struct parser *p, const json_t *object,
			    struct config_device *device)
{
	const json_t *encryption = json_object_get(object, "encryption");

	if (!device->psk_file && !encryption)
		return fail_missing(p, "psk_file",
				    "the pre-shared key file of the tunnel (with \"side\"), or \"encryption\": \"none\" for a tunnel in plaintext");
	if (device->psk_file && device->encryption == MPVPN_ENCRYPTION_NONE)
		return fail_field(p, "encryption", AT_VALUE,
				  "\"none\" contradicts \"psk_file\": leave one out");
	if (!device->psk_file && device->encryption ==
				 MPVPN_ENCRYPTION_CHACHA20_POLY1305)
		return fail_missing(p, "psk_file",
				    "the pre-shared key file of chacha20-poly1305 (with \"side\")");
	if (device->psk_file && !device->side)
		return fail_missing(p, "side",
				    "\"a\" or \"b\": which end of the tunnel this gateway is (the other gateway takes the other)");
	if (!device->psk_file && device->side)
		return fail_field(p, "side", AT_KEY,
				  "applies only with \"psk_file\"");
	if (!device->psk_file && json_object_get(object, "rekey_seconds"))
		return fail_field(p, "rekey_seconds", AT_KEY,
				  "applies only with \"psk_file\"");
	if (!device->psk_file)
		return 0;
	device->encryption = MPVPN_ENCRYPTION_CHACHA20_POLY1305;
	if (fingerprint_keys(device) < 0)
		return fail_field(p, "psk_file", AT_VALUE,
				  "cannot derive the keys (HKDF-SHA256 of libcrypto failed)");
	return 0;
}

static int parse_addresses(struct parser *p, const json_t *array,
			   struct config_device *device)
{
	size_t count;

	if (!json_is_array(array))
		return fail(p, "expected an array of ADDRESS/PREFIX strings, not %s",
			    json_kind(array));
	count = json_array_size(array);
	device->addresses = calloc(count + 1, sizeof(*device->addresses));
	if (!device->addresses)
		return fail(p, "out of memory");
	for (size_t i = 0; i < count; i++) {
		size_t old = enter(p, NULL, i);
		struct config_address *address = &device->addresses[i];
		int ret = get_prefix(p, json_array_get(array, i), address);

		for (size_t j = 0; !ret && j < i; j++)
			if (!memcmp(&device->addresses[j].addr, &address->addr,
				    sizeof(address->addr)))
				ret = fail(p, "the same address as addresses[%zu]", j);
		leave(p, old);
		if (ret)
			return ret;
		device->address_count++;
	}
	return 0;
}

static int parse_paths(struct parser *p, const json_t *object,
		       struct config_device *device)
{
	const char *name;
	json_t *value;

	if (get_object(p, object) < 0)
		return -1;
	if (entry_count(object) > MPVPN_MAX_PATHS)
		return fail(p, "expected at most %d paths, not %zu",
			    MPVPN_MAX_PATHS, entry_count(object));
	device->paths = calloc(json_object_size(object) + 1,
			       sizeof(*device->paths));
	if (!device->paths)
		return fail(p, "out of memory");
	json_object_foreach((json_t *)object, name, value) {
		struct config_path *path;
		size_t old;
		int ret;

		if (is_comment(name, value))
			continue;
		old = enter(p, name, 0);
		path = &device->paths[device->path_count++];
		ret = parse_path(p, device, name, value, path);

		for (size_t i = 0; !ret && path->id && i + 1 < device->path_count; i++)
			if (device->paths[i].id == path->id)
				ret = fail_field(p, "id", AT_VALUE,
						 "id %u is taken by path %s",
						 path->id, device->paths[i].name);
		leave(p, old);
		if (ret)
			return ret;
	}
	return 0;
}

static int parse_device_field(struct parser *p, struct config_device *device,
			      const char *key, const json_t *value)
{
	const char *text = "";

	if (!strcmp(key, "port"))
		return get_u16(p, value, 1, &device->port);
	if (!strcmp(key, "tunnel_id"))
		return get_uint(p, value, 0, UINT32_MAX, &device->tunnel_id);
	if (!strcmp(key, "mode")) {
		enum mpvpn_mode mode;

		if (get_string(p, value, &text) < 0)
			return -1;
		if (mpvpn_mode_parse(text, &mode) < 0)
			return fail(p, "expected a scheduling mode (failover, aggregate, flowhash, lowlatency or redundant), not \"%s\"",
				    text);
		device->mode = (uint8_t)mode;
		return 0;
	}
	if (!strcmp(key, "failback")) {
		enum mpvpn_failback failback;

		if (get_string(p, value, &text) < 0)
			return -1;
		if (mpvpn_failback_parse(text, &failback) < 0)
			return fail(p, "expected \"revert\" or \"sticky\", not \"%s\"",
				    text);
		device->failback = (uint8_t)failback;
		return 0;
	}
	if (!strcmp(key, "revert_delay_ms"))
		return get_uint(p, value, 0, MPVPN_TIME_MS_MAX,
				&device->revert_delay_ms);
	if (!strcmp(key, "redundancy")) {
		uint32_t copies;

		if (get_uint(p, value, 2, MPVPN_REDUNDANCY_MAX, &copies) < 0)
			return -1;
		device->redundancy = (uint8_t)copies;
		return 0;
	}
	if (!strcmp(key, "reorder_wait_ms"))
		return get_uint(p, value, 1, MPVPN_REORDER_WAIT_MS_MAX,
				&device->reorder_wait_ms);
	if (!strcmp(key, "health"))
		return parse_health(p, value, &device->health);
	if (!strcmp(key, "addresses"))
		return parse_addresses(p, value, device);
	if (!strcmp(key, "psk_file"))
		return get_psk_file(p, value, device);
	if (!strcmp(key, "side")) {
		if (get_string(p, value, &text) < 0)
			return -1;
		if (strcmp(text, "a") && strcmp(text, "b"))
			return fail(p, "expected \"a\" or \"b\", not \"%s\"",
				    text);
		device->side = text[0];
		return 0;
	}
	if (!strcmp(key, "rekey_seconds"))
		return get_uint(p, value, MPVPN_REKEY_SECONDS_MIN,
				MPVPN_REKEY_SECONDS_MAX, &device->rekey_seconds);
	if (!strcmp(key, "encryption")) {
		enum mpvpn_encryption encryption;

		if (get_string(p, value, &text) < 0)
			return -1;
		if (mpvpn_encryption_parse(text, &encryption) < 0)
			return fail(p, "expected \"none\" (or \"chacha20-poly1305\" with \"psk_file\"), not \"%s\"",
				    text);
		device->encryption = (uint8_t)encryption;
		return 0;
	}
	return 0;	/* "paths" comes last, "comment" */
}

static int parse_device(struct parser *p, const char *name,
			const json_t *object, struct config_device *device)
{
	struct mpvpn_health in_force;
	const json_t *paths;
	const char *key;
	json_t *value;
	size_t old;
	int ret;

	if (!mpvpn_link_name_valid(name))
		return fail_field(p, "", AT_KEY,
				  "expected a network device name (1..%d characters, no '/', ':' or space)",
				  IF_NAMESIZE - 1);
	snprintf(device->name, sizeof(device->name), "%s", name);
	device->port = MPVPN_DEFAULT_PORT;
	device->mode = MPVPN_MODE_FAILOVER;
	device->failback = MPVPN_FAILBACK_REVERT;
	device->revert_delay_ms = MPVPN_REVERT_DELAY_MS_DEFAULT;
	device->redundancy = MPVPN_REDUNDANCY_DEFAULT;
	device->reorder_wait_ms = MPVPN_REORDER_WAIT_MS_DEFAULT;
	device->rekey_seconds = MPVPN_REKEY_SECONDS_DEFAULT;
	if (get_object(p, object) < 0 ||
	    check_keys(p, object, device_keys, "a device") < 0)
		return -1;
	json_object_foreach((json_t *)object, key, value) {
		old = enter(p, key, 0);
		ret = parse_device_field(p, device, key, value);
		leave(p, old);
		if (ret)
			return ret;
	}
	config_health_in_force(device, NULL, &in_force);
	if (check_health_levels(p, &device->health, &in_force) < 0)
		return -1;
	/* Paths last: their thresholds are judged against the device's. */
	paths = json_object_get(object, "paths");
	if (paths) {
		old = enter(p, "paths", 0);
		ret = parse_paths(p, paths, device);
		leave(p, old);
		if (ret)
			return ret;
	}
	return check_encryption(p, object, device);
}

static int parse_devices(struct parser *p, const json_t *object,
			 struct config *config)
{
	const char *name;
	json_t *value;

	if (get_object(p, object) < 0)
		return -1;
	config->devices = calloc(json_object_size(object) + 1,
				 sizeof(*config->devices));
	if (!config->devices)
		return fail(p, "out of memory");
	json_object_foreach((json_t *)object, name, value) {
		struct config_device *device;
		size_t old;
		int ret;

		if (is_comment(name, value))
			continue;
		old = enter(p, name, 0);
		device = &config->devices[config->device_count++];
		ret = parse_device(p, name, value, device);

		/* Two devices cannot share a port and a tunnel id. */
		for (size_t i = 0; !ret && device->tunnel_id &&
				   i + 1 < config->device_count; i++) {
			const struct config_device *other = &config->devices[i];

			if (other->port == device->port &&
			    other->tunnel_id == device->tunnel_id)
				ret = fail_field(p, "tunnel_id", AT_VALUE,
						 "port %u and tunnel id %u are taken by device %s",
						 device->port, device->tunnel_id,
						 other->name);
		}
		leave(p, old);
		if (ret)
			return ret;
	}
	return 0;
}

/* ---- hooks, metrics, the whole file ---- */

static const char *const hook_keys[] = { "exec", "timeout_ms", NULL };

static int parse_hooks(struct parser *p, const json_t *array,
		       struct config *config)
{
	size_t count;

	if (!json_is_array(array))
		return fail(p, "expected an array of hooks, not %s",
			    json_kind(array));
	count = json_array_size(array);
	config->hooks = calloc(count + 1, sizeof(*config->hooks));
	if (!config->hooks)
		return fail(p, "out of memory");
	for (size_t i = 0; i < count; i++) {
		const json_t *object = json_array_get(array, i);
		struct config_hook *hook = &config->hooks[i];
		size_t old = enter(p, NULL, i), inner;
		const json_t *value;
		int ret;

		config->hook_count++;
		hook->timeout_ms = CONFIG_HOOK_TIMEOUT_MS_DEFAULT;
		ret = get_object(p, object);
		if (!ret)
			ret = check_keys(p, object, hook_keys, "a hook");
		value = json_object_get(object, "exec");
		if (!ret && !value)
			ret = fail_missing(p, "exec", "the command to run, an array of strings");
		if (!ret) {
			inner = enter(p, "exec", 0);
			ret = get_argv(p, value, &hook->argv);
			leave(p, inner);
		}
		value = json_object_get(object, "timeout_ms");
		if (!ret && value) {
			inner = enter(p, "timeout_ms", 0);
			ret = get_uint(p, value, 1, MPVPN_TIME_MS_MAX,
				       &hook->timeout_ms);
			leave(p, inner);
		}
		leave(p, old);
		if (ret)
			return ret;
	}
	return 0;
}

static const char *const metrics_keys[] = { "enabled", "listen", NULL };

static int parse_metrics(struct parser *p, const json_t *object,
			 struct config_metrics *metrics)
{
	const json_t *value;
	size_t old;
	int ret = 0;

	if (get_object(p, object) < 0 ||
	    check_keys(p, object, metrics_keys, "metrics") < 0)
		return -1;
	value = json_object_get(object, "enabled");
	if (value) {
		old = enter(p, "enabled", 0);
		ret = get_bool(p, value, &metrics->enabled);
		leave(p, old);
	}
	value = json_object_get(object, "listen");
	if (!ret && value) {
		old = enter(p, "listen", 0);
		ret = get_endpoint(p, value, &metrics->addr, &metrics->port);
		leave(p, old);
	}
	return ret;
}

static const char *const top_keys[] = { "devices", "hooks", "metrics", NULL };

static int parse_top(struct parser *p, const json_t *root,
		     struct config *config)
{
	const json_t *value;
	size_t old;
	int ret = 0;

	mpvpn_endpoint_parse(CONFIG_METRICS_DEFAULT_LISTEN, &config->metrics.addr,
			     &config->metrics.port);
	if (get_object(p, root) < 0 ||
	    check_keys(p, root, top_keys, "the configuration") < 0)
		return -1;
	value = json_object_get(root, "devices");
	if (value) {
		old = enter(p, "devices", 0);
		ret = parse_devices(p, value, config);
		leave(p, old);
	}
	value = json_object_get(root, "hooks");
	if (!ret && value) {
		old = enter(p, "hooks", 0);
		ret = parse_hooks(p, value, config);
		leave(p, old);
	}
	value = json_object_get(root, "metrics");
	if (!ret && value) {
		old = enter(p, "metrics", 0);
		ret = parse_metrics(p, value, &config->metrics);
		leave(p, old);
	}
	return ret;
}

int config_load_text(const char *name, const char *text, size_t len,
		     struct config *config, struct config_error *error)
{
	struct jsonpos index;
	json_error_t jerr;
	struct parser p = { .file = name, .index = &index, .error = error };
	json_t *root;
	int ret;

	memset(config, 0, sizeof(*config));
	memset(error, 0, sizeof(*error));
	/*
	 * jansson's own positions for syntax errors: the line and the column
	 * of the last character it read, which ends the offending token.
	 */
	root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!root) {
		error->line = jerr.line;
		error->column = jerr.column;
		snprintf(error->message, sizeof(error->message), "%s", jerr.text);
		snprintf(error->text, sizeof(error->text), "%s:%d:%d: %s", name,
			 jerr.line, jerr.column, jerr.text);
		return -1;
	}
	if (jsonpos_build(&index, text, len) < 0) {
		json_decref(root);
		snprintf(error->message, sizeof(error->message),
			 "cannot index the positions of the values");
		snprintf(error->text, sizeof(error->text), "%s:0:0: %s", name,
			 error->message);
		return -1;
	}
	ret = parse_top(&p, root, config);
	jsonpos_free(&index);
	json_decref(root);
	return ret;
}

int config_load_file(const char *file, struct config *config,
		     struct config_error *error)
{
	struct stat st;
	char *text;
	ssize_t n;
	int fd, ret;

	memset(config, 0, sizeof(*config));
	memset(error, 0, sizeof(*error));
	/*
	 * One read feeds both jansson and the position index, so that both
	 * see the same bytes even if the file is replaced meanwhile.
	 */
	fd = open(file, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) < 0) {
		snprintf(error->message, sizeof(error->message), "%s",
			 strerror(errno));
		goto fail_fd;
	}
	if (!S_ISREG(st.st_mode) || st.st_size > CONFIG_MAX_BYTES) {
		snprintf(error->message, sizeof(error->message),
			 "not a regular file of at most %d bytes",
			 CONFIG_MAX_BYTES);
		goto fail_fd;
	}
	text = malloc((size_t)st.st_size + 1);
	if (!text) {
		snprintf(error->message, sizeof(error->message),
			 "out of memory");
		goto fail_fd;
	}
	n = read(fd, text, (size_t)st.st_size + 1);
	close(fd);
	if (n < 0 || n > st.st_size) {
		snprintf(error->message, sizeof(error->message), "%s",
			 n < 0 ? strerror(errno) : "the file grew while read");
		free(text);
		goto fail;
	}
	ret = config_load_text(file, text, (size_t)n, config, error);
	free(text);
	return ret;

fail_fd:
	if (fd >= 0)
		close(fd);
fail:
	snprintf(error->text, sizeof(error->text), "%s: %s", file,
		 error->message);
	return -1;
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
		free(device->psk_file);
		mpvpn_wipe(device->psk, sizeof(device->psk));
	}
	free(config->devices);
	for (size_t i = 0; i < config->hook_count; i++)
		free_argv(config->hooks[i].argv);
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
