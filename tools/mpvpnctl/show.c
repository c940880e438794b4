// SPDX-License-Identifier: GPL-2.0-or-later
/* "show": devices and their paths, for people (default) or tools (-j). */
#include "cli.h"
#include "json.h"
#include "show_text.h"
#include "snapshot.h"

#define SHOW_SYNOPSIS	"[-j] show [DEV]"

int show_main(int argc, char **argv)
{
	static const struct snapshot_printer printer = {
		.json = json_device,
		.text = show_print_device,
	};
	int ret;

	ret = cli_simple_args("show", SHOW_SYNOPSIS,
			      "Shows DEV, or every mpvpn device, with its paths.\n",
			      1, argc, argv);
	if (ret != CLI_GO_ON)
		return ret;
	return snapshot_print("show", argc == 2 ? argv[1] : NULL, &printer);
}
