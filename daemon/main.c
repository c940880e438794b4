// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * mpvpnd: makes the kernel's mpvpn devices and paths match
 * /etc/mpvpn/mpvpnd.json, runs the external probes of the paths and pushes
 * their verdicts, logs the kernel's events and runs hooks on them.
 *
 * Fail static: the daemon never tears down what it configured when it
 * stops, crashes or is restarted. The kernel forwards and fails over on
 * its own; a new daemon adopts the devices and changes only what differs.
 *
 * Signals are read from a signalfd in the poll loop: SIGHUP re-reads the
 * file, SIGUSR1 too and applies even a file that deletes every device
 * (--reload --force), SIGTERM and SIGINT end the daemon, SIGCHLD reaps
 * hooks. Under systemd (Type=notify) it tells the service manager when
 * it is ready, reloading and stopping (notify.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/signalfd.h>
#include <curl/curl.h>

#include "command.h"
#include "config.h"
#include "events.h"
#include "hooks.h"
#include "kmod.h"
#include "log.h"
#include "metrics.h"
#include "notify.h"
#include "probes.h"
#include "reconcile.h"
#include "resolve.h"

#ifndef MPVPN_VERSION
#define MPVPN_VERSION "0.0.0"
#endif

/* After a change the kernel refused, try again this often. */
#define RETRY_INTERVAL_MS	10000

struct options {
	const char *config_file;
	const char *check_file;	/* --check-config */
	const char *pid_file;	/* --pid-file; NULL: none */
	bool foreground;
	bool syslog;
	bool debug;
	bool offline;		/* --offline, with --check-config */
	bool reload;		/* --reload */
	bool force;		/* --force, with --reload */
};

struct daemon {
	const struct options *options;
	struct config applied;		/* the configuration in force */
	struct mpvpn_client *client;
	int signal_fd;
	struct hooks hooks;
	struct probe_engine probes;
	bool probes_ready;		/* @probes was set up */
	struct metrics metrics;
	uint64_t retry_at_ms;		/* 0: nothing to retry */
	uint64_t event_seq;		/* events received so far */
	char last_event[160];		/* for the service manager's status */
	bool stop;
};

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static void usage(FILE *out)
{
	fprintf(out,
		"Usage: mpvpnd [-c FILE] [-f] [-s] [-d] [--pid-file PIDFILE]\n"
		"       mpvpnd -t FILE [--offline]\n"
		"       mpvpnd --reload [--force] [-c FILE] [--pid-file PIDFILE]\n"
		"       mpvpnd -h | -V\n"
		"\n"
		"Creates or adopts the mpvpn devices and paths of FILE (default\n"
		"%s), logs the kernel's events and runs the configured hooks.\n"
		"SIGHUP re-reads FILE and applies what changed; an invalid file is\n"
		"refused and the running configuration kept, and so is a file\n"
		"without devices, which would delete them all (SIGUSR1 applies it).\n"
		"Stopping the daemon leaves the tunnels as they are.\n"
		"\n"
		"  -c, --config FILE        the configuration file\n"
		"  -t, --check-config FILE  only check FILE: print every error and\n"
		"                           warning; exit 0 if valid, else 1\n"
		"      --offline            with -t: FILE alone, not the key, CA and\n"
		"                           program files it names (for CI)\n"
		"      --reload             check FILE, then have the running daemon\n"
		"                           apply it (its pid from PIDFILE, default\n"
		"                           %s)\n"
		"      --force              with --reload: a FILE without devices too\n"
		"      --pid-file PIDFILE   the daemon writes its pid there\n"
		"  -f, --foreground         do not detach; log to stderr\n"
		"  -s, --syslog             log to syslog even in the foreground\n"
		"  -d, --debug              log debug messages too\n"
		"  -h, --help               this help\n"
		"  -V, --version            the version\n"
		"See mpvpnd(8) and mpvpnd.conf(5).\n",
		CONFIG_DEFAULT_FILE, COMMAND_PID_FILE_DEFAULT);
}

/* Long options without a short one. */
enum { OPT_OFFLINE = 256, OPT_RELOAD, OPT_FORCE, OPT_PID_FILE };

/* Options that only go with another; 0, or the exit status + 1. */
static int check_combinations(const struct options *options)
{
	const char *alone = options->offline && !options->check_file ?
			    "--offline goes with --check-config" :
			    options->force && !options->reload ?
			    "--force goes with --reload" :
			    options->reload && options->check_file ?
			    "--reload and --check-config exclude each other" : NULL;

	if (!alone)
		return 0;
	fprintf(stderr, "mpvpnd: %s\n", alone);
	usage(stderr);
	return 3;
}

/* 0 to go on, or the exit status + 1 for --help and friends. */
static int parse_options(int argc, char **argv, struct options *options)
{
	static const struct option longopts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "check-config", required_argument, NULL, 't' },
		{ "offline", no_argument, NULL, OPT_OFFLINE },
		{ "reload", no_argument, NULL, OPT_RELOAD },
		{ "force", no_argument, NULL, OPT_FORCE },
		{ "pid-file", required_argument, NULL, OPT_PID_FILE },
		{ "foreground", no_argument, NULL, 'f' },
		{ "syslog", no_argument, NULL, 's' },
		{ "debug", no_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	int opt;

	options->config_file = CONFIG_DEFAULT_FILE;
	while ((opt = getopt_long(argc, argv, "c:t:fsdhV", longopts, NULL)) != -1) {
		switch (opt) {
		case 'c': options->config_file = optarg; break;
		case 't': options->check_file = optarg; break;
		case OPT_OFFLINE: options->offline = true; break;
		case OPT_RELOAD: options->reload = true; break;
		case OPT_FORCE: options->force = true; break;
		case OPT_PID_FILE: options->pid_file = optarg; break;
		case 'f': options->foreground = true; break;
		case 's': options->syslog = true; break;
		case 'd': options->debug = true; break;
		case 'h': usage(stdout); return 1;
		case 'V': printf("mpvpnd %s\n", MPVPN_VERSION); return 1;
		default: usage(stderr); return 3;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "mpvpnd: unexpected argument '%s'\n", argv[optind]);
		usage(stderr);
		return 3;
	}
	return check_combinations(options);
}

/*
 * Reads @file into @config, logging every error and warning; 0 when it
 * is valid. @config is the caller's to free either way.
 */
static int load_config(const char *file, struct config *config)
{
	const struct config_options options = { .resolve = resolve_host };
	struct config_report report;
	int ret = config_read_file(file, &options, config, &report);

	for (size_t i = 0; i < report.errors.count; i++)
		log_err("%s", report.errors.items[i].text);
	for (size_t i = 0; i < report.warnings.count; i++)
		log_warn("%s", report.warnings.items[i].text);
	config_report_free(&report);
	return ret;
}

/* STATUS= of what is in force and the last event; and READY=1 with it. */
static void tell_status(const struct daemon *d, const char *state)
{
	char status[NOTIFY_STATUS_LEN], message[NOTIFY_STATUS_LEN + 32];

	snprintf(message, sizeof(message), "%sSTATUS=%s", state,
		 notify_status(&d->applied, d->last_event, status));
	notify_send(message);
}

/* Applies @wanted over @previous; schedules a retry when the kernel refused. */
static int apply_config(struct daemon *d, const struct config *previous,
			struct config *wanted)
{
	struct reconcile_result result;
	int ret = reconcile(d->client, previous, wanted, &result);

	if (ret < 0)
		return ret;
	if (result.failures) {
		log_warn("configuration applied with %u changes, %u failed; retrying in %d s",
			 result.changes, result.failures,
			 RETRY_INTERVAL_MS / 1000);
		d->retry_at_ms = now_ms() + RETRY_INTERVAL_MS;
	} else {
		log_info("configuration applied: %u changes", result.changes);
		d->retry_at_ms = 0;
	}
	return 0;
}

/* Whether @fresh would delete every device: refused unless @force. */
static bool deletes_all(const struct daemon *d, const struct config *fresh,
			bool force)
{
	if (fresh->device_count || !d->applied.device_count || force)
		return false;
	log_err("%s has no devices: applying it would delete all %zu (%s%s); use mpvpnd --reload --force (SIGUSR1) for that",
		d->options->config_file, d->applied.device_count,
		d->applied.devices[0].name,
		d->applied.device_count > 1 ? ", ..." : "");
	return true;
}

static void reload(struct daemon *d, bool force)
{
	struct config fresh;

	notify_send("RELOADING=1");
	log_info("%s: reading %s", force ? "SIGUSR1" : "SIGHUP",
		 d->options->config_file);
	if (load_config(d->options->config_file, &fresh) < 0 ||
	    deletes_all(d, &fresh, force)) {
		log_err("the new configuration is refused; the running one stays in force");
		goto refused;
	}
	if (apply_config(d, &d->applied, &fresh) < 0) {
		log_err("cannot read the kernel's state; the running configuration stays in force");
		goto refused;
	}
	metrics_note_config(&d->metrics.source, true);
	/*
	 * The probe threads read the configuration they started with, and
	 * the restart compares the old probes with the new: the old file is
	 * freed only once they are stopped and compared. The new threads
	 * read @fresh's arrays, which d->applied takes over as they are.
	 */
	probes_restart(&d->probes, &fresh, d->client);
	config_free(&d->applied);
	d->applied = fresh;
	metrics_configure(&d->metrics, &d->applied.metrics);
	tell_status(d, "READY=1\n");
	return;

refused:
	metrics_note_config(&d->metrics.source, false);
	config_free(&fresh);
	tell_status(d, "READY=1\n");
}

static void retry(struct daemon *d)
{
	log_info("retrying the changes that failed");
	if (apply_config(d, &d->applied, &d->applied) < 0)
		d->retry_at_ms = now_ms() + RETRY_INTERVAL_MS;
}

/* "10:11:12 mpvpn0: path fiber ...", for the service manager's status. */
static void note_last_event(struct daemon *d, const struct timespec *when,
			    const char *line)
{
	char time[MPVPN_TIME_STRLEN];
	size_t used;

	/* The time of day of "2026-12-07T10:11:12.250+01:00". */
	mpvpn_time_format(when, false, time);
	used = (size_t)snprintf(d->last_event, sizeof(d->last_event),
				"%.8s ", time + 11);
	snprintf(d->last_event + used, sizeof(d->last_event) - used, "%.*s",
		 (int)(sizeof(d->last_event) - used - 1), line);
	tell_status(d, "");
}

static int on_event(const struct mpvpn_event *event, void *arg)
{
	struct daemon *d = arg;
	struct event_stamp stamp = { .seq = ++d->event_seq };
	struct event_env env;
	char line[512];

	clock_gettime(CLOCK_REALTIME, &stamp.time);
	metrics_note_event(&d->metrics.marks, event);
	log_info("%s", mpvpn_event_text(event, line, sizeof(line)));
	note_last_event(d, &stamp.time, line);
	if (d->applied.hook_count) {
		event_env(event, &stamp, &env);
		hooks_start(&d->hooks, &d->applied, event, &env, stamp.seq,
			    now_ms());
	}
	return 0;
}

static void read_events(struct daemon *d)
{
	for (;;) {
		int ret = mpvpn_events_recv(d->client, on_event, d);

		if (ret == -EAGAIN || ret == -EINTR)
			return;
		if (ret == -ENOBUFS) {
			log_warn("%s", mpvpn_client_error(d->client));
			continue;
		}
		if (ret < 0) {
			log_warn("events: %s", mpvpn_client_error(d->client));
			if (ret != -EPROTO)
				return;
		}
	}
}

static void read_signals(struct daemon *d)
{
	struct signalfd_siginfo info;

	while (read(d->signal_fd, &info, sizeof(info)) == sizeof(info)) {
		switch (info.ssi_signo) {
		case SIGHUP:
		case SIGUSR1:
			reload(d, info.ssi_signo == SIGUSR1);
			break;
		case SIGTERM:
		case SIGINT:
			log_info("signal %d: exiting; the kernel keeps the devices and paths",
				 (int)info.ssi_signo);
			d->stop = true;
			break;
		case SIGCHLD:
			hooks_reap(&d->hooks, now_ms());
			break;
		}
	}
}

static int poll_timeout(const struct daemon *d)
{
	uint64_t now = now_ms();
	int timeout = hooks_timeout_ms(&d->hooks, now);

	if (d->retry_at_ms) {
		int retry_in = d->retry_at_ms <= now ? 0 :
			       (int)(d->retry_at_ms - now);

		if (timeout < 0 || retry_in < timeout)
			timeout = retry_in;
	}
	/* The HTTP listener's idle connections time out in MHD_run(). */
	if (d->metrics.httpd && (timeout < 0 || timeout > 1000))
		timeout = 1000;
	return timeout;
}

static int run(struct daemon *d)
{
	while (!d->stop) {
		struct pollfd fds[4] = {
			{ .fd = d->signal_fd, .events = POLLIN },
			{ .fd = mpvpn_events_fd(d->client), .events = POLLIN },
			{ .fd = probes_fd(&d->probes), .events = POLLIN },
			/* -1 (ignored by poll) while metrics are off. */
			{ .fd = metrics_fd(&d->metrics), .events = POLLIN },
		};
		int n = poll(fds, 4, poll_timeout(d));

		if (n < 0 && errno != EINTR) {
			log_err("poll: %s", strerror(errno));
			return 1;
		}
		if (fds[0].revents & POLLIN)
			read_signals(d);
		if (fds[1].revents & POLLIN)
			read_events(d);
		if (fds[2].revents & POLLIN)
			probes_read(&d->probes, d->client, now_ms());
		/* Also without input: libmicrohttpd times idle connections out. */
		metrics_run(&d->metrics);
		hooks_expire(&d->hooks, now_ms());
		if (d->retry_at_ms && now_ms() >= d->retry_at_ms)
			retry(d);
	}
	return 0;
}

/* Signals come through the signalfd only; blocked before anything forks. */
static int open_signals(void)
{
	sigset_t mask;

	sigemptyset(&mask);
	sigaddset(&mask, SIGHUP);
	sigaddset(&mask, SIGUSR1);
	sigaddset(&mask, SIGTERM);
	sigaddset(&mask, SIGINT);
	sigaddset(&mask, SIGCHLD);
	if (sigprocmask(SIG_BLOCK, &mask, NULL) < 0)
		return -1;
	/* A hook whose reader went away must not kill the daemon. */
	signal(SIGPIPE, SIG_IGN);
	return signalfd(-1, &mask, SFD_NONBLOCK | SFD_CLOEXEC);
}

static int connect_kernel(struct daemon *d)
{
	char err[256];
	int ret = kmod_ensure_loaded(MPVPN_MODULE_NAME, err, sizeof(err));
	int fd;

	if (ret == 0)
		log_info("module %s loaded", MPVPN_MODULE_NAME);
	d->client = mpvpn_client_new();
	if (!d->client) {
		log_err("out of memory");
		return -1;
	}
	/* Events first: none of those the start-up itself causes is missed. */
	if (mpvpn_client_connect(d->client) < 0 ||
	    mpvpn_events_open(d->client) < 0) {
		if (ret < 0)
			log_err("%s", err);
		log_err("connecting to the mpvpn kernel module: %s",
			mpvpn_client_error(d->client));
		return -1;
	}
	/*
	 * Without CAP_SYS_MODULE (the systemd unit has none) libkmod fails,
	 * and the kernel loads the module on demand by its genl alias.
	 */
	if (ret < 0)
		log_debug("%s; the kernel loaded it on demand", err);
	fd = mpvpn_events_fd(d->client);
	if (fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) < 0) {
		log_err("events socket: %s", strerror(errno));
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct options options = { 0 };
	struct daemon d = { .options = &options, .signal_fd = -1 };
	bool pid_file_written = false;
	int ret;

	ret = parse_options(argc, argv, &options);
	if (ret)
		return ret - 1;
	if (options.check_file)
		return command_check(options.check_file, options.offline);
	if (options.reload)
		return command_reload(options.config_file,
				      options.pid_file ? options.pid_file :
				      COMMAND_PID_FILE_DEFAULT, options.force);

	log_open(options.foreground && !options.syslog ? LOG_TARGET_STDERR :
							 LOG_TARGET_SYSLOG,
		 options.debug);
	/* Until it runs, whoever started it sees why it did not. */
	log_echo_errors(true);
	if (load_config(options.config_file, &d.applied) < 0) {
		log_err("not started: nothing was changed");
		config_free(&d.applied);
		log_close();
		return 1;
	}
	if (!options.foreground && daemon(0, 0) < 0) {
		log_err("daemon: %s", strerror(errno));
		config_free(&d.applied);
		log_close();
		return 1;
	}
	hooks_init(&d.hooks);
	ret = 1;
	if (options.pid_file) {
		int err = command_write_pid_file(options.pid_file);

		if (err < 0) {
			log_err("%s: %s", options.pid_file, strerror(-err));
			goto out;
		}
		pid_file_written = true;
	}
	/* Blocked before the probe threads start, so they inherit the mask. */
	d.signal_fd = open_signals();
	if (d.signal_fd < 0) {
		log_err("signals: %s", strerror(errno));
		goto out;
	}
	/* Once, before any thread: libcurl's global state is not thread-safe. */
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK ||
	    probes_init(&d.probes) < 0) {
		log_err("cannot set up the probes");
		goto out;
	}
	d.probes_ready = true;
	if (connect_kernel(&d) < 0)
		goto out;
	log_info("mpvpnd %s started with %s", MPVPN_VERSION,
		 options.config_file);
	if (apply_config(&d, NULL, &d.applied) < 0) {
		log_err("cannot read the kernel's state");
		goto out;
	}
	probes_restart(&d.probes, &d.applied, d.client);
	metrics_init(&d.metrics, d.client);
	d.metrics.source = (struct metrics_source){
		.version = MPVPN_VERSION,
		.hooks = &d.hooks.counts,
		.probes = &d.probes,
	};
	metrics_note_config(&d.metrics.source, true);
	metrics_configure(&d.metrics, &d.applied.metrics);
	log_echo_errors(false);
	tell_status(&d, "READY=1\n");
	ret = run(&d);
	notify_send("STOPPING=1");
	metrics_stop(&d.metrics);
out:
	/* The verdicts pushed stay in the kernel until they expire. */
	if (d.probes_ready)
		probes_free(&d.probes);
	hooks_free(&d.hooks);
	mpvpn_client_free(d.client);
	config_free(&d.applied);
	if (d.signal_fd >= 0)
		close(d.signal_fd);
	if (pid_file_written)
		unlink(options.pid_file);
	log_close();
	return ret;
}
