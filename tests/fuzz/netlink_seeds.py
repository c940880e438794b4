#!/usr/bin/env python3
"""Writes the seed corpus of fuzz_netlink (corpus/netlink/): well-formed
replies and events as the module sends them, an extended ack, a DONE and
rtnetlink's NEWLINK, each as the records fuzz_netlink.c reads
(u8 kind, u16 nlmsg_flags, u16 length, payload). Run it again after the
uapi gains attributes, and commit what it writes.
"""
import os
import struct
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "lib"))
import spec  # noqa: E402  (tests/lib/spec.py: the numbers, from the spec)

N = spec.numbers()
globals().update({k: v for k, v in N.items()
                  if k.split("_")[0] in ("A", "P", "M", "V", "H", "S",
                                         "CMD")})
REASON_LATENCY = N["REASON_LATENCY"]
PATH_UP, PATH_DEGRADED = N["PATH_STATE_UP"], N["PATH_STATE_DEGRADED"]
PATH_DOWN = N["PATH_STATE_DOWN"]
REASON_ENDPOINT_CHANGED = N["REASON_ENDPOINT_CHANGED"]
REASON_LISTENING = N["REASON_LISTENING"]
# linux/netlink.h, linux/rtnetlink.h, linux/if_link.h
NLM_F_MULTI, NLM_F_CAPPED, NLM_F_ACK_TLVS = 0x2, 0x100, 0x200
NLMSGERR_ATTR_MSG, NLMSGERR_ATTR_OFFS, NLMSGERR_ATTR_MISS_TYPE = 1, 2, 5
IFLA_IFNAME, IFLA_LINKINFO, IFLA_INFO_KIND = 3, 18, 1
NLA_F_NESTED = 0x8000
# fuzz_netlink.c
RECORD_GENL, RECORD_ERROR, RECORD_DONE, RECORD_NEWLINK = range(4)


def attr(atype, payload):
    length = 4 + len(payload)
    return struct.pack("<HH", length, atype) + payload + bytes((-length) % 4)


def u8(t, v): return attr(t, struct.pack("<B", v))
def u16(t, v): return attr(t, struct.pack("<H", v))
def u32(t, v): return attr(t, struct.pack("<I", v))
def u64(t, v): return attr(t, struct.pack("<Q", v))
def string(t, v): return attr(t, v.encode() + b"\0")
def nest(t, *attrs): return attr(t | NLA_F_NESTED, b"".join(attrs))


def genl(cmd, *attrs):
    return struct.pack("<BBH", cmd, 1, 0) + b"".join(attrs)


def record(kind, payload, flags=0):
    return struct.pack("<BHH", kind, flags, len(payload)) + payload


stats = nest(A_STATS, u64(S_TX_PACKETS, 10), u64(S_RX_BYTES, 1500),
             u64(S_RX_NOT_AUTHENTIC, 1))
health = nest(A_HEALTH, u32(H_PROBE_INTERVAL_MS, 100), u32(H_HOLD_MS, 500))
measure = nest(P_MEASURE, u32(M_RTT_US, 5100), u32(M_SRTT_US, 5000),
               u32(M_JITTER_US, 300), u32(M_LOSS_PERMILLE, 12),
               u32(M_MISSES, 0), u32(M_LAST_SEEN_MS, 40),
               u64(M_PROBES_SENT, 100), u64(M_PROBES_ANSWERED, 99))
verdicts = nest(P_VERDICTS,
                nest(A_VERDICT, string(V_NAME, "web"), u8(V_OK, 1),
                     u32(V_RTT_US, 900), u32(V_VALID_MS, 3000)),
                nest(A_VERDICT, string(V_NAME, "dns"), u8(V_OK, 0),
                     attr(V_DELETE, b"")))
path = nest(A_PATH, u32(P_ID, 1), string(P_NAME, "fiber"),
            attr(P_LOCAL_ADDR, bytes([10, 1, 0, 1])), u32(P_LOCAL_IFINDEX, 3),
            attr(P_REMOTE_ADDR, bytes(15) + b"\2"), u16(P_REMOTE_PORT, 5555),
            u32(P_PRIORITY, 1), u32(P_WEIGHT, 3), u8(P_ADMIN_UP, 1),
            u8(P_STATE, PATH_DEGRADED), u8(P_CARRIER, 1), u8(P_ACTIVE, 1),
            u32(P_MTU, 1500), nest(P_STATS, u64(S_TX_PACKETS, 7)),
            nest(P_HEALTH, attr(H_RESET, b"")), measure,
            u8(P_STATE_REASON, REASON_LATENCY), verdicts,
            u32(P_BANDWIDTH_KBPS, 2500))

device = genl(CMD_DEV_GET, u32(A_IFINDEX, 4), string(A_IFNAME, "mpvpn0"),
              u16(A_PORT, 5555), u32(A_TUNNEL_ID, 7), u8(A_MODE, 1),
              u32(A_MTU, 1420), u32(A_ACTIVE_PATH_ID, 1),
              string(A_ACTIVE_PATH_NAME, "fiber"), u32(A_PATH_COUNT, 2),
              stats, health, u8(A_FAILBACK, 0), u32(A_REVERT_DELAY_MS, 1000),
              u8(A_REDUNDANCY, 2), u32(A_REORDER_WAIT_MS, 40),
              u32(A_REORDER_WAIT_US, 2000), u8(A_ENCRYPTION, 2),
              u32(A_REKEY_SECONDS, 120), u32(A_KEY_EPOCH, 3),
              u8(A_TOS_INHERIT, 1))
path_reply = genl(CMD_PATH_GET, u32(A_IFINDEX, 4), path)
event = genl(CMD_EVENT, u32(A_IFINDEX, 4), string(A_IFNAME, "mpvpn0"),
             u8(A_REASON, REASON_LATENCY), u32(A_ACTIVE_PATH_ID, 2),
             string(A_ACTIVE_PATH_NAME, "lte"), u32(A_OLD_ACTIVE_PATH_ID, 1),
             u8(A_OLD_STATE, PATH_UP), path)
# A hub's listening path, then the peer's first packet and a NAT rebinding.
listening = genl(CMD_PATH_GET, u32(A_IFINDEX, 4), nest(
    A_PATH, u32(P_ID, 2), string(P_NAME, "lte"),
    attr(P_LOCAL_ADDR, bytes([203, 0, 113, 1])), u8(P_STATE, PATH_DOWN),
    u8(P_STATE_REASON, REASON_LISTENING), u8(P_REMOTE_FIXED, 0),
    u8(P_REMOTE_LEARNED, 0)))
roamed = nest(A_PATH, u32(P_ID, 2), string(P_NAME, "lte"),
              attr(P_REMOTE_ADDR, bytes([198, 51, 100, 9])),
              u16(P_REMOTE_PORT, 61002), u8(P_REMOTE_FIXED, 0),
              u8(P_REMOTE_LEARNED, 1), u8(P_STATE, PATH_UP))
first_endpoint = genl(CMD_EVENT, u32(A_IFINDEX, 4), string(A_IFNAME, "mpvpn0"),
                      u8(A_REASON, REASON_ENDPOINT_CHANGED),
                      u32(A_ACTIVE_PATH_ID, 1), roamed)
rebinding = genl(CMD_EVENT, u32(A_IFINDEX, 4), string(A_IFNAME, "mpvpn0"),
                 u8(A_REASON, REASON_ENDPOINT_CHANGED),
                 attr(A_OLD_REMOTE_ADDR, bytes([198, 51, 100, 9])),
                 u16(A_OLD_REMOTE_PORT, 4500), u32(A_ACTIVE_PATH_ID, 1),
                 roamed)

request = struct.pack("<IHHII", 16 + 4, 0x20, 5, 9, 0) + genl(3)
extack = (attr(NLMSGERR_ATTR_MSG, b"remote address is required\n\0") +
          u32(NLMSGERR_ATTR_OFFS, 20) + u32(NLMSGERR_ATTR_MISS_TYPE, 5))
error_echoed = struct.pack("<i", -22) + request + extack
error_capped = struct.pack("<i", -22) + request[:16] + extack
done = struct.pack("<i", -4) + attr(NLMSGERR_ATTR_MSG, b"dump interrupted\0")
ifinfo = struct.pack("<BBHiII", 0, 0, 0xFFFE, 4, 0, 0)
newlink = ifinfo + string(IFLA_IFNAME, "mpvpn0") + nest(
    IFLA_LINKINFO, string(IFLA_INFO_KIND, "mpvpn"))

seeds = {
    "device": record(RECORD_GENL, device),
    "path": record(RECORD_GENL, path_reply),
    "event": record(RECORD_GENL, event),
    "error-echoed": record(RECORD_ERROR, error_echoed, NLM_F_ACK_TLVS),
    "error-capped": record(RECORD_ERROR, error_capped,
                           NLM_F_ACK_TLVS | NLM_F_CAPPED),
    "done": record(RECORD_DONE, done, NLM_F_MULTI | NLM_F_ACK_TLVS),
    "newlink": record(RECORD_NEWLINK, newlink),
    "path-listening": record(RECORD_GENL, listening),
    "event-first-endpoint": record(RECORD_GENL, first_endpoint),
    "event-rebinding": record(RECORD_GENL, rebinding),
}
seeds["dump"] = (seeds["device"] + seeds["path"] + seeds["event"] +
                 seeds["done"])

out = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                   "corpus", "netlink")
os.makedirs(out, exist_ok=True)
for name, data in seeds.items():
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)
