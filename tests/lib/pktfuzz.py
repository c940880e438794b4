#!/usr/bin/env python3
"""Packet fuzzer against a live tunnel: mutates real tunnel packets and
sends them from the peer's own address and port, so that they pass the
checks a stranger fails and reach authentication.

  pktfuzz.py capture IFACE PORT COUNT SECONDS FILE [handshake]
      saves up to COUNT IPv4 tunnel packets to PORT seen on IFACE; with
      "handshake", only handshake messages (wire version 2, types 6 to 8);
      once it listens, it creates the file $PKTFUZZ_READY names, if any
  pktfuzz.py fuzz FILE SECONDS SEED
      sends mutations of them for SECONDS; prints how many of each
      mutation it sent (JSON), the seed first, so a run can be replayed

  pktfuzz.py replay FILE
      sends every captured packet once, unchanged but for its UDP
      checksum (none)
  pktfuzz.py keystream FILE1 FILE2 LEN
      pairs the packets of two captures that have the same path id,
      counter and length, and counts the pairs whose first LEN bytes of
      sealed payload are the same (JSON): a (key, nonce) used twice

Run capture in the receiver's namespace, fuzz and replay in the sender's: the packets
leave as they came, from the sender's address to the receiver's.
"""
import json
import os
import random
import socket
import struct
import sys
import time

import wire  # tests/lib, beside this script

ETH_P_IP = 0x0800
HDR = 20                        # mpvpn header
UDP = 8


def is_handshake(data, ihl):
    return data[ihl + UDP] == wire.VERSION and data[ihl + UDP + 1] in (
        wire.TYPE_INITIATION, wire.TYPE_RESPONSE, wire.TYPE_COOKIE_REPLY)


def capture(iface, port, count, seconds, path, handshake_only=False):
    sock = socket.socket(socket.AF_PACKET, socket.SOCK_DGRAM,
                         socket.htons(ETH_P_IP))
    sock.bind((iface, 0))
    sock.settimeout(0.5)
    # Python takes seconds to start in the debug VM: say when it listens.
    if os.environ.get("PKTFUZZ_READY"):
        open(os.environ["PKTFUZZ_READY"], "w").close()
    packets = []
    end = time.monotonic() + seconds
    while len(packets) < count and time.monotonic() < end:
        try:
            data = sock.recv(65535)
        except socket.timeout:
            continue
        ihl = (data[0] & 0x0F) * 4
        if data[9] != socket.IPPROTO_UDP or len(data) < ihl + UDP + HDR:
            continue
        if handshake_only and not is_handshake(data, ihl):
            continue
        if struct.unpack_from("!H", data, ihl + 2)[0] == port:
            packets.append(data.hex())
    with open(path, "w") as f:
        json.dump(packets, f)
    print(len(packets))


def header_field(pkt, ihl):
    """Offset and size of a random field of the mpvpn header."""
    fields = [(0, 1), (1, 1), (2, 1), (3, 1), (4, 4), (8, 4), (12, 4),
              (16, 4)]
    off, size = random.choice(fields)
    return ihl + UDP + off, size


def mutate(pkt, kind):
    ihl = (pkt[0] & 0x0F) * 4
    mp = ihl + UDP                      # start of the mpvpn header
    if kind == "replay":
        return pkt
    if kind == "truncate":
        return pkt[:random.randrange(ihl + UDP, len(pkt))]
    if kind == "extend":
        return pkt + random.randbytes(random.randrange(1, 64))
    if kind == "bitflip":
        for _ in range(random.randrange(1, 4)):
            i = random.randrange(mp, len(pkt))
            pkt[i] ^= 1 << random.randrange(8)
        return pkt
    if kind == "field":
        off, size = header_field(pkt, ihl)
        pkt[off:off + size] = random.randbytes(size)
        return pkt
    if kind == "tag":
        i = len(pkt) - 1 - random.randrange(16)
        pkt[i] ^= 1 + random.randrange(255)
        return pkt
    if kind == "counter":
        # A fresh counter on an old packet: new to the replay window, so
        # only the tag can refuse it.
        struct.pack_into("!Q", pkt, mp + 8,
                         struct.unpack_from("!Q", pkt, mp + 8)[0] +
                         random.randrange(1, 1 << 20))
        return pkt
    if kind == "plaintext":
        pkt[mp + 2] &= ~0x03            # key slot 0
        return pkt
    # "random": a valid-looking header over random bytes
    return pkt[:mp + HDR] + random.randbytes(random.randrange(0, 1400))


def fix_lengths(pkt):
    ihl = (pkt[0] & 0x0F) * 4
    struct.pack_into("!H", pkt, 2, len(pkt))
    struct.pack_into("!H", pkt, ihl + 4, len(pkt) - ihl)
    struct.pack_into("!H", pkt, ihl + 6, 0)     # no UDP checksum (IPv4)
    return pkt


def fuzz(path, seconds, seed):
    random.seed(seed)
    packets = load(path)
    if not packets:
        sys.exit("no packets captured to fuzz")
    kinds = ["replay", "truncate", "extend", "bitflip", "field", "tag",
             "counter", "plaintext", "random"]
    sent = dict.fromkeys(kinds, 0)
    sock = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        kind = random.choice(kinds)
        pkt = fix_lengths(mutate(bytearray(random.choice(packets)), kind))
        dst = socket.inet_ntoa(bytes(pkt[16:20]))
        sock.sendto(bytes(pkt), (dst, 0))
        sent[kind] += 1
        # Paced, so that no backlog overflows: every packet must be counted.
        if sum(sent.values()) % 50 == 0:
            time.sleep(0.01)
    print(json.dumps({"seed": seed, "sent": sum(sent.values()),
                      "by_kind": sent}))


def load(path):
    with open(path) as f:
        return [bytes.fromhex(p) for p in json.load(f)]


def replay(path):
    """Every captured packet once, unchanged, paced like the fuzz."""
    packets = load(path)
    sock = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
    for i, pkt in enumerate(packets):
        # The captured UDP checksum may be a partial one the sender's
        # offload left: fix_lengths() puts none, which IPv4 allows.
        pkt = bytes(fix_lengths(bytearray(pkt)))
        sock.sendto(pkt, (socket.inet_ntoa(pkt[16:20]), 0))
        if i % 50 == 49:
            time.sleep(0.01)
    print(json.dumps({"replayed": len(packets)}))


def sealed_key(pkt):
    """(path id, counter, length) of a tunnel packet: packets alike in
    these were sealed under one key and nonce if their keys were one."""
    mp = (pkt[0] & 0x0F) * 4 + UDP
    return pkt[mp + 3], struct.unpack_from("!Q", pkt, mp + 8)[0], len(pkt)


def keystream(path1, path2, length):
    """Pairs of packets of the two captures with the same path, counter
    and length, and how many of them have the same first @length bytes of
    sealed payload: equal plaintexts under a repeated (key, nonce) give
    equal ciphertexts, so with the same plaintexts that count must be 0."""
    first = {sealed_key(p): p for p in load(path1)}
    pairs = same = 0
    for pkt in load(path2):
        other = first.get(sealed_key(pkt))
        if other is None:
            continue
        start = (pkt[0] & 0x0F) * 4 + UDP + HDR
        pairs += 1
        same += pkt[start:start + length] == other[start:start + length]
    print(json.dumps({"pairs": pairs, "same_ciphertext": same}))


def main():
    if sys.argv[1] == "capture":
        capture(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]),
                float(sys.argv[5]), sys.argv[6],
                sys.argv[7:] == ["handshake"])
    elif sys.argv[1] == "fuzz":
        fuzz(sys.argv[2], float(sys.argv[3]), int(sys.argv[4]))
    elif sys.argv[1] == "replay":
        replay(sys.argv[2])
    elif sys.argv[1] == "keystream":
        keystream(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
