// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Key files, private and pre-shared, with the checks an operator expects
 * of a secret's file, and the fingerprint that tells the daemon the keys
 * changed. The daemon and mpvpnctl share this, so that a file either
 * accepts the other accepts too.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "libmpvpn.h"

/* The base64 of 32 bytes is 44 characters; room for a CRLF and spaces. */
#define PSK_FILE_MAX	128

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

int mpvpn_keys_fingerprint(const struct mpvpn_dev_settings *settings,
			   uint8_t fingerprint[MPVPN_KEYS_FINGERPRINT_LEN])
{
	uint8_t keys[3 * MPVPN_KEY_LEN] = { 0 };
	unsigned int len = 0;
	int ret = 0;

	memcpy(keys, settings->identity.private_key, MPVPN_KEY_LEN);
	memcpy(keys + MPVPN_KEY_LEN, settings->identity.peer_public_key,
	       MPVPN_KEY_LEN);
	if (settings->present & MPVPN_DEV_HAS(MPVPN_A_PRESHARED_KEY))
		memcpy(keys + 2 * MPVPN_KEY_LEN,
		       settings->identity.preshared_key, MPVPN_KEY_LEN);
	if (EVP_Digest(keys, sizeof(keys), fingerprint, &len, EVP_sha256(),
		       NULL) != 1)
		ret = -EIO;
	mpvpn_wipe(keys, sizeof(keys));
	return ret;
}
