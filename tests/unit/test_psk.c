// SPDX-License-Identifier: GPL-2.0-or-later
/* libmpvpn's key files and the fingerprint of a device's keys. */
#include <stdint.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "libmpvpn.h"
#include "unit.h"

/* The bytes 00 01 02 ... 1f, and their base64. */
#define PSK_SEQUENCE_B64	"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="

/*
 * SHA-256 of the private key 00..1f, the peer's public key 20..3f and the
 * pre-shared key 40..5f (or 32 zeros without one), computed independently
 * of this code with Python's hashlib.
 */
static const uint8_t fingerprint_with_psk[MPVPN_KEYS_FINGERPRINT_LEN] = {
	0x08, 0x35, 0x9B, 0x10, 0x8F, 0xA5, 0x67, 0xF5, 0xDC, 0xF3, 0x19,
	0xFA, 0x34, 0x34, 0xDA, 0x6A, 0xBB, 0xC1, 0xD5, 0x95, 0xF4, 0x26,
	0x37, 0x26, 0x66, 0x44, 0x7F, 0x09, 0xCC, 0x5A, 0x87, 0xDC,
};
static const uint8_t fingerprint_no_psk[MPVPN_KEYS_FINGERPRINT_LEN] = {
	0x93, 0xEC, 0xB4, 0xE8, 0x98, 0x14, 0x2B, 0x04, 0xBE, 0x77, 0x17,
	0x77, 0xD7, 0xCC, 0x61, 0xB5, 0x23, 0x9A, 0x59, 0xCD, 0x85, 0xF7,
	0x00, 0x95, 0x8D, 0xDB, 0x73, 0x83, 0xA0, 0x42, 0xF7, 0x5D,
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

static void test_fingerprint(void)
{
	uint8_t fingerprint[MPVPN_KEYS_FINGERPRINT_LEN];
	struct mpvpn_dev_settings settings = {
		.present = MPVPN_DEV_HAS(MPVPN_A_PRIVATE_KEY) |
			   MPVPN_DEV_HAS(MPVPN_A_PEER_PUBLIC_KEY) |
			   MPVPN_DEV_HAS(MPVPN_A_PRESHARED_KEY),
	};

	for (int i = 0; i < MPVPN_KEY_LEN; i++) {
		settings.identity.private_key[i] = (uint8_t)i;
		settings.identity.peer_public_key[i] = (uint8_t)(32 + i);
		settings.identity.preshared_key[i] = (uint8_t)(64 + i);
	}
	CHECK("the fingerprint is the SHA-256 of the three keys",
	      mpvpn_keys_fingerprint(&settings, fingerprint) == 0 &&
	      !memcmp(fingerprint, fingerprint_with_psk, sizeof(fingerprint)));
	settings.present &= ~MPVPN_DEV_HAS(MPVPN_A_PRESHARED_KEY);
	CHECK("without a pre-shared key, zeros stand for it",
	      mpvpn_keys_fingerprint(&settings, fingerprint) == 0 &&
	      !memcmp(fingerprint, fingerprint_no_psk, sizeof(fingerprint)));
	settings.identity.peer_public_key[31] ^= 1;
	CHECK("another peer key gives another fingerprint",
	      mpvpn_keys_fingerprint(&settings, fingerprint) == 0 &&
	      memcmp(fingerprint, fingerprint_no_psk, sizeof(fingerprint)));
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
	      settings.identity.private_key[0] == 0 &&
	      settings.identity.preshared_key[MPVPN_KEY_LEN - 1] == 0 &&
	      settings.present == 0);
}

int main(void)
{
	char cmd[64];

	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	test_fingerprint();
	test_load();
	test_wipe();
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
	return unit_finish();
}
