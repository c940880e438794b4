/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Shared between the modules of libmpvpn; not installed. */
#ifndef LIBMPVPN_INTERNAL_H
#define LIBMPVPN_INTERNAL_H

#include <stdarg.h>
#include <netlink/netlink.h>
#include <netlink/genl/genl.h>

#include "libmpvpn.h"

#define MPVPN_ERROR_LEN		256
/* Events are small; a page-sized buffer holds many of them. */
#define MPVPN_EVENT_BUF_LEN	16384

struct mpvpn_client {
	struct nl_sock *request_sock;
	struct nl_sock *event_sock;
	struct nl_sock *route_sock;	/* NETLINK_ROUTE, opened on first use */
	int family_id;
	int events_group_id;
	uint8_t *event_buf;
	char error[MPVPN_ERROR_LEN];
	/* @error is the kernel's extack text, not a fallback of ours. */
	bool error_from_kernel;
};

/* A growable array of fixed-size items, to hold a dump until it is whole. */
struct item_vec {
	void *items;
	size_t count;
	size_t capacity;
	size_t item_size;
};

void *mpvpn_item_vec_push(struct item_vec *vec);
void mpvpn_item_vec_clear(struct item_vec *vec);
void mpvpn_item_vec_free(struct item_vec *vec);

/* client.c */
int mpvpn_client_fail(struct mpvpn_client *client, int err,
		      const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int mpvpn_client_fail_nl(struct mpvpn_client *client, int nlerr,
			 const char *what);
void mpvpn_client_clear_error(struct mpvpn_client *client);
int mpvpn_callback_result(struct mpvpn_client *client, int ret);

/* Opens the request socket only; mpvpn_client_connect() also resolves ids. */
int mpvpn_client_open_socket(struct mpvpn_client *client);
/* The rtnetlink socket of mpvpn_link_add/del; does nothing when open. */
int mpvpn_client_open_route_socket(struct mpvpn_client *client);

typedef int (*reply_handler)(struct nlmsghdr *hdr, void *arg);

struct nl_msg *mpvpn_client_request_new(struct mpvpn_client *client,
					uint8_t cmd, int flags);
int mpvpn_client_put_dev_ref(struct mpvpn_client *client, struct nl_msg *msg,
			     const struct mpvpn_dev_ref *dev);
int mpvpn_client_do(struct mpvpn_client *client, struct nl_msg *msg,
		    reply_handler on_reply, void *arg);
/*
 * mpvpn_client_do() of a request that holds keys: the message is wiped
 * before it is freed, whatever happens. mpvpn_wipe_message() is that wipe.
 */
int mpvpn_client_do_wiped(struct mpvpn_client *client, struct nl_msg *msg,
			  reply_handler on_reply, void *arg);
void mpvpn_wipe_message(struct nl_msg *msg);
/*
 * mpvpn_client_do() on the rtnetlink socket; @on_reply sees @reply_type
 * only.
 */
int mpvpn_client_route_do(struct mpvpn_client *client, struct nl_msg *msg,
			  int reply_type, reply_handler on_reply, void *arg);

struct dump_request {
	uint8_t cmd;
	const struct mpvpn_dev_ref *dev;	/* NULL: not device-scoped */
	reply_handler collect;
	struct item_vec *collected;		/* emptied before each attempt */
};
int mpvpn_client_dump(struct mpvpn_client *client,
		      const struct dump_request *req);

/* ack.c: the error code and extended ack text of NLMSG_ERROR / NLMSG_DONE. */
int mpvpn_ack_parse(const struct nlmsghdr *hdr, int *error, char *msg,
		    size_t len);

/* parse.c: 0, or -EPROTO for a reply this library cannot make sense of. */
int mpvpn_parse_device(struct nlmsghdr *hdr, struct mpvpn_device_info *device);
int mpvpn_parse_path_reply(struct nlmsghdr *hdr, struct mpvpn_path_info *path);
int mpvpn_parse_health_nest(struct nlattr *nest,
			    struct mpvpn_health_info *health);
int mpvpn_parse_verdict_nest(struct nlattr *nest,
			     struct mpvpn_verdict_info *verdict);
int mpvpn_parse_event(struct nlmsghdr *hdr, struct mpvpn_event *event);

/*
 * Message building, exposed for the unit tests: 0, -EMSGSIZE, or -EINVAL
 * for a field that cannot be sent as it is (an address without a family).
 */
/* health.c: the thresholds of @health marked present, in a nest @type. */
int mpvpn_put_health_nest(struct nl_msg *msg, int type,
			  const struct mpvpn_health_info *health);
/* path.c */
int mpvpn_put_path_attrs(struct nl_msg *msg, const struct mpvpn_path_info *path,
			 uint32_t fields);
int mpvpn_put_verdict(struct nl_msg *msg,
		      const struct mpvpn_verdict_info *verdict);
/* device.c: the settings marked present. */
int mpvpn_put_dev_settings(struct nl_msg *msg,
			   const struct mpvpn_dev_settings *settings);

/* link.c, exposed for the unit tests of message building and parsing. */
struct link_info {
	uint32_t ifindex;
	char kind[32];		/* IFLA_INFO_KIND; empty: none (e.g. a NIC) */
};
int mpvpn_link_build_newlink(const char *ifname,
			     const struct mpvpn_link_config *cfg,
			     struct nl_msg **out);
int mpvpn_link_build_getlink(const char *ifname, struct nl_msg **out);
int mpvpn_link_build_dellink(uint32_t ifindex, struct nl_msg **out);
int mpvpn_link_parse_info(struct nlmsghdr *hdr, struct link_info *info);

#endif /* LIBMPVPN_INTERNAL_H */
