// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The static X25519 key pairs of the handshake (Documentation/handshake.rst)
 * and the text form every key takes: the base64 of 32 bytes, as "wg genkey",
 * "wg pubkey" and "wg genpsk" print them, so that a gateway's keys can be
 * made and read with whichever of the two tools is at hand.
 */
#include <errno.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/rand.h>

#include "libmpvpn.h"

static int base64_value(char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

int mpvpn_base64_decode_exact(const char *text, size_t len, uint8_t *out,
			      size_t out_len)
{
	size_t produced = 0;

	if (len == 0 || len % 4 != 0 || len / 4 * 3 < out_len ||
	    len / 4 * 3 - out_len > 2)
		return -EINVAL;
	for (size_t i = 0; i < len; i += 4) {
		uint32_t group = 0;
		int pad = 0;

		for (int j = 0; j < 4; j++) {
			char c = text[i + j];
			int v = base64_value(c);

			/* '=' only at the end, and only after data. */
			if (c == '=' && i + 4 == len && j >= 2) {
				pad++;
				v = 0;
			} else if (v < 0 || pad) {
				return -EINVAL;
			}
			group = group << 6 | (uint32_t)v;
		}
		for (int j = 0; j < 3 - pad; j++) {
			if (produced == out_len)
				return -EINVAL;
			out[produced++] = (uint8_t)(group >> (16 - 8 * j));
		}
		mpvpn_wipe(&group, sizeof(group));
	}
	return produced == out_len ? 0 : -EINVAL;
}

int mpvpn_key_from_base64(const char *text, uint8_t key[MPVPN_KEY_LEN])
{
	size_t len = strlen(text);
	int ret;

	/* The newline "wg genkey" ends with, and blanks around it. */
	while (len > 0 && (text[len - 1] == '\n' || text[len - 1] == '\r' ||
			   text[len - 1] == ' ' || text[len - 1] == '\t'))
		len--;
	ret = mpvpn_base64_decode_exact(text, len, key, MPVPN_KEY_LEN);
	if (ret < 0)
		mpvpn_wipe(key, MPVPN_KEY_LEN);
	return ret;
}

void mpvpn_key_to_base64(const uint8_t key[MPVPN_KEY_LEN],
			 char text[MPVPN_KEY_BASE64_LEN + 1])
{
	EVP_EncodeBlock((unsigned char *)text, key, MPVPN_KEY_LEN);
}

/*
 * A new private key: 32 random bytes, clamped as X25519 wants them (the
 * kernel clamps again; clamping here makes the file the same as wg's).
 */
int mpvpn_key_generate(uint8_t private_key[MPVPN_KEY_LEN])
{
	if (RAND_priv_bytes(private_key, MPVPN_KEY_LEN) != 1)
		return -EIO;
	private_key[0] &= 248;
	private_key[31] &= 127;
	private_key[31] |= 64;
	return 0;
}

int mpvpn_key_public(const uint8_t private_key[MPVPN_KEY_LEN],
		     uint8_t public_key[MPVPN_KEY_LEN])
{
	size_t len = MPVPN_KEY_LEN;
	EVP_PKEY *pkey;
	int ret = 0;

	pkey = EVP_PKEY_new_raw_private_key(EVP_PKEY_X25519, NULL, private_key,
					    MPVPN_KEY_LEN);
	if (!pkey)
		return -EIO;
	if (EVP_PKEY_get_raw_public_key(pkey, public_key, &len) != 1 ||
	    len != MPVPN_KEY_LEN)
		ret = -EIO;
	/* Freeing the key cleanses OpenSSL's copy of the private half. */
	EVP_PKEY_free(pkey);
	return ret;
}
