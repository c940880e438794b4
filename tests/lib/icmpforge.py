#!/usr/bin/env python3
"""ICMP "fragmentation needed" errors forged by someone who knows a
tunnel's addresses and ports but has not seen its packets
(tests/scenarios/29-pmtu.sh). Prints what it sent as JSON.

  icmpforge.py DST QSRC QDST QPORT TUNNEL PATH SEQ MTU COUNT
      COUNT errors to DST (a gateway), each reporting MTU and quoting an
      IPv4/UDP packet from QSRC:QPORT to QDST:QPORT with an mpvpn header
      for TUNNEL and PATH and the path sequence SEQ (SEQ "random": a new
      random one each time). Sent from a raw socket: the kernel adds the
      outer IP header with this namespace's address.
"""
import json
import random
import socket
import struct
import sys
import time

from inet import checksum  # tests/lib, beside this script
from wire import VERSION


def quoted(qsrc, qdst, qport, tunnel, path, seq):
    """What a router quotes of a 1464-byte tunnel packet: IP, UDP, mpvpn."""
    mpvpn = struct.pack("!BBBBIIII", VERSION, 1, 0, path, tunnel,
                        random.getrandbits(31), random.getrandbits(32), seq)
    udp = struct.pack("!HHHH", qport, qport, 1444, 0)
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 1464, 0, 0x4000, 64,
                     socket.IPPROTO_UDP, 0, socket.inet_aton(qsrc),
                     socket.inet_aton(qdst))
    ip = ip[:10] + struct.pack("!H", checksum(ip)) + ip[12:]
    return ip + udp + mpvpn


def main():
    dst, qsrc, qdst = sys.argv[1:4]
    qport, tunnel, path = (int(a) for a in sys.argv[4:7])
    seq, mtu, count = sys.argv[7], int(sys.argv[8]), int(sys.argv[9])
    sock = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
    for _ in range(count):
        s = random.getrandbits(32) if seq == "random" else int(seq)
        body = quoted(qsrc, qdst, qport, tunnel, path, s)
        icmp = struct.pack("!BBHHH", 3, 4, 0, 0, mtu) + body
        icmp = icmp[:2] + struct.pack("!H", checksum(icmp)) + icmp[4:]
        sock.sendto(icmp, (dst, 0))
        time.sleep(0.05)
    print(json.dumps({"forged": count, "mtu": mtu}))


if __name__ == "__main__":
    main()
