# mpvpn: multipath UDP tunnel with in-kernel failover.
#   make            the module (against KDIR, see kernel/Makefile) and tools
#   make demo       boot Debian's kernel in a VM and show two gateways,
#                   brought up by mpvpnd, failing over (no kernel build)
#   make check      every test: userspace units, the module against the
#                   distribution headers, KUnit and scenarios in the VM,
#                   DKMS and scenarios on Debian's 6.1, 6.12 and 6.12-rt
#   make check-6.12 KUnit and every scenario on a debug build of
#                   linux-source-6.12 (a second CI stage)
#   make fuzz       the libFuzzer targets of the userspace parsers, 10 min
#                   each (FUZZ_SECONDS=N to change; make check runs 20 s)
#   make lint       checkpatch --strict and sparse on kernel/, cppcheck,
#                   docutils on Documentation/*.rst
#   make bench      mpvpn side by side with the kernel's tunnels and bonding
#                   on Debian's stock kernel (Documentation/performance.rst)
#   make install    the module through DKMS, the tools, ip's plugin, unit,
#                   man pages, bash completion and the daemon's example
#                   configuration
#   make uninstall  (see Documentation/install.rst)
SHELL := /bin/bash
KSRC_TARBALL := /usr/src/linux-source-6.1.tar.xz

VERSION := $(shell sed -n 's/^\#define MPVPN_VERSION "\(.*\)"/\1/p' kernel/version.h)
# Packagers set DESTDIR (then DKMS is left to the package's scripts) and
# PREFIX.
PREFIX ?= /usr
SBINDIR ?= $(PREFIX)/sbin
MANDIR ?= $(PREFIX)/share/man
UNITDIR ?= $(PREFIX)/lib/systemd/system
DOCDIR ?= $(PREFIX)/share/doc/mpvpn
COMPLETIONDIR ?= $(PREFIX)/share/bash-completion/completions
# ip looks for link type plugins in the one directory it was built with
# (Debian: /usr/lib/<multiarch>/ip), whatever PREFIX is.
IPLIBDIR ?= /usr/lib/$(shell $(CC) -print-multiarch)/ip
DKMS_SRC := /usr/src/mpvpn-$(VERSION)

all: module userspace

deps:
	@tools/install-deps

module:
	$(MAKE) -C kernel

userspace:
	$(MAKE) -C tools
	$(MAKE) -C daemon

# Userspace units, the DKMS-style build against Debian's headers, then the
# VM suite; one summary line over all of them.
check: deps
	@tests/check

check-6.12: deps
	@tests/check 6.12

# Debian's own kernel, no kernel build: a few minutes (README).
demo:
	@tests/demo/run

lint: deps
	@tests/lint

FUZZ_SECONDS ?= 600
fuzz: deps
	@FUZZ_SECONDS=$(FUZZ_SECONDS) tests/fuzz/run

bench: deps
	@tests/bench/run

# Without DESTDIR: DKMS builds and installs the module for every kernel
# that has headers (and, through AUTOINSTALL, for every later one).
install: userspace
	install -D -m 0755 tools/mpvpnctl/mpvpnctl $(DESTDIR)$(SBINDIR)/mpvpnctl
	install -D -m 0755 daemon/mpvpnd $(DESTDIR)$(SBINDIR)/mpvpnd
	install -D -m 0644 Documentation/mpvpnctl.8 $(DESTDIR)$(MANDIR)/man8/mpvpnctl.8
	install -D -m 0644 Documentation/mpvpnd.8 $(DESTDIR)$(MANDIR)/man8/mpvpnd.8
	install -D -m 0644 Documentation/mpvpnd.conf.5 $(DESTDIR)$(MANDIR)/man5/mpvpnd.conf.5
	install -D -m 0644 Documentation/mpvpnd.json.example $(DESTDIR)$(DOCDIR)/mpvpnd.json.example
	install -D -m 0644 tools/iproute2/link_mpvpn.so $(DESTDIR)$(IPLIBDIR)/link_mpvpn.so
	install -D -m 0644 tools/completion/mpvpnctl $(DESTDIR)$(COMPLETIONDIR)/mpvpnctl
	install -D -m 0644 tools/completion/mpvpnd $(DESTDIR)$(COMPLETIONDIR)/mpvpnd
	install -d $(DESTDIR)$(UNITDIR)
	sed 's|@SBINDIR@|$(SBINDIR)|g' daemon/mpvpnd.service.in >$(DESTDIR)$(UNITDIR)/mpvpnd.service
	chmod 0644 $(DESTDIR)$(UNITDIR)/mpvpnd.service
	tools/dkms-source $(DESTDIR)$(DKMS_SRC)
	@if [ -z "$(DESTDIR)" ]; then tools/dkms-install $(VERSION); fi

uninstall:
	@if [ -z "$(DESTDIR)" ]; then tools/dkms-install --remove $(VERSION); fi
	rm -rf $(DESTDIR)$(DKMS_SRC)
	rm -f $(DESTDIR)$(SBINDIR)/mpvpnctl $(DESTDIR)$(SBINDIR)/mpvpnd
	rm -f $(DESTDIR)$(MANDIR)/man8/mpvpnctl.8 $(DESTDIR)$(UNITDIR)/mpvpnd.service
	rm -f $(DESTDIR)$(MANDIR)/man8/mpvpnd.8 $(DESTDIR)$(MANDIR)/man5/mpvpnd.conf.5
	rm -f $(DESTDIR)$(DOCDIR)/mpvpnd.json.example
	rm -f $(DESTDIR)$(COMPLETIONDIR)/mpvpnctl $(DESTDIR)$(COMPLETIONDIR)/mpvpnd
	rm -f $(DESTDIR)$(IPLIBDIR)/link_mpvpn.so
	-rmdir $(DESTDIR)$(DOCDIR) 2>/dev/null

clean:
	-$(MAKE) -C kernel clean
	$(MAKE) -C tools clean
	$(MAKE) -C daemon clean
	$(MAKE) -C tests/fuzz clean
	rm -rf tests/vm/out

.PHONY: all deps module userspace check check-6.12 demo lint fuzz bench install uninstall clean
