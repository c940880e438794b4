# SPDX-License-Identifier: GPL-2.0
# Sourced by the host-side scripts that use Debian's own kernels
# (tests/vm/run --stock, tests/dkms/run, tests/check, tests/lint), so that
# all take the same ones. make check boots three (tools/install-deps
# installs them): Debian 12's stock 6.1, and its 6.12 in the stock and the
# PREEMPT_RT flavour.

# stock_kver [NAME]: the release (uname -r) of a kernel whose image and
# headers are installed, or nothing. NAME is
#   6.1 (the default)  the kernel linux-headers-amd64 stands for, the one
#                      linux-image-amd64 installs, whatever else is newer
#   6.12, 6.12-rt      the newest 6.12.*+deb12-amd64 (-rt-amd64)
#   a release          itself, e.g. 6.12.118+deb12-rt-amd64
# "Newest" alone would not do: sort -V puts 6.12 after 6.1 and -rt after
# the stock flavour.
stock_kver() {
	local name=${1:-6.1} kver=
	case "$name" in
	6.1)
		kver=$(dpkg-query -W -f='${Depends}' linux-headers-amd64 2>/dev/null |
			sed -n 's/^linux-headers-\([^ ,]*\).*/\1/p') ;;
	6.12)
		kver=$(stock_newest '6.12.*+deb12-amd64') ;;
	6.12-rt)
		kver=$(stock_newest '6.12.*+deb12-rt-amd64') ;;
	*)
		kver=$name ;;
	esac
	[ -n "$kver" ] && [ -e "/boot/vmlinuz-$kver" ] &&
		[ -e "/usr/src/linux-headers-$kver/Makefile" ] && echo "$kver"
	return 0
}

# stock_newest GLOB: the newest release matching GLOB with headers.
stock_newest() {
	local dir
	dir=$(ls -d /usr/src/linux-headers-$1 2>/dev/null | sort -V | tail -1)
	echo "${dir#/usr/src/linux-headers-}"
}

# stock_kvers: the releases make check tests on, one a line; each missing
# one is named on stderr (tools/install-deps installs them).
stock_kvers() {
	local name kver
	for name in 6.1 6.12 6.12-rt; do
		kver=$(stock_kver "$name")
		if [ -n "$kver" ]; then
			echo "$kver"
		else
			echo "stock-kernel: no $name kernel with headers (tools/install-deps)" >&2
		fi
	done
}
