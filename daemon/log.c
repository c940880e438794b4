// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>

#include "log.h"

static struct {
	enum log_target target;
	bool debug;
	bool journal;		/* stderr is systemd's journal */
	bool echo;		/* errors to stderr too (log_echo_errors()) */
} log_state = { LOG_TARGET_STDERR, false, false, false };

/*
 * Whether stderr is a stream of systemd's journal: systemd says so in
 * JOURNAL_STREAM, "DEVICE:INODE" of the stream it gave the service
 * (systemd.exec(5)); a program started from such a service inherits the
 * variable but not necessarily the stream.
 */
static bool stderr_is_journal(void)
{
	const char *stream = getenv("JOURNAL_STREAM");
	unsigned long long dev, ino;
	struct stat st;

	return stream && sscanf(stream, "%llu:%llu", &dev, &ino) == 2 &&
	       fstat(STDERR_FILENO, &st) == 0 &&
	       (unsigned long long)st.st_dev == dev &&
	       (unsigned long long)st.st_ino == ino;
}

void log_open(enum log_target target, bool debug)
{
	log_close();
	log_state.target = target;
	log_state.debug = debug;
	log_state.journal = target == LOG_TARGET_STDERR && stderr_is_journal();
	if (target == LOG_TARGET_SYSLOG)
		openlog("mpvpnd", LOG_PID, LOG_DAEMON);
}

void log_close(void)
{
	if (log_state.target == LOG_TARGET_SYSLOG)
		closelog();
	log_state.target = LOG_TARGET_STDERR;
	log_state.journal = false;
	log_state.echo = false;
}

void log_echo_errors(bool echo)
{
	log_state.echo = echo;
}

static const char *level_word(int priority)
{
	switch (priority) {
	case LOG_EMERG:
	case LOG_ALERT:
	case LOG_CRIT:
	case LOG_ERR:
		return "error: ";
	case LOG_WARNING:
		return "warning: ";
	case LOG_DEBUG:
		return "debug: ";
	default:
		return "";
	}
}

static void to_stderr(int priority, const char *fmt, va_list ap)
{
	struct timespec now;
	struct tm tm;

	if (log_state.journal) {
		/* The journal stamps and names the line; "<3>" is its level. */
		fprintf(stderr, "<%d>", priority);
	} else {
		/* Wall-clock stamps let a scenario line logs up with events. */
		clock_gettime(CLOCK_REALTIME, &now);
		localtime_r(&now.tv_sec, &tm);
		fprintf(stderr, "%02d:%02d:%02d.%03ld mpvpnd: ", tm.tm_hour,
			tm.tm_min, tm.tm_sec, now.tv_nsec / 1000000);
	}
	fputs(level_word(priority), stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	fflush(stderr);
}

void log_msg(int priority, const char *fmt, ...)
{
	va_list ap;

	if (priority == LOG_DEBUG && !log_state.debug)
		return;
	va_start(ap, fmt);
	switch (log_state.target) {
	case LOG_TARGET_SYSLOG:
		if (log_state.echo && priority <= LOG_WARNING) {
			va_list copy;

			va_copy(copy, ap);
			to_stderr(priority, fmt, copy);
			va_end(copy);
		}
		vsyslog(priority, fmt, ap);
		break;
	case LOG_TARGET_STDERR:
		to_stderr(priority, fmt, ap);
		break;
	case LOG_TARGET_NONE:
		break;
	}
	va_end(ap);
}
