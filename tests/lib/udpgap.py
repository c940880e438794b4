#!/usr/bin/env python3
"""Outage measurement: a sequence-numbered UDP stream at a fixed interval.

  udpgap.py recv PORT SECONDS READY_FILE
        creates READY_FILE once 100 packets arrived; ends 3 s after the
        last packet or after SECONDS; prints JSON: received, lost,
        outage_ms, max_gap_ms
  udpgap.py send ADDR PORT SECONDS INTERVAL_MS STOP_FILE
        sends until STOP_FILE exists or SECONDS passed; prints JSON: sent

outage_ms: the longest run of lost packets, timed by the sender's clock
from the last packet that arrived before it to the first one after it,
less one interval. It is what the stream lost, and a stall of the
receiving process (frequent in an emulated VM) cannot inflate it.
max_gap_ms: the longest time between two arrivals at the receiver, less
one interval: the outage plus any delay change and scheduling stall.
Sender and receiver share CLOCK_MONOTONIC (namespaces of one kernel).
"""
import json
import os
import socket
import sys
import time


def recv(port, seconds, ready_file):
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
    sent_at = {}
    while time.monotonic() < end:
        try:
            data, _ = sock.recvfrom(64)
        except socket.timeout:
            if last is not None and time.monotonic() - last > 3:
                break
            continue
        now = time.monotonic()
        if len(seen) == 100:
            open(ready_file, "w").close()
        fields = data.decode().split()
        seq, ival = int(fields[0]), int(fields[1])
        sent_at[seq] = float(fields[2])
        interval = ival
        seen.add(seq)
        highest = max(highest, seq)
        if last is not None:
            max_gap = max(max_gap, now - last)
        last = now
    del family
    outage = 0.0
    order = sorted(seen)
    for before, after in zip(order, order[1:]):
        if after - before > 1:
            outage = max(outage, sent_at[after] - sent_at[before])
    interval_s = (interval or 0) / 1000
    print(json.dumps({"received": len(seen),
                      "lost": (highest + 1 - len(seen)) if seen else 0,
                      "outage_ms": round(max(0.0, outage - interval_s) * 1000, 1),
                      "max_gap_ms": round(max(0.0, max_gap - interval_s) * 1000, 1)}))


def send(addr, port, seconds, interval_ms, stop_file):
    family = socket.AF_INET6 if ":" in addr else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_DGRAM)
    start = time.monotonic()
    seq = 0
    while True:
        due = start + seq * interval_ms / 1000
        now = time.monotonic()
        if now - start > seconds or (seq % 50 == 0 and os.path.exists(stop_file)):
            break
        if due > now:
            time.sleep(due - now)
        try:
            sock.sendto(f"{seq} {interval_ms} {time.monotonic():.6f}".encode(),
                        (addr, port))
        except OSError:
            pass    # no route during a failover: the receiver sees the gap
        seq += 1
    print(json.dumps({"sent": seq}))


if __name__ == "__main__":
    if sys.argv[1] == "recv":
        recv(int(sys.argv[2]), float(sys.argv[3]), sys.argv[4])
    else:
        send(sys.argv[2], int(sys.argv[3]), float(sys.argv[4]),
             int(sys.argv[5]), sys.argv[6])
