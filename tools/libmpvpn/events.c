// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The event socket. Reception is done by hand rather than through libnl's
 * callbacks so that ENOBUFS (events lost) and EAGAIN (non-blocking, nothing
 * queued) reach the caller as themselves.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/netlink.h>

#include "internal.h"

/* Room for a burst of events while the consumer is busy. */
#define EVENT_SOCKET_RCVBUF	(1 << 20)

int mpvpn_events_open(struct mpvpn_client *client)
{
	struct nl_sock *sock;
	int ret;

	mpvpn_client_clear_error(client);
	if (client->event_sock)
		return 0;
	if (client->events_group_id < 0)
		return mpvpn_client_fail(client, -ENOTCONN,
					 "client is not connected");

	client->event_buf = malloc(MPVPN_EVENT_BUF_LEN);
	sock = nl_socket_alloc();
	if (!client->event_buf || !sock) {
		ret = mpvpn_client_fail(client, -ENOMEM, "%s", strerror(ENOMEM));
		goto fail;
	}
	/* Notifications do not answer any request of ours. */
	nl_socket_disable_seq_check(sock);
	ret = genl_connect(sock);
	if (ret < 0) {
		ret = mpvpn_client_fail_nl(client, ret, "event socket");
		goto fail;
	}
	ret = nl_socket_add_membership(sock, client->events_group_id);
	if (ret < 0) {
		ret = mpvpn_client_fail_nl(client, ret, "joining the events group");
		goto fail;
	}
	/* Best effort: the default is enough unless events come in bursts. */
	nl_socket_set_buffer_size(sock, EVENT_SOCKET_RCVBUF, 0);
	client->event_sock = sock;
	return 0;

fail:
	nl_socket_free(sock);
	free(client->event_buf);
	client->event_buf = NULL;
	return ret;
}

int mpvpn_events_fd(const struct mpvpn_client *client)
{
	return client->event_sock ? nl_socket_get_fd(client->event_sock) : -1;
}

/* Parses one notification; 1 when it is not an mpvpn event at all. */
static int read_event(struct mpvpn_client *client, struct nlmsghdr *hdr,
		      struct mpvpn_event *event)
{
	const struct genlmsghdr *genl;

	if (hdr->nlmsg_type != client->family_id ||
	    !genlmsg_valid_hdr(hdr, 0))
		return 1;
	genl = nlmsg_data(hdr);
	if (genl->cmd != MPVPN_CMD_EVENT)
		return 1;
	return mpvpn_parse_event(hdr, event);
}

int mpvpn_events_recv(struct mpvpn_client *client, mpvpn_event_cb cb,
		      void *arg)
{
	struct sockaddr_nl peer;
	socklen_t peer_len = sizeof(peer);
	struct nlmsghdr *hdr;
	bool malformed = false;
	ssize_t n;
	int len;

	mpvpn_client_clear_error(client);
	if (!client->event_sock)
		return mpvpn_client_fail(client, -ENOTCONN,
					 "the event socket is not open");

	n = recvfrom(nl_socket_get_fd(client->event_sock), client->event_buf,
		     MPVPN_EVENT_BUF_LEN, MSG_TRUNC,
		     (struct sockaddr *)&peer, &peer_len);
	if (n < 0) {
		int err = errno;

		if (err == ENOBUFS)
			return mpvpn_client_fail(client, -ENOBUFS,
						 "events were lost: the receive queue overflowed");
		return mpvpn_client_fail(client, -err, "%s", strerror(err));
	}
	if (n > MPVPN_EVENT_BUF_LEN)
		return mpvpn_client_fail(client, -EMSGSIZE,
					 "event of %zd bytes does not fit the buffer", n);
	/* Only the kernel may speak on the group; ignore anything else. */
	if (peer_len != sizeof(peer) || peer.nl_pid != 0)
		return 0;

	len = (int)n;
	for (hdr = (struct nlmsghdr *)client->event_buf; nlmsg_ok(hdr, len);
	     hdr = nlmsg_next(hdr, &len)) {
		struct mpvpn_event event;
		int ret = read_event(client, hdr, &event);

		if (ret > 0)
			continue;
		if (ret < 0) {
			malformed = true;
			continue;
		}
		ret = cb(&event, arg);
		if (ret)
			return mpvpn_callback_result(client, ret);
	}
	if (malformed)
		return mpvpn_client_fail(client, -EPROTO,
					 "malformed event from the mpvpn kernel module ignored");
	return 0;
}
