// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Pre-shared key files and the root keys derived from them. The daemon and
 * mpvpnctl share this so that both ends of a tunnel, whichever tool set
 * them up, derive the same keys from the same file.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/params.h>

#include "libmpvpn.h"

/* The base64 of 32 bytes is 44 characters; room for a CRLF and spaces. */
#define PSK_FILE_MAX	128

#define PSK_SALT	"mpvpn psk v1"

void mpvpn_wipe(void *buf, size_t len)
{
	OPENSSL_cleanse(buf, len);
}

static int fail(char *err, size_t err_len, int ret, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int fail(char *err, size_t err_len, int ret, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, err_len, fmt, ap);
	va_end(ap);
	return ret;
}

int mpvpn_psk_load(const char *path, uint8_t psk[MPVPN_PSK_LEN], char *err,
		   size_t err_len)
{
	char text[PSK_FILE_MAX + 1];
	struct stat st;
	ssize_t got;
	size_t len;
	int fd, ret;

	mpvpn_wipe(psk, MPVPN_PSK_LEN);
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0)
		return fail(err, err_len, -errno, "%s: %s", path,
			    strerror(errno));
	/* fstat() of what was opened: no race with a rename in between. */
	if (fstat(fd, &st) < 0) {
		ret = fail(err, err_len, -errno, "%s: %s", path,
			   strerror(errno));
		close(fd);
		return ret;
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return fail(err, err_len, -EACCES,
			    "%s: not a regular file; a key file must be one",
			    path);
	}
	if (st.st_mode & (S_IROTH | S_IWOTH | S_IXOTH)) {
		close(fd);
		return fail(err, err_len, -EACCES,
			    "%s: key file is accessible to other users (mode %04o); run chmod o-rwx on it",
			    path, (unsigned int)(st.st_mode & 07777));
	}

	len = 0;
	do {
		got = read(fd, text + len, sizeof(text) - len);
		if (got > 0)
			len += (size_t)got;
	} while ((got > 0 || (got < 0 && errno == EINTR)) &&
		 len < sizeof(text));
	ret = got < 0 ? -errno : 0;
	close(fd);
	if (ret < 0) {
		mpvpn_wipe(text, sizeof(text));
		return fail(err, err_len, ret, "%s: %s", path, strerror(-ret));
	}
	if (len > PSK_FILE_MAX) {
		mpvpn_wipe(text, sizeof(text));
		return fail(err, err_len, -EINVAL,
			    "%s: too long for a key file: expected one line, the base64 of %d bytes",
			    path, MPVPN_PSK_LEN);
	}
	/* One line, and the trailing newline or blanks editors leave. */
	while (len > 0 && (text[len - 1] == '\n' || text[len - 1] == '\r' ||
			   text[len - 1] == ' ' || text[len - 1] == '\t'))
		len--;
	ret = mpvpn_base64_decode_exact(text, len, psk, MPVPN_PSK_LEN);
	mpvpn_wipe(text, sizeof(text));
	if (ret < 0) {
		mpvpn_wipe(psk, MPVPN_PSK_LEN);
		return fail(err, err_len, -EINVAL,
			    "%s: not a key: expected one line, the base64 of exactly %d bytes (as \"wg genpsk\" or \"openssl rand -base64 32\" print)",
			    path, MPVPN_PSK_LEN);
	}
	return 0;
}

/* One direction's key: HKDF-SHA256(psk, salt, "mpvpn v1 tunnel ID X->Y"). */
static int hkdf_direction(const uint8_t psk[MPVPN_PSK_LEN], uint32_t tunnel_id,
			  char from, char to, uint8_t key[MPVPN_KEY_LEN])
{
	char info[64];
	char salt[] = PSK_SALT;
	char digest[] = "SHA256";
	OSSL_PARAM params[5];
	EVP_KDF_CTX *ctx;
	EVP_KDF *kdf;
	int ret;

	snprintf(info, sizeof(info), "mpvpn v1 tunnel %u %c->%c",
		 (unsigned int)tunnel_id, from, to);
	kdf = EVP_KDF_fetch(NULL, "HKDF", NULL);
	if (!kdf)
		return -EIO;
	ctx = EVP_KDF_CTX_new(kdf);
	EVP_KDF_free(kdf);
	if (!ctx)
		return -EIO;
	params[0] = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST,
						     digest, 0);
	/* HKDF only reads the key; OSSL_PARAM wants a non-const pointer. */
	params[1] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY,
						      (void *)psk,
						      MPVPN_PSK_LEN);
	params[2] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT,
						      salt, strlen(salt));
	params[3] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO,
						      info, strlen(info));
	params[4] = OSSL_PARAM_construct_end();
	ret = EVP_KDF_derive(ctx, key, MPVPN_KEY_LEN, params) == 1 ? 0 : -EIO;
	/* The context held a copy of the PSK; freeing it cleanses it. */
	EVP_KDF_CTX_free(ctx);
	if (ret < 0)
		mpvpn_wipe(key, MPVPN_KEY_LEN);
	return ret;
}

int mpvpn_psk_derive(const uint8_t psk[MPVPN_PSK_LEN], uint32_t tunnel_id,
		     char side, uint8_t tx[MPVPN_KEY_LEN],
		     uint8_t rx[MPVPN_KEY_LEN])
{
	char peer;
	int ret;

	if (side == MPVPN_PSK_SIDE_A)
		peer = MPVPN_PSK_SIDE_B;
	else if (side == MPVPN_PSK_SIDE_B)
		peer = MPVPN_PSK_SIDE_A;
	else
		return -EINVAL;
	ret = hkdf_direction(psk, tunnel_id, side, peer, tx);
	if (ret == 0)
		ret = hkdf_direction(psk, tunnel_id, peer, side, rx);
	if (ret < 0) {
		mpvpn_wipe(tx, MPVPN_KEY_LEN);
		mpvpn_wipe(rx, MPVPN_KEY_LEN);
	}
	return ret;
}

int mpvpn_psk_fingerprint(const uint8_t psk[MPVPN_PSK_LEN], uint32_t tunnel_id,
			  char side,
			  uint8_t fingerprint[MPVPN_PSK_FINGERPRINT_LEN])
{
	uint8_t keys[2 * MPVPN_KEY_LEN];
	unsigned int len = 0;
	int ret;

	ret = mpvpn_psk_derive(psk, tunnel_id, side, keys,
			       keys + MPVPN_KEY_LEN);
	if (ret == 0 && EVP_Digest(keys, sizeof(keys), fingerprint, &len,
				   EVP_sha256(), NULL) != 1)
		ret = -EIO;
	mpvpn_wipe(keys, sizeof(keys));
	return ret;
}
