// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdarg.h>
#include <stdio.h>
#include <time.h>

#include "log.h"

static struct {
	enum log_target target;
	bool debug;
} log_state = { LOG_TARGET_STDERR, false };

void log_open(enum log_target target, bool debug)
{
	log_close();
	log_state.target = target;
	log_state.debug = debug;
	if (target == LOG_TARGET_SYSLOG)
		openlog("mpvpnd", LOG_PID, LOG_DAEMON);
}

void log_close(void)
{
	if (log_state.target == LOG_TARGET_SYSLOG)
		closelog();
	log_state.target = LOG_TARGET_STDERR;
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

void log_msg(int priority, const char *fmt, ...)
{
	va_list ap;

	if (priority == LOG_DEBUG && !log_state.debug)
		return;
	va_start(ap, fmt);
	switch (log_state.target) {
	case LOG_TARGET_SYSLOG:
		vsyslog(priority, fmt, ap);
		break;
	case LOG_TARGET_STDERR: {
		struct timespec now;
		struct tm tm;

		/* Wall-clock stamps let a scenario line logs up with events. */
		clock_gettime(CLOCK_REALTIME, &now);
		localtime_r(&now.tv_sec, &tm);
		fprintf(stderr, "%02d:%02d:%02d.%03ld mpvpnd: %s", tm.tm_hour,
			tm.tm_min, tm.tm_sec, now.tv_nsec / 1000000,
			level_word(priority));
		vfprintf(stderr, fmt, ap);
		fputc('\n', stderr);
		fflush(stderr);
		break;
	}
	case LOG_TARGET_NONE:
		break;
	}
	va_end(ap);
}
