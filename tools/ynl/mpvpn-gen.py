#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Generates from Documentation/netlink/specs/mpvpn.yaml what the kernel's
YNL generator cannot give an out-of-tree module that still builds on 6.1:

  kernel/netlink-gen.h, kernel/netlink-gen.c
      the attribute policies with their ranges and read-only messages, the
      generic netlink operations (genl_small_ops, which 6.1 has) with the
      permission flags of the spec, and the multicast groups;
  common/mpvpn-names.h
      the names of every enum value and of the attributes of the stats,
      health, measure and history sets (JSON keys), shared by the
      kernel's log lines and libmpvpn; the health thresholds' defaults (a
      definition named "<attribute>-default"); for userspace, each integer
      attribute's range;
  Documentation/netlink-attributes.rst
      the tables of constants, enums and attributes netlink.rst includes.

The uapi header comes from the kernel's own ynl-gen-c.py (tools/ynl/gen).

  mpvpn-gen.py SPEC OUTDIR    writes the files under OUTDIR (the repository)
"""

import os
import re
import sys

import yaml

SPEC_PATH = 'Documentation/netlink/specs/mpvpn.yaml'
READ_ONLY = 'Read only: '
# Attribute sets whose attribute names userspace prints (JSON keys, metric
# labels): snake case, as the uapi writes them.
NAMED_SETS = ('stats', 'health', 'measure', 'history', 'handshake')

NLA_TYPES = {
    'u8': 'NLA_U8', 'u16': 'NLA_U16', 'u32': 'NLA_U32', 'u64': 'NLA_U64',
    's32': 'NLA_S32', 's64': 'NLA_S64', 'flag': 'NLA_FLAG',
}
TYPE_MAX = {'u8': 0xff, 'u16': 0xffff, 'u32': 0xffffffff,
            'u64': 0xffffffffffffffff}


def c_upper(name):
    return name.upper().replace('-', '_')


def c_lower(name):
    return name.lower().replace('-', '_')


class Spec:
    def __init__(self, path):
        with open(path, encoding='utf-8') as f:
            self.yaml = yaml.safe_load(f)
        self.family = self.yaml['name']
        self.consts = {}
        self.enums = {}
        for d in self.yaml.get('definitions', []):
            if d['type'] == 'const':
                self.consts[d['name']] = d
            elif d['type'] == 'enum':
                self.enums[d['name']] = d
        self.sets = {s['name']: s for s in self.yaml['attribute-sets']}
        self.ops = self.yaml['operations']['list']
        self.check()

    # -- names ------------------------------------------------------------

    def const_c_name(self, name):
        d = self.consts[name]
        if d.get('header'):
            return c_upper(name)
        return c_upper(f"{self.family}-{name}")

    def enum_prefix(self, enum):
        return enum.get('name-prefix', f"{self.family}-{enum['name']}-")

    def enum_entries(self, enum):
        entries = []
        for i, e in enumerate(enum['entries']):
            entry = {'name': e} if isinstance(e, str) else dict(e)
            entry.setdefault('value', i)
            entry['c_name'] = c_upper(self.enum_prefix(enum) + entry['name'])
            entries.append(entry)
        return entries

    def enum_max_c_name(self, enum):
        return c_upper(self.enum_prefix(enum) + 'max')

    def set_of(self, attr_set):
        """The set whose enum names a subset's attributes."""
        return self.sets[attr_set.get('subset-of', attr_set['name'])]

    def attrs(self, attr_set):
        base = self.set_of(attr_set)
        full = base['attributes']
        values = {}
        value = 0
        for a in full:
            value = a.get('value', value)
            values[a['name']] = value
            value += 1
        wanted = [a['name'] for a in attr_set['attributes']]
        out = []
        for a in full:
            if a['name'] not in wanted:
                continue
            attr = dict(a)
            attr['value'] = values[a['name']]
            attr['c_name'] = c_upper(base['name-prefix'] + a['name'])
            out.append(attr)
        return out

    def set_max_c_name(self, attr_set):
        return c_upper(attr_set['attr-max-name'])

    def policy_name(self, attr_set):
        return f"{self.family}_{c_lower(attr_set['name'])}_nl_policy"

    # -- what the spec says about an attribute ------------------------------

    @staticmethod
    def read_only_message(attr):
        for line in attr.get('doc', '').splitlines():
            if line.startswith(READ_ONLY):
                return line[len(READ_ONLY):].strip()
        return None

    @staticmethod
    def doc_text(attr):
        lines = [line for line in attr.get('doc', '').splitlines()
                 if not line.startswith(READ_ONLY)]
        return ' '.join(' '.join(lines).split())

    def limit(self, attr, which):
        """(C expression, number) of a check, or of an enum's range."""
        checks = attr.get('checks', {})
        value = checks.get(which)
        if value is None and 'enum' in attr:
            enum = self.enums[attr['enum']]
            entries = self.enum_entries(enum)
            if which == 'min':
                return (entries[0]['c_name'], entries[0]['value'])
            return (self.enum_max_c_name(enum), entries[-1]['value'])
        if value is None:
            return None
        return self.resolve(value)

    def resolve(self, value):
        if isinstance(value, int):
            return (str(value), value)
        m = re.fullmatch(r'([0-9A-Za-z_-]+)( - 1)?', value)
        name, minus = m.group(1), m.group(2)
        if name in self.consts:
            c_name, number = self.const_c_name(name), self.consts[name]['value']
        elif name.endswith('-max') and name[:-4] in self.enums:
            enum = self.enums[name[:-4]]
            c_name = self.enum_max_c_name(enum)
            number = self.enum_entries(enum)[-1]['value']
        else:
            raise SystemExit(f"{SPEC_PATH}: unknown constant '{name}'")
        if minus:
            return (f"{c_name} - 1", number - 1)
        return (c_name, number)

    # -- consistency --------------------------------------------------------

    def request_attrs(self):
        names = set()
        for op in self.ops:
            for kind in ('do', 'dump'):
                req = op.get(kind, {}).get('request', {})
                names.update(req.get('attributes', []))
        return names

    def check(self):
        requested = self.request_attrs()
        for a in self.sets['dev']['attributes']:
            if a['type'] in ('unused', 'pad'):
                continue
            ro = self.read_only_message(a) is not None
            if ro and a['name'] in requested:
                raise SystemExit(f"{SPEC_PATH}: dev attribute '{a['name']}' "
                                 "is read only but named in a request")
            if not ro and a['name'] not in requested:
                raise SystemExit(f"{SPEC_PATH}: dev attribute '{a['name']}' "
                                 "is in no request and not read only")

    def policy_sets(self):
        """The sets a request can reach, outermost first."""
        order, todo = [], ['link', 'dev']
        while todo:
            name = todo.pop(0)
            if name in order:
                continue
            order.append(name)
            for a in self.sets[name]['attributes']:
                if a.get('type') == 'nest' and not self.read_only_message(a):
                    todo.append(a['nested-attributes'])
        return order


HEADER = ('Do not edit directly, auto-generated from\n'
          f' * {SPEC_PATH}\n'
          ' * by tools/ynl/mpvpn-gen.py (tools/ynl/gen runs it).')


def col(text):
    """The column after @text, tabs counted as the kernel counts them."""
    c = 0
    for ch in text:
        c = (c // 8 + 1) * 8 if ch == '\t' else c + 1
    return c


def indent_to(column):
    return '\t' * (column // 8) + ' ' * (column % 8)


def c_entry(lhs, rhs, limit=80):
    """'\t[lhs] = rhs,' within @limit columns, wrapped as checkpatch wants."""
    line = f"\t[{lhs}] = {rhs},"
    if col(line) <= limit:
        return line + '\n'
    if rhs.startswith('{ '):
        fields = [f.strip() for f in rhs[2:-2].split(', .')]
        body = ''.join(f"\t\t{'' if f.startswith('.') else '.'}{f},\n"
                       for f in fields)
        return f"\t[{lhs}] = {{\n{body}\t}},\n"
    if col(f"\t\t{rhs},") <= limit:
        return f"\t[{lhs}] =\n\t\t{rhs},\n"
    name, args = rhs.split('(', 1)
    args = args[:-1].split(', ')
    head = f"\t\t{name}("
    pad = indent_to(col(head))
    lines, cur = [], head + args[0]
    for a in args[1:]:
        if col(cur + ', ' + a + '),') <= limit:
            cur += ', ' + a
        else:
            lines.append(cur + ',')
            cur = pad + a
    lines.append(cur + '),')
    return f"\t[{lhs}] =\n" + '\n'.join(lines) + '\n'


def policy_entry(spec, attr_set, attr, ranges):
    msg = spec.read_only_message(attr)
    if msg:
        return f'{{ .type = NLA_REJECT, .reject_message = "{msg}" }}'
    t = attr['type']
    checks = attr.get('checks', {})
    if t == 'nest':
        nested = spec.sets[attr['nested-attributes']]
        return f"NLA_POLICY_NESTED({spec.policy_name(nested)})"
    if t == 'string':
        length = spec.resolve(checks['max-len'])[0]
        return f"{{ .type = NLA_NUL_STRING, .len = {length} }}"
    if t == 'binary':
        if 'exact-len' in checks:
            return f"NLA_POLICY_EXACT_LEN({spec.resolve(checks['exact-len'])[0]})"
        length = spec.resolve(checks['max-len'])[0]
        return f"{{ .type = NLA_BINARY, .len = {length} }}"
    if t == 'flag':
        return '{ .type = NLA_FLAG }'
    nla = NLA_TYPES[t]
    lo, hi = spec.limit(attr, 'min'), spec.limit(attr, 'max')
    if lo and lo[1] == 0:
        lo = None
    if not lo and not hi:
        return f"{{ .type = {nla} }}"
    # The short forms keep their bounds in s16 fields.
    if (lo and lo[1] > 0x7fff) or (hi and hi[1] > 0x7fff):
        name = (f"{spec.family}_{c_lower(attr_set['name'])}_"
                f"{c_lower(attr['name'])}_range")
        fields = ''
        if lo:
            fields += f"\t.min = {lo[0]},\n"
        fields += f"\t.max = {hi[0] if hi else TYPE_MAX[t]},\n"
        # Not const: 6.1's nla_policy points to a mutable one.
        ranges.append(f"static struct netlink_range_validation {name} = {{\n"
                      f"{fields}}};\n")
        return f"NLA_POLICY_FULL_RANGE({nla}, &{name})"
    if lo and hi:
        return f"NLA_POLICY_RANGE({nla}, {lo[0]}, {hi[0]})"
    if lo:
        return f"NLA_POLICY_MIN({nla}, {lo[0]})"
    return f"NLA_POLICY_MAX({nla}, {hi[0]})"


def handler_name(spec, op, kind):
    return f"{spec.family}_nl_{c_lower(op['name'])}_{kind}it"


def request_ops(spec):
    return [op for op in spec.ops if 'do' in op or 'dump' in op]


def gen_kernel_h(spec):
    out = [f"/* SPDX-License-Identifier: GPL-2.0 */\n/*\n * {HEADER}\n */\n",
           "#ifndef _MPVPN_NETLINK_GEN_H\n#define _MPVPN_NETLINK_GEN_H\n\n",
           "#include <net/genetlink.h>\n#include <net/netlink.h>\n\n",
           "#include <linux/mpvpn.h>\n\n"]
    for name in spec.policy_sets():
        s = spec.sets[name]
        out.append(f"extern const struct nla_policy "
                   f"{spec.policy_name(s)}[{spec.set_max_c_name(s)} + 1];\n")
    out.append('\n')
    for op in request_ops(spec):
        for kind in ('do', 'dump'):
            if kind not in op:
                continue
            if kind == 'do':
                args = 'struct sk_buff *skb, struct genl_info *info'
            else:
                args = 'struct sk_buff *skb, struct netlink_callback *cb'
            out.append(f"int {handler_name(spec, op, kind)}({args});\n")
    n_ops = len(request_ops(spec))
    groups = spec.yaml['mcast-groups']['list']
    out.append(f"\nextern const struct genl_small_ops {spec.family}_nl_ops[{n_ops}];\n")
    out.append(f"extern const struct genl_multicast_group "
               f"{spec.family}_nl_mcgrps[{len(groups)}];\n\n")
    out.append("enum {\n")
    for g in groups:
        out.append(f"\t{c_upper(spec.family + '-nlgrp-' + g['name'])},\n")
    out.append("};\n\n#endif /* _MPVPN_NETLINK_GEN_H */\n")
    return ''.join(out)


def gen_kernel_c(spec):
    ranges, policies = [], []
    for name in reversed(spec.policy_sets()):
        s = spec.sets[name]
        lines = [f"const struct nla_policy {spec.policy_name(s)}"
                 f"[{spec.set_max_c_name(s)} + 1] = {{\n"]
        for a in spec.attrs(s):
            if a['type'] in ('unused', 'pad'):
                continue
            lines.append(c_entry(a['c_name'],
                                 policy_entry(spec, s, a, ranges)))
        lines.append("};\n")
        policies.append(''.join(lines))
    ops = []
    for op in request_ops(spec):
        fields = [f"\t\t.cmd\t= {c_upper(spec.family + '-cmd-' + op['name'])},\n"]
        if 'do' in op:
            fields.append(f"\t\t.doit\t= {handler_name(spec, op, 'do')},\n")
        if 'dump' in op:
            fields.append(f"\t\t.dumpit\t= {handler_name(spec, op, 'dump')},\n")
        flags = {'admin-perm': 'GENL_ADMIN_PERM',
                 'uns-admin-perm': 'GENL_UNS_ADMIN_PERM'}
        if op.get('flags'):
            fields.append("\t\t.flags\t= " +
                          ' | '.join(flags[f] for f in op['flags']) + ",\n")
        ops.append("\t{\n" + ''.join(fields) + "\t},\n")
    # A group's admin-perm: CAP_NET_ADMIN in the user namespace that owns
    # the listener's network namespace (genl_bind()).
    groups = ''
    for g in spec.yaml['mcast-groups']['list']:
        fields = f".name = {c_upper(spec.family + '-mcgrp-' + g['name'])}"
        if 'admin-perm' in g.get('flags', []):
            fields += ",\n\t\t.flags = GENL_MCAST_CAP_NET_ADMIN"
        groups += (f"\t[{c_upper(spec.family + '-nlgrp-' + g['name'])}] = "
                   f"{{\n\t\t{fields},\n\t}},\n")
    return (f"// SPDX-License-Identifier: GPL-2.0\n/*\n * {HEADER}\n */\n\n"
            "#include \"netlink-gen.h\"\n\n"
            "#include <linux/if.h>\n\n" +
            '\n'.join(ranges) + ('\n' if ranges else '') +
            '\n'.join(policies) + '\n' +
            f"const struct genl_small_ops {spec.family}_nl_ops"
            f"[{len(request_ops(spec))}] = {{\n" + ''.join(ops) + "};\n\n" +
            f"const struct genl_multicast_group {spec.family}_nl_mcgrps"
            f"[{len(spec.yaml['mcast-groups']['list'])}] = {{\n" +
            groups + "};\n")


def gen_names_h(spec):
    out = [f"/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR MIT) */\n"
           f"/*\n * {HEADER}\n *\n"
           " * The names of the control plane's values, for the kernel's log lines and\n"
           " * for libmpvpn (CLI, JSON, the daemon's log and metrics) alike; for\n"
           " * userspace also each integer attribute's range. Include after\n"
           " * <linux/mpvpn.h>.\n */\n",
           "#ifndef _MPVPN_NAMES_H\n#define _MPVPN_NAMES_H\n\n"]
    for name, enum in spec.enums.items():
        entries = spec.enum_entries(enum)
        out.append(f"static const char *const {spec.family}_{c_lower(name)}_names[] = {{\n")
        for e in entries:
            out.append(f"\t[{e['c_name']}] = \"{e['name']}\",\n")
        out.append("};\n\n")
    for name in NAMED_SETS:
        s = spec.sets[name]
        out.append(f"static const char *const {spec.family}_{c_lower(name)}_attr_names[] = {{\n")
        for a in spec.attrs(s):
            if a['type'] in ('unused', 'pad'):
                continue
            out.append(f"\t[{a['c_name']}] = \"{c_lower(a['name'])}\",\n")
        out.append("};\n\n")
    for name in ('health',):
        s = spec.sets[name]
        out.append("/* The value of each attribute the device starts with. */\n"
                   f"static const unsigned int {spec.family}_{c_lower(name)}_defaults"
                   f"[{spec.set_max_c_name(s)} + 1] = {{\n")
        for a in spec.attrs(s):
            default = f"{a['name']}-default"
            if default in spec.consts:
                out.append(c_entry(a['c_name'], spec.const_c_name(default)))
        out.append("};\n\n")
    out.append("#ifndef __KERNEL__\n"
               "/* The range the kernel's policy accepts; both ends included. */\n"
               "struct mpvpn_attr_range {\n"
               "\tunsigned long long min;\n\tunsigned long long max;\n};\n\n")
    for name in ('link', 'dev', 'path', 'health', 'verdict'):
        s = spec.sets[name]
        out.append(f"static const struct mpvpn_attr_range "
                   f"{spec.family}_{c_lower(name)}_ranges[] = {{\n")
        for a in spec.attrs(s):
            if a['type'] not in TYPE_MAX or spec.read_only_message(a):
                continue
            lo = spec.limit(a, 'min')
            hi = spec.limit(a, 'max')
            high = hi[0] if hi else hex(TYPE_MAX[a['type']]) + 'ULL'
            out.append(c_entry(a['c_name'],
                               f"{{ .min = {lo[0] if lo else 0}, .max = {high} }}"))
        out.append("};\n\n")
    out.append("#endif /* !__KERNEL__ */\n\n#endif /* _MPVPN_NAMES_H */\n")
    return ''.join(out)


def rst_table(header, rows):
    widths = [max(len(str(r[i])) for r in [header] + rows)
              for i in range(len(header))]
    rule = ' '.join('=' * w for w in widths)
    fmt = lambda r: ' '.join(str(c).ljust(w) for c, w in zip(r, widths)).rstrip()
    return '\n'.join([rule, fmt(header), rule] + [fmt(r) for r in rows] +
                     [rule]) + '\n'


def range_text(spec, a):
    checks = a.get('checks', {})
    if a['type'] in ('string', 'binary'):
        for key, word in (('exact-len', ''), ('max-len', 'at most ')):
            if key in checks:
                n = spec.resolve(checks[key])[1]
                unit = 'characters' if a['type'] == 'string' else 'bytes'
                return f"{word}{n} {unit}"
        return ''
    if a['type'] not in TYPE_MAX:
        return ''
    lo, hi = spec.limit(a, 'min'), spec.limit(a, 'max')
    if not lo and not hi:
        return ''
    return f"{lo[1] if lo else 0}-{hi[1] if hi else TYPE_MAX[a['type']]}"


def gen_rst(spec):
    out = [f".. SPDX-License-Identifier: GPL-2.0\n"
           f".. Do not edit directly, generated from {SPEC_PATH}\n"
           f"   by tools/ynl/mpvpn-gen.py.\n\n"]
    rows = [(f"``{spec.const_c_name(n)}``", d['value'], d.get('doc', ''))
            for n, d in spec.consts.items() if not d.get('header')]
    out.append("Constants\n---------\n\n" +
               rst_table(('Constant', 'Value', 'Meaning'), rows) + '\n')
    out.append("Enums\n-----\n\n")
    for name, enum in spec.enums.items():
        rows = [(f"``{e['c_name']}``", e['value'], e['name'], e.get('doc', ''))
                for e in spec.enum_entries(enum)]
        out.append(f"``enum {enum['enum-name']}``: "
                   f"{' '.join(enum.get('doc', '').split())}\n\n" +
                   rst_table(('Value', 'Nr', 'Name', 'Meaning'), rows) + '\n')
    out.append("Attribute sets\n--------------\n\n"
               "Access: rw can be sent and is reported, ro is refused in "
               "requests with the message shown.\n\n")
    for name, s in spec.sets.items():
        if 'subset-of' in s:
            continue
        rows = []
        for a in spec.attrs(s):
            if a['type'] == 'unused':
                continue
            msg = spec.read_only_message(a)
            meaning = spec.doc_text(a)
            if a.get('enum'):
                meaning = f"``enum {spec.enums[a['enum']]['enum-name']}``. " + meaning
            if msg:
                meaning += f" (refused: \"{msg}\")"
            access = '' if a['type'] == 'pad' else ('ro' if msg else 'rw')
            rows.append((f"``{a['c_name']}``", a['value'], a['type'],
                         range_text(spec, a), access, meaning.strip()))
        out.append(f"``{s['name']}``: {' '.join(s.get('doc', '').split())}\n\n" +
                   rst_table(('Attribute', 'Nr', 'Type', 'Range', 'Access',
                              'Meaning'), rows) + '\n')
    return ''.join(out)


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    spec = Spec(sys.argv[1])
    outdir = sys.argv[2]
    files = {
        'kernel/netlink-gen.h': gen_kernel_h(spec),
        'kernel/netlink-gen.c': gen_kernel_c(spec),
        'common/mpvpn-names.h': gen_names_h(spec),
        'Documentation/netlink-attributes.rst': gen_rst(spec),
    }
    for rel, text in files.items():
        path = os.path.join(outdir, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'w', encoding='utf-8') as f:
            f.write(text)


if __name__ == '__main__':
    main()
