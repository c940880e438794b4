// SPDX-License-Identifier: GPL-2.0-or-later
/* libmpvpn's pre-shared key files and the keys derived from them. */
#include <stdint.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "libmpvpn.h"
#include "unit.h"

/* The bytes 00 01 02 ... 1f, and their base64. */
#define PSK_SEQUENCE_B64	"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="

/*
 * The expected keys were computed independently of this code, with the
 * openssl command line (OpenSSL 3.0):
 *
 *   openssl kdf -keylen 32 -kdfopt digest:SHA256 \
 *     -kdfopt hexkey:000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f \
 *     -kdfopt salt:"mpvpn psk v1" -kdfopt info:"mpvpn v1 tunnel 7 a->b" HKDF
 *
 * and the same with info:"mpvpn v1 tunnel 7 b->a".
 */
static const uint8_t tunnel7_a_to_b[MPVPN_KEY_LEN] = {
	0x64, 0x24, 0x73, 0xFC, 0x56, 0x0E, 0x78, 0x91, 0xE2, 0x3A, 0x54,
	0x85, 0x07, 0x88, 0x18, 0x37, 0xE7, 0x94, 0xAC, 0x15, 0x4C, 0x7D,
	0x45, 0xA6, 0x2B, 0xC9, 0x95, 0x1E, 0x0C, 0x5D, 0xB2, 0x87,
};
static const uint8_t tunnel7_b_to_a[MPVPN_KEY_LEN] = {
	0x89, 0x75, 0xB1, 0xB7, 0x41, 0xBB, 0xF8, 0x25, 0x7E, 0x3C, 0x73,
	0xD4, 0xA9, 0x55, 0x39, 0x5F, 0x65, 0x47, 0xBE, 0x5A, 0xDF, 0x48,
	0xFA, 0x3D, 0x30, 0xD9, 0x41, 0xC9, 0x1E, 0x3E, 0x0F, 0xB7,
};

/* SHA-256 of the two keys above, a->b then b->a (Python's hashlib). */
static const uint8_t tunnel7_a_fingerprint[MPVPN_PSK_FINGERPRINT_LEN] = {
	0x19, 0x16, 0xEA, 0xF5, 0x10, 0x8D, 0xC7, 0xAA, 0x80, 0x67, 0x36,
	0xDE, 0x03, 0xB2, 0x89, 0x46, 0xAB, 0xF2, 0xB0, 0xAD, 0xBC, 0x81,
	0x50, 0x2B, 0x18, 0x75, 0x12, 0xA8, 0x2D, 0xC1, 0x4F, 0xCB,
};

static char dir[] = "/tmp/mpvpn-psk-XXXXXX";

/* Writes @content to a file of @mode in the test's directory. */
static const char *key_file(const char *name, const char *content,
			    mode_t mode)
{
	static char path[128];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	if (!f)
		return path;
	fputs(content, f);
	fclose(f);
	chmod(path, mode);
	return path;
}

static void sequence_psk(uint8_t psk[MPVPN_PSK_LEN])
{
	for (int i = 0; i < MPVPN_PSK_LEN; i++)
		psk[i] = (uint8_t)i;
}

static void test_derive_vector(void)
{
	uint8_t psk[MPVPN_PSK_LEN], tx[MPVPN_KEY_LEN], rx[MPVPN_KEY_LEN];

	sequence_psk(psk);
	CHECK("side a derives", mpvpn_psk_derive(psk, 7, 'a', tx, rx) == 0);
	CHECK("side a sends with the a->b key of the openssl vector",
	      !memcmp(tx, tunnel7_a_to_b, MPVPN_KEY_LEN));
	CHECK("side a receives with the b->a key of the openssl vector",
	      !memcmp(rx, tunnel7_b_to_a, MPVPN_KEY_LEN));
	CHECK("side b derives", mpvpn_psk_derive(psk, 7, 'b', tx, rx) == 0);
	CHECK("side b sends with the b->a key",
	      !memcmp(tx, tunnel7_b_to_a, MPVPN_KEY_LEN));
	CHECK("side b receives with the a->b key",
	      !memcmp(rx, tunnel7_a_to_b, MPVPN_KEY_LEN));
}

static void test_fingerprint(void)
{
	uint8_t psk[MPVPN_PSK_LEN], fingerprint[MPVPN_PSK_FINGERPRINT_LEN];

	sequence_psk(psk);
	CHECK("the fingerprint is the SHA-256 of the keys side a derives",
	      mpvpn_psk_fingerprint(psk, 7, 'a', fingerprint) == 0 &&
	      !memcmp(fingerprint, tunnel7_a_fingerprint,
		      sizeof(fingerprint)));
	CHECK("side b has another fingerprint",
	      mpvpn_psk_fingerprint(psk, 7, 'b', fingerprint) == 0 &&
	      memcmp(fingerprint, tunnel7_a_fingerprint, sizeof(fingerprint)));
	CHECK("no fingerprint of a side other than a or b",
	      mpvpn_psk_fingerprint(psk, 7, 'c', fingerprint) == -EINVAL);
}

static void test_derive_properties(void)
{
	uint8_t psk[MPVPN_PSK_LEN];
	uint8_t a_tx[MPVPN_KEY_LEN], a_rx[MPVPN_KEY_LEN];
	uint8_t b_tx[MPVPN_KEY_LEN], b_rx[MPVPN_KEY_LEN];
	uint8_t o_tx[MPVPN_KEY_LEN], o_rx[MPVPN_KEY_LEN];

	memset(psk, 0x5a, sizeof(psk));
	mpvpn_psk_derive(psk, 4000000000u, 'a', a_tx, a_rx);
	mpvpn_psk_derive(psk, 4000000000u, 'b', b_tx, b_rx);
	CHECK("what a sends, b receives", !memcmp(a_tx, b_rx, MPVPN_KEY_LEN));
	CHECK("what b sends, a receives", !memcmp(b_tx, a_rx, MPVPN_KEY_LEN));
	CHECK("the two directions differ", memcmp(a_tx, a_rx, MPVPN_KEY_LEN));

	mpvpn_psk_derive(psk, 4000000001u, 'a', o_tx, o_rx);
	CHECK("another tunnel id gives other keys",
	      memcmp(a_tx, o_tx, MPVPN_KEY_LEN) &&
	      memcmp(a_rx, o_rx, MPVPN_KEY_LEN));

	psk[31] ^= 1;
	mpvpn_psk_derive(psk, 4000000000u, 'a', o_tx, o_rx);
	CHECK("another psk gives other keys",
	      memcmp(a_tx, o_tx, MPVPN_KEY_LEN) &&
	      memcmp(a_rx, o_rx, MPVPN_KEY_LEN));

	CHECK("a side other than a or b is refused",
	      mpvpn_psk_derive(psk, 1, 'c', o_tx, o_rx) == -EINVAL &&
	      mpvpn_psk_derive(psk, 1, 'A', o_tx, o_rx) == -EINVAL);
}

static void test_load(void)
{
	uint8_t psk[MPVPN_PSK_LEN], want[MPVPN_PSK_LEN];
	char err[512];
	const char *path;

	sequence_psk(want);
	path = key_file("ok.psk", PSK_SEQUENCE_B64 "\n", 0600);
	CHECK("a 0600 key file loads",
	      mpvpn_psk_load(path, psk, err, sizeof(err)) == 0 &&
	      !memcmp(psk, want, sizeof(want)));
	path = key_file("group.psk", PSK_SEQUENCE_B64, 0640);
	CHECK("group may read; no newline is fine",
	      mpvpn_psk_load(path, psk, err, sizeof(err)) == 0 &&
	      !memcmp(psk, want, sizeof(want)));
	path = key_file("crlf.psk", PSK_SEQUENCE_B64 " \r\n", 0400);
	CHECK("trailing blanks and CRLF are fine",
	      mpvpn_psk_load(path, psk, err, sizeof(err)) == 0 &&
	      !memcmp(psk, want, sizeof(want)));

	path = key_file("world.psk", PSK_SEQUENCE_B64 "\n", 0644);
	memset(psk, 0xff, sizeof(psk));
	CHECK("a key file others may read is refused",
	      mpvpn_psk_load(path, psk, err, sizeof(err)) == -EACCES);
	CHECK("the refusal names the file and the mode",
	      strstr(err, path) && strstr(err, "0644") &&
	      strstr(err, "other users"));
	CHECK("nothing of a refused key is left",
	      psk[0] == 0 && psk[MPVPN_PSK_LEN - 1] == 0);
	path = key_file("otherwrite.psk", PSK_SEQUENCE_B64 "\n", 0602);
	CHECK("a key file others may write is refused",
	      mpvpn_psk_load(path, psk, err, sizeof(err)) == -EACCES);

	CHECK("a directory is refused",
	      mpvpn_psk_load(dir, psk, err, sizeof(err)) == -EACCES &&
	      strstr(err, "not a regular file"));
	CHECK("a missing file is refused with its errno",
	      mpvpn_psk_load("/nonexistent/mpvpn.psk", psk, err,
			     sizeof(err)) == -ENOENT &&
	      strstr(err, "/nonexistent/mpvpn.psk"));

	/* 31 bytes, 33 bytes, not base64, two keys, empty. */
	path = key_file("short.psk",
			"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHg==\n", 0600);
	CHECK("31 bytes are refused",
	      mpvpn_psk_load(path, psk, err, sizeof(err)) == -EINVAL &&
	      strstr(err, path) && strstr(err, "32 bytes"));
	path = key_file("long.psk",
			"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8g\n", 0600);
	CHECK("33 bytes are refused",
	      mpvpn_psk_load(path, psk, err, sizeof(err)) == -EINVAL);
	path = key_file("garbage.psk",
			"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdH!8=\n", 0600);
	CHECK("a character outside base64 is refused",
	      mpvpn_psk_load(path, psk, err, sizeof(err)) == -EINVAL);
	path = key_file("inner-pad.psk",
			"AA==AwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\n", 0600);
	CHECK("padding inside the key is refused",
	      mpvpn_psk_load(path, psk, err, sizeof(err)) == -EINVAL);
	path = key_file("two.psk", PSK_SEQUENCE_B64 "\n" PSK_SEQUENCE_B64 "\n",
			0600);
	CHECK("two lines are refused",
	      mpvpn_psk_load(path, psk, err, sizeof(err)) == -EINVAL);
	path = key_file("empty.psk", "", 0600);
	CHECK("an empty file is refused",
	      mpvpn_psk_load(path, psk, err, sizeof(err)) == -EINVAL);
	path = key_file("hex.psk",
			"000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\n",
			0600);
	CHECK("a hex key is refused (it is not base64 of 32 bytes)",
	      mpvpn_psk_load(path, psk, err, sizeof(err)) == -EINVAL);
}

static void test_wipe(void)
{
	struct mpvpn_dev_settings settings;

	memset(&settings, 0xaa, sizeof(settings));
	mpvpn_dev_settings_wipe(&settings);
	CHECK("settings wipe clears the keys",
	      settings.keys.tx[0] == 0 && settings.keys.rx[31] == 0 &&
	      settings.present == 0);
}

int main(void)
{
	char cmd[64];

	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	test_derive_vector();
	test_derive_properties();
	test_fingerprint();
	test_load();
	test_wipe();
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
	return unit_finish();
}
