#!/usr/bin/env python3
"""Hostile sender: junk UDP packets at a tunnel port, sorted by the reason
the receiver must drop them for. Prints how many of each it sent (JSON).

  junk.py ADDR PORT SECONDS
"""
import json
import os
import random
import socket
import struct
import sys
import time

from wire import VERSION  # tests/lib, beside this script

DATA = 1
KNOWN_FLAGS = 0x07              # key slot (bits 0-1) and sequenced
CONTROL = 0x80000000            # top bit of the counter: probes and replies


def header(version=VERSION, ptype=DATA, flags=0, path=1, tunnel=1,
           wrong_space=False):
    # Data counts with the counter's top bit clear, probes with it set.
    control = ptype != DATA
    hi = random.getrandbits(31) | (CONTROL if control != wrong_space else 0)
    return struct.pack("!BBBBIIII", version, ptype, flags, path, tunnel,
                       hi, random.getrandbits(32), random.getrandbits(32))


def inner():
    # A valid inner IPv4 header, so only the outer fields are wrong.
    return struct.pack("!BBHHHBBH4s4s", 0x45, 0, 28, 0, 0, 64, 17, 0,
                       bytes([10, 99, 0, 2]), bytes([10, 99, 0, 1])) + bytes(8)


def make(reason):
    if reason == "rx_short":
        return os.urandom(random.randrange(0, 20))
    if reason == "rx_bad_version":
        return header(version=random.choice(
            [v for v in (0, 1, VERSION + 1, 255) if v != VERSION])) + inner()
    if reason == "rx_bad_header":
        kind = random.randrange(3)
        if kind == 0:
            # Not 6 to 8: of version 2 those are handshake messages,
            # which the handshake's own counters count.
            return header(ptype=random.choice([0, 9, 200])) + inner()
        if kind == 1:
            flag = random.choice([1 << b for b in range(8)
                                  if not (1 << b) & KNOWN_FLAGS])
            return header(flags=flag) + inner()
        return header(ptype=random.choice([DATA, 2, 3]), wrong_space=True) + inner()
    if reason == "rx_unknown_tunnel":
        return header(tunnel=random.randrange(1000, 2**32)) + inner()
    if reason == "rx_unknown_source":
        # The tunnel id is right but the path id is no path's (the scenario's
        # devices have one path, id 1): data and probes alike are dropped
        # before anything is decrypted.
        return header(ptype=random.choice([DATA, 2, 3]),
                      path=random.randrange(2, 256)) + inner()
    # Path 1's id from this host, which is not its endpoint: the tag does
    # not verify, so the path neither moves nor hears it.
    return header(ptype=random.choice([DATA, 2, 3])) + inner()


def main():
    addr, port, seconds = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
    reasons = ["rx_short", "rx_bad_version", "rx_bad_header",
               "rx_unknown_tunnel", "rx_unknown_source", "rx_not_authentic"]
    sent = dict.fromkeys(reasons, 0)
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        reason = random.choice(reasons)
        sock.sendto(make(reason), (addr, port))
        sent[reason] += 1
        # Paced so the receiver's backlog never overflows: every packet
        # sent must be seen and counted.
        if sum(sent.values()) % 50 == 0:
            time.sleep(0.01)
    print(json.dumps(sent))


if __name__ == "__main__":
    main()
