#!/usr/bin/env python3
"""Outage measurement: a sequence-numbered UDP stream at a fixed interval.

  udpgap.py recv PORT SECONDS   prints JSON: received, lost, max_gap_ms
  udpgap.py send ADDR PORT SECONDS [INTERVAL_MS]

The receiver's view is what counts: the longest time between two packets
that arrived, less one interval, is the outage.
"""
import json
import socket
import sys
import time


def recv(port, seconds):
    family = socket.AF_INET6 if ":" in sys.argv[-1] else socket.AF_INET
    sock = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
    sock.bind(("::", port))
    sock.settimeout(0.2)
    end = time.monotonic() + seconds
    last = None
    max_gap = 0.0
    seen = set()
    highest = -1
    interval = None
    while time.monotonic() < end:
        try:
            data, _ = sock.recvfrom(64)
        except socket.timeout:
            continue
        now = time.monotonic()
        seq, ival = (int(x) for x in data.decode().split())
        interval = ival
        seen.add(seq)
        highest = max(highest, seq)
        if last is not None:
            max_gap = max(max_gap, now - last)
        last = now
    del family
    gap_ms = max(0.0, max_gap * 1000 - (interval or 0))
    print(json.dumps({"received": len(seen),
                      "lost": (highest + 1 - len(seen)) if seen else 0,
                      "max_gap_ms": round(gap_ms, 1)}))


def send(addr, port, seconds, interval_ms):
    family = socket.AF_INET6 if ":" in addr else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_DGRAM)
    start = time.monotonic()
    seq = 0
    while True:
        due = start + seq * interval_ms / 1000
        now = time.monotonic()
        if now - start > seconds:
            break
        if due > now:
            time.sleep(due - now)
        try:
            sock.sendto(f"{seq} {interval_ms}".encode(), (addr, port))
        except OSError:
            pass    # no route during a failover: the receiver sees the gap
        seq += 1


if __name__ == "__main__":
    if sys.argv[1] == "recv":
        recv(int(sys.argv[2]), float(sys.argv[3]))
    else:
        send(sys.argv[2], int(sys.argv[3]), float(sys.argv[4]),
             int(sys.argv[5]) if len(sys.argv) > 5 else 1)
