#!/usr/bin/env python3
"""An independent peer for the kernel: tests/lib/noise.py's initiator,
written from Documentation/handshake.rst and wire-format.rst alone,
completes a handshake with a kernel device and exchanges a probe under
the session, so that the protocol is checked against its specification
and not only against itself.

  noise_peer.py PRIVATE_KEY_FILE PEER_PUBLIC_KEY PSK_FILE|- \\
                LOCAL_ADDR PORT REMOTE_ADDR REMOTE_PORT TUNNEL PATH TIMEOUT \
                [CLOCK_OFFSET]

It binds LOCAL_ADDR:PORT (the kernel device's path has it as its
remote), sends an initiation to REMOTE_ADDR:REMOTE_PORT, answers a cookie
reply by sending it again with mac2, takes the response, then sends a
probe sealed under the session and waits for the kernel's answer to it,
which it opens and checks. The kernel's own probes, which arrive too, are
opened as well; packets under the kernel's session before this one, which
it sends until the probe confirms the new session, are counted apart. CLOCK_OFFSET, in seconds, sets the peer's wall clock,
which only its initiation's timestamp reads, that far from this host's.
Prints one line of JSON:
  {"handshake_ms": ..., "probe_answered_ms": ..., "kernel_probes": N,
   "not_ours": N, "cookies": N}
and exits non-zero with a reason on stderr if anything fails to verify
or TIMEOUT seconds pass.
"""
from __future__ import annotations

import base64
import json
import os
import socket
import struct
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import noise  # noqa: E402

HDR = struct.Struct("!BBBBIIII")        # the 20-byte data header
TYPE_PROBE, TYPE_PROBE_REPLY = 2, 3
COUNTER_CONTROL = 1 << 63
PROBE_ID = 0x5eed1d


def read_key(path: str) -> bytes:
    key = base64.b64decode(open(path).read().strip(), validate=True)
    if len(key) != noise.KEY_LEN:
        raise SystemExit(f"{path}: not a 32-byte key")
    return key


def header(ptype: int, slot: int, path: int, tunnel: int, counter: int,
           path_seq: int) -> bytes:
    return HDR.pack(noise.VERSION, ptype, slot, path, tunnel,
                    counter >> 32, counter & 0xffffffff, path_seq)


def seal(session: noise.Session, path: int, hdr: bytes, body: bytes,
         counter: int) -> bytes:
    return hdr + noise.AEAD(session.send_path_key(path), counter, body, hdr)


def open_packet(session: noise.Session, packet: bytes):
    """(type, body) of a sealed packet of the session, or raises."""
    if len(packet) < HDR.size + noise.TAG_LEN:
        raise noise.HandshakeError("short packet")
    (version, ptype, flags, path, _tunnel, hi, lo,
     _seq) = HDR.unpack_from(packet)
    if version != noise.VERSION:
        raise noise.HandshakeError(f"wire version {version}")
    if flags & 0x03 != session.local_slot:
        raise noise.HandshakeError(f"key slot {flags & 3}, ours is "
                                   f"{session.local_slot}")
    hdr = packet[:HDR.size]
    body = noise.AEAD_open(session.receive_path_key(path), hi << 32 | lo,
                           packet[HDR.size:], hdr)
    return ptype, body


def main() -> int:
    (key_file, peer_pub, psk_file, local, port, remote, remote_port, tunnel,
     path, timeout) = sys.argv[1:11]
    offset_ns = int(float(sys.argv[11]) * 1e9) if len(sys.argv) > 11 else 0
    port, remote_port = int(port), int(remote_port)
    tunnel, path, timeout = int(tunnel), int(path), float(timeout)
    psk = noise.NO_PSK if psk_file == "-" else read_key(psk_file)
    initiator = noise.Initiator(read_key(key_file),
                                base64.b64decode(peer_pub, validate=True),
                                psk)
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind((local, port))
    to = (remote, remote_port)
    start = time.monotonic()
    deadline = start + timeout

    def receive() -> bytes:
        left = deadline - time.monotonic()
        if left <= 0:
            raise SystemExit("noise_peer: timed out")
        sock.settimeout(left)
        packet, source = sock.recvfrom(65535)
        return packet if source == to else b""

    timestamp = noise.TAI64N(time.time_ns() + offset_ns)
    sock.sendto(initiator.create_initiation(path, tunnel, 1, timestamp), to)
    cookies = 0
    session = None
    while session is None:
        packet = receive()
        if len(packet) < 2 or packet[0] != noise.VERSION:
            continue
        if packet[1] == noise.TYPE_COOKIE_REPLY:
            initiator.consume_cookie_reply(packet)
            cookies += 1
            sock.sendto(initiator.resend_initiation(), to)
        elif packet[1] == noise.TYPE_RESPONSE:
            session = initiator.consume_response(packet)
    handshake_ms = (time.monotonic() - start) * 1000

    # The first packet under the session confirms it at the kernel: a
    # probe, in the control space, counter 0 of it.
    sent_ns = time.monotonic_ns()
    body = struct.pack("!IIII", PROBE_ID, 0, sent_ns >> 32,
                       sent_ns & 0xffffffff)
    hdr = header(TYPE_PROBE, session.remote_slot, path, tunnel,
                 COUNTER_CONTROL, 1)
    probe_at = time.monotonic()
    sock.sendto(seal(session, path, hdr, body, COUNTER_CONTROL), to)
    kernel_probes = foreign = 0
    while True:
        packet = receive()
        if len(packet) < 2 or packet[1] not in (TYPE_PROBE,
                                                TYPE_PROBE_REPLY):
            continue
        try:
            ptype, body = open_packet(session, packet)
        except noise.HandshakeError:
            # Sealed under a session before ours, which the kernel sends
            # under until our probe confirms the new one.
            foreign += 1
            continue
        if ptype == TYPE_PROBE:
            kernel_probes += 1
            continue
        probe_id, = struct.unpack_from("!I", body)
        if probe_id == PROBE_ID:
            break
    print(json.dumps({
        "handshake_ms": round(handshake_ms, 1),
        "probe_answered_ms": round((time.monotonic() - probe_at) * 1000, 1),
        "kernel_probes": kernel_probes,
        "not_ours": foreign,
        "cookies": cookies,
    }))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (noise.HandshakeError, ValueError) as err:
        sys.exit(f"noise_peer: {err}")
