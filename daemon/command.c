// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "command.h"
#include "resolve.h"

void command_print_report(const struct config_report *report, FILE *out)
{
	for (size_t i = 0; i < report->errors.count; i++)
		fprintf(out, "%s\n", report->errors.items[i].text);
	for (size_t i = 0; i < report->warnings.count; i++)
		fprintf(out, "warning: %s\n", report->warnings.items[i].text);
}

static size_t path_count(const struct config *config)
{
	size_t paths = 0;

	for (size_t i = 0; i < config->device_count; i++)
		paths += config->devices[i].path_count;
	return paths;
}

/* Reads and judges @file, says so; 0 when valid. */
static int check(const char *file, bool offline, struct config *config)
{
	const struct config_options options = {
		.offline = offline,
		.resolve = resolve_host,
	};
	struct config_report report;
	int ret = config_read_file(file, &options, config, &report);

	command_print_report(&report, stderr);
	if (ret < 0)
		fprintf(stderr, "%s: %zu error%s\n", file, report.errors.count,
			report.errors.count == 1 ? "" : "s");
	else
		printf("%s: valid (%zu devices, %zu paths, %zu hooks%s)%s\n",
		       file, config->device_count, path_count(config),
		       config->hook_count, offline ?
		       "; key files, CA files and hook programs not looked at" :
		       "", report.warnings.count ? ", with warnings" : "");
	config_report_free(&report);
	return ret < 0 ? 1 : 0;
}

int command_check(const char *file, bool offline)
{
	struct config config;
	int status = check(file, offline, &config);

	config_free(&config);
	return status;
}

/* The pid in @pid_file, or 0 after saying why there is none. */
static pid_t read_pid(const char *pid_file)
{
	FILE *f = fopen(pid_file, "r");
	long pid = 0;

	if (!f) {
		fprintf(stderr, "mpvpnd: %s: %s; is mpvpnd running, with --pid-file %s?\n",
			pid_file, strerror(errno), pid_file);
		return 0;
	}
	if (fscanf(f, "%ld", &pid) != 1 || pid <= 1)
		fprintf(stderr, "mpvpnd: %s holds no process id\n", pid_file);
	fclose(f);
	return pid > 1 ? (pid_t)pid : 0;
}

int command_reload(const char *file, const char *pid_file, bool force)
{
	struct config config;
	int status = check(file, false, &config);
	size_t devices = config.device_count;
	pid_t pid;

	config_free(&config);
	if (status) {
		fprintf(stderr, "mpvpnd: %s is refused; the running configuration stays in force\n",
			file);
		return status;
	}
	if (!devices && !force) {
		fprintf(stderr, "mpvpnd: %s has no devices: the daemon would delete every device it made.\n"
			"If that is what you want: mpvpnd --reload --force\n",
			file);
		return 1;
	}
	pid = read_pid(pid_file);
	if (!pid)
		return 1;
	if (kill(pid, force ? SIGUSR1 : SIGHUP) < 0) {
		fprintf(stderr, "mpvpnd: signalling process %ld: %s\n",
			(long)pid, strerror(errno));
		return 1;
	}
	return 0;
}

int command_write_pid_file(const char *pid_file)
{
	FILE *f = fopen(pid_file, "w");
	int err;

	if (!f)
		return -errno;
	fprintf(f, "%ld\n", (long)getpid());
	err = ferror(f) ? EIO : 0;
	if (fclose(f) != 0 && !err)
		err = errno;
	return -err;
}
