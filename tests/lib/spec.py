"""The numbers of mpvpn's netlink family for the Python test tools, read
from its one description, Documentation/netlink/specs/mpvpn.yaml, so that
no tool keeps a copy of the uapi header that could drift from it.

  import spec
  N = spec.numbers()   # N["A_IFINDEX"], N["P_MAX"], N["CMD_PATH_ADD"], ...

Attribute sets get a prefix (dev A_, path P_, health H_, verdict V_,
keys KEYS_, measure M_, stats S_, link IFLA_), each with its _MAX; enums
their upper-case name (REASON_LATENCY, PATH_STATE_UP, ...); constants their
own (KEY_LEN, MAX_PATHS, ...); commands CMD_.
"""
import os

import yaml

SPEC = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                    "Documentation", "netlink", "specs", "mpvpn.yaml")
PREFIX = {"dev": "A_", "path": "P_", "health": "H_", "verdict": "V_",
          "keys": "KEYS_", "measure": "M_", "stats": "S_", "link": "IFLA_"}


def upper(name):
    return name.upper().replace("-", "_")


def numbers(path=SPEC):
    with open(path, encoding="utf-8") as f:
        spec = yaml.safe_load(f)
    out = {}
    for d in spec.get("definitions", []):
        if d["type"] == "const":
            out[upper(d["name"])] = d["value"]
        elif d["type"] == "enum":
            for i, e in enumerate(d["entries"]):
                name = e if isinstance(e, str) else e["name"]
                out[upper(d["name"] + "-" + name)] = i
    for s in spec["attribute-sets"]:
        if s["name"] not in PREFIX:
            continue
        value = 0
        for a in s["attributes"]:
            value = a.get("value", value)
            out[PREFIX[s["name"]] + upper(a["name"])] = value
            value += 1
        out[PREFIX[s["name"]] + "MAX"] = value - 1
    for i, op in enumerate(spec["operations"]["list"]):
        out["CMD_" + upper(op["name"])] = op.get("value", i)
    return out
