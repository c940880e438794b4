// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer target: mpvpnd's configuration parser on arbitrary bytes.
 * The file is written by an operator, but "mpvpnd --check-config" is the
 * place people paste anything into, and every byte of the text reaches
 * jansson, jsonpos.c, the address, rate and prefix parsers. Whatever the
 * input, the parser must return 0 or -1 with an error text, and
 * config_free() must release everything (LeakSanitizer checks that).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config config;
	struct jsonpos_error error;
	int ret;

	ret = config_load_text("fuzz.json", (const char *)data, size, &config,
			       &error);
	/* A refusal must say where and why; a silent -1 is a bug too. */
	if (ret != 0 && (ret != -1 || !error.text[0] ||
			 !memchr(error.text, '\0', sizeof(error.text))))
		abort();
	config_free(&config);
	return 0;
}
