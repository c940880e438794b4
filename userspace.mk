# SPDX-License-Identifier: GPL-2.0-or-later
# What tools/Makefile and daemon/Makefile share, included by both once
# they have set:
#
#   TOP           the repository, relative to the including directory
#   PKGS          the pkg-config packages their own sources use
#   SRC_DIRS      the directories of their objects
#   PROGRAMS      what "make clean" removes besides objects and tests
#   UNIT_DIR      the directory of their unit tests, test_*.c
#   LOCAL_CFLAGS  their feature macro and include directories
#
# and have defined "all", which stays the default goal.

# The one version, kept in kernel/version.h (module, dkms.conf, tools).
MPVPN_VERSION ?= $(shell sed -n 's/^\#define MPVPN_VERSION "\(.*\)"/\1/p' $(TOP)/kernel/version.h)
PKG_CONFIG ?= pkg-config
CFLAGS ?= -O2 -g

LIBMPVPN := $(TOP)/tools/libmpvpn/libmpvpn.a
# What libmpvpn.a needs wherever it is linked: libnl for the netlink
# client, libcrypto for psk.c.
LIBMPVPN_PKGS := libnl-genl-3.0 libcrypto

DEPS_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(PKGS))
DEPS_LIBS := $(shell $(PKG_CONFIG) --libs $(PKGS) $(LIBMPVPN_PKGS))

# -MMD -MP: each object's header dependencies, in a .d next to it.
ALL_CFLAGS = -std=c11 -Wall -Wextra -Werror $(CFLAGS) $(LOCAL_CFLAGS) \
	-I$(TOP)/uapi -I$(TOP)/common -I$(TOP)/tools/libmpvpn $(DEPS_CFLAGS) \
	-MMD -MP

UNIT_TESTS := $(patsubst %.c,%.test,$(wildcard $(UNIT_DIR)/test_*.c))

.PHONY: all check clean

%.o: %.c
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# Every test runs in its own directory, where its fixtures are; each
# prints its "N passed, N failed" line, and one failure fails the target.
check: all $(UNIT_TESTS)
	@status=0; \
	for test in $(UNIT_TESTS); do \
		echo "# $$test"; \
		(cd $$(dirname $$test) && ./$$(basename $$test)) || status=1; \
	done; \
	exit $$status

clean:
	$(RM) $(PROGRAMS) $(UNIT_DIR)/*.test $(UNIT_DIR)/*.d \
		$(addsuffix /*.o,$(SRC_DIRS)) $(addsuffix /*.d,$(SRC_DIRS))

-include $(wildcard $(addsuffix /*.d,$(SRC_DIRS) $(UNIT_DIR)))
