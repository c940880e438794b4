// SPDX-License-Identifier: GPL-2.0-or-later
/* "monitor": one line per event, as it happens. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "json.h"

#define MONITOR_SYNOPSIS	"[-j] monitor [-t]"

/* Returned by the event callback when stdout is gone. */
#define STOP_OUTPUT_FAILED	1

static int on_event(const struct mpvpn_event *event, void *arg)
{
	const bool *timestamps = arg;
	char time[MPVPN_TIME_STRLEN];
	struct timespec now;

	/* The kernel stamps no event: the time is when it arrived here. */
	clock_gettime(CLOCK_REALTIME, &now);
	if (json_output) {
		json_t *object = json_event(event);

		json_object_set_new(object, "time",
				    json_string(mpvpn_time_format(&now, true,
								  time)));
		if (json_print(object, true) < 0)
			return STOP_OUTPUT_FAILED;
	} else {
		char line[256];

		if (*timestamps)
			printf("[%s] ", mpvpn_time_format(&now, false, time));
		puts(mpvpn_event_text(event, line, sizeof(line)));
	}
	/* Readers are often pipes; each event must reach them at once. */
	if (fflush(stdout) == EOF)
		return STOP_OUTPUT_FAILED;
	return 0;
}

int monitor_main(int argc, char **argv)
{
	struct mpvpn_client *client;
	bool timestamps = false;
	int ret;

	if (argc >= 2 && (!strcmp(argv[1], "-t") ||
			  !strcmp(argv[1], "--timestamp"))) {
		timestamps = true;
		argc--;
		argv++;
	}
	ret = cli_simple_args("monitor", MONITOR_SYNOPSIS,
			      "Prints path and active-path changes of every mpvpn device, one\n"
			      "line (or one JSON object) per event, until interrupted. -t puts\n"
			      "the local time an event came before its line; a JSON object\n"
			      "always has it, in UTC, as \"time\".\n",
			      0, argc, argv);
	if (ret != CLI_GO_ON)
		return ret;

	client = cli_connect("monitor");
	if (!client)
		return 1;
	if (mpvpn_events_open(client) < 0) {
		ret = cli_fail("monitor", client);
		mpvpn_client_free(client);
		return ret;
	}

	for (;;) {
		ret = mpvpn_events_recv(client, on_event, &timestamps);
		if (ret == STOP_OUTPUT_FAILED) {
			ret = cli_error("monitor", "cannot write the output");
			break;
		}
		/* Lost or garbled events are worth a warning, not an exit. */
		if (ret == -ENOBUFS || ret == -EPROTO || ret == -EINTR) {
			if (ret != -EINTR)
				cli_error("monitor", "%s",
					  mpvpn_client_error(client));
			continue;
		}
		if (ret < 0) {
			ret = cli_fail("monitor", client);
			break;
		}
	}
	mpvpn_client_free(client);
	return ret;
}
