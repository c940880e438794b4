// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <string.h>

#include "args.h"
#include "dev_args.h"

/* Marks @attr present, refusing it a second time. */
static int claim(struct mpvpn_link_config *link, int attr,
		 const char *keyword, char *err, size_t err_len)
{
	return args_claim(&link->present, MPVPN_LINK_HAS(attr), keyword, err,
			  err_len);
}

static int parse_keyword(enum dev_verb verb, const char *keyword,
			 const char *value, struct mpvpn_link_config *link,
			 char *err, size_t err_len)
{
	uint32_t number;

	/* Port and tunnel id select the UDP socket: fixed once created. */
	if (!strcmp(keyword, "port") && verb == DEV_VERB_ADD) {
		if (claim(link, IFLA_MPVPN_PORT, keyword, err, err_len))
			return -EINVAL;
		if (parse_u32(value, 1, UINT16_MAX, &number) < 0)
			return args_fail(err, err_len,
				    "invalid port '%s': expected 1..65535",
				    value);
		link->port = (uint16_t)number;
	} else if (!strcmp(keyword, "tunnel") && verb == DEV_VERB_ADD) {
		if (claim(link, IFLA_MPVPN_TUNNEL_ID, keyword, err, err_len))
			return -EINVAL;
		if (parse_u32(value, 0, UINT32_MAX, &link->tunnel_id) < 0)
			return args_fail(err, err_len,
				    "invalid tunnel id '%s': expected 0..4294967295",
				    value);
	} else if (!strcmp(keyword, "mode")) {
		enum mpvpn_mode mode;

		if (claim(link, IFLA_MPVPN_MODE, keyword, err, err_len))
			return -EINVAL;
		if (mpvpn_mode_parse(value, &mode) < 0)
			return args_fail(err, err_len, "unknown mode '%s'", value);
		link->mode = (uint8_t)mode;
	} else if (verb == DEV_VERB_SET && (!strcmp(keyword, "port") ||
					     !strcmp(keyword, "tunnel"))) {
		return args_fail(err, err_len,
			    "'%s' cannot be changed; delete and add the device again",
			    keyword);
	} else {
		return args_fail(err, err_len, "unknown keyword '%s'", keyword);
	}
	return 0;
}

static bool is_keyword(const char *word)
{
	return !strcmp(word, "port") || !strcmp(word, "tunnel") ||
	       !strcmp(word, "mode");
}

int dev_args_parse(enum dev_verb verb, int argc, char **argv,
		   struct dev_args *args, char *err, size_t err_len)
{
	const char *what = verb == DEV_VERB_SET ? "DEV" : "NAME";

	memset(args, 0, sizeof(*args));
	err[0] = '\0';

	if (argc < 1)
		return args_fail(err, err_len, "missing %s", what);
	args->ifname = argv[0];
	/* "dev add port 5556" forgot the name; say so, not "invalid". */
	if (is_keyword(args->ifname))
		return args_fail(err, err_len, "missing %s ('%s' is a keyword)",
			    what, args->ifname);
	if (!mpvpn_link_name_valid(args->ifname))
		return args_fail(err, err_len,
			    "invalid device name '%s': 1 to %d characters, no '/', ':' or spaces",
			    args->ifname, IF_NAMESIZE - 1);
	if (verb == DEV_VERB_DEL) {
		if (argc > 1)
			return args_fail(err, err_len, "unexpected argument '%s'",
				    argv[1]);
		return 0;
	}

	for (int i = 1; i < argc; i += 2) {
		const char *keyword = argv[i];

		if (i + 1 >= argc)
			return args_missing_value(keyword, is_keyword(keyword),
						  err, err_len);
		if (parse_keyword(verb, keyword, argv[i + 1], &args->link, err,
				  err_len) < 0)
			return -EINVAL;
	}

	if (verb == DEV_VERB_SET &&
	    !(args->link.present & MPVPN_LINK_HAS(IFLA_MPVPN_MODE)))
		return args_fail(err, err_len, "missing 'mode MODE'");
	return 0;
}
