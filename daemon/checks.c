// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/icmp6.h>
#include <netinet/ip_icmp.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <curl/curl.h>
#include <jansson.h>

#include "checks.h"

/* What a check keeps of an answer: enough for a body match or an echo. */
#define ANSWER_MAX	65536

extern char **environ;

static uint64_t now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000 + (uint64_t)ts.tv_nsec / 1000;
}

static void failed(struct check_result *out, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void failed(struct check_result *out, const char *fmt, ...)
{
	va_list ap;

	out->success = false;
	va_start(ap, fmt);
	vsnprintf(out->detail, sizeof(out->detail), fmt, ap);
	va_end(ap);
}

static void succeeded(struct check_result *out, uint64_t start_us)
{
	uint64_t rtt = now_us() - start_us;

	out->success = true;
	out->has_rtt = true;
	out->rtt_us = rtt > UINT32_MAX ? UINT32_MAX : (uint32_t)rtt;
}

/* Milliseconds left until @deadline_us, at least 0. */
static int left_ms(uint64_t deadline_us)
{
	uint64_t now = now_us();

	return now >= deadline_us ? 0 : (int)((deadline_us - now + 999) / 1000);
}

static socklen_t fill_sockaddr(const struct mpvpn_addr *addr, uint16_t port,
			       struct sockaddr_storage *ss)
{
	memset(ss, 0, sizeof(*ss));
	if (addr->family == AF_INET) {
		struct sockaddr_in *sin = (struct sockaddr_in *)ss;

		sin->sin_family = AF_INET;
		sin->sin_port = htons(port);
		memcpy(&sin->sin_addr, addr->bytes, 4);
		return sizeof(*sin);
	}
	{
		struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)ss;

		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = htons(port);
		memcpy(&sin6->sin6_addr, addr->bytes, 16);
		return sizeof(*sin6);
	}
}

/*
 * A socket of @type bound to the path: its underlay device, and its
 * source address when it has one of @family. -1 with the reason in @out.
 */
static int bound_socket(int family, int type, int protocol,
			const struct check_binding *binding,
			struct check_result *out)
{
	int fd = socket(family, type | SOCK_CLOEXEC, protocol);

	if (fd < 0) {
		failed(out, "socket: %s", strerror(errno));
		return -1;
	}
	if (binding->dev[0] &&
	    setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, binding->dev,
		       (socklen_t)strlen(binding->dev) + 1) < 0) {
		failed(out, "binding to %s: %s", binding->dev, strerror(errno));
		close(fd);
		return -1;
	}
	if (binding->local.family == family) {
		struct sockaddr_storage ss;
		socklen_t len = fill_sockaddr(&binding->local, 0, &ss);

		if (bind(fd, (struct sockaddr *)&ss, len) < 0) {
			char text[INET6_ADDRSTRLEN];

			failed(out, "binding to %s: %s",
			       mpvpn_addr_format(&binding->local, text,
						 sizeof(text)),
			       strerror(errno));
			close(fd);
			return -1;
		}
	}
	return fd;
}

/* Waits for @events on @fd until @deadline_us: 1 ready, 0 timed out. */
static int wait_fd(int fd, short events, uint64_t deadline_us)
{
	struct pollfd pfd = { .fd = fd, .events = events };
	int n;

	do {
		n = poll(&pfd, 1, left_ms(deadline_us));
	} while (n < 0 && errno == EINTR);
	return n > 0 ? 1 : 0;
}

/* ---- icmp ---- */

static uint16_t inet_checksum(const void *data, size_t len)
{
	const uint8_t *p = data;
	uint32_t sum = 0;

	for (size_t i = 0; i + 1 < len; i += 2)
		sum += (uint32_t)(p[i] << 8 | p[i + 1]);
	if (len & 1)
		sum += (uint32_t)(p[len - 1] << 8);
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return htons((uint16_t)~sum);
}

/*
 * One echo request on a raw socket (the daemon runs as root; ping
 * sockets would need net.ipv4.ping_group_range). A raw socket sees every
 * ICMP packet of the namespace: the reply is the one with our id and
 * sequence from the host.
 */
static void check_icmp(const struct config_probe *probe,
		       const struct check_binding *binding,
		       struct check_result *out)
{
	bool v6 = probe->host.family == AF_INET6;
	uint64_t start = now_us();
	uint64_t deadline = start + (uint64_t)probe->timeout_ms * 1000;
	struct {
		uint8_t type, code;
		uint16_t checksum, id, seq;
		uint8_t payload[16];
	} __attribute__((packed)) echo = {
		.type = v6 ? ICMP6_ECHO_REQUEST : ICMP_ECHO,
	};
	struct sockaddr_storage to;
	socklen_t to_len = fill_sockaddr(&probe->host, 0, &to);
	uint8_t buf[1500];
	int fd;

	fd = bound_socket(v6 ? AF_INET6 : AF_INET, SOCK_RAW,
			  v6 ? IPPROTO_ICMPV6 : IPPROTO_ICMP, binding, out);
	if (fd < 0)
		return;
	/* Random id and sequence: other probes share the raw socket's view. */
	if (getrandom(&echo.id, sizeof(echo.id), 0) < 0 ||
	    getrandom(&echo.seq, sizeof(echo.seq), 0) < 0)
		echo.id = (uint16_t)getpid();
	memcpy(echo.payload, "mpvpnd probe....", sizeof(echo.payload));
	/* The kernel fills in the ICMPv6 checksum (pseudo-header). */
	if (!v6)
		echo.checksum = inet_checksum(&echo, sizeof(echo));
	if (sendto(fd, &echo, sizeof(echo), 0, (struct sockaddr *)&to,
		   to_len) < 0) {
		failed(out, "sending the echo request: %s", strerror(errno));
		goto out;
	}
	while (wait_fd(fd, POLLIN, deadline)) {
		struct sockaddr_storage from;
		socklen_t from_len = sizeof(from);
		ssize_t n = recvfrom(fd, buf, sizeof(buf), 0,
				     (struct sockaddr *)&from, &from_len);
		size_t offset = 0;

		if (n <= 0)
			continue;
		/* IPv4 raw sockets deliver the IP header too. */
		if (!v6)
			offset = (size_t)(buf[0] & 0x0f) * 4;
		if ((size_t)n < offset + 8)
			continue;
		if (buf[offset] != (v6 ? ICMP6_ECHO_REPLY : ICMP_ECHOREPLY) ||
		    memcmp(buf + offset + 4, &echo.id, 4))
			continue;
		if (v6 ? memcmp(&((struct sockaddr_in6 *)&from)->sin6_addr,
				probe->host.bytes, 16) :
			 memcmp(&((struct sockaddr_in *)&from)->sin_addr,
				probe->host.bytes, 4))
			continue;
		succeeded(out, start);
		goto out;
	}
	failed(out, "no echo reply within %u ms", probe->timeout_ms);
out:
	close(fd);
}

/* ---- udp, tcp ---- */

static void check_udp(const struct config_probe *probe,
		      const struct check_binding *binding,
		      struct check_result *out)
{
	const char *payload = probe->payload ? probe->payload : "mpvpnd probe";
	size_t len = strlen(payload);
	uint64_t start = now_us();
	uint64_t deadline = start + (uint64_t)probe->timeout_ms * 1000;
	struct sockaddr_storage to;
	socklen_t to_len = fill_sockaddr(&probe->host, probe->port, &to);
	char buf[2048];
	int fd = bound_socket(probe->host.family, SOCK_DGRAM, 0, binding, out);

	if (fd < 0)
		return;
	/* Connected: only datagrams from the responder are received. */
	if (connect(fd, (struct sockaddr *)&to, to_len) < 0 ||
	    send(fd, payload, len, 0) < 0) {
		failed(out, "sending: %s", strerror(errno));
		goto out;
	}
	while (wait_fd(fd, POLLIN, deadline)) {
		ssize_t n = recv(fd, buf, sizeof(buf), 0);

		if (n < 0 && errno == ECONNREFUSED) {
			failed(out, "port unreachable");
			goto out;
		}
		if (n == (ssize_t)len && !memcmp(buf, payload, len)) {
			succeeded(out, start);
			goto out;
		}
	}
	failed(out, "no echo within %u ms", probe->timeout_ms);
out:
	close(fd);
}

static void check_tcp(const struct config_probe *probe,
		      const struct check_binding *binding,
		      struct check_result *out)
{
	uint64_t start = now_us();
	uint64_t deadline = start + (uint64_t)probe->timeout_ms * 1000;
	struct sockaddr_storage to;
	socklen_t to_len = fill_sockaddr(&probe->host, probe->port, &to);
	int fd = bound_socket(probe->host.family, SOCK_STREAM | SOCK_NONBLOCK,
			      0, binding, out);
	int err = 0;
	socklen_t err_len = sizeof(err);

	if (fd < 0)
		return;
	if (connect(fd, (struct sockaddr *)&to, to_len) < 0 &&
	    errno != EINPROGRESS) {
		failed(out, "connect: %s", strerror(errno));
		goto out;
	}
	if (!wait_fd(fd, POLLOUT, deadline)) {
		failed(out, "no connection within %u ms", probe->timeout_ms);
		goto out;
	}
	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &err_len) < 0 || err) {
		failed(out, "connect: %s", strerror(err ? err : errno));
		goto out;
	}
	succeeded(out, start);
out:
	close(fd);
}

/* ---- http ---- */

struct body {
	char *data;
	size_t len;
};

static size_t keep_body(char *ptr, size_t size, size_t nmemb, void *arg)
{
	struct body *body = arg;
	size_t n = size * nmemb;
	size_t room = ANSWER_MAX - body->len;

	/* Past ANSWER_MAX the rest is read and dropped. */
	if (n < room)
		room = n;
	memcpy(body->data + body->len, ptr, room);
	body->len += room;
	body->data[body->len] = '\0';
	return n;
}

static void check_http(const struct config_probe *probe,
		       const struct check_binding *binding,
		       struct check_result *out)
{
	struct body body = { .data = malloc(ANSWER_MAX + 1) };
	char interface[INET6_ADDRSTRLEN + 8] = "";
	uint64_t start = now_us();
	CURL *curl = curl_easy_init();
	long status = 0;
	CURLcode rc;

	if (!curl || !body.data) {
		failed(out, "out of memory");
		goto out;
	}
	body.data[0] = '\0';
	/* libcurl binds to a device ("if!") or a source address ("host!"). */
	if (binding->dev[0]) {
		snprintf(interface, sizeof(interface), "if!%s", binding->dev);
	} else if (binding->local.family != AF_UNSPEC) {
		char text[INET6_ADDRSTRLEN];

		snprintf(interface, sizeof(interface), "host!%s",
			 mpvpn_addr_format(&binding->local, text, sizeof(text)));
	}
	curl_easy_setopt(curl, CURLOPT_URL, probe->url);
	curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);	/* threads */
	curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, (long)probe->timeout_ms);
	curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(curl, CURLOPT_USERAGENT, "mpvpnd");
	if (probe->ca_file)
		curl_easy_setopt(curl, CURLOPT_CAINFO, probe->ca_file);
	curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, keep_body);
	curl_easy_setopt(curl, CURLOPT_WRITEDATA, &body);
	if (interface[0])
		curl_easy_setopt(curl, CURLOPT_INTERFACE, interface);
	rc = curl_easy_perform(curl);
	if (rc != CURLE_OK) {
		failed(out, "%s", curl_easy_strerror(rc));
		goto out;
	}
	curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
	if (status != (long)probe->expect_status) {
		failed(out, "HTTP status %ld, expected %u", status,
		       probe->expect_status);
		goto out;
	}
	if (probe->expect_body && !strstr(body.data, probe->expect_body)) {
		failed(out, "HTTP %ld without \"%s\" in the body", status,
		       probe->expect_body);
		goto out;
	}
	succeeded(out, start);
	snprintf(out->detail, sizeof(out->detail), "HTTP %ld", status);
out:
	if (curl)
		curl_easy_cleanup(curl);
	free(body.data);
}

/* ---- dns ---- */

/* A query for the A (or AAAA) record of @name; its length, or 0. */
static size_t dns_query(const char *name, uint16_t id, uint16_t qtype,
			uint8_t *buf, size_t size)
{
	size_t len = 12;

	if (size < 12 + strlen(name) + 6)
		return 0;
	memset(buf, 0, 12);
	buf[0] = (uint8_t)(id >> 8);
	buf[1] = (uint8_t)id;
	buf[2] = 0x01;		/* RD: recursion desired */
	buf[5] = 1;		/* one question */
	for (const char *label = name; *label;) {
		const char *dot = strchr(label, '.');
		size_t n = dot ? (size_t)(dot - label) : strlen(label);

		if (!n || n > 63)
			return 0;
		buf[len++] = (uint8_t)n;
		memcpy(buf + len, label, n);
		len += n;
		label += n + (dot ? 1 : 0);
	}
	buf[len++] = 0;
	buf[len++] = 0;
	buf[len++] = (uint8_t)qtype;
	buf[len++] = 0;
	buf[len++] = 1;		/* class IN */
	return len;
}

static void check_dns(const struct config_probe *probe,
		      const struct check_binding *binding,
		      struct check_result *out)
{
	uint64_t start = now_us();
	uint64_t deadline = start + (uint64_t)probe->timeout_ms * 1000;
	struct sockaddr_storage to;
	socklen_t to_len = fill_sockaddr(&probe->host, probe->port, &to);
	uint8_t query[512], answer[1500];
	uint16_t id = 0;
	size_t len;
	int fd;

	if (getrandom(&id, sizeof(id), 0) < 0)
		id = (uint16_t)getpid();
	len = dns_query(probe->query, id, 1, query, sizeof(query));
	if (!len) {
		failed(out, "cannot ask for \"%s\"", probe->query);
		return;
	}
	fd = bound_socket(probe->host.family, SOCK_DGRAM, 0, binding, out);
	if (fd < 0)
		return;
	if (connect(fd, (struct sockaddr *)&to, to_len) < 0 ||
	    send(fd, query, len, 0) < 0) {
		failed(out, "sending the query: %s", strerror(errno));
		goto out;
	}
	while (wait_fd(fd, POLLIN, deadline)) {
		ssize_t n = recv(fd, answer, sizeof(answer), 0);
		unsigned int rcode, count;

		if (n < 12 || answer[0] != query[0] || answer[1] != query[1] ||
		    !(answer[2] & 0x80))
			continue;
		rcode = answer[3] & 0x0f;
		count = (unsigned int)(answer[6] << 8 | answer[7]);
		if (rcode) {
			failed(out, "%s: DNS rcode %u", probe->query, rcode);
			goto out;
		}
		if (!count) {
			failed(out, "%s: no address in the answer", probe->query);
			goto out;
		}
		succeeded(out, start);
		goto out;
	}
	failed(out, "no DNS answer within %u ms", probe->timeout_ms);
out:
	close(fd);
}

/* ---- commands: exec and bgp ---- */

/*
 * Runs @argv with @envp, stdout kept in @output (may be NULL), stderr to
 * the daemon's unless @quiet, killed at @deadline_us. Its wait status, or
 * -1 when it could not run or was killed (@out says why).
 */
static int run_command(char *const argv[], char *const envp[], char *output,
		       size_t output_len, bool quiet, uint64_t deadline_us,
		       struct check_result *out)
{
	size_t used = 0;
	int pipefd[2], status;
	pid_t pid;

	if (pipe2(pipefd, O_CLOEXEC) < 0) {
		failed(out, "pipe: %s", strerror(errno));
		return -1;
	}
	pid = fork();
	if (pid < 0) {
		failed(out, "fork: %s", strerror(errno));
		close(pipefd[0]);
		close(pipefd[1]);
		return -1;
	}
	if (pid == 0) {
		sigset_t none;
		int null = open("/dev/null", O_RDWR);

		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		dup2(null, STDIN_FILENO);
		dup2(pipefd[1], STDOUT_FILENO);
		if (quiet)
			dup2(null, STDERR_FILENO);
		execve(argv[0], argv, envp);
		_exit(127);
	}
	close(pipefd[1]);
	for (;;) {
		char buf[4096];
		ssize_t n;

		if (!wait_fd(pipefd[0], POLLIN, deadline_us)) {
			kill(pid, SIGKILL);
			waitpid(pid, NULL, 0);
			close(pipefd[0]);
			failed(out, "%s still running after the timeout: killed",
			       argv[0]);
			return -1;
		}
		n = read(pipefd[0], buf, sizeof(buf));
		if (n <= 0)
			break;
		if (output && used + 1 < output_len) {
			size_t room = output_len - used - 1;
			size_t take = (size_t)n < room ? (size_t)n : room;

			memcpy(output + used, buf, take);
			used += take;
		}
	}
	close(pipefd[0]);
	if (output)
		output[used] = '\0';
	/* Output closed: the command is ending; what is left is its exit. */
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			failed(out, "waitpid: %s", strerror(errno));
			return -1;
		}
	}
	return status;
}

/* execve() wants a path: look @name up on PATH unless it has a slash. */
static void find_program(const char *name, char *out, size_t len)
{
	const char *path = getenv("PATH");
	char dirs[1024];

	snprintf(out, len, "%s", name);
	if (strchr(name, '/') || !path)
		return;
	snprintf(dirs, sizeof(dirs), "%s", path);
	for (char *save = NULL, *dir = strtok_r(dirs, ":", &save); dir;
	     dir = strtok_r(NULL, ":", &save)) {
		char candidate[512];

		snprintf(candidate, sizeof(candidate), "%s/%s", dir, name);
		if (!access(candidate, X_OK)) {
			snprintf(out, len, "%s", candidate);
			return;
		}
	}
}

static void check_exec(const struct config_probe *probe,
		       const struct check_binding *binding,
		       struct check_result *out)
{
	char vars[5][64];
	char local[INET6_ADDRSTRLEN] = "";
	size_t inherited = 0;
	uint64_t start = now_us();
	char **envp;
	int status;

	while (environ[inherited])
		inherited++;
	envp = calloc(inherited + 6, sizeof(*envp));
	if (!envp) {
		failed(out, "out of memory");
		return;
	}
	memcpy(envp, environ, inherited * sizeof(*envp));
	if (binding->local.family != AF_UNSPEC)
		mpvpn_addr_format(&binding->local, local, sizeof(local));
	/* The command cannot be bound for it: it learns where to go. */
	snprintf(vars[0], sizeof(vars[0]), "MPVPN_DEVICE=%s", binding->device);
	snprintf(vars[1], sizeof(vars[1]), "MPVPN_PATH=%s", binding->path);
	snprintf(vars[2], sizeof(vars[2]), "MPVPN_PROBE=%s", probe->name);
	snprintf(vars[3], sizeof(vars[3]), "MPVPN_LOCAL_DEV=%s", binding->dev);
	snprintf(vars[4], sizeof(vars[4]), "MPVPN_LOCAL_ADDR=%s", local);
	for (int i = 0; i < 5; i++)
		envp[inherited + (size_t)i] = vars[i];
	status = run_command(probe->command, envp, NULL, 0, false,
			     start + (uint64_t)probe->timeout_ms * 1000, out);
	free(envp);
	if (status < 0)
		return;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		succeeded(out, start);
	else if (WIFEXITED(status))
		failed(out, "%s exited with status %d", probe->command[0],
		       WEXITSTATUS(status));
	else
		failed(out, "%s killed by signal %d", probe->command[0],
		       WTERMSIG(status));
}

/*
 * FRR: "show bgp neighbors ADDR json" answers {"ADDR": {"bgpState":
 * "Established", ...}}; any other state, or no such neighbour, fails.
 */
static void check_bgp(const struct config_probe *probe,
		      struct check_result *out)
{
	char neighbor[INET6_ADDRSTRLEN], command[128], program[512];
	const char *vtysh = getenv("MPVPND_VTYSH");
	uint64_t start = now_us();
	char *output = malloc(ANSWER_MAX);
	json_t *root = NULL, *state;
	json_error_t error;
	char *argv[4];
	int status;

	if (!output) {
		failed(out, "out of memory");
		return;
	}
	mpvpn_addr_format(&probe->neighbor, neighbor, sizeof(neighbor));
	snprintf(command, sizeof(command), "show bgp neighbors %s json",
		 neighbor);
	find_program(vtysh ? vtysh : CHECK_VTYSH_DEFAULT, program,
		     sizeof(program));
	argv[0] = program;
	argv[1] = "-c";
	argv[2] = command;
	argv[3] = NULL;
	/* vtysh warns on stderr about files it looks for at every run. */
	status = run_command(argv, environ, output, ANSWER_MAX, true,
			     start + (uint64_t)probe->timeout_ms * 1000, out);
	if (status < 0)
		goto out;
	if (!WIFEXITED(status) || WEXITSTATUS(status)) {
		failed(out, "vtysh failed (status %d)",
		       WIFEXITED(status) ? WEXITSTATUS(status) : -1);
		goto out;
	}
	root = json_loads(output, 0, &error);
	state = json_object_get(json_object_get(root, neighbor), "bgpState");
	if (!json_is_string(state)) {
		failed(out, "vtysh knows no neighbor %s", neighbor);
		goto out;
	}
	if (strcmp(json_string_value(state), "Established")) {
		failed(out, "BGP session with %s is %s", neighbor,
		       json_string_value(state));
		goto out;
	}
	succeeded(out, start);
	snprintf(out->detail, sizeof(out->detail), "Established");
out:
	json_decref(root);
	free(output);
}

void check_run(const struct config_probe *probe,
	       const struct check_binding *binding, struct check_result *out)
{
	memset(out, 0, sizeof(*out));
	switch (probe->type) {
	case PROBE_ICMP:
		check_icmp(probe, binding, out);
		break;
	case PROBE_UDP:
		check_udp(probe, binding, out);
		break;
	case PROBE_TCP:
		check_tcp(probe, binding, out);
		break;
	case PROBE_HTTP:
		check_http(probe, binding, out);
		break;
	case PROBE_DNS:
		check_dns(probe, binding, out);
		break;
	case PROBE_BGP:
		check_bgp(probe, out);
		break;
	case PROBE_EXEC:
		check_exec(probe, binding, out);
		break;
	case PROBE_TYPE_COUNT:
		failed(out, "unknown probe type");
		break;
	}
}
