#!/usr/bin/env python3
"""A raw generic netlink client for the mpvpn family, to send requests that
the real tools never would (missing, oversized, wrong-type attributes).

  genl.py CMD ATTRS...     ATTRS: TYPE:KIND:VALUE, KIND one of
                           u8 u16 u32 str bytes(hex) flag(no value)
                           nest(TYPE:KIND:VALUE,...)
                           nest2(TYPE:KIND:VALUE;...), a nest inside a nest
                           TYPE a number, or a name of tests/lib/spec.py
                           (A_PATH, P_NAME, H_RESET...)
  genl.py --batch          one "CMD ATTRS..." request per line of stdin
Prints "ok" or "error ERRNO (text): extack message" per request; exits 1
when the (last) request failed.
"""
import os
import socket
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import spec  # noqa: E402

NETLINK_GENERIC = 16
SOL_NETLINK = 270
NETLINK_EXT_ACK = 11
GENL_ID_CTRL = 0x10
CTRL_CMD_GETFAMILY = 3
CTRL_ATTR_FAMILY_ID = 1
CTRL_ATTR_FAMILY_NAME = 2
NLMSG_ERROR = 2
NLM_F_REQUEST, NLM_F_ACK = 1, 4
NLMSGERR_ATTR_MSG = 1
NLA_F_NESTED = 0x8000

NUMBERS = spec.numbers()
# "path_add" for MPVPN_CMD_PATH_ADD
CMDS = {name[4:].lower(): value for name, value in NUMBERS.items()
        if name.startswith("CMD_")}


def attr(atype, payload):
    length = 4 + len(payload)
    return struct.pack("HH", length, atype) + payload + bytes((-length) % 4)


def encode(word):
    atype, kind, value = word.split(":", 2)
    atype = int(atype) if atype.isdigit() else NUMBERS[atype]
    if kind == "u8":
        return attr(atype, struct.pack("B", int(value)))
    if kind == "u16":
        return attr(atype, struct.pack("H", int(value)))
    if kind == "u32":
        return attr(atype, struct.pack("I", int(value)))
    if kind == "str":
        return attr(atype, value.encode() + b"\0")
    if kind == "bytes":
        return attr(atype, bytes.fromhex(value))
    if kind == "flag":
        return attr(atype, b"")
    if kind == "nest2":
        inner = b"".join(encode(s) for s in value.split(";") if s)
        return attr(atype | NLA_F_NESTED, inner)
    if kind == "nest":
        inner = b"".join(encode(s) for s in value.split(",") if s)
        return attr(atype | NLA_F_NESTED, inner)
    raise SystemExit(f"unknown kind {kind}")


def request(sock, family, cmd, payload, seq):
    """Sends one request; returns (errno, reply payload or extack text)."""
    body = struct.pack("BBH", cmd, 1, 0) + payload
    msg = struct.pack("IHHII", 16 + len(body), family,
                      NLM_F_REQUEST | NLM_F_ACK, seq, 0) + body
    sock.send(msg)
    reply = b""
    while True:
        data = sock.recv(65536)
        off = 0
        while off + 16 <= len(data):
            length, mtype, flags, _, _ = struct.unpack_from("IHHII", data, off)
            if mtype == NLMSG_ERROR:
                error, text = parse_error(data[off:off + length], flags)
                return (error, text) if error else (0, reply)
            reply = data[off + 20:off + length]
            off += (length + 3) & ~3


def parse_error(msg, flags):
    error = struct.unpack_from("i", msg, 16)[0]
    text = ""
    # With NLM_F_CAPPED (0x100) the original request is not echoed.
    off = 20 + (16 if flags & 0x100 else struct.unpack_from("I", msg, 20)[0])
    off = (off + 3) & ~3
    while off + 4 <= len(msg):
        length, atype = struct.unpack_from("HH", msg, off)
        if length < 4:
            break
        if atype == NLMSGERR_ATTR_MSG:
            text = msg[off + 4:off + length].rstrip(b"\0").decode()
        off += (length + 3) & ~3
    return error, text


def family_id(sock):
    payload = attr(CTRL_ATTR_FAMILY_NAME, b"mpvpn\0")
    error, data = request(sock, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, payload, 1)
    if error:
        raise SystemExit("mpvpn family not found")
    off = 0
    while off < len(data):
        length, atype = struct.unpack_from("HH", data, off)
        if atype == CTRL_ATTR_FAMILY_ID:
            return struct.unpack_from("H", data, off + 4)[0]
        off += (length + 3) & ~3
    raise SystemExit("no family id")


def run(sock, family, words, seq):
    payload = b"".join(encode(s) for s in words[1:])
    error, text = request(sock, family, CMDS[words[0]], payload, seq)
    if error:
        print(f"error {-error} ({os.strerror(-error)}): {text}", flush=True)
        return False
    print("ok", flush=True)
    return True


def main():
    sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_GENERIC)
    sock.setsockopt(SOL_NETLINK, NETLINK_EXT_ACK, 1)
    sock.bind((0, 0))
    family = family_id(sock)
    if sys.argv[1] != "--batch":
        sys.exit(0 if run(sock, family, sys.argv[1:], 2) else 1)
    ok = True
    for seq, line in enumerate(sys.stdin, start=2):
        if line.strip():
            ok = run(sock, family, line.split(), seq)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
