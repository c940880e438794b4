# SPDX-License-Identifier: GPL-2.0
# Sourced by the host-side scripts that use Debian's stock kernel
# (tests/vm/run --stock, tests/dkms/run), so that both take the same one.

# stock_kver: the newest amd64 kernel whose headers are installed, or
# nothing. The module is built against those headers, or by DKMS, and a
# machine may hold other kernels (rt, cloud, backports) that have none.
stock_kver() {
	local newest
	newest=$(ls -d /usr/src/linux-headers-*-amd64 2>/dev/null |
		sort -V | tail -1) || true
	echo "${newest#/usr/src/linux-headers-}"
}
