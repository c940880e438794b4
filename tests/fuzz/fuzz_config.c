// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer target: mpvpnd's configuration parser on arbitrary bytes.
 * The file is written by an operator, but "mpvpnd --check-config" is the
 * place people paste anything into, and every byte of the text reaches
 * jansson, jsonpos.c, the address, name, rate and prefix parsers. Whatever the
 * input, the parser must return 0 or -1 with an error text, and
 * config_free() must release everything (LeakSanitizer checks that).
 */
#include <stddef.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"

/*
 * No DNS while fuzzing: every well-formed name has an address of the
 * family asked for, but "fail.example" has none, so that both outcomes
 * of a lookup are reached.
 */
static int fuzz_resolve(const char *host, int family, struct mpvpn_addr *out,
			char *why, size_t why_len)
{
	if (!strcmp(host, "fail.example")) {
		snprintf(why, why_len, "Name or service not known");
		return -1;
	}
	return mpvpn_addr_parse(family == AF_INET6 ? "2001:db8::1" :
				"192.0.2.1", out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config config;
	struct jsonpos_error error;
	int ret;

	ret = config_load_text("fuzz.json", (const char *)data, size,
			       fuzz_resolve, &config, &error);
	/* A refusal must say where and why; a silent -1 is a bug too. */
	if (ret != 0 && (ret != -1 || !error.text[0] ||
			 !memchr(error.text, '\0', sizeof(error.text))))
		abort();
	config_free(&config);
	return 0;
}
