# mpvpn: multipath UDP tunnel with in-kernel failover.
#   make            the module (against KDIR, see kernel/Makefile) and tools
#   make demo       boot the test VM and show two gateways failing over
#   make check      every test: userspace units, the module against the
#                   distribution headers, KUnit and scenarios in the VM
#   make lint       checkpatch --strict and sparse on kernel/, cppcheck
#   make bench      (see Documentation/performance.rst)
SHELL := /bin/bash
KSRC_TARBALL := /usr/src/linux-source-6.1.tar.xz

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

demo: deps
	@tests/vm/run --no-kunit --verbose tests/demo/demo.sh

lint: deps
	@tests/lint

clean:
	-$(MAKE) -C kernel clean
	$(MAKE) -C tools clean
	$(MAKE) -C daemon clean
	rm -rf tests/vm/out

.PHONY: all deps module userspace check demo lint clean
