"""The wire's numbers the scripts in tests/lib share (Documentation/
wire-format.rst, handshake.rst): here alone, and without the imports of
tests/lib/noise.py, whose cryptography takes seconds to load in the
emulated debug VM."""

VERSION = 2
TYPE_INITIATION, TYPE_RESPONSE, TYPE_COOKIE_REPLY = 6, 7, 8
INITIATION_LEN, RESPONSE_LEN, COOKIE_REPLY_LEN = 148, 88, 64
