// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The request sockets: connection, family resolution, and the two request
 * shapes the family uses (a "do" answered by an ack, a dump ended by
 * NLMSG_DONE), with the kernel's error text kept in the client. The
 * rtnetlink socket of link creation shares the same transaction code.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/netlink.h>
#include <netlink/genl/ctrl.h>

#include "internal.h"

struct mpvpn_client *mpvpn_client_new(void)
{
	struct mpvpn_client *client = calloc(1, sizeof(*client));

	if (client) {
		client->family_id = -1;
		client->events_group_id = -1;
	}
	return client;
}

void mpvpn_client_free(struct mpvpn_client *client)
{
	if (!client)
		return;
	nl_socket_free(client->event_sock);
	nl_socket_free(client->route_sock);
	nl_socket_free(client->request_sock);
	free(client->event_buf);
	free(client);
}

const char *mpvpn_client_error(const struct mpvpn_client *client)
{
	return client->error[0] ? client->error : "no error";
}

int mpvpn_client_family_id(const struct mpvpn_client *client)
{
	return client->family_id;
}

int mpvpn_client_events_group_id(const struct mpvpn_client *client)
{
	return client->events_group_id;
}

void mpvpn_client_clear_error(struct mpvpn_client *client)
{
	client->error[0] = '\0';
	client->error_from_kernel = false;
}

int mpvpn_client_fail(struct mpvpn_client *client, int err,
		      const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(client->error, sizeof(client->error), fmt, ap);
	va_end(ap);
	client->error_from_kernel = false;
	return err;
}

/* A caller's callback may fail with a bare errno; give it its text. */
int mpvpn_callback_result(struct mpvpn_client *client, int ret)
{
	if (ret < 0 && !client->error[0])
		return mpvpn_client_fail(client, ret, "%s", strerror(-ret));
	return ret;
}

static int errno_from_nlerr(int nlerr)
{
	switch (nlerr < 0 ? -nlerr : nlerr) {
	case NLE_SUCCESS:		return 0;
	case NLE_INTR:			return -EINTR;
	case NLE_BAD_SOCK:		return -EBADF;
	case NLE_AGAIN:			return -EAGAIN;
	case NLE_NOMEM:			return -ENOMEM;
	case NLE_EXIST:			return -EEXIST;
	case NLE_INVAL:			return -EINVAL;
	case NLE_RANGE:			return -ERANGE;
	case NLE_MSGSIZE:		return -EMSGSIZE;
	case NLE_OPNOTSUPP:		return -EOPNOTSUPP;
	case NLE_AF_NOSUPPORT:		return -EAFNOSUPPORT;
	case NLE_OBJ_NOTFOUND:		return -ENOENT;
	case NLE_NOADDR:		return -EADDRNOTAVAIL;
	case NLE_BUSY:			return -EBUSY;
	case NLE_NOACCESS:		return -EACCES;
	case NLE_PERM:			return -EPERM;
	case NLE_NODEV:			return -ENODEV;
	case NLE_MSG_OVERFLOW:		return -ENOBUFS;
	case NLE_DUMP_INTR:		return -EINTR;
	default:			return -EPROTO;
	}
}

int mpvpn_client_fail_nl(struct mpvpn_client *client, int nlerr,
			 const char *what)
{
	return mpvpn_client_fail(client, errno_from_nlerr(nlerr), "%s: %s", what,
				 nl_geterror(nlerr));
}

/* Best effort: kernels without these options still work, only less well. */
static void tune_socket(struct nl_sock *sock)
{
	int fd = nl_socket_get_fd(sock);
	int one = 1;

	/* Ask for the kernel's error text instead of a bare errno. */
	setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	/* The echoed request is useless to us; keep error messages small. */
	setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
}

static int open_socket(struct mpvpn_client *client, int protocol,
		       struct nl_sock **out)
{
	struct nl_sock *sock = nl_socket_alloc();
	int ret;

	if (!sock)
		return mpvpn_client_fail(client, -ENOMEM, "%s", strerror(ENOMEM));
	ret = nl_connect(sock, protocol);
	if (ret < 0) {
		nl_socket_free(sock);
		return mpvpn_client_fail_nl(client, ret, "netlink socket");
	}
	/*
	 * Dump replies, and RTM_NEWLINK with all of a link's attributes,
	 * may exceed a page; size each read by peeking first.
	 */
	nl_socket_enable_msg_peek(sock);
	tune_socket(sock);
	*out = sock;
	return 0;
}

int mpvpn_client_open_socket(struct mpvpn_client *client)
{
	return open_socket(client, NETLINK_GENERIC, &client->request_sock);
}

/*
 * Opened on first use: link creation needs no generic netlink family,
 * and most clients never create links.
 */
int mpvpn_client_open_route_socket(struct mpvpn_client *client)
{
	if (client->route_sock)
		return 0;
	return open_socket(client, NETLINK_ROUTE, &client->route_sock);
}

int mpvpn_client_connect(struct mpvpn_client *client)
{
	struct nl_sock *sock;
	int err;
	int id;

	mpvpn_client_clear_error(client);
	if (client->family_id >= 0)
		return 0;

	if (!client->request_sock) {
		err = mpvpn_client_open_socket(client);
		if (err < 0)
			return err;
	}
	sock = client->request_sock;

	id = genl_ctrl_resolve(sock, MPVPN_GENL_NAME);
	if (id < 0) {
		if (id == -NLE_OBJ_NOTFOUND)
			err = mpvpn_client_fail(client, -ENOENT,
						"mpvpn kernel module not loaded (no generic netlink family \"%s\")",
						MPVPN_GENL_NAME);
		else
			err = mpvpn_client_fail_nl(client, id,
						   "resolving the mpvpn family");
		goto fail;
	}
	client->family_id = id;

	id = genl_ctrl_resolve_grp(sock, MPVPN_GENL_NAME, MPVPN_MCGRP_EVENTS);
	if (id < 0) {
		err = mpvpn_client_fail(client, errno_from_nlerr(id),
					"mpvpn family has no \"%s\" multicast group: %s",
					MPVPN_MCGRP_EVENTS, nl_geterror(id));
		goto fail;
	}
	client->events_group_id = id;
	return 0;

fail:
	client->family_id = -1;
	client->request_sock = NULL;
	nl_socket_free(sock);
	return err;
}

struct nl_msg *mpvpn_client_request_new(struct mpvpn_client *client,
					uint8_t cmd, int flags)
{
	struct nl_msg *msg = nlmsg_alloc();

	if (!msg)
		return NULL;
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, client->family_id, 0,
			 flags, cmd, MPVPN_GENL_VERSION)) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

int mpvpn_client_put_dev_ref(struct mpvpn_client *client, struct nl_msg *msg,
			     const struct mpvpn_dev_ref *dev)
{
	int ret;

	if (dev->ifindex)
		ret = nla_put_u32(msg, MPVPN_A_IFINDEX, dev->ifindex);
	else if (dev->ifname && dev->ifname[0])
		ret = nla_put_string(msg, MPVPN_A_IFNAME, dev->ifname);
	else
		return mpvpn_client_fail(client, -EINVAL, "no device given");
	if (ret < 0)
		return mpvpn_client_fail_nl(client, ret, "building the request");
	return 0;
}

/* State of one request while its replies are read. */
struct transaction {
	struct mpvpn_client *client;
	struct nl_sock *sock;	/* request_sock or route_sock */
	int reply_type;		/* nlmsg_type of the replies on_reply wants */
	reply_handler on_reply;
	void *arg;
	int error;		/* first failure: kernel errno or reply_handler */
	bool done;		/* ack, error or NLMSG_DONE seen */
	bool interrupted;	/* some message carried NLM_F_DUMP_INTR */
	bool secret;		/* the request holds keys: wipe it once sent */
};

/* Records the kernel's verdict in an NLMSG_ERROR or NLMSG_DONE. */
static void finish_transaction(struct transaction *t,
			       const struct nlmsghdr *hdr)
{
	struct mpvpn_client *client = t->client;
	char text[MPVPN_ERROR_LEN];
	int error = 0;

	t->done = true;
	if (mpvpn_ack_parse(hdr, &error, text, sizeof(text)) < 0) {
		if (!t->error)
			t->error = mpvpn_client_fail(client, -EPROTO,
						     "malformed netlink acknowledgement");
		return;
	}
	if (error >= 0 || t->error)
		return;
	if (text[0]) {
		t->error = mpvpn_client_fail(client, error, "%s", text);
		client->error_from_kernel = true;
	} else if (error == -EPERM) {
		/* Generic netlink refuses without a word of its own. */
		t->error = mpvpn_client_fail(client, error,
					     "%s (mpvpn needs CAP_NET_ADMIN: it shows peers' addresses and changes paths)",
					     strerror(EPERM));
	} else {
		t->error = mpvpn_client_fail(client, error, "%s", strerror(-error));
	}
}

static int on_message_in(struct nl_msg *msg, void *arg)
{
	struct transaction *t = arg;

	if (nlmsg_hdr(msg)->nlmsg_flags & NLM_F_DUMP_INTR)
		t->interrupted = true;
	return NL_OK;
}

static int on_valid(struct nl_msg *msg, void *arg)
{
	struct transaction *t = arg;
	struct nlmsghdr *hdr = nlmsg_hdr(msg);
	int ret;

	/* After a failure keep reading to the end so the socket is clean. */
	if (t->error || !t->on_reply || hdr->nlmsg_type != t->reply_type)
		return NL_OK;
	ret = t->on_reply(hdr, t->arg);
	if (ret == -EPROTO)
		t->error = mpvpn_client_fail(t->client, ret,
					     t->sock == t->client->route_sock ?
					     "malformed rtnetlink reply from the kernel" :
					     "malformed reply from the mpvpn kernel module");
	else if (ret < 0)
		t->error = mpvpn_client_fail(t->client, ret, "%s", strerror(-ret));
	return NL_OK;
}

static int on_ack(struct nl_msg *msg, void *arg)
{
	finish_transaction(arg, nlmsg_hdr(msg));
	return NL_STOP;
}

static int on_finish(struct nl_msg *msg, void *arg)
{
	finish_transaction(arg, nlmsg_hdr(msg));
	return NL_STOP;
}

static int on_error(struct sockaddr_nl *peer, struct nlmsgerr *err, void *arg)
{
	/* libnl hands over the payload; the flags are in the header before. */
	const struct nlmsghdr *hdr =
		(const struct nlmsghdr *)((const char *)err - NLMSG_HDRLEN);

	(void)peer;
	finish_transaction(arg, hdr);
	return NL_STOP;
}

/* Sends @msg (consumed) and reads until the kernel's final word. */
static int transact(struct mpvpn_client *client, struct nl_msg *msg,
		    struct transaction *t)
{
	struct nl_cb *cb;
	int ret;

	if (!t->sock) {
		if (t->secret)
			mpvpn_wipe_message(msg);
		nlmsg_free(msg);
		return mpvpn_client_fail(client, -ENOTCONN,
					 "client is not connected");
	}

	cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!cb) {
		if (t->secret)
			mpvpn_wipe_message(msg);
		nlmsg_free(msg);
		return mpvpn_client_fail(client, -ENOMEM, "%s", strerror(ENOMEM));
	}
	nl_cb_set(cb, NL_CB_MSG_IN, NL_CB_CUSTOM, on_message_in, t);
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, on_valid, t);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, on_ack, t);
	nl_cb_set(cb, NL_CB_FINISH, NL_CB_CUSTOM, on_finish, t);
	nl_cb_err(cb, NL_CB_CUSTOM, on_error, t);

	ret = nl_send_auto(t->sock, msg);
	if (t->secret)
		mpvpn_wipe_message(msg);
	nlmsg_free(msg);
	if (ret < 0) {
		nl_cb_put(cb);
		return mpvpn_client_fail_nl(client, ret, "sending the request");
	}

	while (!t->done) {
		ret = nl_recvmsgs(t->sock, cb);
		if (ret == -NLE_DUMP_INTR) {
			/* Older libnl reports it itself once DONE is read. */
			t->interrupted = true;
			continue;
		}
		if (ret < 0 && !t->done) {
			if (!t->error)
				t->error = mpvpn_client_fail_nl(client, ret,
								"reading the reply");
			break;
		}
	}
	nl_cb_put(cb);
	return t->error;
}

static int request(struct mpvpn_client *client, struct nl_msg *msg,
		   reply_handler on_reply, void *arg, bool secret)
{
	struct transaction t = {
		.client = client,
		.sock = client->request_sock,
		.reply_type = client->family_id,
		.on_reply = on_reply,
		.arg = arg,
		.secret = secret,
	};

	nlmsg_hdr(msg)->nlmsg_flags |= NLM_F_ACK;
	return transact(client, msg, &t);
}

int mpvpn_client_do(struct mpvpn_client *client, struct nl_msg *msg,
		    reply_handler on_reply, void *arg)
{
	return request(client, msg, on_reply, arg, false);
}

void mpvpn_wipe_message(struct nl_msg *msg)
{
	struct nlmsghdr *hdr = nlmsg_hdr(msg);

	mpvpn_wipe(hdr, hdr->nlmsg_len);
}

int mpvpn_client_do_wiped(struct mpvpn_client *client, struct nl_msg *msg,
			  reply_handler on_reply, void *arg)
{
	return request(client, msg, on_reply, arg, true);
}

int mpvpn_client_route_do(struct mpvpn_client *client, struct nl_msg *msg,
			  int reply_type, reply_handler on_reply, void *arg)
{
	struct transaction t = {
		.client = client,
		.sock = client->route_sock,
		.reply_type = reply_type,
		.on_reply = on_reply,
		.arg = arg,
	};

	nlmsg_hdr(msg)->nlmsg_flags |= NLM_F_ACK;
	return transact(client, msg, &t);
}

int mpvpn_client_dump(struct mpvpn_client *client,
		      const struct dump_request *req)
{
	for (int attempt = 0; attempt < MPVPN_DUMP_ATTEMPTS; attempt++) {
		struct transaction t = {
			.client = client,
			.sock = client->request_sock,
			.reply_type = client->family_id,
			.on_reply = req->collect,
			.arg = req->collected,
		};
		struct nl_msg *msg;
		int ret;

		mpvpn_item_vec_clear(req->collected);
		msg = mpvpn_client_request_new(client, req->cmd, NLM_F_DUMP);
		if (!msg)
			return mpvpn_client_fail(client, -ENOMEM, "%s",
						 strerror(ENOMEM));
		if (req->dev) {
			ret = mpvpn_client_put_dev_ref(client, msg, req->dev);
			if (ret < 0) {
				nlmsg_free(msg);
				return ret;
			}
		}
		ret = transact(client, msg, &t);
		if (ret < 0)
			return ret;
		/*
		 * The configuration changed under the dump: what was collected
		 * may mix old and new state, so start over.
		 */
		if (!t.interrupted)
			return 0;
	}
	mpvpn_item_vec_clear(req->collected);
	return mpvpn_client_fail(client, -EAGAIN,
				 "configuration kept changing during the dump (%d attempts)",
				 MPVPN_DUMP_ATTEMPTS);
}
