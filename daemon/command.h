/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What mpvpnd does besides running: check a configuration file (-t),
 * and have the running daemon reload one (--reload), found by the pid
 * file it writes (--pid-file). Each returns the exit status.
 */
#ifndef MPVPND_COMMAND_H
#define MPVPND_COMMAND_H

#include <stdbool.h>
#include <stdio.h>

#include "config.h"

/* Where --reload looks for the daemon unless told otherwise. */
#define COMMAND_PID_FILE_DEFAULT	"/run/mpvpnd/mpvpnd.pid"

/*
 * Every error of @report on @out as "FILE:LINE:COLUMN: FIELD: ...", and
 * every warning as "warning: FILE:LINE:COLUMN: FIELD: ...".
 */
void command_print_report(const struct config_report *report, FILE *out);

/*
 * -t FILE: every error and warning on stderr, then "FILE: valid (...)"
 * on stdout. 0 when valid (warnings or not), 1 otherwise.
 */
int command_check(const char *file, bool offline);

/*
 * --reload: checks @file as -t does, refuses one without devices unless
 * @force (the daemon would delete every device it made), then signals
 * the daemon whose pid @pid_file holds: SIGHUP, or SIGUSR1 with @force.
 */
int command_reload(const char *file, const char *pid_file, bool force);

/* The daemon's own pid into @pid_file; 0 or a negative errno. */
int command_write_pid_file(const char *pid_file);

#endif /* MPVPND_COMMAND_H */
