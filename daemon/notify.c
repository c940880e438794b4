// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "notify.h"

int notify_send(const char *state)
{
	const char *name = getenv("NOTIFY_SOCKET");
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	size_t len;
	ssize_t sent;
	int fd, err;

	if (!name || !name[0])
		return 0;
	len = strlen(name);
	if ((name[0] != '/' && name[0] != '@') || len >= sizeof(addr.sun_path))
		return -EINVAL;
	memcpy(addr.sun_path, name, len);
	/* "@name": the abstract namespace, whose names start with a NUL. */
	if (name[0] == '@')
		addr.sun_path[0] = '\0';
	fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	sent = sendto(fd, state, strlen(state), MSG_NOSIGNAL,
		      (const struct sockaddr *)&addr,
		      (socklen_t)(offsetof(struct sockaddr_un, sun_path) + len));
	err = errno;
	close(fd);
	return sent < 0 ? -err : 0;
}

static const char *plural(size_t n)
{
	return n == 1 ? "" : "s";
}

const char *notify_status(const struct config *config, const char *last_event,
			  char buf[NOTIFY_STATUS_LEN])
{
	size_t paths = 0;
	int n;

	for (size_t i = 0; i < config->device_count; i++)
		paths += config->devices[i].path_count;
	n = snprintf(buf, NOTIFY_STATUS_LEN, "%zu device%s, %zu path%s, %zu hook%s",
		     config->device_count, plural(config->device_count), paths,
		     plural(paths), config->hook_count,
		     plural(config->hook_count));
	if (last_event && last_event[0] && n > 0 && n < NOTIFY_STATUS_LEN)
		snprintf(buf + n, NOTIFY_STATUS_LEN - (size_t)n,
			 "; last event %s", last_event);
	/* One line: an event text never has a newline, but be sure. */
	buf[strcspn(buf, "\n")] = '\0';
	return buf;
}
