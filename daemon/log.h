/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The daemon's log: syslog (daemon facility) by default, stderr when it
 * runs in the foreground: with a time on a terminal, with the journal's
 * "<N>" level prefix when stderr is systemd's journal. The one piece of
 * process-wide state of the daemon; log_open() sets it and a test may
 * call it again to reset it.
 */
#ifndef MPVPND_LOG_H
#define MPVPND_LOG_H

#include <stdbool.h>
#include <syslog.h>

enum log_target {
	LOG_TARGET_STDERR,
	LOG_TARGET_SYSLOG,
	LOG_TARGET_NONE,	/* unit tests: say nothing */
};

void log_open(enum log_target target, bool debug);
void log_close(void);
/*
 * While starting, errors and warnings logged to syslog are printed on
 * stderr too, so that whoever started the daemon sees why it did not.
 */
void log_echo_errors(bool echo);

/* @priority is a syslog priority: LOG_ERR, LOG_WARNING, LOG_INFO... */
void log_msg(int priority, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#define log_err(...)	log_msg(LOG_ERR, __VA_ARGS__)
#define log_warn(...)	log_msg(LOG_WARNING, __VA_ARGS__)
#define log_info(...)	log_msg(LOG_INFO, __VA_ARGS__)
#define log_debug(...)	log_msg(LOG_DEBUG, __VA_ARGS__)

#endif /* MPVPND_LOG_H */
