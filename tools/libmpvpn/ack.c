// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Extended acks. libnl 3.7 has no accessor for the TLVs the kernel appends
 * to NLMSG_ERROR and NLMSG_DONE when NETLINK_EXT_ACK is on, so they are
 * located here by hand.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <linux/netlink.h>

#include "internal.h"

static void copy_text(char *dst, size_t len, const struct nlattr *attr)
{
	const char *text = nla_data(attr);
	size_t n = strnlen(text, (size_t)nla_len(attr));

	/* A trailing newline would break the caller's one-line message. */
	while (n && text[n - 1] == '\n')
		n--;
	if (n >= len)
		n = len - 1;
	memcpy(dst, text, n);
	dst[n] = '\0';
}

static void read_tlvs(const struct nlmsghdr *hdr, size_t offset, char *msg,
		      size_t len)
{
	size_t payload = (size_t)nlmsg_datalen(hdr);
	const struct nlattr *attr;
	const struct nlattr *missing_type = NULL;
	int rem;

	if (!(hdr->nlmsg_flags & NLM_F_ACK_TLVS) || offset >= payload)
		return;

	nla_for_each_attr(attr,
			  (struct nlattr *)((char *)nlmsg_data(hdr) + offset),
			  (int)(payload - offset), rem) {
		switch (nla_type(attr)) {
		case NLMSGERR_ATTR_MSG:
			if (nla_len(attr) > 0)
				copy_text(msg, len, attr);
			break;
		case NLMSGERR_ATTR_MISS_TYPE:
			if (nla_len(attr) >= (int)sizeof(uint32_t))
				missing_type = attr;
			break;
		}
	}
	/* Policy checks of required attributes send only the type. */
	if (!msg[0] && missing_type)
		snprintf(msg, len, "required attribute %u is missing",
			 nla_get_u32((struct nlattr *)missing_type));
}

int mpvpn_ack_parse(const struct nlmsghdr *hdr, int *error, char *msg,
		    size_t len)
{
	size_t payload = (size_t)nlmsg_datalen(hdr);
	size_t offset;

	msg[0] = '\0';
	*error = 0;

	if (hdr->nlmsg_type == NLMSG_ERROR) {
		const struct nlmsgerr *err = nlmsg_data(hdr);

		if (payload < sizeof(*err))
			return -EPROTO;
		*error = err->error;
		offset = sizeof(*err);
		/* Unless capped, the request follows, then the TLVs. */
		if (!(hdr->nlmsg_flags & NLM_F_CAPPED)) {
			if (err->msg.nlmsg_len < NLMSG_HDRLEN)
				return -EPROTO;
			offset += err->msg.nlmsg_len - NLMSG_HDRLEN;
		}
	} else if (hdr->nlmsg_type == NLMSG_DONE) {
		/* Old kernels send an empty DONE. */
		if (payload < sizeof(int))
			return 0;
		memcpy(error, nlmsg_data(hdr), sizeof(int));
		offset = sizeof(int);
	} else {
		return -EPROTO;
	}
	if (*error > 0)
		*error = -*error;

	read_tlvs(hdr, NLMSG_ALIGN(offset), msg, len);
	return 0;
}
