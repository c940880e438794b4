// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libmpvpn's static keys of the handshake: X25519 public keys against RFC
 * 7748's test vectors (section 6.1), keys as base64 text, new keys.
 */
#include <stdint.h>
#include <string.h>

#include "libmpvpn.h"
#include "unit.h"

/* RFC 7748, 6.1: Alice's and Bob's private and public keys, in base64. */
#define ALICE_PRIVATE	"dwdtCnMYpX08FsFyUbJmRd9ML4frwJkqsXf7pR25LCo="
#define ALICE_PUBLIC	"hSDwCYkwp1R0i33ctD73Wg2/Og0mOBr066SpjqqbTmo="
#define BOB_PRIVATE	"XasIfmJKikt54X+Lg4AO5m87sSkmGLb9HC+LJ/+I4Os="
#define BOB_PUBLIC	"3p7bfXt9wbTTW2HC7OQ1Nz+DQ8hbeGdNrfx+FG+IK08="

/* The public key of @private_b64, as text. */
static const char *public_of(const char *private_b64)
{
	static char text[MPVPN_KEY_BASE64_LEN + 1];
	uint8_t priv[MPVPN_KEY_LEN], pub[MPVPN_KEY_LEN];

	if (mpvpn_key_from_base64(private_b64, priv) < 0 ||
	    mpvpn_key_public(priv, pub) < 0)
		return "";
	mpvpn_key_to_base64(pub, text);
	return text;
}

static void test_public_vectors(void)
{
	CHECK_STR("Alice's public key", public_of(ALICE_PRIVATE), ALICE_PUBLIC);
	CHECK_STR("Bob's public key", public_of(BOB_PRIVATE), BOB_PUBLIC);
	CHECK_STR("a trailing newline, as wg genkey writes",
		  public_of(ALICE_PRIVATE "\n"), ALICE_PUBLIC);
}

static void test_text(void)
{
	char text[MPVPN_KEY_BASE64_LEN + 1];
	uint8_t key[MPVPN_KEY_LEN];

	CHECK("a key reads", mpvpn_key_from_base64(BOB_PUBLIC, key) == 0);
	mpvpn_key_to_base64(key, text);
	CHECK_STR("and writes back the same", text, BOB_PUBLIC);
	CHECK("44 characters", strlen(text) == MPVPN_KEY_BASE64_LEN);
	CHECK("31 bytes are no key",
	      mpvpn_key_from_base64("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHg==",
				    key) < 0);
	CHECK("33 bytes are no key",
	      mpvpn_key_from_base64("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8g",
				    key) < 0);
	CHECK("a character outside base64",
	      mpvpn_key_from_base64("hSDwCYkwp1R0i33ctD73Wg2/Og0mOBr066Spjqqb*mo=",
				    key) < 0);
	CHECK("nothing", mpvpn_key_from_base64("", key) < 0);
}

static void test_generate(void)
{
	uint8_t a[MPVPN_KEY_LEN], b[MPVPN_KEY_LEN], pub[MPVPN_KEY_LEN];

	CHECK("two new keys", mpvpn_key_generate(a) == 0 &&
	      mpvpn_key_generate(b) == 0);
	CHECK("differ", memcmp(a, b, sizeof(a)) != 0);
	CHECK("clamped as X25519 wants",
	      (a[0] & 7) == 0 && (a[31] & 0x80) == 0 && (a[31] & 0x40));
	CHECK("have a public key", mpvpn_key_public(a, pub) == 0);
}

int main(void)
{
	test_public_vectors();
	test_text();
	test_generate();
	return unit_finish();
}
