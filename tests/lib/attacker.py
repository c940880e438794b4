#!/usr/bin/env python3
"""Someone on the path who tries to move or silence a tunnel's path
(tests/scenarios/27-roam-attacks.sh). Prints what it did as JSON.

  attacker.py forge SRC DST PORT TUNNEL PATH COUNT
      COUNT packets with a well-formed header for TUNNEL and PATH but a
      made-up body and tag, from SRC (a local address) to DST:PORT.
  attacker.py replay IFACE PORT SRC DST SECONDS
      waits for one tunnel packet to PORT on IFACE, then sends it again,
      unchanged, from SRC (a local address) to DST:PORT.
  attacker.py relay IFACE PORT SRC SPORT DST SECONDS
      copies every tunnel packet to PORT that arrives on IFACE, as it
      arrives, and sends the copy with the forged source SRC:SPORT to
      DST:PORT (raw socket): the copy is ahead of the original whenever
      the original is delayed behind IFACE.
  attacker.py replay-initiation IFACE PORT SRC SPORT DST SECONDS
      waits for a handshake initiation (wire version 2, type 6, 148 bytes)
      to PORT leaving through IFACE, lets it arrive, then sends it again
      with the source SRC:SPORT to DST:PORT (raw socket).
  attacker.py flood-initiations PREFIX DST PORT TUNNEL PATH PUBKEY SECONDS
      sends handshake initiations to DST:PORT for SECONDS, as fast as
      tests/lib/rawflood can, each from a random forged source PREFIX.3 to
      PREFIX.254 (raw socket), with a valid mac1 for the responder's
      public key PUBKEY (base64) and random contents.
"""
import base64
import json
import os
import random
import socket
import struct
import subprocess
import sys
import tempfile
import time

from inet import checksum  # tests/lib, beside this script
import wire

ETH_P_IP = 0x0800
ETH_P_ALL = 0x0003
HDR = 20                        # mpvpn header
UDP = 8


def tunnel_payload(data, port):
    """The UDP payload of an IPv4 packet to @port carrying a tunnel header."""
    ihl = (data[0] & 0x0F) * 4
    if data[9] != socket.IPPROTO_UDP or len(data) < ihl + UDP + HDR:
        return None
    if struct.unpack_from("!H", data, ihl + 2)[0] != port:
        return None
    return data[ihl + UDP:]


def sniffer(iface, protocol=ETH_P_IP):
    sock = socket.socket(socket.AF_PACKET, socket.SOCK_DGRAM,
                         socket.htons(protocol))
    sock.bind((iface, 0))
    sock.settimeout(0.2)
    return sock


def packets(iface, seconds, outgoing):
    """The IPv4 packets IFACE receives (or, with @outgoing, sends) for
    @seconds. Once it listens, it creates the file $ATTACKER_READY names,
    if any: Python takes seconds to start in the debug VM."""
    # A socket of one protocol sees only what arrives; what leaves goes to
    # sockets of every protocol (ETH_P_ALL) alone.
    sniff = sniffer(iface, ETH_P_ALL if outgoing else ETH_P_IP)
    if os.environ.get("ATTACKER_READY"):
        open(os.environ["ATTACKER_READY"], "w").close()
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            data, addr = sniff.recvfrom(65535)
        except socket.timeout:
            continue
        if addr[1] == ETH_P_IP and \
                (addr[2] == socket.PACKET_OUTGOING) == outgoing:
            yield data


def forge(src, dst, port, tunnel, path, count):
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind((src, 0))
    for _ in range(count):
        # Data, key slot 1: an encrypting peer opens it and finds the tag
        # wrong. A fresh counter each time, so only the tag fails.
        hdr = struct.pack("!BBBBIIII", wire.VERSION, 1, 1, path, tunnel,
                          random.getrandbits(31), random.getrandbits(32),
                          random.getrandbits(32))
        sock.sendto(hdr + os.urandom(64), (dst, port))
        time.sleep(0.01)
    return {"forged": count}


def replay(iface, port, src, dst, seconds):
    sniff = sniffer(iface)
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            payload = tunnel_payload(sniff.recv(65535), port)
        except socket.timeout:
            continue
        if payload is None:
            continue
        # Let the original arrive first: the copy is a replay, not a race.
        time.sleep(0.2)
        sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        sock.bind((src, 0))
        sock.sendto(payload, (dst, port))
        return {"replayed": 1, "bytes": len(payload)}
    sys.exit("no tunnel packet to port %d on %s in %d s" % (port, iface,
                                                           seconds))


def is_initiation(data, port):
    """Whether an IPv4 packet to @port carries a handshake initiation."""
    ihl = (data[0] & 0x0F) * 4
    if data[9] != socket.IPPROTO_UDP or len(data) != ihl + UDP + 148:
        return False
    if struct.unpack_from("!H", data, ihl + 2)[0] != port:
        return False
    return data[ihl + UDP] == wire.VERSION and \
        data[ihl + UDP + 1] == wire.TYPE_INITIATION


def replay_initiation(iface, port, src, sport, dst, seconds):
    raw = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
    for data in packets(iface, seconds, True):
        if not is_initiation(data, port):
            continue
        ihl = (data[0] & 0x0F) * 4
        time.sleep(1)
        raw.sendto(ipv4_udp(src, sport, dst, port, data[ihl + UDP:]),
                   (dst, 0))
        return {"replayed": 1}
    sys.exit("no initiation to port %d through %s in %d s" % (port, iface,
                                                            seconds))


def ipv4_udp(src, sport, dst, dport, payload):
    udp = struct.pack("!HHHH", sport, dport, UDP + len(payload), 0) + payload
    hdr = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp),
                      random.getrandbits(16), 0, 64, socket.IPPROTO_UDP, 0,
                      socket.inet_aton(src), socket.inet_aton(dst))
    hdr = hdr[:10] + struct.pack("!H", checksum(hdr)) + hdr[12:]
    return hdr + udp                    # UDP checksum 0: none, for IPv4


def flood_initiations(prefix, dst, port, tunnel, path, responder_pub,
                      seconds):
    """Initiations from forged sources in PREFIX.0/24 (hosts 3 to 254)
    for @seconds: the prefix, tunnel and path right, mac1 valid (it needs
    only the responder's public key, which is no secret), the rest
    random. Each one would cost the receiver a Diffie-Hellman, were it not
    for the cookies. A pool of them is built here and sent round and
    round by tests/lib/rawflood, in C, one a CPU: Python in the emulated
    VM sends a few hundred a second, fewer than the receiver takes."""
    import noise  # its cryptography is slow to load: here alone
    macs = noise.MacSender(base64.b64decode(responder_pub))
    prefix_bytes = noise.Prefix(noise.TYPE_INITIATION, 1, path,
                                tunnel).pack()
    body_len = noise.INITIATION_LEN - 2 * noise.MAC_LEN
    pool = bytearray()
    for _ in range(512):
        msg = macs.seal(prefix_bytes +
                        os.urandom(body_len - len(prefix_bytes)))
        src = "%s.%d" % (prefix, random.randint(3, 254))
        packet = ipv4_udp(src, random.randint(1024, 65535), dst, port, msg)
        pool += struct.pack("!H", len(packet)) + packet
    # One sender a CPU: each packet's delivery runs on its sender's CPU,
    # and the receiver's handshake work must find them all busy to fall
    # behind, as it would on a real link faster than its CPU.
    rawflood = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                            "rawflood")
    with tempfile.NamedTemporaryFile() as f:
        f.write(pool)
        f.flush()
        senders = [subprocess.Popen([rawflood, f.name, str(seconds)],
                                    stdout=subprocess.PIPE, text=True)
                   for _ in range(os.cpu_count() or 1)]
        results = [json.loads(p.communicate()[0]) for p in senders]
    if any(p.returncode for p in senders):
        sys.exit("rawflood failed")
    return {"forged_initiations": sum(r["sent"] for r in results),
            "senders": len(senders), "seconds": seconds}


def relay(iface, port, src, sport, dst, seconds):
    raw = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
    copies = 0
    for data in packets(iface, seconds, False):
        payload = tunnel_payload(data, port)
        if payload is None:
            continue
        raw.sendto(ipv4_udp(src, sport, dst, port, payload), (dst, 0))
        copies += 1
    return {"relayed": copies}


def main():
    mode, args = sys.argv[1], sys.argv[2:]
    if mode == "forge":
        src, dst, port, tunnel, path, count = args
        result = forge(src, dst, int(port), int(tunnel), int(path),
                       int(count))
    elif mode == "replay":
        iface, port, src, dst, seconds = args
        result = replay(iface, int(port), src, dst, int(seconds))
    elif mode == "replay-initiation":
        iface, port, src, sport, dst, seconds = args
        result = replay_initiation(iface, int(port), src, int(sport), dst,
                                   int(seconds))
    elif mode == "flood-initiations":
        prefix, dst, port, tunnel, path, responder_pub, seconds = args
        result = flood_initiations(prefix, dst, int(port), int(tunnel),
                                   int(path), responder_pub, float(seconds))
    elif mode == "relay":
        iface, port, src, sport, dst, seconds = args
        result = relay(iface, int(port), src, int(sport), dst, int(seconds))
    else:
        sys.exit(__doc__)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
