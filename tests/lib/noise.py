#!/usr/bin/env python3
"""The cryptography of mpvpn's handshake (Documentation/handshake.rst),
Noise_IKpsk2_25519_ChaChaPoly_BLAKE2s, written from that document alone
and independently of kernel/noise.c: the two are checked against each
other by the test vectors this module writes (kernel/tests/noise_vectors.h,
read by the KUnit suite mpvpn_noise), and it can act as an initiator or a
responder in the VM's scenarios.

  noise.py --vectors [FILE]    write the test vectors' C header
                               (default: kernel/tests/noise_vectors.h)

Needs only Debian 12's python3-cryptography (38.0.4): X25519 and
ChaCha20-Poly1305 from it, BLAKE2s from hashlib, and XChaCha20-Poly1305
built here from HChaCha20 and ChaCha20-Poly1305 (cryptography 38 has no
XChaCha).

Where handshake.rst leaves a choice open, the reading closest to the
Noise specification and WireGuard's published protocol is taken; each
such place is marked "Reading:".
"""
from __future__ import annotations

import hashlib
import hmac
import ipaddress
import os
import struct
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.asymmetric.x25519 import (
    X25519PrivateKey, X25519PublicKey)
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.serialization import (
    Encoding, NoEncryption, PrivateFormat, PublicFormat)

CONSTRUCTION = b"Noise_IKpsk2_25519_ChaChaPoly_BLAKE2s"
IDENTIFIER = b"mpvpn v2 handshake"
LABEL_MAC1 = b"mpvpn v2 mac1"
LABEL_COOKIE = b"mpvpn v2 cookie"
LABEL_PATH = b"mpvpn v2 path key"

from wire import (  # noqa: F401 (tests/lib, beside this module)
    COOKIE_REPLY_LEN, INITIATION_LEN, RESPONSE_LEN, TYPE_COOKIE_REPLY,
    TYPE_INITIATION, TYPE_RESPONSE, VERSION)

PREFIX_LEN = 8
KEY_LEN, TAG_LEN, MAC_LEN, TIMESTAMP_LEN = 32, 16, 16, 12
XNONCE_LEN = 24
NO_PSK = bytes(KEY_LEN)
COOKIE_LIFETIME = 120.0         # seconds a held cookie is used, and a secret
MAX_PATH_ID = 32


class HandshakeError(Exception):
    """A message refused, or a handshake step that must not continue."""


# ---------------------------------------------------------------- primitives

def HASH(data: bytes) -> bytes:
    return hashlib.blake2s(data).digest()


def MAC(key: bytes, data: bytes) -> bytes:
    # BLAKE2s's own keyed mode, not HMAC; the key is 32 bytes (mac1, τ's
    # secret) or 16 (τ itself as the key of mac2).
    return hashlib.blake2s(data, key=key, digest_size=MAC_LEN).digest()


def MAC32(key: bytes, data: bytes) -> bytes:
    return hashlib.blake2s(data, key=key, digest_size=32).digest()


def HMAC(key: bytes, data: bytes) -> bytes:
    # hashlib.blake2s's block size is 64 bytes, which is the one RFC 2104
    # must use here.
    return hmac.new(key, data, hashlib.blake2s).digest()


def _kdf(ck: bytes, data: bytes, count: int) -> list[bytes]:
    secret = HMAC(ck, data)
    outputs: list[bytes] = []
    previous = b""
    for i in range(1, count + 1):
        previous = HMAC(secret, previous + bytes([i]))
        outputs.append(previous)
    return outputs


def KDF1(ck: bytes, data: bytes) -> bytes:
    return _kdf(ck, data, 1)[0]


def KDF2(ck: bytes, data: bytes) -> tuple[bytes, bytes]:
    t1, t2 = _kdf(ck, data, 2)
    return t1, t2


def KDF3(ck: bytes, data: bytes) -> tuple[bytes, bytes, bytes]:
    t1, t2, t3 = _kdf(ck, data, 3)
    return t1, t2, t3


def DH(private: bytes, public: bytes) -> bytes:
    # OpenSSL itself refuses an all-zero result (a low-order public key);
    # the explicit test keeps the rule visible and independent of that.
    try:
        shared = X25519PrivateKey.from_private_bytes(private).exchange(
            X25519PublicKey.from_public_bytes(public))
    except ValueError as e:
        raise HandshakeError(f"X25519 failed: {e}") from None
    if shared == bytes(32):
        raise HandshakeError("X25519 result is all zero")
    return shared


def public_key(private: bytes) -> bytes:
    return X25519PrivateKey.from_private_bytes(private).public_key() \
        .public_bytes(Encoding.Raw, PublicFormat.Raw)


def clamp(private: bytes) -> bytes:
    """An X25519 private key as RFC 7748 uses it (section 5)."""
    k = bytearray(private)
    k[0] &= 248
    k[31] &= 127
    k[31] |= 64
    return bytes(k)


def generate_private_key() -> bytes:
    return X25519PrivateKey.generate().private_bytes(
        Encoding.Raw, PrivateFormat.Raw, NoEncryption())


def _nonce96(counter: int) -> bytes:
    return bytes(4) + struct.pack("<Q", counter)


def AEAD(key: bytes, counter: int, plaintext: bytes, ad: bytes) -> bytes:
    return ChaCha20Poly1305(key).encrypt(_nonce96(counter), plaintext, ad)


def AEAD_open(key: bytes, counter: int, sealed: bytes, ad: bytes) -> bytes:
    try:
        return ChaCha20Poly1305(key).decrypt(_nonce96(counter), sealed, ad)
    except InvalidTag:
        raise HandshakeError("AEAD tag does not verify") from None


def _rotl32(v: int, n: int) -> int:
    return ((v << n) & 0xffffffff) | (v >> (32 - n))


def _quarter_round(s: list[int], a: int, b: int, c: int, d: int) -> None:
    s[a] = (s[a] + s[b]) & 0xffffffff; s[d] = _rotl32(s[d] ^ s[a], 16)
    s[c] = (s[c] + s[d]) & 0xffffffff; s[b] = _rotl32(s[b] ^ s[c], 12)
    s[a] = (s[a] + s[b]) & 0xffffffff; s[d] = _rotl32(s[d] ^ s[a], 8)
    s[c] = (s[c] + s[d]) & 0xffffffff; s[b] = _rotl32(s[b] ^ s[c], 7)


def hchacha20(key: bytes, nonce16: bytes) -> bytes:
    """HChaCha20 (draft-irtf-cfrg-xchacha-03, 2.2): ChaCha20's 20 rounds
    on constants, key and the 16-byte nonce, without the final addition;
    the subkey is the state's first and last rows."""
    assert len(key) == 32 and len(nonce16) == 16
    state = [0x61707865, 0x3320646e, 0x79622d32, 0x6b206574]
    state += list(struct.unpack("<8I", key)) + list(struct.unpack("<4I", nonce16))
    for _ in range(10):
        _quarter_round(state, 0, 4, 8, 12)
        _quarter_round(state, 1, 5, 9, 13)
        _quarter_round(state, 2, 6, 10, 14)
        _quarter_round(state, 3, 7, 11, 15)
        _quarter_round(state, 0, 5, 10, 15)
        _quarter_round(state, 1, 6, 11, 12)
        _quarter_round(state, 2, 7, 8, 13)
        _quarter_round(state, 3, 4, 9, 14)
    return struct.pack("<8I", *(state[0:4] + state[12:16]))


def _xchacha_parts(key: bytes, nonce: bytes) -> tuple[ChaCha20Poly1305, bytes]:
    # draft-irtf-cfrg-xchacha-03, 2.3: the subkey from the nonce's first
    # 16 bytes; ChaCha20-Poly1305's nonce is 4 zero bytes and its last 8.
    assert len(nonce) == XNONCE_LEN
    return (ChaCha20Poly1305(hchacha20(key, nonce[:16])),
            bytes(4) + nonce[16:])


def XAEAD(key: bytes, nonce: bytes, plaintext: bytes, ad: bytes) -> bytes:
    cipher, nonce12 = _xchacha_parts(key, nonce)
    return cipher.encrypt(nonce12, plaintext, ad)


def XAEAD_open(key: bytes, nonce: bytes, sealed: bytes, ad: bytes) -> bytes:
    cipher, nonce12 = _xchacha_parts(key, nonce)
    try:
        return cipher.decrypt(nonce12, sealed, ad)
    except InvalidTag:
        raise HandshakeError("XAEAD tag does not verify") from None


TAI64_BASE = 1 << 62
NANOSECOND_GRAIN = 1 << 24


def TAI64N(unix_ns: int | None = None) -> bytes:
    """The timestamp of now (or of unix_ns nanoseconds since 1970).

    Reading: the spec says seconds plus 2^62, with no TAI-UTC offset (TAI64
    proper and WireGuard add 10 more); only this side's own timestamps are
    ever compared with each other, so the spec's words are taken as they
    are."""
    if unix_ns is None:
        unix_ns = time.time_ns()
    seconds, nanoseconds = divmod(unix_ns, 1_000_000_000)
    nanoseconds -= nanoseconds % NANOSECOND_GRAIN
    return struct.pack("!QI", TAI64_BASE + seconds, nanoseconds)


def next_timestamp(previous: bytes | None, unix_ns: int | None = None) -> bytes:
    """TAI64N() unless that is not greater than previous.

    Reading: "adds one to the last" is taken as the 12 bytes read as one
    96-bit big-endian number plus one, i.e. one nanosecond more (so the
    result need not be a multiple of 2^24, and the order the receiver
    sees, a bytewise comparison, is kept)."""
    now = TAI64N(unix_ns)
    if previous is None or now > previous:
        return now
    return (int.from_bytes(previous, "big") + 1).to_bytes(TIMESTAMP_LEN, "big")


# ------------------------------------------------------------------ messages

@dataclass(frozen=True)
class Prefix:
    """The 8 bytes every handshake message starts with."""
    msg_type: int
    flags: int
    path: int
    tunnel: int
    version: int = VERSION

    def pack(self) -> bytes:
        return struct.pack("!BBBBI", self.version, self.msg_type, self.flags,
                           self.path, self.tunnel)

    @classmethod
    def unpack(cls, msg: bytes) -> Prefix:
        version, msg_type, flags, path, tunnel = struct.unpack_from("!BBBBI", msg)
        return cls(msg_type, flags, path, tunnel, version)

    @property
    def slot(self) -> int:
        return self.flags & 0x03


def _check_prefix(msg: bytes, msg_type: int, length: int) -> Prefix:
    # Reading: mac1 is checked "before any other work"; these comparisons
    # of the length and the prefix come before it all the same, as they
    # cost less than the BLAKE2s and refuse the same messages.
    if len(msg) != length:
        raise HandshakeError(f"length {len(msg)}, not {length}")
    prefix = Prefix.unpack(msg)
    if prefix.version != VERSION or prefix.msg_type != msg_type:
        raise HandshakeError(f"version {prefix.version} type {prefix.msg_type}")
    if msg_type == TYPE_COOKIE_REPLY:
        if prefix.flags != 0:
            raise HandshakeError(f"cookie reply with flags {prefix.flags:#x}")
    elif prefix.flags & ~0x03 or prefix.slot == 0:
        raise HandshakeError(f"flags {prefix.flags:#x}: no receive slot 1-3")
    return prefix


def _check_slot(slot: int) -> None:
    if not 1 <= slot <= 3:
        raise ValueError(f"receive slot {slot}: 1 to 3")


# ------------------------------------------------------- mac1, mac2, cookies

def mac1_key(receiver_pub: bytes) -> bytes:
    return HASH(LABEL_MAC1 + receiver_pub)


def cookie_key(receiver_pub: bytes) -> bytes:
    return HASH(LABEL_COOKIE + receiver_pub)


def mac1_offset(msg: bytes) -> int:
    """Where mac1 starts: the last 32 bytes of a message are mac1, mac2."""
    return len(msg) - 2 * MAC_LEN


def mac1_of(msg: bytes) -> bytes:
    return msg[mac1_offset(msg):mac1_offset(msg) + MAC_LEN]


def source_bytes(address: str | bytes, port: int) -> bytes:
    """The source address (4 or 16 bytes) and port (2, network order)
    that a cookie binds."""
    if isinstance(address, str):
        address = ipaddress.ip_address(address).packed
    if len(address) not in (4, 16):
        raise ValueError("a source address is 4 or 16 bytes")
    return bytes(address) + struct.pack("!H", port)


def cookie_tau(secret: bytes, address: str | bytes, port: int) -> bytes:
    return MAC(secret, source_bytes(address, port))


class MacReceiver:
    """What the receiver of initiations or responses checks before any
    other work, and the cookies it gives out under load. One per static
    key; the secret is replaced every 120 s."""

    def __init__(self, own_pub: bytes, secret: bytes | None = None,
                 clock=time.monotonic):
        self.own_pub = own_pub
        self.clock = clock
        self.secret = secret if secret is not None else os.urandom(KEY_LEN)
        self.secret_born = clock()
        self.fixed_secret = secret is not None

    def _current_secret(self) -> bytes:
        if not self.fixed_secret and self.clock() - self.secret_born >= COOKIE_LIFETIME:
            self.secret = os.urandom(KEY_LEN)
            self.secret_born = self.clock()
        return self.secret

    def mac1_valid(self, msg: bytes) -> bool:
        end = mac1_offset(msg)
        return hmac.compare_digest(MAC(mac1_key(self.own_pub), msg[:end]),
                                   msg[end:end + MAC_LEN])

    def tau(self, address: str | bytes, port: int) -> bytes:
        return cookie_tau(self._current_secret(), address, port)

    def mac2_valid(self, msg: bytes, address: str | bytes, port: int) -> bool:
        end = mac1_offset(msg) + MAC_LEN
        return hmac.compare_digest(MAC(self.tau(address, port), msg[:end]),
                                   msg[end:end + MAC_LEN])

    def create_cookie_reply(self, msg: bytes, address: str | bytes, port: int,
                            nonce: bytes | None = None) -> bytes:
        """The cookie reply to msg (an initiation or a response) from
        address and port. Reading: the spec names the flags (0) and the
        path id (the answered message's) of the reply's prefix, not its
        tunnel id; it is the answered message's, as the reply must reach
        the same device. The prefix is not authenticated: the spec's
        associated data is mac1 alone."""
        answered = Prefix.unpack(msg)
        if nonce is None:
            nonce = os.urandom(XNONCE_LEN)
        prefix = Prefix(TYPE_COOKIE_REPLY, 0, answered.path, answered.tunnel)
        sealed = XAEAD(cookie_key(self.own_pub), nonce,
                       self.tau(address, port), mac1_of(msg))
        return prefix.pack() + nonce + sealed


class MacSender:
    """mac1 and mac2 of what one side sends to one peer, and the cookie
    it holds from that peer."""

    def __init__(self, peer_pub: bytes, clock=time.monotonic):
        self.peer_pub = peer_pub
        self.clock = clock
        self.cookie: bytes | None = None
        self.cookie_born = 0.0
        self.last_mac1: bytes | None = None

    def has_cookie(self) -> bool:
        return (self.cookie is not None and
                self.clock() - self.cookie_born < COOKIE_LIFETIME)

    def seal(self, body: bytes) -> bytes:
        """body (the message up to mac1) with mac1 and mac2 appended."""
        mac1 = MAC(mac1_key(self.peer_pub), body)
        self.last_mac1 = mac1
        mac2 = MAC(self.cookie, body + mac1) if self.has_cookie() else bytes(MAC_LEN)
        return body + mac1 + mac2

    def consume_cookie_reply(self, reply: bytes) -> bytes:
        """Keeps the cookie of a reply to the last message sealed; returns
        τ. Raises HandshakeError for any other reply."""
        _check_prefix(reply, TYPE_COOKIE_REPLY, COOKIE_REPLY_LEN)
        if self.last_mac1 is None:
            raise HandshakeError("cookie reply with no message sent")
        nonce = reply[PREFIX_LEN:PREFIX_LEN + XNONCE_LEN]
        tau = XAEAD_open(cookie_key(self.peer_pub), nonce,
                         reply[PREFIX_LEN + XNONCE_LEN:], self.last_mac1)
        self.cookie, self.cookie_born = tau, self.clock()
        return tau


# ----------------------------------------------------------------- handshake

def initial_state(responder_pub: bytes) -> tuple[bytes, bytes]:
    """(ck, h) both sides start from."""
    ck = HASH(CONSTRUCTION)
    h = HASH(ck + IDENTIFIER)
    return ck, HASH(h + responder_pub)


def path_key(session_key: bytes, path: int) -> bytes:
    """K_p: the key of path p (1 to 32) in the direction session_key
    (T_i or T_r) seals."""
    if not 1 <= path <= MAX_PATH_ID:
        raise ValueError(f"path id {path}: 1 to {MAX_PATH_ID}")
    return MAC32(session_key, LABEL_PATH + bytes([path]))


@dataclass
class Session:
    """The result of a handshake: T_i seals what the initiator sends,
    T_r what the responder sends."""
    t_i: bytes
    t_r: bytes
    local_slot: int             # where this side receives the session
    remote_slot: int            # the key slot this side's packets carry
    is_initiator: bool

    @property
    def send_key(self) -> bytes:
        return self.t_i if self.is_initiator else self.t_r

    @property
    def receive_key(self) -> bytes:
        return self.t_r if self.is_initiator else self.t_i

    def send_path_key(self, path: int) -> bytes:
        return path_key(self.send_key, path)

    def receive_path_key(self, path: int) -> bytes:
        return path_key(self.receive_key, path)


def _session_keys(ck: bytes) -> tuple[bytes, bytes]:
    return KDF2(ck, b"")


class Initiator:
    """The side that knows its peer's public key and starts."""

    def __init__(self, static_priv: bytes, responder_pub: bytes,
                 psk: bytes = NO_PSK, clock=time.monotonic):
        self.static_priv = static_priv
        self.static_pub = public_key(static_priv)
        self.responder_pub = responder_pub
        self.psk = psk
        self.macs = MacSender(responder_pub, clock)
        self.receiver = MacReceiver(self.static_pub, clock=clock)
        self.last_timestamp: bytes | None = None
        self._in_flight: dict | None = None
        self.last_initiation: bytes | None = None

    def create_initiation(self, path: int, tunnel: int, slot: int,
                          timestamp: bytes | None = None,
                          ephemeral_priv: bytes | None = None,
                          raw_prefix: bytes | None = None) -> bytes:
        """A new initiation (replacing any in flight). timestamp and
        ephemeral_priv are for tests; by default the next TAI64N and a new
        key pair. raw_prefix, for tests too, replaces the prefix with 8
        bytes the spec may forbid, to see that a receiver refuses them."""
        _check_slot(slot)
        if timestamp is None:
            timestamp = next_timestamp(self.last_timestamp)
        if ephemeral_priv is None:
            ephemeral_priv = generate_private_key()
        self._in_flight = None
        prefix = Prefix(TYPE_INITIATION, slot, path, tunnel).pack()
        if raw_prefix is not None:
            prefix = raw_prefix

        ck, h = initial_state(self.responder_pub)
        h = HASH(h + prefix)
        ephemeral_pub = public_key(ephemeral_priv)
        ck = KDF1(ck, ephemeral_pub)
        h = HASH(h + ephemeral_pub)
        ck, k = KDF2(ck, DH(ephemeral_priv, self.responder_pub))
        sealed_static = AEAD(k, 0, self.static_pub, h)
        h = HASH(h + sealed_static)
        ck, k = KDF2(ck, DH(self.static_priv, self.responder_pub))
        sealed_timestamp = AEAD(k, 0, timestamp, h)
        h = HASH(h + sealed_timestamp)

        self.last_timestamp = timestamp
        self._in_flight = {"ck": ck, "h": h, "ephemeral_priv": ephemeral_priv,
                           "slot": slot, "prefix": prefix}
        self.last_initiation = self.macs.seal(
            prefix + ephemeral_pub + sealed_static + sealed_timestamp)
        return self.last_initiation

    def resend_initiation(self) -> bytes:
        """The initiation in flight again, with mac2 if a cookie came.
        Reading: the spec says the sender "sends that message again" after
        a cookie reply; the same handshake is kept (WireGuard would start
        a new one, which a caller can do too)."""
        if self.last_initiation is None or self._in_flight is None:
            raise HandshakeError("no initiation in flight")
        body = self.last_initiation[:mac1_offset(self.last_initiation)]
        self.last_initiation = self.macs.seal(body)
        return self.last_initiation

    def consume_cookie_reply(self, reply: bytes) -> bytes:
        return self.macs.consume_cookie_reply(reply)

    def consume_response(self, msg: bytes) -> Session:
        """The session of a response to the initiation in flight; raises
        HandshakeError otherwise. A response is accepted once."""
        prefix = _check_prefix(msg, TYPE_RESPONSE, RESPONSE_LEN)
        if not self.receiver.mac1_valid(msg):
            raise HandshakeError("response: mac1 does not verify")
        state = self._in_flight
        if state is None:
            raise HandshakeError("response with no handshake in flight")
        ck, h = state["ck"], state["h"]
        ephemeral_r = msg[8:40]
        sealed_empty = msg[40:56]

        h = HASH(h + msg[:PREFIX_LEN])
        ck = KDF1(ck, ephemeral_r)
        h = HASH(h + ephemeral_r)
        ck = KDF1(ck, DH(state["ephemeral_priv"], ephemeral_r))
        ck = KDF1(ck, DH(self.static_priv, ephemeral_r))
        ck, t, k = KDF3(ck, self.psk)
        h = HASH(h + t)
        AEAD_open(k, 0, sealed_empty, h)
        h = HASH(h + sealed_empty)

        # The response must name the tunnel and the path of the
        # initiation it answers (handshake.rst); both are in h too.
        sent = Prefix.unpack(state["prefix"])
        if (prefix.tunnel, prefix.path) != (sent.tunnel, sent.path):
            raise HandshakeError("response names another tunnel or path")
        self._in_flight = None          # once
        t_i, t_r = _session_keys(ck)
        return Session(t_i, t_r, state["slot"], prefix.slot, True)


@dataclass
class Initiation:
    """What a responder learnt from an initiation it accepted."""
    initiator_pub: bytes
    timestamp: bytes
    prefix: Prefix
    ephemeral_pub: bytes
    ck: bytes
    h: bytes


class Responder:
    """The side that answers; it knows one peer (a device has one)."""

    def __init__(self, static_priv: bytes, initiator_pub: bytes,
                 psk: bytes = NO_PSK, clock=time.monotonic,
                 cookie_secret: bytes | None = None):
        self.static_priv = static_priv
        self.static_pub = public_key(static_priv)
        self.initiator_pub = initiator_pub
        self.psk = psk
        self.receiver = MacReceiver(self.static_pub, cookie_secret, clock)
        self.macs = MacSender(initiator_pub, clock)
        self.greatest_timestamp: bytes | None = None
        self._accepted: Initiation | None = None

    def consume_initiation(self, msg: bytes) -> tuple[bytes, bytes]:
        """(initiator's static public key, timestamp) of an initiation this
        responder accepts; HandshakeError, at the first failed check, for
        any other. The caller checks mac2 first when under load."""
        _check_prefix(msg, TYPE_INITIATION, INITIATION_LEN)
        if not self.receiver.mac1_valid(msg):
            raise HandshakeError("initiation: mac1 does not verify")
        ephemeral_i = msg[8:40]
        sealed_static = msg[40:88]
        sealed_timestamp = msg[88:116]

        ck, h = initial_state(self.static_pub)
        h = HASH(h + msg[:PREFIX_LEN])
        ck = KDF1(ck, ephemeral_i)
        h = HASH(h + ephemeral_i)
        ck, k = KDF2(ck, DH(self.static_priv, ephemeral_i))
        static_i = AEAD_open(k, 0, sealed_static, h)
        if not hmac.compare_digest(static_i, self.initiator_pub):
            raise HandshakeError("initiation from another static key")
        h = HASH(h + sealed_static)
        ck, k = KDF2(ck, DH(self.static_priv, static_i))
        timestamp = AEAD_open(k, 0, sealed_timestamp, h)
        if self.greatest_timestamp is not None and timestamp <= self.greatest_timestamp:
            raise HandshakeError("initiation: timestamp not newer (replay?)")
        h = HASH(h + sealed_timestamp)

        # "Accepted": every check passed. Reading: it is recorded now, not
        # when the response is sent, so a second copy is refused at once.
        self.greatest_timestamp = timestamp
        self._accepted = Initiation(static_i, timestamp, Prefix.unpack(msg),
                                    ephemeral_i, ck, h)
        return static_i, timestamp

    def create_response(self, slot: int,
                        ephemeral_priv: bytes | None = None) -> tuple[bytes, Session]:
        """The response to the initiation last accepted, on the path it
        arrived on, and the session. ephemeral_priv is for tests."""
        _check_slot(slot)
        accepted = self._accepted
        if accepted is None:
            raise HandshakeError("no accepted initiation to answer")
        self._accepted = None
        if ephemeral_priv is None:
            ephemeral_priv = generate_private_key()
        prefix = Prefix(TYPE_RESPONSE, slot, accepted.prefix.path,
                        accepted.prefix.tunnel).pack()
        ck, h = accepted.ck, accepted.h

        h = HASH(h + prefix)
        ephemeral_pub = public_key(ephemeral_priv)
        ck = KDF1(ck, ephemeral_pub)
        h = HASH(h + ephemeral_pub)
        ck = KDF1(ck, DH(ephemeral_priv, accepted.ephemeral_pub))
        ck = KDF1(ck, DH(ephemeral_priv, accepted.initiator_pub))
        ck, t, k = KDF3(ck, self.psk)
        h = HASH(h + t)
        sealed_empty = AEAD(k, 0, b"", h)
        h = HASH(h + sealed_empty)

        t_i, t_r = _session_keys(ck)
        msg = self.macs.seal(prefix + ephemeral_pub + sealed_empty)
        return msg, Session(t_i, t_r, slot, accepted.prefix.slot, False)

    def create_cookie_reply(self, msg: bytes, address: str | bytes, port: int,
                            nonce: bytes | None = None) -> bytes:
        return self.receiver.create_cookie_reply(msg, address, port, nonce)


# -------------------------------------------------------------- test vectors

def label_key(label: str, x25519: bool = True) -> bytes:
    key = HASH(label.encode("ascii"))
    return clamp(key) if x25519 else key


VECTOR_TIMESTAMP = bytes([0x40, 0, 0, 0, 0x65, 0x5f, 0x2a, 0x00,
                          0x01, 0x00, 0x00, 0x00])
VECTOR_INITIATION_PREFIX = Prefix(TYPE_INITIATION, 1, 3, 7)
VECTOR_RESPONSE_SLOT = 2
VECTOR_COOKIE_SOURCE = ("192.0.2.1", 5555)


def vectors() -> list[tuple[str, bytes, str]]:
    """(name, bytes, comment) of every array of noise_vectors.h, computed
    from the fixed inputs of handshake.rst's "Test vectors"."""
    initiator_static = label_key("initiator static")
    responder_static = label_key("responder static")
    initiator_ephemeral = label_key("initiator ephemeral")
    responder_ephemeral = label_key("responder ephemeral")
    psk = label_key("psk", x25519=False)
    initiator_pub = public_key(initiator_static)
    responder_pub = public_key(responder_static)
    cookie_secret = HASH(b"cookie secret")
    cookie_nonce = HASH(b"cookie nonce")[:XNONCE_LEN]

    initiator = Initiator(initiator_static, responder_pub, psk)
    responder = Responder(responder_static, initiator_pub, psk,
                          cookie_secret=cookie_secret)
    p = VECTOR_INITIATION_PREFIX
    initiation = initiator.create_initiation(
        p.path, p.tunnel, p.slot, timestamp=VECTOR_TIMESTAMP,
        ephemeral_priv=initiator_ephemeral)
    got_pub, got_timestamp = responder.consume_initiation(initiation)
    assert (got_pub, got_timestamp) == (initiator_pub, VECTOR_TIMESTAMP)
    response, responder_session = responder.create_response(
        VECTOR_RESPONSE_SLOT, ephemeral_priv=responder_ephemeral)
    session = initiator.consume_response(response)
    assert (session.t_i, session.t_r) == (responder_session.t_i,
                                          responder_session.t_r)
    address, port = VECTOR_COOKIE_SOURCE
    tau = cookie_tau(cookie_secret, address, port)
    cookie_reply = responder.create_cookie_reply(initiation, address, port,
                                                 cookie_nonce)
    assert initiator.consume_cookie_reply(cookie_reply) == tau

    return [
        ("initiator_static_priv", initiator_static,
         'HASH("initiator static"), clamped'),
        ("initiator_static_pub", initiator_pub, "its public key"),
        ("responder_static_priv", responder_static,
         'HASH("responder static"), clamped'),
        ("responder_static_pub", responder_pub, "its public key"),
        ("initiator_ephemeral_priv", initiator_ephemeral,
         'HASH("initiator ephemeral"), clamped'),
        ("responder_ephemeral_priv", responder_ephemeral,
         'HASH("responder ephemeral"), clamped'),
        ("psk", psk, 'HASH("psk"), the pre-shared key Q'),
        ("timestamp", VECTOR_TIMESTAMP, "the initiation's TAI64N"),
        ("initiation", initiation,
         "initiation: slot 1, path 3, tunnel 7, mac2 zero"),
        ("response", response, "response: slot 2, path 3, tunnel 7, mac2 zero"),
        ("t_i", session.t_i, "T_i: seals what the initiator sends"),
        ("t_r", session.t_r, "T_r: seals what the responder sends"),
        ("k1_i", path_key(session.t_i, 1), "K_1 from T_i"),
        ("k1_r", path_key(session.t_r, 1), "K_1 from T_r"),
        ("cookie_secret", cookie_secret, 'HASH("cookie secret")'),
        ("cookie_nonce", cookie_nonce, 'first 24 bytes of HASH("cookie nonce")'),
        ("cookie_source_ip", source_bytes(address, port)[:-2],
         f"the initiation's source address, {address}"),
        ("cookie_tau", tau, "tau = MAC(secret, address || port)"),
        ("cookie_reply", cookie_reply,
         "cookie reply to the initiation: path 3, tunnel 7"),
    ]


def vectors_header() -> str:
    lines = [
        "/* SPDX-License-Identifier: GPL-2.0 */",
        "/*",
        " * Test vectors of the handshake (Documentation/handshake.rst), from",
        " * an implementation independent of noise.c. Generated by",
        " * tests/lib/noise.py --vectors: do not edit.",
        " */",
        "#ifndef _MPVPN_NOISE_VECTORS_H",
        "#define _MPVPN_NOISE_VECTORS_H",
        "",
        "#include <linux/types.h>",
    ]
    for name, data, comment in vectors():
        lines += ["", f"/* {comment} */",
                  f"static const u8 noise_vec_{name}[{len(data)}] __maybe_unused = {{"]
        for i in range(0, len(data), 8):
            lines.append("\t" + ", ".join(f"0x{b:02x}" for b in data[i:i + 8]) + ",")
        lines.append("};")
        if name == "cookie_source_ip":
            lines += ["", "/* the initiation's source port */",
                      f"#define NOISE_VEC_COOKIE_SOURCE_PORT {VECTOR_COOKIE_SOURCE[1]}"]
    lines += ["", "#endif /* _MPVPN_NOISE_VECTORS_H */", ""]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    if len(argv) in (1, 2) and argv[0] == "--vectors":
        default = Path(__file__).resolve().parents[2] / "kernel/tests/noise_vectors.h"
        target = Path(argv[1]) if len(argv) == 2 else default
        text = vectors_header()
        if str(target) == "-":
            sys.stdout.write(text)
        else:
            target.write_text(text)
        return 0
    print("usage: noise.py --vectors [FILE]", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
