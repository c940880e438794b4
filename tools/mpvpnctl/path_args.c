// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <string.h>

#include "args.h"
#include "path_args.h"

static const char *const keywords[] = {
	"local", "dev", "remote", "prio", "priority", "weight", "up", "down",
	"id",
};

static bool is_keyword(const char *word)
{
	for (size_t i = 0; i < sizeof(keywords) / sizeof(keywords[0]); i++)
		if (!strcmp(word, keywords[i]))
			return true;
	return false;
}

/* Marks @attr present, refusing it a second time. */
static int claim(struct mpvpn_path *path, int attr, const char *keyword,
		 char *err, size_t err_len)
{
	return args_claim(&path->present, MPVPN_PATH_HAS(attr), keyword, err,
			  err_len);
}

static int parse_keyword(enum path_verb verb, const char *keyword,
			 const char *value, struct path_args *args,
			 char *err, size_t err_len)
{
	struct mpvpn_path *path = &args->path;

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
		if (claim(path, MPVPN_PATH_A_REMOTE_ADDR, keyword, err, err_len))
			return -EINVAL;
		path->present |= MPVPN_PATH_HAS(MPVPN_PATH_A_REMOTE_PORT);
		if (mpvpn_endpoint_parse(value, &path->remote,
					 &path->remote_port) < 0)
			return args_fail(err, err_len,
				    "invalid remote '%s': expected ADDR:PORT or [ADDR]:PORT",
				    value);
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
	} else if (!strcmp(keyword, "id") && verb == PATH_VERB_ADD) {
		if (claim(path, MPVPN_PATH_A_ID, keyword, err, err_len))
			return -EINVAL;
		if (parse_u32(value, 1, MPVPN_MAX_PATHS, &path->id) < 0)
			return args_fail(err, err_len,
				    "invalid id '%s': expected 1..%d", value,
				    MPVPN_MAX_PATHS);
	} else {
		return args_fail(err, err_len, "unknown keyword '%s'", keyword);
	}
	return 0;
}

int path_args_parse(enum path_verb verb, int argc, char **argv,
		    struct path_args *args, char *err, size_t err_len)
{
	struct mpvpn_path *path = &args->path;
	const char *name;

	memset(args, 0, sizeof(*args));
	err[0] = '\0';

	if (argc < 1)
		return args_fail(err, err_len, "missing DEV");
	if (argc < 2)
		return args_fail(err, err_len, "missing path NAME");
	args->ifname = argv[0];
	if (!args->ifname[0] || strlen(args->ifname) >= IF_NAMESIZE)
		return args_fail(err, err_len, "invalid device name '%s'",
			    args->ifname);
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

	for (int i = 2; i < argc; i++) {
		const char *keyword = argv[i];

		if (!strcmp(keyword, "up") || !strcmp(keyword, "down")) {
			if (claim(path, MPVPN_PATH_A_ADMIN_UP, "up|down", err,
				  err_len))
				return -EINVAL;
			path->admin_up = keyword[0] == 'u';
			continue;
		}
		if (i + 1 >= argc)
			return args_missing_value(keyword, is_keyword(keyword),
						  err, err_len);
		if (parse_keyword(verb, keyword, argv[i + 1], args, err,
				  err_len) < 0)
			return -EINVAL;
		i++;
	}

	if (verb == PATH_VERB_ADD &&
	    !(path->present & MPVPN_PATH_HAS(MPVPN_PATH_A_REMOTE_ADDR)))
		return args_fail(err, err_len, "missing 'remote ADDR:PORT'");
	if (verb == PATH_VERB_SET &&
	    path->present == MPVPN_PATH_HAS(MPVPN_PATH_A_NAME))
		return args_fail(err, err_len, "nothing to change");
	if ((path->present & MPVPN_PATH_HAS(MPVPN_PATH_A_LOCAL_ADDR)) &&
	    (path->present & MPVPN_PATH_HAS(MPVPN_PATH_A_REMOTE_ADDR)) &&
	    path->local.family != path->remote.family)
		return args_fail(err, err_len,
			    "local and remote addresses are of different families");
	return 0;
}
