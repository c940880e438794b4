#!/usr/bin/env python3
"""Outage measurement: a sequence-numbered UDP stream at a fixed interval.

  udpgap.py recv PORT SECONDS READY_FILE TIMES_FILE [from-start]
        creates READY_FILE.bound once its socket is bound and READY_FILE
        once 100 packets arrived; ends 3 s after the
        last packet or after SECONDS; then reads the sender's TIMES_FILE
        and prints JSON: received, lost, loss_runs, reordered,
        duplicates, lost_at_start, lost_at_end, outage_ms, run_lost,
        loss_window_ms, max_gap_ms
  udpgap.py send ADDR PORT SECONDS INTERVAL_MS STOP_FILE TIMES_FILE [GO_FIFO]
        sends until STOP_FILE exists or SECONDS passed; writes the send
        time of every packet to TIMES_FILE; prints JSON: sent. With
        GO_FIFO, creates GO_FIFO.ready and starts only once a line can be
        read from GO_FIFO (a stream that starts the moment a fault goes in,
        on a tunnel that was idle).

outage_ms: the longest run of lost packets, from the send time of its
first packet to that of its last, plus one interval: whatever was sent in
that time got lost. Asserted. On a steady sender it is the number of
packets lost times the interval; a sender that stalls inside the run
stretches it (a CI run lost 2 packets sent 90 ms apart), and counting
the packets instead would hide the outage whenever the sender stalls in
it (a black hole of 338 ms lost only 169 packets of a 1 ms stream on the
debug kernel). With "from-start", packets lost before the first one that
arrived form a run too: on a stream started together with a fault, it is
the time the tunnel took to carry traffic again. Otherwise they are the
stream's own start-up and are not counted, in this or any other figure.
run_lost: the packets lost in that run.
loss_window_ms: the same run timed from the last packet that arrived
before it to the first one after it, less one interval: an upper bound
that includes sender stalls next to the loss.
reordered: packets that arrived after a later one; duplicates: packets
that arrived twice.
max_gap_ms: the longest time between two arrivals at the receiver, less
one interval: adds path delay changes and receiver stalls.
Sender and receiver share CLOCK_MONOTONIC (namespaces of one kernel).
"""
import array
import json
import os
import socket
import sys

SO_RCVBUFFORCE = getattr(socket, "SO_RCVBUFFORCE", 33)
import time


def read_times(times_file):
    """The sender's send times, waiting for the sender to write them."""
    for _ in range(100):
        if os.path.exists(times_file):
            times = array.array("d")
            with open(times_file, "rb") as f:
                times.frombytes(f.read())
            return times
        time.sleep(0.1)
    sys.exit(f"udpgap: the sender never wrote {times_file}")


def loss_runs(seen, from_start):
    """(first lost, last lost, last seen before or None, first seen after)."""
    order = sorted(seen)
    if from_start and order and order[0] > 0:
        yield 0, order[0] - 1, None, order[0]
    for before, after in zip(order, order[1:]):
        if after - before > 1:
            yield before + 1, after - 1, before, after


def recv(port, seconds, ready_file, times_file, from_start):
    sock = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
    # Room for seconds of the stream: under emulation this process can
    # stall for tens of ms, and a packet the tunnel delivered must not be
    # lost in our own socket buffer and blamed on the tunnel.
    sock.setsockopt(socket.SOL_SOCKET, SO_RCVBUFFORCE, 8 << 20)
    sock.bind(("::", port))
    open(ready_file + ".bound", "w").close()
    sock.settimeout(0.2)
    end = time.monotonic() + seconds
    last = None
    max_gap = 0.0
    seen = set()
    highest = -1
    reordered = duplicates = 0
    interval_s = 0.0
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
        seq, interval_s = int(fields[0]), int(fields[1]) / 1000
        if seq in seen:
            duplicates += 1
        elif seq < highest:
            reordered += 1
        highest = max(highest, seq)
        seen.add(seq)
        if last is not None:
            max_gap = max(max_gap, now - last)
        last = now
    sent_at = read_times(times_file)
    span = window = 0.0
    runs = lost = run = 0
    for first, final, before, after in loss_runs(seen, from_start):
        runs += 1
        lost += final - first + 1
        if sent_at[final] - sent_at[first] + interval_s <= span:
            continue
        run = final - first + 1
        span = sent_at[final] - sent_at[first] + interval_s
        window = 0.0
        if before is not None:
            window = sent_at[after] - sent_at[before] - interval_s
    print(json.dumps({"received": len(seen),
                      "lost": lost,
                      "lost_at_start": min(seen) if seen and not from_start else 0,
                      "lost_at_end": len(sent_at) - 1 - max(seen) if seen else len(sent_at),
                      "loss_runs": runs,
                      "reordered": reordered,
                      "duplicates": duplicates,
                      "outage_ms": round(span * 1000, 1),
                      "run_lost": run,
                      "loss_window_ms": round(max(0.0, window) * 1000, 1),
                      "max_gap_ms": round(max(0.0, max_gap - interval_s) * 1000, 1)}))


def send(addr, port, seconds, interval_ms, stop_file, times_file, go_fifo):
    family = socket.AF_INET6 if ":" in addr else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_DGRAM)
    sent_at = array.array("d")
    if go_fifo:
        # Read-write: the open does not wait for a writer.
        with os.fdopen(os.open(go_fifo, os.O_RDWR)) as go:
            open(go_fifo + ".ready", "w").close()
            go.readline()
    start = time.monotonic()
    seq = 0
    while True:
        due = start + seq * interval_ms / 1000
        now = time.monotonic()
        if now - start > seconds or (seq % 50 == 0 and os.path.exists(stop_file)):
            break
        if due > now:
            time.sleep(due - now)
        now = time.monotonic()
        sent_at.append(now)
        try:
            sock.sendto(f"{seq} {interval_ms}".encode(), (addr, port))
        except OSError:
            pass    # no route during a failover: the receiver sees the gap
        seq += 1
    with open(times_file + ".tmp", "wb") as f:
        sent_at.tofile(f)
    os.rename(times_file + ".tmp", times_file)
    print(json.dumps({"sent": seq}))


if __name__ == "__main__":
    if sys.argv[1] == "recv":
        recv(int(sys.argv[2]), float(sys.argv[3]), sys.argv[4], sys.argv[5],
             sys.argv[6:7] == ["from-start"])
    else:
        send(sys.argv[2], int(sys.argv[3]), float(sys.argv[4]),
             int(sys.argv[5]), sys.argv[6], sys.argv[7],
             sys.argv[8] if len(sys.argv) > 8 else None)
