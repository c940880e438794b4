// SPDX-License-Identifier: GPL-2.0-or-later
/* "dev add|del|set": creation, removal and settings of a whole device. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "dev_args.h"
#include "health_args.h"

#define ADD_SYNOPSIS	"dev add NAME [port N] [tunnel N] [mode MODE]"
#define DEL_SYNOPSIS	"dev del NAME"
#define SET_SYNOPSIS	"dev set DEV [mode MODE] [redundancy N] [reorder-wait TIME] [failback revert|sticky] [revert-delay TIME] [tos inherit|ecn] [private-key FILE peer-public-key KEY [preshared-key FILE]] [encryption none|chacha20-poly1305] [rekey SECONDS] [HEALTH]..."
#define DEV_SYNOPSIS	"dev {add|del|set} NAME ..."

/* One line per mode, in the order of enum mpvpn_mode. */
static const char *const mode_help[] = {
	[MPVPN_MODE_FAILOVER] =
		"one path at a time, the others wait as backups",
	[MPVPN_MODE_AGGREGATE] =
		"packets spread over the paths in shares of their\n"
		"              bandwidth (or weight); the peer puts them in order",
	[MPVPN_MODE_FLOWHASH] = "each inner flow on one path, by a hash of it",
	[MPVPN_MODE_LOWLATENCY] = "the path of the lowest smoothed RTT",
	[MPVPN_MODE_REDUNDANT] =
		"each packet on the redundancy best paths, of any\n"
		"              tier; the peer drops the extra copies",
};

_Static_assert(sizeof(mode_help) / sizeof(mode_help[0]) == __MPVPN_MODE_MAX,
	       "mode help");

static void print_usage(void)
{
	char delay[UNITS_STRLEN], wait[UNITS_STRLEN], wait_max[UNITS_STRLEN];

	printf("Usage: %s " ADD_SYNOPSIS "\n"
	       "       %s " DEL_SYNOPSIS "\n"
	       "       %s " SET_SYNOPSIS "\n"
	       "\n"
	       "port is the local UDP port, 1..65535 (default %d). tunnel is the\n"
	       "tunnel id, 0..4294967295, the same on both gateways; without it\n"
	       "(or with 0) the kernel picks the lowest id free on the port.\n"
	       "MODE is the scheduling mode (default %s); all but redundant send\n"
	       "over the best tier only, the usable paths of the lowest prio:\n",
	       PROG_NAME, PROG_NAME, PROG_NAME, MPVPN_DEFAULT_PORT,
	       mpvpn_mode_name(MPVPN_MODE_FAILOVER));
	for (unsigned int mode = 0; mode < __MPVPN_MODE_MAX; mode++)
		printf("  %-11s %s\n", mpvpn_mode_name(mode), mode_help[mode]);
	printf("\"dev del\" deletes mpvpn devices only.\n"
	       "\n"
	       "\"dev set\" changes the given settings, at least one:\n"
	       "redundancy is the number of copies in redundant mode, 2..%d\n"
	       "(default %d). reorder-wait caps how long the receiver holds a\n"
	       "packet that came early, waiting for those before it, 1ms..%s\n"
	       "(default %s); the wait in force follows the paths' delays.\n"
	       "failback revert goes back to a preferred path once it has been\n"
	       "healthy for revert-delay (default %s); sticky stays on the\n"
	       "current path until it fails. tos inherit copies the inner\n"
	       "packet's DSCP into the outer header as well as its ECN field; ecn\n"
	       "(the default) copies the ECN field only, so that the paths do not\n"
	       "learn the inner packet's class of service. HEALTH sets the\n"
	       "thresholds every path follows unless it overrides them\n"
	       "(\"path --help\"):\n",
	       MPVPN_REDUNDANCY_MAX, MPVPN_REDUNDANCY_DEFAULT,
	       format_time_ms(MPVPN_REORDER_WAIT_MS_MAX, wait_max),
	       format_time_ms(MPVPN_REORDER_WAIT_MS_DEFAULT, wait),
	       format_time_ms(MPVPN_REVERT_DELAY_MS_DEFAULT, delay));
	health_print_usage("  ");
	printf("private-key FILE peer-public-key KEY installs the handshake's\n"
	       "keys and encrypts the tunnel: this gateway's private key (a file\n"
	       "as \"mpvpnctl genkey\" or \"wg genkey\" writes, not accessible to\n"
	       "other users) and the other gateway's public key (\"mpvpnctl\n"
	       "pubkey\" of its private key). preshared-key FILE (the base64 of\n"
	       "32 bytes, as \"wg genpsk\" prints), the same on both gateways, is\n"
	       "mixed into every handshake. The private and pre-shared keys are\n"
	       "never shown. rekey is the age of a session, in seconds, at which a\n"
	       "new handshake replaces it, %d..%d (default %d). encryption none\n"
	       "runs the tunnel in plaintext, neither authenticated nor\n"
	       "encrypted; a new device sends and accepts nothing until it has\n"
	       "keys or this.\n",
	       MPVPN_REKEY_SECONDS_MIN, MPVPN_REKEY_SECONDS_MAX,
	       MPVPN_REKEY_SECONDS_DEFAULT);
	printf("TIME is a whole number of milliseconds, or of seconds with 's'\n"
	       "(100, 100ms, 2s); PCT a percentage with one decimal (5, 0.5, 5%%).\n");
}

/*
 * Link creation and removal go over rtnetlink and need no mpvpn family:
 * the module may not even be loaded before "dev add" loads it.
 */
static int link_request(enum dev_verb verb, const char *command,
			const struct dev_args *args)
{
	struct mpvpn_client *client = mpvpn_client_new();
	int ret;

	if (!client)
		return cli_error(command, "out of memory");
	if (verb == DEV_VERB_ADD)
		ret = mpvpn_link_add(client, args->ifname, &args->link);
	else
		ret = mpvpn_link_del(client, args->ifname);
	ret = ret < 0 ? cli_fail(command, client) : 0;
	mpvpn_client_free(client);
	return ret;
}

/*
 * The handshake's key files into @settings, marked present: what
 * "private-key FILE" and "preshared-key FILE" name, with the PSK file's
 * checks (a regular file other users cannot read).
 */
static int load_identity(const struct dev_args *args,
			 struct mpvpn_dev_settings *settings)
{
	char err[512];

	if (mpvpn_psk_load(args->private_key_file,
			   settings->identity.private_key, err,
			   sizeof(err)) < 0)
		return cli_error("dev set", "%s", err);
	settings->present |= MPVPN_DEV_HAS(MPVPN_A_PRIVATE_KEY);
	if (!args->preshared_key_file)
		return 0;
	if (mpvpn_psk_load(args->preshared_key_file,
			   settings->identity.preshared_key, err,
			   sizeof(err)) < 0)
		return cli_error("dev set", "%s", err);
	settings->present |= MPVPN_DEV_HAS(MPVPN_A_PRESHARED_KEY);
	return 0;
}

static int set(const struct dev_args *args)
{
	struct mpvpn_client *client = cli_connect("dev set");
	const struct mpvpn_dev_ref dev = { .ifname = args->ifname };
	struct mpvpn_dev_settings settings = args->settings;
	int ret = 0;

	if (!client)
		return 1;
	if (args->private_key_file)
		ret = load_identity(args, &settings);
	if (ret == 0)
		ret = mpvpn_dev_set(client, &dev, &settings) < 0 ?
		      cli_fail("dev set", client) : 0;
	mpvpn_dev_settings_wipe(&settings);
	mpvpn_client_free(client);
	return ret;
}

int dev_main(int argc, char **argv)
{
	const char *verb = argc > 1 ? argv[1] : NULL;
	const char *command;
	const char *synopsis;
	struct dev_args args;
	enum dev_verb v;
	char err[160];

	if (!verb)
		return cli_usage_error("dev", DEV_SYNOPSIS, "missing command");
	/* "dev --help" and "dev add --help" alike. */
	if (is_help_option(verb) || (argc > 2 && is_help_option(argv[2]))) {
		print_usage();
		return 0;
	}
	if (!strcmp(verb, "add")) {
		v = DEV_VERB_ADD;
		command = "dev add";
		synopsis = ADD_SYNOPSIS;
	} else if (!strcmp(verb, "del") || !strcmp(verb, "delete")) {
		v = DEV_VERB_DEL;
		command = "dev del";
		synopsis = DEL_SYNOPSIS;
	} else if (!strcmp(verb, "set")) {
		v = DEV_VERB_SET;
		command = "dev set";
		synopsis = SET_SYNOPSIS;
	} else {
		return cli_usage_error("dev", DEV_SYNOPSIS,
				       "unknown command '%s'", verb);
	}

	if (dev_args_parse(v, argc - 2, argv + 2, &args, err, sizeof(err)) < 0)
		return cli_usage_error(command, synopsis, "%s", err);
	return v == DEV_VERB_SET ? set(&args) : link_request(v, command, &args);
}
