#!/usr/bin/env python3
"""Random requests to the mpvpn generic netlink family, for a bounded time.

  genl_fuzz.py DEVICE SECONDS [SEED]

DEVICE must be an mpvpn device in this network namespace; the fuzzer adds,
changes and deletes its paths and settings at will, and also aims at other
and nonexistent ifindexes and names. The seed (random unless given) is
printed first: the same seed against the same starting state replays the
same requests.

Requests: random commands (including numbers the family does not have),
random top-level attributes of random types and sizes, random nests and
nests in nests, and valid requests (PATH_ADD, PATH_SET, DEV_SET, ...) with
one attribute mutated. Every request asks for an ack, so each gets an
answer; every answer is read and counted.

Exits 0 with a summary (requests, ok, errors by errno); non-zero when the
kernel stops answering (no reply within the socket timeout), the socket
fails (any error other than the errno replies to requests), a reply is
malformed, or nothing was ever accepted (the fuzzer would be testing
nothing but refusals).
"""
import collections
import errno
import os
import random
import socket
import struct
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "lib"))
import genl  # noqa: E402  (tests/lib/genl.py: attr(), family_id())

NLMSG_ERROR, NLMSG_DONE = 2, 3
NLM_F_REQUEST, NLM_F_ACK, NLM_F_DUMP = 0x1, 0x4, 0x300
NLA_F_NESTED, NLA_F_NET_BYTEORDER = 0x8000, 0x4000
SO_RCVBUF = 8
REPLY_TIMEOUT_S = 10	# the debug kernel is slow, but not this slow

import spec  # noqa: E402  (tests/lib/spec.py: the numbers, from the spec)

N = spec.numbers()
CMD = {name[4:]: value for name, value in N.items()
       if name.startswith("CMD_") and value}
CMD_MAX = max(CMD.values())
globals().update({k: v for k, v in N.items()
                  if k.split("_")[0] in ("A", "P", "H", "V", "KEYS")})
KEY_LEN, MEASURE_MAX, STATS_MAX = N["KEY_LEN"], N["M_MAX"], N["S_MAX"]
# Which attribute numbers hold nests, and what is inside each.
TOP_NESTS = {A_STATS: STATS_MAX, A_PATH: P_MAX, A_HEALTH: H_MAX,  # noqa: F821
             A_VERDICT: V_MAX, A_KEYS: KEYS_MAX}  # noqa: F821
PATH_NESTS = {P_STATS: STATS_MAX, P_HEALTH: H_MAX,  # noqa: F821
              P_MEASURE: MEASURE_MAX,  # noqa: F821
              P_VERDICTS: None}  # noqa: F821  (None: a list of A_VERDICT nests)

PATH_NAMES = ["f%d" % i for i in range(8)]


class Attr:
    """One attribute: a payload, or children when it is a nest."""

    def __init__(self, atype, payload=b"", children=None):
        self.atype = atype
        self.payload = payload
        self.children = children

    def encode(self):
        if self.children is None:
            return genl.attr(self.atype, self.payload)
        inner = b"".join(c.encode() for c in self.children)
        return genl.attr(self.atype | NLA_F_NESTED, inner)

    def walk(self):
        yield self
        for child in self.children or []:
            yield from child.walk()


def u8(t, v): return Attr(t, struct.pack("B", v & 0xff))
def u16(t, v): return Attr(t, struct.pack("H", v & 0xffff))
def u32(t, v): return Attr(t, struct.pack("I", v & 0xffffffff))
def u64(t, v): return Attr(t, struct.pack("Q", v & (2**64 - 1)))
def string(t, v): return Attr(t, v.encode() + b"\0")
def flag(t): return Attr(t, b"")
def nest(t, *children): return Attr(t, children=list(children))


class Fuzzer:
    def __init__(self, rng, ifname, ifindex, other_ifindexes):
        self.rng = rng
        self.ifname = ifname
        self.ifindex = ifindex
        self.other_ifindexes = other_ifindexes

    # ---- values ----

    def size(self):
        return self.rng.choice([0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31,
                                32, 33, 64, 255, 256, 1023,
                                self.rng.randrange(4096)])

    def blob(self, n=None):
        n = self.size() if n is None else n
        return bytes(self.rng.getrandbits(8) for _ in range(n))

    def number(self, bits):
        top = 2**bits - 1
        return self.rng.choice([0, 1, 2, 3, 4, 10, 100, 1000, 65535, 65536,
                                3600000, 3600001, 100000000, top, top - 1,
                                top // 2 + 1, self.rng.getrandbits(bits)])

    def name(self):
        r = self.rng.random()
        if r < 0.7:
            return self.rng.choice(PATH_NAMES)
        if r < 0.8:
            return "x" * self.rng.choice([0, 15, 16, 17, 100])
        return "".join(chr(self.rng.randrange(1, 256)) for _ in
                       range(self.rng.randrange(20)))

    def address(self):
        r = self.rng.random()
        if r < 0.4:
            return bytes([10, 1, 0, 2])
        if r < 0.6:
            return bytes.fromhex("fd000001000000000000000000000002")
        if r < 0.7:
            return self.rng.choice([bytes(4), bytes(16), b"\xe0\0\0\1",
                                    b"\xff" * 4, b"\x7f\0\0\1",
                                    bytes(15) + b"\1"])
        return self.blob(self.rng.choice([4, 16, 0, 3, 5, 15, 17]))

    def random_value(self, atype):
        """A random scalar-shaped attribute of type @atype."""
        kind = self.rng.randrange(8)
        if kind == 0:
            return u8(atype, self.number(8))
        if kind == 1:
            return u16(atype, self.number(16))
        if kind == 2:
            return u32(atype, self.number(32))
        if kind == 3:
            return u64(atype, self.number(64))
        if kind == 4:
            return string(atype, self.name())
        if kind == 5:
            return flag(atype)
        return Attr(atype, self.blob())

    def random_attr(self, max_type, depth):
        """Any attribute numbered around 0..@max_type, maybe a nest."""
        atype = self.rng.choice([0, max_type + 1, max_type + 2, 0x3fff,
                                 self.rng.randrange(1, max_type + 1),
                                 self.rng.randrange(1, max_type + 1)])
        if self.rng.random() < 0.05:
            atype |= NLA_F_NET_BYTEORDER
        if depth < 3 and self.rng.random() < 0.25:
            return nest(atype, *[self.random_attr(max_type, depth + 1)
                                 for _ in range(self.rng.randrange(6))])
        return self.random_value(atype)

    # ---- valid requests ----

    def dev_ref(self):
        r = self.rng.random()
        if r < 0.45:
            return [u32(A_IFINDEX, self.ifindex)]
        if r < 0.8:
            return [string(A_IFNAME, self.ifname)]
        if r < 0.85:
            return [u32(A_IFINDEX, self.ifindex), string(A_IFNAME, self.ifname)]
        if r < 0.9:
            return [string(A_IFNAME, self.rng.choice(["lo", "nosuch", "",
                                                      "x" * 40]))]
        return [u32(A_IFINDEX, self.rng.choice(self.other_ifindexes +
                                               [0, 99999, 2**31, 2**32 - 1]))]

    def health(self, atype, for_path):
        children = [u32(h, self.number(32) if self.rng.random() < 0.3 else
                        self.rng.choice([10, 50, 100, 200, 1000, 5000]))
                    for h in self.rng.sample(range(1, H_MAX), 3)]
        if for_path and self.rng.random() < 0.2:
            children.append(flag(H_RESET))
        return nest(atype, *children)

    def path(self, add):
        children = [string(P_NAME, self.name())]
        if add or self.rng.random() < 0.2:
            children += [Attr(P_REMOTE_ADDR, self.address()),
                         u16(P_REMOTE_PORT, self.rng.choice([5555, 0, 1,
                                                             65535]))]
        optional = [
            lambda: u32(P_ID, self.rng.choice([0, 1, 2, 32, 33,
                                               self.number(32)])),
            lambda: Attr(P_LOCAL_ADDR, self.address()),
            lambda: u32(P_LOCAL_IFINDEX, self.rng.choice(
                self.other_ifindexes + [0, 99999])),
            lambda: u32(P_PRIORITY, self.number(32)),
            lambda: u32(P_WEIGHT, self.rng.choice([1, 3, 65535, 0, 65536])),
            lambda: u8(P_ADMIN_UP, self.rng.choice([0, 1, 2])),
            lambda: u32(P_BANDWIDTH_KBPS, self.number(32)),
            lambda: self.health(P_HEALTH, True),
            lambda: u8(P_REMOTE_FIXED, self.rng.choice([0, 1, 2])),
            # read-only ones, which must be refused
            lambda: u8(P_STATE, self.number(8)),
            lambda: u8(P_REMOTE_LEARNED, 1),
            lambda: u32(P_PMTU, self.number(32)),
            lambda: u32(P_MTU, self.number(32)),
            lambda: nest(P_MEASURE, u32(1, 5)),
            lambda: nest(P_VERDICTS, self.verdict()),
        ]
        for make in self.rng.sample(optional, self.rng.randrange(4)):
            children.append(make())
        return nest(A_PATH, *children)

    def verdict(self):
        children = [string(V_NAME, self.rng.choice(["http", "dns", "x" * 20,
                                                    self.name()])),
                    u8(V_OK, self.rng.choice([0, 1, 7]))]
        if self.rng.random() < 0.5:
            children.append(u32(V_RTT_US, self.number(32)))
        if self.rng.random() < 0.5:
            children.append(u32(V_VALID_MS, self.number(32)))
        if self.rng.random() < 0.2:
            children.append(flag(V_DELETE))
        return nest(A_VERDICT, *children)

    def dev_settings(self):
        optional = [
            lambda: u8(A_MODE, self.rng.randrange(7)),
            lambda: u8(A_FAILBACK, self.rng.randrange(3)),
            lambda: u32(A_REVERT_DELAY_MS, self.number(32)),
            lambda: u8(A_REDUNDANCY, self.rng.randrange(6)),
            lambda: u32(A_REORDER_WAIT_MS, self.rng.choice([0, 1, 40, 1000,
                                                            1001])),
            lambda: self.health(A_HEALTH, False),
            lambda: u8(A_ENCRYPTION, self.rng.randrange(4)),
            lambda: nest(A_KEYS, Attr(KEYS_TX, self.blob(KEY_LEN)),
                         Attr(KEYS_RX, self.blob(self.rng.choice(
                             [KEY_LEN, KEY_LEN, 0, 16, 33])))),
            lambda: u32(A_REKEY_SECONDS, self.number(32)),
            lambda: u8(A_TOS_INHERIT, self.rng.choice([0, 1, 2, 255])),
            self.identity,
            lambda: Attr(A_PRESHARED_KEY, self.blob(KEY_LEN)),
            # read only
            lambda: u16(A_PORT, 1), lambda: u32(A_KEY_EPOCH, 1),
            lambda: Attr(A_PUBLIC_KEY, self.blob(KEY_LEN)),
            lambda: nest(A_HANDSHAKE, u32(1, 5)),
        ]
        chosen = [make() for make in
                  self.rng.sample(optional, 1 + self.rng.randrange(3))]
        # The identity is two attributes; the others one each.
        return [a for item in chosen
                for a in (item if isinstance(item, list) else [item])]

    def identity(self):
        """A private key with the peer's public key: usable, of small
        order (all zeros, refused), or of a wrong length; sometimes one
        of the two alone (refused), sometimes a pre-shared key too."""
        peer = self.rng.choice([self.blob(KEY_LEN), bytes(KEY_LEN),
                                self.blob(self.rng.choice([0, 16, 33]))])
        attrs = [Attr(A_PRIVATE_KEY, self.blob(KEY_LEN)),
                 Attr(A_PEER_PUBLIC_KEY, peer)]
        if self.rng.random() < 0.2:
            attrs.pop(self.rng.randrange(2))
        if self.rng.random() < 0.3:
            attrs.append(Attr(A_PRESHARED_KEY, self.blob(KEY_LEN)))
        return attrs

    def valid_request(self):
        """(cmd, flags, attrs) of a request the family understands."""
        cmd = self.rng.choice(["PATH_ADD", "PATH_ADD", "PATH_DEL",
                               "PATH_SET", "PATH_GET", "DEV_GET",
                               "DEV_SET", "DEV_SET", "PATH_VERDICT"])
        attrs = self.dev_ref()
        flags = 0
        if cmd == "PATH_ADD":
            attrs.append(self.path(True))
        elif cmd in ("PATH_DEL", "PATH_SET"):
            attrs.append(self.path(False))
        elif cmd == "PATH_GET":
            if self.rng.random() < 0.5:
                flags = NLM_F_DUMP
            else:
                attrs.append(nest(A_PATH, string(P_NAME, self.name())))
        elif cmd == "DEV_GET":
            if self.rng.random() < 0.4:
                flags = NLM_F_DUMP
                if self.rng.random() < 0.5:
                    attrs = []
        elif cmd == "DEV_SET":
            attrs += self.dev_settings()
        elif cmd == "PATH_VERDICT":
            attrs += [nest(A_PATH, string(P_NAME, self.name())),
                      self.verdict()]
        return CMD[cmd], flags, attrs, cmd

    # ---- mutations ----

    def mutate(self, attrs):
        """One change to one attribute somewhere in @attrs."""
        every = [a for top in attrs for a in top.walk()]
        if not every:
            return [self.random_attr(A_MAX, 0)]
        victim = self.rng.choice(every)
        how = self.rng.randrange(8)
        if how == 0:		# gone
            for a in every:
                if a.children and victim in a.children:
                    a.children.remove(victim)
            if victim in attrs:
                attrs.remove(victim)
        elif how == 1:		# twice
            attrs.append(victim)
        elif how == 2:		# another number
            victim.atype = self.rng.choice([0, victim.atype + 1,
                                            victim.atype - 1 & 0x3fff,
                                            self.rng.randrange(1, 40)])
        elif how == 3:		# another payload
            victim.children = None
            victim.payload = self.blob()
        elif how == 4:		# cut short or grown
            if victim.children is None:
                n = len(victim.payload)
                victim.payload = (victim.payload[:self.rng.randrange(n + 1)]
                                  if n and self.rng.random() < 0.5 else
                                  victim.payload + self.blob(
                                      self.rng.choice([1, 2, 4, 100])))
        elif how == 5:		# a nest where a value was, or the reverse
            if victim.children is None:
                victim.children = [self.random_attr(P_MAX, 1)]
            else:
                victim.payload = b"".join(c.encode() for c in victim.children)
                victim.children = None
        elif how == 6:		# something extra inside
            target = victim if victim.children is not None else None
            (target.children if target else attrs).append(
                self.random_attr(P_MAX, 1))
        else:			# a boundary value
            victim.children = None
            victim.payload = self.rng.choice([b"", b"\0", b"\xff" * 4,
                                              b"\0" * 4, b"\xff" * 8])
        return attrs

    def request(self):
        """(cmd, flags, version, payload, description)."""
        r = self.rng.random()
        version = 1 if self.rng.random() < 0.95 else self.rng.randrange(256)
        if r < 0.45:
            cmd, flags, attrs, what = self.valid_request()
            what = "valid " + what
        elif r < 0.8:
            cmd, flags, attrs, what = self.valid_request()
            attrs = self.mutate(attrs)
            if self.rng.random() < 0.3:
                attrs = self.mutate(attrs)
            what = "mutated " + what
        else:
            cmd = self.rng.choice([self.rng.randrange(256),
                                   self.rng.randrange(CMD_MAX + 2)])
            flags = NLM_F_DUMP if self.rng.random() < 0.2 else 0
            attrs = self.dev_ref() if self.rng.random() < 0.5 else []
            attrs += [self.random_attr(A_MAX, 0)
                      for _ in range(self.rng.randrange(8))]
            what = "random cmd %d" % cmd
        payload = b"".join(a.encode() for a in attrs)
        if self.rng.random() < 0.02:	# trailing garbage, shorter than a header
            payload += self.blob(self.rng.randrange(1, 4))
        return cmd, flags, version, payload, what


class KernelSilent(Exception):
    pass


def transact(sock, family, cmd, flags, version, payload, seq):
    """Sends one request; returns the errno of its answer (0: ok)."""
    body = struct.pack("BBH", cmd, version, 0) + payload
    msg = struct.pack("IHHII", 16 + len(body), family,
                      NLM_F_REQUEST | NLM_F_ACK | flags, seq, 0) + body
    sock.send(msg)
    while True:
        try:
            data = sock.recv(1 << 20)
        except socket.timeout:
            raise KernelSilent("no answer within %d s" % REPLY_TIMEOUT_S)
        off = 0
        while off < len(data):
            if len(data) - off < 16:
                raise KernelSilent("truncated netlink header")
            length, mtype, _, rseq, _ = struct.unpack_from("IHHII", data, off)
            if length < 16 or off + length > len(data):
                raise KernelSilent("netlink message of length %d" % length)
            if rseq == seq and mtype in (NLMSG_ERROR, NLMSG_DONE):
                if length < 20:
                    # An empty DONE (old kernels) ends a dump without error.
                    return 0
                return -struct.unpack_from("i", data, off + 16)[0]
            off += (length + 3) & ~3


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    ifname, seconds = sys.argv[1], float(sys.argv[2])
    seed = int(sys.argv[3]) if len(sys.argv) == 4 else \
        int.from_bytes(os.urandom(4), "little")
    print("genl_fuzz: seed %d (replay: %s %s %s %d)" %
          (seed, sys.argv[0], ifname, sys.argv[2], seed), flush=True)
    try:
        ifindex = socket.if_nametoindex(ifname)
    except OSError:
        sys.exit("genl_fuzz: no device %s" % ifname)
    others = [i for i, _ in socket.if_nameindex() if i != ifindex]

    sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW,
                         genl.NETLINK_GENERIC)
    sock.setsockopt(socket.SOL_SOCKET, SO_RCVBUF, 1 << 20)
    sock.settimeout(REPLY_TIMEOUT_S)
    sock.bind((0, 0))
    family = genl.family_id(sock)

    fuzzer = Fuzzer(random.Random(seed), ifname, ifindex, others)
    sent = ok = 0
    errors = collections.Counter()
    recent = collections.deque(maxlen=5)
    deadline = time.monotonic() + seconds
    seq = 100
    failure = None
    while time.monotonic() < deadline:
        seq += 1
        cmd, flags, version, payload, what = fuzzer.request()
        recent.append("seq %d %s (cmd %d flags %#x version %d): %s" %
                      (seq, what, cmd, flags, version, payload.hex()))
        try:
            sent += 1
            err = transact(sock, family, cmd, flags, version, payload, seq)
        except (KernelSilent, OSError) as e:
            failure = "request %d: %s" % (sent, e)
            break
        if err == 0:
            ok += 1
        else:
            errors[errno.errorcode.get(err, str(err))] += 1

    # Whatever came before, the family must still answer a plain query.
    if failure is None:
        try:
            seq += 1
            err = transact(sock, family, CMD["DEV_GET"], 0, 1,
                           u32(A_IFINDEX, ifindex).encode(), seq)
            if err:
                failure = "DEV_GET of %s after fuzzing: %s" % (
                    ifname, os.strerror(err))
        except (KernelSilent, OSError) as e:
            failure = "DEV_GET of %s after fuzzing: %s" % (ifname, e)

    print("genl_fuzz: %d requests, %d ok, %d errors: %s" %
          (sent, ok, sum(errors.values()),
           ", ".join("%s %d" % kv for kv in errors.most_common())))
    if failure is None and ok == 0:
        failure = "no request was ever accepted"
    if failure:
        print("genl_fuzz: FAIL (seed %d): %s; the last requests:" %
              (seed, failure))
        for line in recent:
            print("  " + line)
        sys.exit(1)


if __name__ == "__main__":
    main()
