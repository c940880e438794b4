// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The service manager's notifications: the datagram a socket named by
 * $NOTIFY_SOCKET receives, by path and in the abstract namespace; nothing
 * and no error without the variable; a refused name; the status line.
 */
#include <stdlib.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "unit.h"
#include "notify.h"

/* A datagram socket bound to @name ("@..." abstract), or -1. */
static int listen_on(const char *name)
{
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	size_t len = strlen(name);
	int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	memcpy(addr.sun_path, name, len);
	if (name[0] == '@')
		addr.sun_path[0] = '\0';
	if (fd < 0 || bind(fd, (struct sockaddr *)&addr,
			   (socklen_t)(offsetof(struct sockaddr_un, sun_path) + len)) < 0) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

/* Sends @state to a socket bound to @name; what the socket received. */
static const char *sent_to(const char *name, const char *state)
{
	static char buf[512];
	int fd = listen_on(name);

	buf[0] = '\0';
	if (fd < 0)
		return "(no socket to listen on)";
	setenv("NOTIFY_SOCKET", name, 1);
	if (notify_send(state) == 0) {
		ssize_t n = recv(fd, buf, sizeof(buf) - 1, MSG_DONTWAIT);

		buf[n > 0 ? n : 0] = '\0';
	}
	close(fd);
	if (name[0] == '/')
		unlink(name);
	return buf;
}

static void test_send(void)
{
	char path[64], abstract[64];

	unsetenv("NOTIFY_SOCKET");
	CHECK("no service manager: nothing to do, no error",
	      notify_send("READY=1") == 0);

	snprintf(path, sizeof(path), "/tmp/mpvpnd-notify-%d", (int)getpid());
	CHECK_STR("sent to a path", sent_to(path, "READY=1\nSTATUS=ok"),
		  "READY=1\nSTATUS=ok");
	CHECK("a socket gone is an error", notify_send("READY=1") < 0);
	snprintf(abstract, sizeof(abstract), "@mpvpnd-notify-%d", (int)getpid());
	CHECK_STR("sent to the abstract namespace",
		  sent_to(abstract, "RELOADING=1"), "RELOADING=1");
	setenv("NOTIFY_SOCKET", "relative/name", 1);
	CHECK("a name neither a path nor abstract is refused",
	      notify_send("READY=1") < 0);
	unsetenv("NOTIFY_SOCKET");
}

static void test_status(void)
{
	struct config_path paths[3] = { 0 };
	struct config_device devices[2] = {
		{ .paths = paths, .path_count = 3 },
		{ .paths = NULL, .path_count = 0 },
	};
	struct config_hook hooks[1] = { 0 };
	struct config config = {
		.devices = devices, .device_count = 2,
		.hooks = hooks, .hook_count = 1,
	};
	struct config empty = { 0 };
	char buf[NOTIFY_STATUS_LEN];

	CHECK_STR("what is in force", notify_status(&config, NULL, buf),
		  "2 devices, 3 paths, 1 hook");
	CHECK_STR("and the last event",
		  notify_status(&config, "10:11:12 mpvpn0: path fiber up -> down (carrier-lost); active path lte", buf),
		  "2 devices, 3 paths, 1 hook; last event 10:11:12 mpvpn0: path fiber up -> down (carrier-lost); active path lte");
	CHECK_STR("nothing configured", notify_status(&empty, "", buf),
		  "0 devices, 0 paths, 0 hooks");
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	test_send();
	test_status();
	return unit_finish();
}
