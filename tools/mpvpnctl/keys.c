// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * "genkey" and "pubkey": the handshake's static key pairs, in the text
 * form "wg genkey" and "wg pubkey" use, so that either tool makes keys the
 * other reads.
 */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

#define GENKEY_SYNOPSIS	"genkey"
#define PUBKEY_SYNOPSIS	"pubkey"

/* The base64 of a key, a newline, and room to tell a longer line. */
#define KEY_LINE_MAX	(MPVPN_KEY_BASE64_LEN + 16)

int genkey_main(int argc, char **argv)
{
	char text[MPVPN_KEY_BASE64_LEN + 1];
	uint8_t key[MPVPN_KEY_LEN];
	struct stat st;
	int ret;

	ret = cli_simple_args("genkey", GENKEY_SYNOPSIS,
			      "Prints a new private key of the handshake: the base64 of 32\n"
			      "random bytes, clamped for X25519. Keep it in a file only root can\n"
			      "read, for \"dev set DEV private-key FILE\" or mpvpnd's\n"
			      "\"private_key_file\"; \"pubkey\" prints its public key.\n",
			      0, argc, argv);
	if (ret != CLI_GO_ON)
		return ret;
	/* A key written to a file others can read is a key given away. */
	if (fstat(STDOUT_FILENO, &st) == 0 && S_ISREG(st.st_mode) &&
	    (st.st_mode & S_IRWXO))
		fprintf(stderr, "Warning: the private key goes to a file other users can read (mode %04o); run umask 077 first\n",
			(unsigned int)(st.st_mode & 07777));
	if (mpvpn_key_generate(key) < 0)
		return cli_error("genkey", "no random bytes from libcrypto");
	mpvpn_key_to_base64(key, text);
	mpvpn_wipe(key, sizeof(key));
	printf("%s\n", text);
	mpvpn_wipe(text, sizeof(text));
	return fflush(stdout) ? cli_error("genkey", "cannot write the key") : 0;
}

int pubkey_main(int argc, char **argv)
{
	char line[KEY_LINE_MAX + 1];
	char text[MPVPN_KEY_BASE64_LEN + 1];
	uint8_t private_key[MPVPN_KEY_LEN], public_key[MPVPN_KEY_LEN];
	size_t len;
	int ret;

	ret = cli_simple_args("pubkey", PUBKEY_SYNOPSIS,
			      "Reads a private key (as \"genkey\" prints it) on standard input and\n"
			      "prints its public key, which the other gateway configures as its\n"
			      "\"peer-public-key\".\n",
			      0, argc, argv);
	if (ret != CLI_GO_ON)
		return ret;
	len = fread(line, 1, KEY_LINE_MAX, stdin);
	line[len] = '\0';
	ret = mpvpn_key_from_base64(line, private_key);
	mpvpn_wipe(line, sizeof(line));
	if (ret < 0)
		return cli_error("pubkey", "standard input is not a key: expected one line, the base64 of %d bytes",
				 MPVPN_KEY_LEN);
	ret = mpvpn_key_public(private_key, public_key);
	mpvpn_wipe(private_key, sizeof(private_key));
	if (ret < 0)
		return cli_error("pubkey", "X25519 of libcrypto failed");
	mpvpn_key_to_base64(public_key, text);
	printf("%s\n", text);
	return fflush(stdout) ? cli_error("pubkey", "cannot write the key") : 0;
}
