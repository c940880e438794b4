// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <string.h>

#include "args.h"
#include "health_args.h"
#include "path_args.h"
#include "units.h"

#define HEALTH_RESET	"health-reset"

static const char *const keywords[] = {
	"local", "dev", "remote", "prio", "priority", "weight", "bandwidth",
	"up", "down", "id", "fixed", "roaming", HEALTH_RESET,
};

static bool is_keyword(const char *word)
{
	for (size_t i = 0; i < sizeof(keywords) / sizeof(keywords[0]); i++)
		if (!strcmp(word, keywords[i]))
			return true;
	return is_health_keyword(word);
}

/* Marks @attr present, refusing it a second time. */
static int claim(struct mpvpn_path_info *path, int attr, const char *keyword,
		 char *err, size_t err_len)
{
	return args_claim(&path->present, MPVPN_PATH_HAS(attr), keyword, err,
			  err_len);
}

/* "bandwidth RATE": 0 (unknown) up to MPVPN_BANDWIDTH_KBPS_MAX. */
static int parse_bandwidth(const char *value, struct mpvpn_path_info *path,
			   char *err, size_t err_len)
{
	char max[MPVPN_RATE_STRLEN];
	int ret;

	if (claim(path, MPVPN_PATH_A_BANDWIDTH_KBPS, "bandwidth", err,
		  err_len))
		return -EINVAL;
	mpvpn_rate_format(MPVPN_BANDWIDTH_KBPS_MAX, max);
	ret = mpvpn_rate_parse(value, &path->bandwidth_kbps);
	if (ret == -EINVAL)
		return args_fail(err, err_len,
			    "invalid bandwidth '%s': expected a rate such as 40mbit, 1gbit or 40000 (kbit/s)",
			    value);
	if (ret < 0 || path->bandwidth_kbps > MPVPN_BANDWIDTH_KBPS_MAX)
		return args_fail(err, err_len,
			    "invalid bandwidth '%s': at most %s", value, max);
	return 0;
}

/*
 * "remote ADDR:PORT", or on add "remote any": the path listens until the
 * peer's first packet tells it where the peer is. The kernel cannot make
 * a path forget its remote, so "path set" has no "any".
 */
static int parse_remote(enum path_verb verb, const char *value,
			struct path_args *args, char *err, size_t err_len)
{
	struct mpvpn_path_info *path = &args->path;

	if (args->remote_any ||
	    (path->present & MPVPN_PATH_HAS(MPVPN_PATH_A_REMOTE_ADDR)))
		return args_fail(err, err_len, "'remote' given twice");
	if (!strcmp(value, "any")) {
		if (verb != PATH_VERB_ADD)
			return args_fail(err, err_len,
				    "'remote any' is for 'path add': a path cannot forget its remote (delete it and add it again)");
		args->remote_any = true;
		return 0;
	}
	path->present |= MPVPN_PATH_HAS(MPVPN_PATH_A_REMOTE_ADDR) |
			 MPVPN_PATH_HAS(MPVPN_PATH_A_REMOTE_PORT);
	if (mpvpn_endpoint_parse(value, &path->remote, &path->remote_port) < 0)
		return args_fail(err, err_len,
			    "invalid remote '%s': expected ADDR:PORT or [ADDR]:PORT%s",
			    value, verb == PATH_VERB_ADD ? ", or any" : "");
	return 0;
}

static int parse_keyword(enum path_verb verb, const char *keyword,
			 const char *value, struct path_args *args,
			 char *err, size_t err_len)
{
	struct mpvpn_path_info *path = &args->path;

	if (!strcmp(keyword, "local")) {
		if (claim(path, MPVPN_PATH_A_LOCAL_ADDR, keyword, err, err_len))
			return -EINVAL;
		if (mpvpn_addr_parse(value, &path->local) < 0)
			return args_fail(err, err_len,
				    "invalid local address '%s'", value);
	} else if (!strcmp(keyword, "dev")) {
		if (claim(path, MPVPN_PATH_A_LOCAL_IFINDEX, keyword, err,
			  err_len))
			return -EINVAL;
		if (!value[0] || strlen(value) >= IF_NAMESIZE)
			return args_fail(err, err_len,
				    "invalid interface name '%s'", value);
		args->local_dev = value;
	} else if (!strcmp(keyword, "remote")) {
		return parse_remote(verb, value, args, err, err_len);
	} else if (!strcmp(keyword, "prio") || !strcmp(keyword, "priority")) {
		if (claim(path, MPVPN_PATH_A_PRIORITY, "prio", err, err_len))
			return -EINVAL;
		if (parse_u32(value, 0, UINT32_MAX, &path->priority) < 0)
			return args_fail(err, err_len, "invalid priority '%s'", value);
	} else if (!strcmp(keyword, "weight")) {
		if (claim(path, MPVPN_PATH_A_WEIGHT, keyword, err, err_len))
			return -EINVAL;
		if (parse_u32(value, 1, 65535, &path->weight) < 0)
			return args_fail(err, err_len,
				    "invalid weight '%s': expected 1..65535",
				    value);
	} else if (!strcmp(keyword, "bandwidth")) {
		return parse_bandwidth(value, path, err, err_len);
	} else if (!strcmp(keyword, "id") && verb == PATH_VERB_ADD) {
		if (claim(path, MPVPN_PATH_A_ID, keyword, err, err_len))
			return -EINVAL;
		if (parse_u32(value, 1, MPVPN_MAX_PATHS, &path->id) < 0)
			return args_fail(err, err_len,
				    "invalid id '%s': expected 1..%d", value,
				    MPVPN_MAX_PATHS);
	} else {
		int ret = health_args_parse(keyword, value, &path->health, err,
					    err_len);

		if (ret > 0)
			return args_fail(err, err_len, "unknown keyword '%s'",
				    keyword);
		if (ret == 0)
			path->present |= MPVPN_PATH_HAS(MPVPN_PATH_A_HEALTH);
		return ret;
	}
	return 0;
}

/*
 * The bare words: "up", "down", "fixed", "roaming" and "health-reset"; 1
 * for anything else.
 */
static int parse_flag(enum path_verb verb, const char *word,
		      struct mpvpn_path_info *path, char *err, size_t err_len)
{
	if (!strcmp(word, "up") || !strcmp(word, "down")) {
		if (claim(path, MPVPN_PATH_A_ADMIN_UP, "up|down", err, err_len))
			return -EINVAL;
		path->admin_up = word[0] == 'u';
		return 0;
	}
	if (!strcmp(word, "fixed") || !strcmp(word, "roaming")) {
		if (claim(path, MPVPN_PATH_A_REMOTE_FIXED, "fixed|roaming", err,
			  err_len))
			return -EINVAL;
		path->remote_fixed = word[0] == 'f';
		return 0;
	}
	if (strcmp(word, HEALTH_RESET))
		return 1;
	if (verb != PATH_VERB_SET)
		return args_fail(err, err_len,
			    "'%s' is for 'path set': a new path overrides nothing yet",
			    word);
	if (args_claim(&path->health.present,
		       MPVPN_HEALTH_HAS(MPVPN_HEALTH_A_RESET), word, err,
		       err_len))
		return -EINVAL;
	path->present |= MPVPN_PATH_HAS(MPVPN_PATH_A_HEALTH);
	return 0;
}

/* "DEV NAME", the start of every path command, into @ifname and @path. */
static int parse_dev_and_name(int argc, char **argv, const char **ifname,
			      struct mpvpn_path_info *path, char *err,
			      size_t err_len)
{
	const char *name;

	if (argc < 1)
		return args_fail(err, err_len, "missing DEV");
	if (argc < 2)
		return args_fail(err, err_len, "missing path NAME");
	*ifname = argv[0];
	if (!argv[0][0] || strlen(argv[0]) >= IF_NAMESIZE)
		return args_fail(err, err_len, "invalid device name '%s'",
			    argv[0]);
	name = argv[1];
	if (is_keyword(name))
		return args_fail(err, err_len,
			    "missing path NAME ('%s' is a keyword)", name);
	if (!name[0] || strlen(name) >= MPVPN_PATH_NAME_LEN)
		return args_fail(err, err_len,
			    "invalid path name '%s': 1 to %d characters",
			    name, MPVPN_PATH_NAME_LEN - 1);
	strcpy(path->name, name);
	path->present = MPVPN_PATH_HAS(MPVPN_PATH_A_NAME);
	return 0;
}

int path_args_parse(enum path_verb verb, int argc, char **argv,
		    struct path_args *args, char *err, size_t err_len)
{
	struct mpvpn_path_info *path = &args->path;
	uint32_t reset = MPVPN_HEALTH_HAS(MPVPN_HEALTH_A_RESET);

	memset(args, 0, sizeof(*args));
	err[0] = '\0';

	if (parse_dev_and_name(argc, argv, &args->ifname, path, err,
			       err_len) < 0)
		return -EINVAL;

	for (int i = 2; i < argc; i++) {
		const char *keyword = argv[i];
		int ret = parse_flag(verb, keyword, path, err, err_len);

		if (ret < 0)
			return -EINVAL;
		if (ret == 0)
			continue;
		if (i + 1 >= argc)
			return args_missing_value(keyword, is_keyword(keyword),
						  err, err_len);
		if (parse_keyword(verb, keyword, argv[i + 1], args, err,
				  err_len) < 0)
			return -EINVAL;
		i++;
	}

	/* Without a remote the new path listens: there is nothing to pin. */
	if (verb == PATH_VERB_ADD && path->remote_fixed &&
	    !(path->present & MPVPN_PATH_HAS(MPVPN_PATH_A_REMOTE_ADDR)))
		return args_fail(err, err_len,
			    "'fixed' needs 'remote ADDR:PORT': a listening path has no endpoint to pin");
	if (verb == PATH_VERB_SET &&
	    path->present == MPVPN_PATH_HAS(MPVPN_PATH_A_NAME))
		return args_fail(err, err_len, "nothing to change");
	/* Whether values given with a reset survive it is not worth a guess. */
	if ((path->health.present & reset) && path->health.present != reset)
		return args_fail(err, err_len,
			    "'%s' cannot be combined with health settings",
			    HEALTH_RESET);
	if ((path->present & MPVPN_PATH_HAS(MPVPN_PATH_A_LOCAL_ADDR)) &&
	    (path->present & MPVPN_PATH_HAS(MPVPN_PATH_A_REMOTE_ADDR)) &&
	    path->local.family != path->remote.family)
		return args_fail(err, err_len,
			    "local and remote addresses are of different families");
	return 0;
}

/* "ok", "fail" or "delete" after PROBE. */
static int parse_outcome(const char *word, struct mpvpn_verdict_info *verdict,
			 char *err, size_t err_len)
{
	if (!strcmp(word, "ok"))
		verdict->ok = true;
	else if (!strcmp(word, "delete"))
		verdict->remove = true;
	else if (strcmp(word, "fail"))
		return args_fail(err, err_len,
			    "expected ok, fail or delete after PROBE, not '%s'",
			    word);
	return 0;
}

static int parse_verdict_keyword(const char *keyword, const char *value,
				 struct mpvpn_verdict_info *verdict, char *err,
				 size_t err_len)
{
	if (!strcmp(keyword, "rtt")) {
		if (verdict->has_rtt)
			return args_fail(err, err_len, "'rtt' given twice");
		verdict->has_rtt = true;
		if (parse_ms_to_us(value, &verdict->rtt_us) < 0)
			return args_fail(err, err_len,
				    "invalid rtt '%s': expected milliseconds such as 12 or 12.5",
				    value);
	} else if (!strcmp(keyword, "valid")) {
		if (verdict->has_valid)
			return args_fail(err, err_len, "'valid' given twice");
		verdict->has_valid = true;
		if (parse_time_ms(value, &verdict->valid_ms) < 0)
			return args_fail(err, err_len,
				    "invalid valid '%s': expected a time such as 100, 100ms or 2s",
				    value);
	} else {
		return args_fail(err, err_len, "unknown keyword '%s'", keyword);
	}
	return 0;
}

int verdict_args_parse(int argc, char **argv, struct verdict_args *args,
		       char *err, size_t err_len)
{
	struct mpvpn_verdict_info *verdict = &args->verdict;
	const char *probe;

	memset(args, 0, sizeof(*args));
	err[0] = '\0';

	if (parse_dev_and_name(argc, argv, &args->ifname, &args->key, err,
			       err_len) < 0)
		return -EINVAL;
	if (argc < 3)
		return args_fail(err, err_len, "missing PROBE");
	probe = argv[2];
	if (!strcmp(probe, "ok") || !strcmp(probe, "fail") ||
	    !strcmp(probe, "delete"))
		return args_fail(err, err_len,
			    "missing PROBE ('%s' is a keyword)", probe);
	if (!probe[0] || strlen(probe) >= MPVPN_PROBE_NAME_LEN)
		return args_fail(err, err_len,
			    "invalid probe name '%s': 1 to %d characters",
			    probe, MPVPN_PROBE_NAME_LEN - 1);
	strcpy(verdict->name, probe);
	if (argc < 4)
		return args_fail(err, err_len, "missing ok, fail or delete");
	if (parse_outcome(argv[3], verdict, err, err_len) < 0)
		return -EINVAL;

	/* Forgetting a verdict takes nothing more. */
	if (verdict->remove && argc > 4)
		return args_fail(err, err_len, "unexpected argument '%s'",
			    argv[4]);
	for (int i = 4; i < argc; i += 2) {
		const char *keyword = argv[i];

		if (i + 1 >= argc)
			return args_missing_value(keyword,
						  !strcmp(keyword, "rtt") ||
						  !strcmp(keyword, "valid"),
						  err, err_len);
		if (parse_verdict_keyword(keyword, argv[i + 1], verdict, err,
					  err_len) < 0)
			return -EINVAL;
	}
	return 0;
}
