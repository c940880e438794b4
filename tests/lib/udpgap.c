// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * udpgap: outage measurement with a sequence-numbered UDP stream sent at a
 * fixed interval. The scenarios' streams run in the emulated debug VM,
 * where a Python interpreter took a second to start and a good part of a
 * CPU to send a packet a millisecond; this does the same in C.
 *
 *   udpgap recv PORT SECONDS READY_FILE TIMES_FILE [from-start]
 *	creates READY_FILE.bound once its socket is bound and READY_FILE
 *	once 100 packets arrived; ends 3 s after the last packet or after
 *	SECONDS; then reads the sender's TIMES_FILE and prints JSON:
 *	received, lost, lost_at_start, lost_at_end, loss_runs, reordered,
 *	duplicates, outage_ms, run_lost, loss_window_ms, max_gap_ms
 *   udpgap send ADDR PORT SECONDS INTERVAL_MS STOP_FILE TIMES_FILE [GO_FIFO]
 *	sends until STOP_FILE exists or SECONDS passed; writes the send time
 *	of every packet to TIMES_FILE (native doubles, seconds of
 *	CLOCK_MONOTONIC); prints JSON: sent. With GO_FIFO, creates
 *	GO_FIFO.ready and starts only once a line can be read from GO_FIFO
 *	(a stream that starts the moment a fault goes in, on an idle tunnel).
 *
 * outage_ms: the longest run of lost packets, from the send time of its
 * first packet to that of its last, plus one interval: whatever was sent
 * in that time got lost. On a steady sender it is the number of packets
 * lost times the interval; a sender that stalls inside the run stretches
 * it, and counting packets instead would hide an outage whenever the
 * sender stalls in it. With "from-start", packets lost before the first
 * one that arrived form a run too: on a stream started together with a
 * fault, it is the time the tunnel took to carry traffic again. Otherwise
 * they are the stream's own start-up and are not counted in any figure.
 * run_lost: the packets lost in that run. loss_window_ms: the same run
 * timed from the last packet that arrived before it to the first one
 * after it, less one interval: an upper bound that includes sender stalls
 * next to the loss. reordered: packets that arrived after a later one;
 * duplicates: packets that arrived twice. max_gap_ms: the longest time
 * between two arrivals, less one interval. Sender and receiver share
 * CLOCK_MONOTONIC (network namespaces of one kernel).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Arrivals past this sequence number are not counted (60 s at 1 ms). */
#define MAX_SEQ		(1 << 20)

static void die(const char *what)
{
	fprintf(stderr, "udpgap: %s: %s\n", what, strerror(errno));
	exit(1);
}

static double monotonic(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void touch(const char *file, const char *suffix)
{
	char path[4096];
	int fd;

	snprintf(path, sizeof(path), "%s%s", file, suffix);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		die(path);
	close(fd);
}

static bool exists(const char *file)
{
	struct stat st;

	return stat(file, &st) == 0;
}

/* The sender's send times, waiting up to 10 s for it to write them. */
static double *read_times(const char *file, size_t *count)
{
	double *times = NULL;
	FILE *f = NULL;
	long size;

	for (int i = 0; i < 100 && !(f = fopen(file, "rb")); i++)
		usleep(100000);
	if (!f) {
		fprintf(stderr, "udpgap: the sender never wrote %s\n", file);
		exit(1);
	}
	if (fseek(f, 0, SEEK_END) < 0 || (size = ftell(f)) < 0)
		die(file);
	rewind(f);
	*count = (size_t)size / sizeof(double);
	times = calloc(*count + 1, sizeof(double));
	if (!times || fread(times, sizeof(double), *count, f) != *count)
		die(file);
	fclose(f);
	return times;
}

struct arrivals {
	unsigned char *seen;	/* by sequence number */
	long highest;		/* -1: nothing yet */
	long lowest;
	size_t received;
	unsigned long reordered;
	unsigned long duplicates;
	double max_gap;
	double interval;	/* seconds, as the packets say */
};

static void arrived(struct arrivals *a, long seq, double interval)
{
	if (seq < 0 || seq >= MAX_SEQ)
		return;
	a->interval = interval;
	if (a->seen[seq]) {
		a->duplicates++;
		return;
	}
	if (seq < a->highest)
		a->reordered++;
	if (seq > a->highest)
		a->highest = seq;
	if (!a->received || seq < a->lowest)
		a->lowest = seq;
	a->seen[seq] = 1;
	a->received++;
}

static void report(const struct arrivals *a, const double *sent_at,
		   size_t sent, bool from_start)
{
	double span = 0, window = 0, width;
	unsigned long runs = 0, lost = 0, run = 0;
	long before = -1, first, final, after;

	/*
	 * Every run of lost packets between two that arrived (and, from the
	 * start, the one before the first arrival): the longest by send time.
	 */
	for (long seq = 0; a->received && seq <= a->highest; seq++) {
		if (!a->seen[seq])
			continue;
		if (seq > before + 1 && (before >= 0 || from_start)) {
			first = before + 1;
			final = seq - 1;
			after = seq;
			runs++;
			lost += final - first + 1;
			width = sent_at[final] - sent_at[first] + a->interval;
			if ((size_t)after < sent && width > span) {
				run = final - first + 1;
				span = width;
				window = before < 0 ? 0 : sent_at[after] -
					sent_at[before] - a->interval;
			}
		}
		before = seq;
	}
	printf("{\"received\": %zu, \"lost\": %lu, \"lost_at_start\": %ld, "
	       "\"lost_at_end\": %ld, \"loss_runs\": %lu, \"reordered\": %lu, "
	       "\"duplicates\": %lu, \"outage_ms\": %.1f, \"run_lost\": %lu, "
	       "\"loss_window_ms\": %.1f, \"max_gap_ms\": %.1f}\n",
	       a->received, lost,
	       a->received && !from_start ? a->lowest : 0,
	       a->received ? (long)sent - 1 - a->highest : (long)sent,
	       runs, a->reordered, a->duplicates, span * 1000, run,
	       (window > 0 ? window : 0) * 1000,
	       (a->max_gap > a->interval ? a->max_gap - a->interval : 0) * 1000);
}

static int do_recv(int port, double seconds, const char *ready_file,
		   const char *times_file, bool from_start)
{
	struct sockaddr_in6 any = {
		.sin6_family = AF_INET6, .sin6_port = htons(port),
		.sin6_addr = IN6ADDR_ANY_INIT,
	};
	struct arrivals a = { .highest = -1 };
	int off = 0, buf = 8 << 20, sock;
	double end, now, last = -1;
	size_t sent;
	double *sent_at;
	char data[64];
	ssize_t len;

	a.seen = calloc(MAX_SEQ, 1);
	sock = socket(AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (!a.seen || sock < 0)
		die("socket");
	setsockopt(sock, IPPROTO_IPV6, IPV6_V6ONLY, &off, sizeof(off));
	/*
	 * Room for seconds of the stream: this process may stall for tens of
	 * ms under emulation, and a packet the tunnel delivered must not be
	 * lost in our own socket buffer and blamed on the tunnel.
	 */
	if (setsockopt(sock, SOL_SOCKET, SO_RCVBUFFORCE, &buf, sizeof(buf)) < 0)
		die("SO_RCVBUFFORCE");
	if (bind(sock, (struct sockaddr *)&any, sizeof(any)) < 0)
		die("bind");
	touch(ready_file, ".bound");

	end = monotonic() + seconds;
	while ((now = monotonic()) < end) {
		struct pollfd pfd = { .fd = sock, .events = POLLIN };
		long seq, interval_ms;

		if (poll(&pfd, 1, 200) <= 0) {
			if (last >= 0 && monotonic() - last > 3)
				break;
			continue;
		}
		len = recv(sock, data, sizeof(data) - 1, 0);
		if (len < 0)
			continue;
		now = monotonic();
		data[len] = '\0';
		if (sscanf(data, "%ld %ld", &seq, &interval_ms) != 2)
			continue;
		arrived(&a, seq, interval_ms / 1000.0);
		if (a.received == 100)
			touch(ready_file, "");
		if (last >= 0 && now - last > a.max_gap)
			a.max_gap = now - last;
		last = now;
	}
	sent_at = read_times(times_file, &sent);
	report(&a, sent_at, sent, from_start);
	free(sent_at);
	free(a.seen);
	return 0;
}

/* Waits for a line on the FIFO @go, opened read-write so as not to block. */
static void wait_for_go(const char *go)
{
	char line[16];
	FILE *f;
	int fd;

	fd = open(go, O_RDWR | O_CLOEXEC);
	if (fd < 0 || !(f = fdopen(fd, "r")))
		die(go);
	touch(go, ".ready");
	if (!fgets(line, sizeof(line), f))
		die(go);
	fclose(f);
}

static int do_send(const char *addr, const char *port, double seconds,
		   long interval_ms, const char *stop_file,
		   const char *times_file, const char *go)
{
	struct addrinfo hints = { .ai_socktype = SOCK_DGRAM,
				  .ai_flags = AI_NUMERICHOST };
	struct addrinfo *dest;
	size_t cap = 4096, seq = 0;
	double *sent_at = malloc(cap * sizeof(double));
	char tmp[4096], data[64];
	struct timespec due;
	double start;
	FILE *f;
	int sock;

	if (!sent_at || getaddrinfo(addr, port, &hints, &dest))
		die(addr);
	sock = socket(dest->ai_family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (sock < 0)
		die("socket");
	if (go)
		wait_for_go(go);

	start = monotonic();
	for (;;) {
		double at = start + seq * interval_ms / 1000.0;
		double now = monotonic();

		if (now - start > seconds || (seq % 50 == 0 && exists(stop_file)))
			break;
		if (at > now) {
			due.tv_sec = (time_t)at;
			due.tv_nsec = (long)((at - due.tv_sec) * 1e9);
			clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &due, NULL);
		}
		if (seq == cap) {
			cap *= 2;
			sent_at = realloc(sent_at, cap * sizeof(double));
			if (!sent_at)
				die("realloc");
		}
		sent_at[seq] = monotonic();
		snprintf(data, sizeof(data), "%zu %ld", seq, interval_ms);
		/* No route during a failover: the receiver sees the gap. */
		sendto(sock, data, strlen(data), 0, dest->ai_addr,
		       dest->ai_addrlen);
		seq++;
	}
	snprintf(tmp, sizeof(tmp), "%s.tmp", times_file);
	f = fopen(tmp, "wb");
	if (!f || fwrite(sent_at, sizeof(double), seq, f) != seq || fclose(f))
		die(tmp);
	if (rename(tmp, times_file) < 0)
		die(times_file);
	printf("{\"sent\": %zu}\n", seq);
	freeaddrinfo(dest);
	free(sent_at);
	return 0;
}

static void usage(void)
{
	fprintf(stderr, "usage: udpgap recv PORT SECONDS READY_FILE TIMES_FILE [from-start]\n"
		"       udpgap send ADDR PORT SECONDS INTERVAL_MS STOP_FILE TIMES_FILE [GO_FIFO]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	if (argc >= 6 && argc <= 7 && !strcmp(argv[1], "recv"))
		return do_recv(atoi(argv[2]), atof(argv[3]), argv[4], argv[5],
			       argc == 7 && !strcmp(argv[6], "from-start"));
	if (argc >= 8 && argc <= 9 && !strcmp(argv[1], "send"))
		return do_send(argv[2], argv[3], atof(argv[4]), atol(argv[5]),
			       argv[6], argv[7], argc == 9 ? argv[8] : NULL);
	usage();
	return 2;
}
