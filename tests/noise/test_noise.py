#!/usr/bin/env python3
"""Self-test of tests/lib/noise.py (run by tests/noise/run): its
primitives against published known answers, full handshakes between its
Initiator and Responder, and the messages it must refuse. Prints one
"ok - ..." or "not ok - ..." line per check; exits non-zero on a failure.
"""
import dataclasses
import hashlib
import sys
import traceback
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "lib"))
import noise  # noqa: E402
from noise import HandshakeError  # noqa: E402
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305  # noqa: E402

h = bytes.fromhex
SUNSCREEN = (b"Ladies and Gentlemen of the class of '99: If I could offer you "
             b"only one tip for the future, sunscreen would be it.")
CHECKS: list[tuple[str, Callable[[], None]]] = []


def check(name: str):
    def register(fn: Callable[[], None]):
        CHECKS.append((name, fn))
        return fn
    return register


def refused(fn: Callable[[], object], why: str) -> None:
    try:
        fn()
    except HandshakeError:
        return
    raise AssertionError(f"accepted: {why}")


# ---------------------------------------------------- published known answers

@check("X25519: RFC 7748 section 5.2, both scalar multiplications")
def _():
    assert noise.DH(
        h("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4"),
        h("e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c")) == \
        h("c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552")
    assert noise.DH(
        h("4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d"),
        h("e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493")) == \
        h("95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957")


@check("X25519: RFC 7748 section 5.2, 1 and 1000 iterations")
def _():
    k = u = (9).to_bytes(32, "little")
    for i in range(1000):
        k, u = noise.DH(k, u), k
        if i == 0:
            assert k == h("422c8e7a6227d7bca1350b3e2bb7279f"
                          "7897b87bb6854b783c60e80311ae3079")
    assert k == h("684cf59ba83309552800ef566f2f4d3c1c3887c49360e3875f2eb94d99532c51")


@check("X25519: RFC 7748 section 6.1, key pairs and shared secret")
def _():
    alice = h("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a")
    bob = h("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb")
    alice_pub = h("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a")
    bob_pub = h("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f")
    shared = h("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742")
    assert noise.public_key(alice) == alice_pub
    assert noise.public_key(bob) == bob_pub
    assert noise.DH(alice, bob_pub) == noise.DH(bob, alice_pub) == shared


@check("X25519: an all-zero result (low-order public key) fails")
def _():
    private = noise.generate_private_key()
    refused(lambda: noise.DH(private, bytes(32)), "the point 0")
    refused(lambda: noise.DH(private, (1).to_bytes(32, "little")), "the point 1")


@check("BLAKE2s-256 of \"abc\": RFC 7693 appendix B")
def _():
    assert noise.HASH(b"abc") == h(
        "508c5e8c327c14e2e1a72ba34eeb452f37458b209ed63a294d999b4c86675982")


@check("HMAC-BLAKE2s is RFC 2104's construction with 64-byte blocks")
def _():
    # Written out here from RFC 2104 to check the hmac module's use.
    def rfc2104(key: bytes, data: bytes) -> bytes:
        if len(key) > 64:
            key = noise.HASH(key)
        key = key.ljust(64, b"\0")
        inner = noise.HASH(bytes(b ^ 0x36 for b in key) + data)
        return noise.HASH(bytes(b ^ 0x5c for b in key) + inner)
    for key, data in [(b"", b""), (bytes(32), b"\x01"), (bytes(range(64)), b"abc"),
                      (bytes(range(100)), bytes(300))]:
        assert noise.HMAC(key, data) == rfc2104(key, data)


@check("KDF1/2/3: Noise's HKDF chain, each a prefix of the longer")
def _():
    ck, data = noise.HASH(b"ck"), b"input"
    t = noise.HMAC(ck, data)
    t1 = noise.HMAC(t, b"\x01")
    t2 = noise.HMAC(t, t1 + b"\x02")
    t3 = noise.HMAC(t, t2 + b"\x03")
    assert noise.KDF1(ck, data) == t1
    assert noise.KDF2(ck, data) == (t1, t2)
    assert noise.KDF3(ck, data) == (t1, t2, t3)


@check("MAC and MAC32: keyed BLAKE2s, 16 and 32 bytes, 16- and 32-byte keys")
def _():
    assert noise.MAC(bytes(32), b"x") == hashlib.blake2s(
        b"x", key=bytes(32), digest_size=16).digest()
    assert len(noise.MAC(bytes(16), b"x")) == 16
    assert noise.MAC32(bytes(32), b"x") == hashlib.blake2s(b"x", key=bytes(32)).digest()
    assert noise.MAC32(bytes(32), b"x")[:16] != noise.MAC(bytes(32), b"x")


@check("ChaCha20-Poly1305: RFC 8439 section 2.8.2")
def _():
    key = bytes(range(0x80, 0xa0))
    nonce = h("070000004041424344454647")
    aad = h("50515253c0c1c2c3c4c5c6c7")
    sealed = ChaCha20Poly1305(key).encrypt(nonce, SUNSCREEN, aad)
    assert sealed == h(
        "d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d6"
        "3dbea45e8ca9671282fafb69da92728b1a71de0a9e060b2905d6a5b67ecd3b36"
        "92ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc"
        "3ff4def08e4b7a9de576d26586cec64b6116"
        "1ae10b594f09e26a7e902ecbd0600691")


@check("AEAD: the nonce is 4 zero bytes then the counter little-endian")
def _():
    key = noise.HASH(b"key")
    nonce = bytes(4) + (0x0102030405060708).to_bytes(8, "little")
    assert noise.AEAD(key, 0x0102030405060708, b"p", b"a") == \
        ChaCha20Poly1305(key).encrypt(nonce, b"p", b"a")
    assert noise.AEAD_open(key, 5, noise.AEAD(key, 5, b"p", b"a"), b"a") == b"p"
    refused(lambda: noise.AEAD_open(key, 6, noise.AEAD(key, 5, b"p", b"a"), b"a"),
            "another counter")


@check("HChaCha20: draft-irtf-cfrg-xchacha-03 section 2.2.1")
def _():
    assert noise.hchacha20(bytes(range(32)),
                           h("000000090000004a0000000031415927")) == h(
        "82413b4227b27bfed30e42508a877d73a0f9e4d58a74a853c12ec41326d3ecdc")


@check("XChaCha20-Poly1305: draft-irtf-cfrg-xchacha-03 appendix A.3.1")
def _():
    key = bytes(range(0x80, 0xa0))
    nonce = bytes(range(0x40, 0x58))
    aad = h("50515253c0c1c2c3c4c5c6c7")
    expected = h(
        "bd6d179d3e83d43b9576579493c0e939572a1700252bfaccbed2902c21396cbb"
        "731c7f1b0b4aa6440bf3a82f4eda7e39ae64c6708c54c216cb96b72e1213b452"
        "2f8c9ba40db5d945b11b69b982c1bb9e3f3fac2bc369488f76b2383565d3fff9"
        "21f9664c97637da9768812f615c68b13b52e"
        "c0875924c1c7987947deafd8780acf49")
    assert noise.XAEAD(key, nonce, SUNSCREEN, aad) == expected
    assert noise.XAEAD_open(key, nonce, expected, aad) == SUNSCREEN
    tampered = bytearray(expected)
    tampered[0] ^= 1
    refused(lambda: noise.XAEAD_open(key, nonce, bytes(tampered), aad), "a flipped bit")


@check("TAI64N: 2^62 + seconds, nanoseconds rounded down to 2^24")
def _():
    stamp = noise.TAI64N(1_700_000_000 * 10**9 + 999_999_999)
    assert stamp[:8] == ((1 << 62) + 1_700_000_000).to_bytes(8, "big")
    nanoseconds = int.from_bytes(stamp[8:], "big")
    assert nanoseconds % (1 << 24) == 0 and 999_999_999 - nanoseconds < (1 << 24)
    assert noise.TAI64N(0) == bytes([0x40]) + bytes(11)
    assert noise.TAI64N(1_700_000_000 * 10**9 + 5) == \
        noise.TAI64N(1_700_000_000 * 10**9 + (1 << 24) - 1)


@check("TAI64N: never a timestamp not greater than the previous one")
def _():
    now = 1_700_000_000 * 10**9
    first = noise.next_timestamp(None, now)
    same_grain = noise.next_timestamp(first, now + 1000)
    assert same_grain > first
    earlier_clock = noise.next_timestamp(same_grain, now - 10**9)
    assert earlier_clock > same_grain
    later = noise.next_timestamp(earlier_clock, now + 10**9)
    assert later == noise.TAI64N(now + 10**9)


@check("the test vectors' keys: HASH of the label, clamped (RFC 7748)")
def _():
    key = noise.label_key("initiator static")
    raw = noise.HASH(b"initiator static")
    assert key[1:31] == raw[1:31] and key[0] == raw[0] & 248
    assert key[31] == (raw[31] & 127) | 64
    assert noise.label_key("psk", x25519=False) == noise.HASH(b"psk")


# --------------------------------------------------------------- handshakes

class Pair:
    """Two gateways with fresh static keys, the initiator's first
    initiation sent."""

    def __init__(self, psk: bytes = noise.NO_PSK, responder_psk: bytes | None = None,
                 clock=None):
        self.now = 1000.0
        tick = clock or (lambda: self.now)
        self.i_priv = noise.generate_private_key()
        self.r_priv = noise.generate_private_key()
        self.i_pub = noise.public_key(self.i_priv)
        self.r_pub = noise.public_key(self.r_priv)
        self.initiator = noise.Initiator(self.i_priv, self.r_pub, psk, clock=tick)
        self.responder = noise.Responder(
            self.r_priv, self.i_pub, psk if responder_psk is None else responder_psk,
            clock=tick)
        self.initiation = self.initiator.create_initiation(path=2, tunnel=9, slot=1)

    def complete(self) -> tuple[noise.Session, noise.Session]:
        pub, _ = self.responder.consume_initiation(self.initiation)
        assert pub == self.i_pub
        response, r_session = self.responder.create_response(slot=3)
        i_session = self.initiator.consume_response(response)
        return i_session, r_session


def reseal(msg: bytes, receiver_pub: bytes) -> bytes:
    """msg with a valid mac1 again, as an attacker who knows the receiver's
    public key can make it, so that a check past mac1 is reached."""
    body = msg[:noise.mac1_offset(msg)]
    return noise.MacSender(receiver_pub).seal(body)


def flip(msg: bytes, offset: int) -> bytes:
    out = bytearray(msg)
    out[offset] ^= 0x01
    return bytes(out)


def assert_same_session(i_session: noise.Session, r_session: noise.Session) -> None:
    assert (i_session.t_i, i_session.t_r) == (r_session.t_i, r_session.t_r)
    assert i_session.t_i != i_session.t_r
    assert i_session.send_key == r_session.receive_key
    assert i_session.receive_key == r_session.send_key
    for path in (1, 7, 32):
        assert i_session.send_path_key(path) == r_session.receive_path_key(path)
        assert i_session.receive_path_key(path) == r_session.send_path_key(path)
    assert i_session.send_path_key(1) != i_session.send_path_key(2)
    assert (i_session.local_slot, i_session.remote_slot) == (1, 3)
    assert (r_session.local_slot, r_session.remote_slot) == (3, 1)


@check("handshake without a PSK: both sides derive the same keys")
def _():
    pair = Pair()
    assert len(pair.initiation) == noise.INITIATION_LEN
    i_session, r_session = pair.complete()
    assert_same_session(i_session, r_session)


@check("handshake with a PSK: the same keys, other than without it")
def _():
    psk = noise.HASH(b"a shared secret")
    pair = Pair(psk)
    i_session, r_session = pair.complete()
    assert_same_session(i_session, r_session)
    # The same ephemeral keys without the PSK give another session.
    e_i, e_r = noise.generate_private_key(), noise.generate_private_key()
    keys = []
    for q in (psk, noise.NO_PSK):
        initiator = noise.Initiator(pair.i_priv, pair.r_pub, q)
        responder = noise.Responder(pair.r_priv, pair.i_pub, q)
        responder.consume_initiation(initiator.create_initiation(
            1, 1, 1, timestamp=noise.TAI64N(0), ephemeral_priv=e_i))
        response, _ = responder.create_response(2, ephemeral_priv=e_r)
        keys.append(initiator.consume_response(response).t_i)
    assert keys[0] != keys[1]


@check("the messages' layout: lengths, prefixes, mac1, mac2 zero")
def _():
    pair = Pair()
    assert pair.initiation[:8] == bytes([2, 6, 1, 2, 0, 0, 0, 9])
    assert pair.initiation[8:40] != bytes(32)
    assert pair.initiation[132:] == bytes(16)
    assert pair.initiation[116:132] == noise.MAC(
        noise.HASH(noise.LABEL_MAC1 + pair.r_pub), pair.initiation[:116])
    pair.responder.consume_initiation(pair.initiation)
    response, _ = pair.responder.create_response(slot=3)
    assert len(response) == noise.RESPONSE_LEN
    assert response[:8] == bytes([2, 7, 3, 2, 0, 0, 0, 9])
    assert response[56:72] == noise.MAC(
        noise.HASH(noise.LABEL_MAC1 + pair.i_pub), response[:56])
    assert response[72:] == bytes(16)


@check("the vectors: rebuilt from their inputs, the response gives T_i, T_r")
def _():
    values = {name: data for name, data, _ in noise.vectors()}
    initiator = noise.Initiator(values["initiator_static_priv"],
                                values["responder_static_pub"], values["psk"])
    assert initiator.create_initiation(
        path=3, tunnel=7, slot=1, timestamp=values["timestamp"],
        ephemeral_priv=values["initiator_ephemeral_priv"]) == values["initiation"]
    session = initiator.consume_response(values["response"])
    assert (session.t_i, session.t_r) == (values["t_i"], values["t_r"])
    assert noise.MAC32(values["t_i"], b"mpvpn v2 path key\x01") == values["k1_i"]
    assert noise.MAC32(values["t_r"], b"mpvpn v2 path key\x01") == values["k1_r"]
    responder = noise.Responder(values["responder_static_priv"],
                                values["initiator_static_pub"], values["psk"])
    assert responder.consume_initiation(values["initiation"]) == \
        (values["initiator_static_pub"], values["timestamp"])
    assert values["response"][:8] == bytes([2, 7, 2, 3, 0, 0, 0, 7])
    assert values["cookie_reply"][:8] == bytes([2, 8, 0, 3, 0, 0, 0, 7])
    assert values["cookie_source_ip"] == bytes([192, 0, 2, 1])


# ------------------------------------------------------------- refusals

@check("refused: an initiation for another responder key (mac1, then static)")
def _():
    pair = Pair()
    stranger = noise.public_key(noise.generate_private_key())
    wrong = noise.Initiator(pair.i_priv, stranger).create_initiation(2, 9, 1)
    refused(lambda: pair.responder.consume_initiation(wrong), "mac1 of another key")
    refused(lambda: pair.responder.consume_initiation(reseal(wrong, pair.r_pub)),
            "static sealed for another key")
    pair.complete()     # and the genuine one still goes through


@check("refused: an initiation from a static key that is not the peer's")
def _():
    pair = Pair()
    other = noise.Initiator(noise.generate_private_key(), pair.r_pub)
    refused(lambda: pair.responder.consume_initiation(other.create_initiation(2, 9, 1)),
            "an unknown initiator")


@check("refused: tampered ephemeral, static, timestamp, prefix")
def _():
    pair = Pair()
    for offset, what in [(3, "prefix path id"), (20, "ephemeral"), (50, "static"),
                         (87, "static's tag"), (100, "timestamp"), (115, "timestamp's tag")]:
        tampered = flip(pair.initiation, offset)
        refused(lambda: pair.responder.consume_initiation(tampered), f"{what}, mac1 kept")
        refused(lambda: pair.responder.consume_initiation(reseal(tampered, pair.r_pub)),
                f"{what}, mac1 made again")
    pair.complete()


@check("refused: a wrong mac1, of an initiation and of a response")
def _():
    pair = Pair()
    refused(lambda: pair.responder.consume_initiation(flip(pair.initiation, 120)),
            "initiation's mac1")
    pair.responder.consume_initiation(pair.initiation)
    response, _ = pair.responder.create_response(slot=3)
    refused(lambda: pair.initiator.consume_response(flip(response, 60)), "response's mac1")
    pair.initiator.consume_response(response)


@check("refused: a tampered response (prefix, ephemeral, empty)")
def _():
    pair = Pair()
    pair.responder.consume_initiation(pair.initiation)
    response, _ = pair.responder.create_response(slot=3)
    for offset, what in [(3, "path id"), (4, "tunnel id"), (9, "ephemeral"), (45, "empty")]:
        tampered = reseal(flip(response, offset), pair.i_pub)
        refused(lambda: pair.initiator.consume_response(tampered), what)
    pair.initiator.consume_response(response)


@check("refused: a response, authentic, that names another path or tunnel")
def _():
    for field in ("path", "tunnel"):
        pair = Pair()
        pair.responder.consume_initiation(pair.initiation)
        # A responder that answers for another path than the initiation's.
        accepted = pair.responder._accepted
        accepted.prefix = dataclasses.replace(accepted.prefix, **{field: 5})
        response, _ = pair.responder.create_response(slot=3)
        refused(lambda: pair.initiator.consume_response(response), field)


@check("refused: lengths, version, type and receive slots not the spec's")
def _():
    pair = Pair()
    cases = [(pair.initiation[:-1], "147 bytes"), (pair.initiation + b"\0", "149 bytes")]
    # Sealed with the wrong prefix, so that only its check refuses them.
    for prefix, what in [("0106010200000009", "version 1"), ("0207010200000009", "type 7"),
                         ("0206000200000009", "slot 0"), ("0206050200000009", "flag bit 2"),
                         ("0206810200000009", "flag bit 7")]:
        cases.append((pair.initiator.create_initiation(
            2, 9, 1, raw_prefix=bytes.fromhex(prefix)), what))
    for msg, what in cases:
        refused(lambda: pair.responder.consume_initiation(reseal(msg, pair.r_pub)), what)
    pair.initiation = pair.initiator.create_initiation(2, 9, 2)
    pair.complete()


@check("refused: a replayed initiation, and one whose timestamp is not greater")
def _():
    pair = Pair()
    stamp = noise.TAI64N(1_700_000_000 * 10**9)
    first = pair.initiator.create_initiation(2, 9, 1, timestamp=stamp)
    pair.responder.consume_initiation(first)
    refused(lambda: pair.responder.consume_initiation(first), "the same initiation again")
    same = pair.initiator.create_initiation(2, 9, 1, timestamp=stamp)
    refused(lambda: pair.responder.consume_initiation(same), "an equal timestamp")
    older = pair.initiator.create_initiation(
        2, 9, 1, timestamp=noise.TAI64N(1_600_000_000 * 10**9))
    refused(lambda: pair.responder.consume_initiation(older), "an older timestamp")
    newer = pair.initiator.create_initiation(2, 9, 1)
    pair.responder.consume_initiation(newer)
    response, r_session = pair.responder.create_response(slot=2)
    assert pair.initiator.consume_response(response).t_i == r_session.t_i


@check("refused: a response under a wrong PSK")
def _():
    pair = Pair(psk=noise.HASH(b"one"), responder_psk=noise.HASH(b"another"))
    pair.responder.consume_initiation(pair.initiation)   # Q is mixed in last
    response, _ = pair.responder.create_response(slot=3)
    refused(lambda: pair.initiator.consume_response(response), "another PSK")
    pair = Pair(psk=noise.HASH(b"one"), responder_psk=noise.NO_PSK)
    pair.responder.consume_initiation(pair.initiation)
    response, _ = pair.responder.create_response(slot=3)
    refused(lambda: pair.initiator.consume_response(response), "no PSK on one side")


@check("refused: a response twice, and one to an earlier initiation")
def _():
    pair = Pair()
    pair.responder.consume_initiation(pair.initiation)
    response, _ = pair.responder.create_response(slot=3)
    pair.initiator.consume_response(response)
    refused(lambda: pair.initiator.consume_response(response), "the same response again")
    pair = Pair()
    pair.responder.consume_initiation(pair.initiation)
    stale, _ = pair.responder.create_response(slot=3)
    pair.initiator.create_initiation(2, 9, 1)   # forgets the first handshake
    refused(lambda: pair.initiator.consume_response(stale), "answer to a forgotten initiation")


@check("refused: a response to nobody's initiation, from another responder")
def _():
    pair = Pair()
    impostor = noise.Responder(noise.generate_private_key(), pair.i_pub)
    # The impostor cannot read the initiation: it is sealed to pair.r_pub.
    refused(lambda: impostor.consume_initiation(reseal(pair.initiation,
                                                       impostor.static_pub)),
            "an initiation for another responder")


# --------------------------------------------------------------- cookies

@check("cookie: τ binds the source address and port (4 or 16 bytes)")
def _():
    secret = noise.HASH(b"secret")
    tau = noise.cookie_tau(secret, "192.0.2.1", 5555)
    assert tau == noise.MAC(secret, bytes([192, 0, 2, 1, 0x15, 0xb3]))
    assert tau != noise.cookie_tau(secret, "192.0.2.1", 5556)
    assert tau != noise.cookie_tau(secret, "192.0.2.2", 5555)
    assert noise.cookie_tau(secret, "2001:db8::1", 5555) == noise.MAC(
        secret, bytes.fromhex("20010db8000000000000000000000001") + b"\x15\xb3")


@check("cookie reply round trip: mac2 then verifies, from that source only")
def _():
    pair = Pair()
    source = ("198.51.100.7", 40000)
    assert pair.responder.receiver.mac1_valid(pair.initiation)
    assert not pair.responder.receiver.mac2_valid(pair.initiation, *source)
    reply = pair.responder.create_cookie_reply(pair.initiation, *source)
    assert len(reply) == noise.COOKIE_REPLY_LEN
    assert reply[:8] == bytes([2, 8, 0, 2, 0, 0, 0, 9])
    tau = pair.initiator.consume_cookie_reply(reply)
    assert tau == pair.responder.receiver.tau(*source)
    again = pair.initiator.resend_initiation()
    assert again[:132] == pair.initiation[:132] and again[132:] != bytes(16)
    assert pair.responder.receiver.mac2_valid(again, *source)
    assert not pair.responder.receiver.mac2_valid(again, source[0], source[1] + 1)
    assert not pair.responder.receiver.mac2_valid(again, "198.51.100.8", source[1])
    pair.initiation = again
    i_session, r_session = pair.complete()
    assert i_session.t_i == r_session.t_i


@check("cookie reply to a response: the responder's mac2")
def _():
    pair = Pair()
    pair.responder.consume_initiation(pair.initiation)
    response, r_session = pair.responder.create_response(slot=3)
    reply = pair.initiator.receiver.create_cookie_reply(response, "192.0.2.9", 51820)
    pair.responder.macs.consume_cookie_reply(reply)
    body = response[:noise.mac1_offset(response)]
    resent = pair.responder.macs.seal(body)
    assert pair.initiator.receiver.mac2_valid(resent, "192.0.2.9", 51820)
    assert pair.initiator.consume_response(resent).t_r == r_session.t_r


@check("refused: a cookie reply tampered, for another message, or another key")
def _():
    pair = Pair()
    source = ("198.51.100.7", 40000)
    reply = pair.responder.create_cookie_reply(pair.initiation, *source)
    for offset, what in [(10, "nonce"), (35, "cookie"), (63, "tag")]:
        refused(lambda: pair.initiator.consume_cookie_reply(flip(reply, offset)), what)
    refused(lambda: pair.initiator.consume_cookie_reply(reply[:-1]), "63 bytes")
    refused(lambda: pair.initiator.consume_cookie_reply(
        reply[:2] + b"\x01" + reply[3:]), "flags not 0")
    stale = reply
    pair.initiator.create_initiation(2, 9, 1)      # another mac1 now
    refused(lambda: pair.initiator.consume_cookie_reply(stale), "reply to an older mac1")
    stranger = noise.MacReceiver(noise.public_key(noise.generate_private_key()))
    refused(lambda: pair.initiator.consume_cookie_reply(
        stranger.create_cookie_reply(pair.initiator.last_initiation, *source)),
        "sealed under another receiver's key")
    assert not pair.initiator.macs.has_cookie()


@check("cookie: held 120 s, then mac2 is zero again; the secret changes")
def _():
    pair = Pair()
    source = ("198.51.100.7", 40000)
    tau = pair.initiator.consume_cookie_reply(
        pair.responder.create_cookie_reply(pair.initiation, *source))
    pair.now += 119
    assert pair.initiator.resend_initiation()[132:] != bytes(16)
    pair.now += 1
    assert pair.initiator.resend_initiation()[132:] == bytes(16)
    assert pair.responder.receiver.tau(*source) != tau


@check("the vectors' cookie reply opens to τ under the initiation's mac1")
def _():
    values = {name: data for name, data, _ in noise.vectors()}
    reply = values["cookie_reply"]
    key = noise.HASH(noise.LABEL_COOKIE + values["responder_static_pub"])
    assert reply[8:32] == values["cookie_nonce"]
    assert noise.XAEAD_open(key, reply[8:32], reply[32:],
                            values["initiation"][116:132]) == values["cookie_tau"]
    assert values["cookie_tau"] == noise.MAC(
        values["cookie_secret"], values["cookie_source_ip"] + (5555).to_bytes(2, "big"))


def main() -> int:
    failed = 0
    for name, fn in CHECKS:
        try:
            fn()
            print(f"ok - {name}")
        except Exception:           # a crash is a failure of that check only
            failed += 1
            print(f"not ok - {name}")
            for line in traceback.format_exc().rstrip().splitlines():
                print(f"    | {line}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
