// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * rawflood: sends prepared IPv4 packets round and round through a raw
 * socket, as fast as it can, for a while. The scenarios' floods build
 * their packets in Python (tests/lib/attacker.py), which in the emulated
 * debug VM sends a few hundred a second; this sends what it builds at the
 * rate the kernel takes them.
 *
 *   rawflood FILE SECONDS
 *	FILE holds the packets, each a 2-byte big-endian length and that
 *	many bytes of a whole IPv4 packet (header included, as IP_HDRINCL
 *	takes it); prints JSON: sent, seconds
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#define MAX_PACKETS	4096
#define MAX_LEN		1500

struct packet {
	uint16_t len;
	uint8_t data[MAX_LEN];
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static size_t load(const char *path, struct packet *packets)
{
	FILE *f = fopen(path, "rb");
	uint8_t be[2];
	size_t n = 0;

	if (!f) {
		perror(path);
		exit(1);
	}
	while (n < MAX_PACKETS && fread(be, 1, 2, f) == 2) {
		packets[n].len = (uint16_t)(be[0] << 8 | be[1]);
		if (packets[n].len < 20 || packets[n].len > MAX_LEN ||
		    fread(packets[n].data, 1, packets[n].len, f) != packets[n].len) {
			fprintf(stderr, "%s: packet %zu is cut or too long\n", path, n);
			exit(1);
		}
		n++;
	}
	fclose(f);
	return n;
}

int main(int argc, char **argv)
{
	static struct packet packets[MAX_PACKETS];
	struct sockaddr_in to = { .sin_family = AF_INET };
	unsigned long long sent = 0;
	double seconds, start, end;
	size_t n, i;
	int fd;

	if (argc != 3) {
		fprintf(stderr, "usage: rawflood FILE SECONDS\n");
		return 2;
	}
	n = load(argv[1], packets);
	seconds = atof(argv[2]);
	if (!n) {
		fprintf(stderr, "%s: no packet\n", argv[1]);
		return 1;
	}
	fd = socket(AF_INET, SOCK_RAW, IPPROTO_RAW);
	if (fd < 0) {
		perror("socket");
		return 1;
	}
	start = now();
	end = start + seconds;
	while (now() < end) {
		for (i = 0; i < n; i++) {
			/* The destination is the packet's own (bytes 16 to 19). */
			memcpy(&to.sin_addr, packets[i].data + 16, 4);
			if (sendto(fd, packets[i].data, packets[i].len, 0,
				   (struct sockaddr *)&to, sizeof(to)) >= 0)
				sent++;
		}
	}
	printf("{\"sent\": %llu, \"seconds\": %.1f}\n", sent, now() - start);
	return 0;
}
