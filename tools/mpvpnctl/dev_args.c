// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "args.h"
#include "dev_args.h"
#include "health_args.h"
#include "units.h"

/* Marks @attr present, refusing it a second time. */
static int claim(struct mpvpn_link_config *link, int attr,
		 const char *keyword, char *err, size_t err_len)
{
	return args_claim(&link->present, MPVPN_LINK_HAS(attr), keyword, err,
			  err_len);
}

static int parse_mode(const char *value, uint8_t *mode, char *err,
		      size_t err_len)
{
	enum mpvpn_mode parsed;
	char names[96] = "";

	if (mpvpn_mode_parse(value, &parsed) == 0) {
		*mode = (uint8_t)parsed;
		return 0;
	}
	/* "failover, aggregate, ... or redundant" */
	for (unsigned int i = 0; i <= MPVPN_MODE_MAX; i++) {
		size_t used = strlen(names);

		snprintf(names + used, sizeof(names) - used, "%s%s",
			 !i ? "" : i == MPVPN_MODE_MAX ? " or " : ", ",
			 mpvpn_mode_name(i));
	}
	return args_fail(err, err_len, "unknown mode '%s': expected %s", value,
			 names);
}

static bool is_encryption_keyword(const char *word)
{
	return !strcmp(word, "encryption") || !strcmp(word, "rekey");
}

static int parse_add_keyword(const char *keyword, const char *value,
			     struct mpvpn_link_config *link, char *err,
			     size_t err_len)
{
	uint32_t number;

	if (!strcmp(keyword, "port")) {
		if (claim(link, IFLA_MPVPN_PORT, keyword, err, err_len))
			return -EINVAL;
		if (parse_u32(value, 1, UINT16_MAX, &number) < 0)
			return args_fail(err, err_len,
				    "invalid port '%s': expected 1..65535",
				    value);
		link->port = (uint16_t)number;
	} else if (!strcmp(keyword, "tunnel")) {
		if (claim(link, IFLA_MPVPN_TUNNEL_ID, keyword, err, err_len))
			return -EINVAL;
		if (parse_u32(value, 0, UINT32_MAX, &link->tunnel_id) < 0)
			return args_fail(err, err_len,
				    "invalid tunnel id '%s': expected 0..4294967295",
				    value);
	} else if (!strcmp(keyword, "mode")) {
		if (claim(link, IFLA_MPVPN_MODE, keyword, err, err_len))
			return -EINVAL;
		return parse_mode(value, &link->mode, err, err_len);
	} else if (!strcmp(keyword, "failback") ||
		   !strcmp(keyword, "revert-delay") ||
		   !strcmp(keyword, "redundancy") ||
		   !strcmp(keyword, "reorder-wait") ||
		   !strcmp(keyword, "tos") ||
		   is_encryption_keyword(keyword) ||
		   is_health_keyword(keyword)) {
		/* rtnetlink creation carries none of these. */
		return args_fail(err, err_len,
			    "'%s' is not set at creation; use 'dev set' afterwards",
			    keyword);
	} else {
		return args_fail(err, err_len, "unknown keyword '%s'", keyword);
	}
	return 0;
}

/* Marks MPVPN_A_@attr present in @settings, refusing it a second time. */
static int claim_setting(struct mpvpn_dev_settings *settings, int attr,
			 const char *keyword, char *err, size_t err_len)
{
	return args_claim(&settings->present, MPVPN_DEV_HAS(attr), keyword,
			  err, err_len);
}

static bool is_identity_keyword(const char *word)
{
	return !strcmp(word, "private-key") ||
	       !strcmp(word, "peer-public-key") ||
	       !strcmp(word, "preshared-key");
}

/*
 * "private-key FILE", "peer-public-key KEY", "preshared-key FILE": the
 * files are read later (dev.c), the public key is decoded here.
 */
static int parse_identity_keyword(const char *keyword, const char *value,
				  struct dev_args *args, char *err,
				  size_t err_len)
{
	struct mpvpn_dev_settings *settings = &args->settings;
	const char **file = !strcmp(keyword, "private-key") ?
			    &args->private_key_file :
			    &args->preshared_key_file;

	if (!strcmp(keyword, "peer-public-key")) {
		if (claim_setting(settings, MPVPN_A_PEER_PUBLIC_KEY, keyword,
				  err, err_len))
			return -EINVAL;
		if (mpvpn_key_from_base64(value,
					  settings->identity.peer_public_key) < 0)
			return args_fail(err, err_len,
				    "invalid peer-public-key '%s': expected the base64 of 32 bytes, as \"mpvpnctl pubkey\" prints",
				    value);
		return 0;
	}
	if (*file)
		return args_fail(err, err_len, "'%s' given twice", keyword);
	*file = value;
	return 0;
}

/* "encryption MODE", "rekey SECONDS". */
static int parse_encryption_keyword(const char *keyword, const char *value,
				    struct dev_args *args, char *err,
				    size_t err_len)
{
	struct mpvpn_dev_settings *settings = &args->settings;

	if (!strcmp(keyword, "encryption")) {
		enum mpvpn_encryption encryption;

		if (claim_setting(settings, MPVPN_A_ENCRYPTION, keyword, err,
				  err_len))
			return -EINVAL;
		if (mpvpn_encryption_parse(value, &encryption) < 0)
			return args_fail(err, err_len,
				    "unknown encryption '%s': expected none or chacha20-poly1305",
				    value);
		settings->encryption = (uint8_t)encryption;
		return 0;
	}
	/* "rekey" */
	if (claim_setting(settings, MPVPN_A_REKEY_SECONDS, keyword, err,
			  err_len))
		return -EINVAL;
	if (parse_u32(value, MPVPN_REKEY_SECONDS_MIN, MPVPN_REKEY_SECONDS_MAX,
		      &settings->rekey_seconds) < 0)
		return args_fail(err, err_len,
			    "invalid rekey '%s': expected %d..%d seconds",
			    value, MPVPN_REKEY_SECONDS_MIN,
			    MPVPN_REKEY_SECONDS_MAX);
	return 0;
}

/* What the encryption keywords say only together. */
static int check_encryption(const struct dev_args *args, char *err,
			    size_t err_len)
{
	const struct mpvpn_dev_settings *settings = &args->settings;

	if (args->private_key_file && (settings->present &
				       MPVPN_DEV_HAS(MPVPN_A_ENCRYPTION)) &&
	    settings->encryption == MPVPN_ENCRYPTION_NONE)
		return args_fail(err, err_len,
			    "'private-key' and 'encryption none' contradict each other");
	if (!args->private_key_file !=
	    !(settings->present & MPVPN_DEV_HAS(MPVPN_A_PEER_PUBLIC_KEY)))
		return args_fail(err, err_len,
			    "'private-key FILE' and 'peer-public-key KEY' go together");
	if (args->preshared_key_file && !args->private_key_file)
		return args_fail(err, err_len,
			    "'preshared-key' needs 'private-key FILE' and 'peer-public-key KEY'");
	return 0;
}

static int parse_set_keyword(const char *keyword, const char *value,
			     struct dev_args *args, char *err, size_t err_len)
{
	struct mpvpn_dev_settings *settings = &args->settings;
	int ret;

	if (is_encryption_keyword(keyword))
		return parse_encryption_keyword(keyword, value, args, err,
						err_len);
	if (is_identity_keyword(keyword))
		return parse_identity_keyword(keyword, value, args, err,
					      err_len);

	if (!strcmp(keyword, "mode")) {
		if (claim_setting(settings, MPVPN_A_MODE, keyword, err, err_len))
			return -EINVAL;
		return parse_mode(value, &settings->mode, err, err_len);
	}
	if (!strcmp(keyword, "failback")) {
		enum mpvpn_failback failback;

		if (claim_setting(settings, MPVPN_A_FAILBACK, keyword, err,
				  err_len))
			return -EINVAL;
		if (mpvpn_failback_parse(value, &failback) < 0)
			return args_fail(err, err_len,
				    "unknown failback '%s': expected revert or sticky",
				    value);
		settings->failback = (uint8_t)failback;
		return 0;
	}
	if (!strcmp(keyword, "tos")) {
		if (claim_setting(settings, MPVPN_A_TOS_INHERIT, keyword, err,
				  err_len))
			return -EINVAL;
		if (mpvpn_tos_parse(value, &settings->tos_inherit) < 0)
			return args_fail(err, err_len,
				    "unknown tos '%s': expected %s or %s", value,
				    mpvpn_tos_name(true), mpvpn_tos_name(false));
		return 0;
	}
	if (!strcmp(keyword, "revert-delay")) {
		if (claim_setting(settings, MPVPN_A_REVERT_DELAY_MS, keyword,
				  err, err_len))
			return -EINVAL;
		if (parse_time_ms(value, &settings->revert_delay_ms) < 0)
			return args_fail(err, err_len,
				    "invalid revert-delay '%s': expected a time such as 100, 100ms or 2s",
				    value);
		return 0;
	}
	if (!strcmp(keyword, "redundancy")) {
		uint32_t copies;

		if (claim_setting(settings, MPVPN_A_REDUNDANCY, keyword, err,
				  err_len))
			return -EINVAL;
		if (parse_u32(value, 2, MPVPN_REDUNDANCY_MAX, &copies) < 0)
			return args_fail(err, err_len,
				    "invalid redundancy '%s': expected 2..%d copies",
				    value, MPVPN_REDUNDANCY_MAX);
		settings->redundancy = (uint8_t)copies;
		return 0;
	}
	if (!strcmp(keyword, "reorder-wait")) {
		uint32_t *wait = &settings->reorder_wait_ms;

		if (claim_setting(settings, MPVPN_A_REORDER_WAIT_MS, keyword,
				  err, err_len))
			return -EINVAL;
		if (parse_time_ms(value, wait) < 0 || *wait < 1 ||
		    *wait > MPVPN_REORDER_WAIT_MS_MAX) {
			char max[UNITS_STRLEN];

			return args_fail(err, err_len,
				    "invalid reorder-wait '%s': expected a time from 1ms to %s such as 100ms",
				    value,
				    format_time_ms(MPVPN_REORDER_WAIT_MS_MAX,
						   max));
		}
		return 0;
	}
	/* Port and tunnel id select the UDP socket: fixed once created. */
	if (!strcmp(keyword, "port") || !strcmp(keyword, "tunnel"))
		return args_fail(err, err_len,
			    "'%s' cannot be changed; delete and add the device again",
			    keyword);
	ret = health_args_parse(keyword, value, &settings->health, err,
				err_len);
	if (ret > 0)
		return args_fail(err, err_len, "unknown keyword '%s'", keyword);
	if (ret == 0)
		settings->present |= MPVPN_DEV_HAS(MPVPN_A_HEALTH);
	return ret;
}

static bool is_keyword(const char *word)
{
	return !strcmp(word, "port") || !strcmp(word, "tunnel") ||
	       !strcmp(word, "mode") || !strcmp(word, "failback") ||
	       !strcmp(word, "revert-delay") || !strcmp(word, "redundancy") ||
	       !strcmp(word, "reorder-wait") || !strcmp(word, "tos") ||
	       is_encryption_keyword(word) ||
	       is_health_keyword(word);
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
		int ret;

		if (i + 1 >= argc)
			return args_missing_value(keyword, is_keyword(keyword),
						  err, err_len);
		if (verb == DEV_VERB_ADD)
			ret = parse_add_keyword(keyword, argv[i + 1],
						&args->link, err, err_len);
		else
			ret = parse_set_keyword(keyword, argv[i + 1], args, err,
						err_len);
		if (ret < 0)
			return -EINVAL;
	}

	if (verb != DEV_VERB_SET)
		return 0;
	if (!args->settings.present && !args->private_key_file &&
	    !args->preshared_key_file)
		return args_fail(err, err_len,
			    "nothing to change: give mode, redundancy, reorder-wait, failback, revert-delay, tos, private-key, encryption, rekey or health");
	return check_encryption(args, err, err_len);
}
