#!/usr/bin/env python3
"""The benchmark's table: reads the figures bench.sh wrote (one JSON object
a line) and writes bench.md and bench.json into OUT_DIR, printing the
Markdown. Every throughput figure is also given as a ratio to the bare
link, every outage as a ratio to bonding's ARP monitor (the only bonding
mode that sees a failure under a tunnel). Exits non-zero when a figure is
missing.

  report.py FIGURES OUT_DIR --kernel K --command C --minutes M
"""
import argparse
import datetime
import json
import os
import platform
import sys

SYSTEMS = [
    ("bare", "bare veth"),
    ("gre", "GRE"),
    ("fou", "FOU (IPIP in UDP)"),
    ("wireguard", "WireGuard"),
    ("bond", "bonding active-backup over 2 gretap"),
    ("mpvpn", "mpvpn, failover mode, ChaCha20-Poly1305"),
    ("mpvpn-plain", "mpvpn, failover mode, plaintext"),
]
THROUGHPUT = [
    ("tcp1", "TCP, 1 flow (Mbit/s)"),
    ("tcp8", "TCP, 8 flows (Mbit/s)"),
    ("udp64", "UDP 64 B (packets/s)"),
    ("udp1400", "UDP 1400 B (packets/s)"),
]
FAILOVER = [
    ("bond-miimon", "bonding, miimon 100 ms"),
    ("bond-arp", "bonding, ARP monitor 100 ms"),
    ("mpvpn", "mpvpn, 100 ms probes (default)"),
    ("mpvpn-20ms", "mpvpn, 20 ms probes"),
]
FAULTS = [("carrier_loss", "carrier loss"), ("blackhole", "black hole (100 % loss)")]
REFERENCE_OUTAGE = "bond-arp"
AGGREGATE = [
    ("best-link", "tcp1", "best link alone (40 Mbit/s), 1 flow"),
    ("mpvpn-aggregate", "tcp1", "mpvpn aggregate, 1 flow"),
    ("mpvpn-aggregate", "tcp4", "mpvpn aggregate, 4 flows"),
    ("mpvpn-aggregate", "tcp16", "mpvpn aggregate, 16 flows"),
    ("mpvpn-flowhash", "tcp16", "mpvpn flowhash, 16 flows"),
    ("mpvpn-aggregate-learned", "tcp1", "mpvpn aggregate, learned shares, 1 flow"),
    ("mpvpn-aggregate-learned", "tcp16", "mpvpn aggregate, learned shares, 16 flows"),
    ("mpvpn-aggregate-encrypted", "tcp1", "mpvpn aggregate, encrypted, 1 flow"),
]
AGGREGATE_SUM = 90


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def ratio(value, reference):
    if value is None or not reference:
        return None
    return round(value / reference, 2)


def markdown(head, rows):
    """A Markdown table: the header, its rule, one line per row."""
    return ["| " + " | ".join(r) + " |" for r in [head]] + \
        ["|" + "---|" * len(head)] + \
        ["| " + " | ".join(r) + " |" for r in rows]


def cell(value, rel):
    if value is None:
        return "n/a"
    text = f"{value:g}"
    return f"{text} ({rel:.2f})" if rel is not None else text


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("figures")
    ap.add_argument("out_dir")
    ap.add_argument("--kernel", default="unknown")
    ap.add_argument("--command", default="make bench")
    ap.add_argument("--minutes", type=int, default=0)
    args = ap.parse_args()

    figures = {}
    if os.path.exists(args.figures):
        with open(args.figures) as f:
            for line in f:
                if line.strip():
                    fig = json.loads(line)
                    figures[(fig["system"], fig["workload"])] = fig
    missing = []

    def get(system, workload):
        fig = figures.get((system, workload))
        if fig is None:
            missing.append(f"{system}/{workload}")
        return fig

    machine = {
        "host_cpu": cpu_model(),
        "host_cores": os.cpu_count(),
        "vm": "QEMU, software emulation (TCG), 2 vCPUs, 3 GiB",
    }
    date = datetime.date.today().isoformat()
    rows = []
    table = {}
    for system, label in SYSTEMS:
        entry = {}
        for workload, _ in THROUGHPUT + [("rtt", "")]:
            fig = get(system, workload)
            entry[workload] = fig
        table[system] = entry
    bare = table["bare"]

    def value(fig):
        return fig["value"] if fig else None

    head = ["system"] + [t for _, t in THROUGHPUT] + ["latency added (us)"]
    result_rows = {}
    cells_of = []
    for system, label in SYSTEMS:
        cells = [label]
        result_rows[system] = {}
        for workload, _ in THROUGHPUT:
            v = value(table[system][workload])
            rel = ratio(v, value(bare[workload]))
            cells.append(cell(v, rel))
            result_rows[system][workload] = {"value": v, "ratio_to_bare": rel}
        rtt, bare_rtt = value(table[system]["rtt"]), value(bare["rtt"])
        added = None if rtt is None or bare_rtt is None else rtt - bare_rtt
        cells.append("n/a" if added is None else f"{added:g}")
        result_rows[system]["latency_added_us"] = added
        cells_of.append(cells)
    rows += markdown(head, cells_of) + [""]
    # What encryption costs: mpvpn sealed against WireGuard and against
    # itself in plaintext, one TCP flow, the same run.
    sealed = value(table["mpvpn"]["tcp1"])
    crypto = {
        "to_wireguard": ratio(sealed, value(table["wireguard"]["tcp1"])),
        "to_plaintext": ratio(sealed, value(table["mpvpn-plain"]["tcp1"])),
    }
    rows += [f"Encrypted mpvpn, 1 TCP flow: {crypto['to_wireguard']} of "
             f"WireGuard's throughput, {crypto['to_plaintext']} of its own "
             "in plaintext.", ""]

    head = ["failover"] + [f"{t}: longest gap (ms)" for _, t in FAULTS]
    cells_of = []
    outages = {}
    for system, label in FAILOVER:
        cells = [label]
        outages[system] = {}
        for fault, _ in FAULTS:
            fig = get(system, fault)
            ref = figures.get((REFERENCE_OUTAGE, fault))
            v = value(fig)
            rel = ratio(v, value(ref))
            if fig is None:
                cells.append("missing")
            elif v is None:
                cells.append("no failover")
            else:
                cells.append(f"{cell(v, rel)}, {fig.get('lost')} lost")
            outages[system][fault] = {
                "max_gap_ms": v, "ratio_to_bond_arp": rel,
                "lost": fig.get("lost") if fig else None,
                "returned": fig.get("returned") if fig else None}
        cells_of.append(cells)
    rows += markdown(head, cells_of) + [""]

    head = ["three links, 40 + 30 + 20 Mbit/s, plaintext unless marked",
            "TCP goodput (Mbit/s)", f"share of {AGGREGATE_SUM} Mbit/s",
            "reordered", "late", "holes given up"]
    cells_of = []
    aggregate = {}
    for system, workload, label in AGGREGATE:
        fig = get(system, workload)
        v = value(fig)
        share = None if v is None else round(100 * v / AGGREGATE_SUM, 1)
        counts = [fig.get(k) if fig else None
                  for k in ("reordered", "late", "timed_out")]
        cells_of.append([label, "missing" if v is None else f"{v}",
                         "" if share is None else f"{share} %"] +
                        ["" if c is None else str(c) for c in counts])
        aggregate[f"{system}/{workload}"] = {
            "mbps": v, "share_percent": share,
            "reordered": counts[0], "late": counts[1],
            "timed_out": counts[2]}
    rows += markdown(head, cells_of)

    note = (f"Taken {date} with `{args.command}` in {args.minutes} min on "
            f"{machine['host_cpu']} ({machine['host_cores']} cores), "
            f"{machine['vm']}, guest kernel {args.kernel} (Debian's stock "
            "kernel). Throughput ratios are to the bare veth, outage ratios "
            "to bonding's ARP monitor. Software emulation scales every "
            "absolute figure; only the ratios carry over to real hardware.")
    md = "\n".join([note, ""] + rows) + "\n"
    with open(os.path.join(args.out_dir, "bench.md"), "w") as f:
        f.write(md)
    with open(os.path.join(args.out_dir, "bench.json"), "w") as f:
        json.dump({"date": date, "command": args.command,
                   "minutes": args.minutes, "kernel": args.kernel,
                   "machine": machine, "throughput": result_rows,
                   "failover": outages, "aggregate": aggregate,
                   "encryption": crypto,
                   "figures": list(figures.values()),
                   "missing": missing}, f, indent=1)
    print(md)
    if missing:
        print("missing figures: " + ", ".join(missing), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
