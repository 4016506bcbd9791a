#!/usr/bin/env python3
# Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
"""hivecmp.py LISTING HIVE: compare what mkhive meant to write (its -l
listing: K/V lines) with what three independent readers find in the
hive: libregf's regfexport (keys, value names, types, sizes, data),
hivexregedit --export (keys, values, types, data) and hivex through
Win::Hivex (keys with last-written times, values, raw data).  Prints
every difference; exit 1 when there is one, 77 when a reader is
missing.

libregf quirk (libregf 20201007): data of 1 to 3 bytes, stored inline
in the value key, is copied from the end of the 4-byte field instead of
its start, so regfexport shows the last n bytes of the field; that is
what is expected from it here (hivex reads the start, as Windows).
"""
import re
import shutil
import subprocess
import sys

REG_TYPES = {
    "REG_NONE": 0, "REG_SZ": 1, "REG_EXPAND_SZ": 2, "REG_BINARY": 3,
    "REG_DWORD_LITTLE_ENDIAN": 4, "REG_DWORD_BIG_ENDIAN": 5,
    "REG_LINK": 6, "REG_MULTI_SZ": 7, "REG_RESOURCE_LIST": 8,
    "REG_FULL_RESOURCE_DESCRIPTOR": 9,
    "REG_RESOURCE_REQUIREMENTS_LIST": 10, "REG_QWORD_LITTLE_ENDIAN": 11,
}

HIVEX_DUMP = r'''
use strict; use warnings; use Win::Hivex;
my $h = Win::Hivex->open($ARGV[0]);
binmode STDOUT, ":utf8";
sub walk {
    my ($n, $path) = @_;
    print "K\t$path\t", $h->node_timestamp($n), "\n";
    for my $v ($h->node_values($n)) {
        my ($t, $d) = $h->value_value($v);
        print "V\t$path\t", $h->value_key($v), "\t$t\t", unpack("H*", $d), "\n";
    }
    for my $c ($h->node_children($n)) {
        my $name = $h->node_name($c);
        walk($c, $path eq "" ? $name : "$path\\$name");
    }
}
walk($h->root(), "");
'''


def load_listing(path):
    keys, vals = {}, {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            p = line.rstrip("\n").split("\t")
            if p[0] == "K":
                keys[p[1].lower()] = int(p[2])
            elif p[0] == "V":
                vals[(p[1].lower(), p[2].lower())] = (int(p[3]),
                                                      bytes.fromhex(p[4]))
    return keys, vals


def regfexport_view(t, data):
    """What regfexport prints for a value, from the bytes meant."""
    if 0 < len(data) < 4:
        data = (data + b"\0" * 4)[:4][4 - len(data):]
    if t == 4 and len(data) == 4:
        return str(int.from_bytes(data, "little"))
    if t == 5 and len(data) == 4:
        return str(int.from_bytes(data, "big"))
    if t == 11 and len(data) == 8:
        return str(int.from_bytes(data, "little"))
    if t in (1, 2):
        s = data.decode("utf-16-le", "replace")
        return s.split("\0", 1)[0]
    return data.hex()


def parse_regfexport(text):
    keys, vals = set(), {}
    path = None
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("Key path: "):
            p = line[len("Key path: "):].split("\\", 1)
            path = p[1] if len(p) > 1 else ""
            keys.add(path.lower())
        elif line.startswith("Value: ") and path is not None:
            name = line[len("Value: "):].split(" ", 1)[1]
            if name == "(default)":
                name = ""
            i += 1
            tl = lines[i]
            m = re.search(r"\((REG_[A-Z_]+)\)", tl)
            if m:
                t = REG_TYPES[m.group(1)]
            else:
                t = int(tl.rsplit("0x", 1)[1], 16)
            i += 1
            size = int(lines[i].split(": ")[1])
            view = ""
            if i + 1 < len(lines) and lines[i + 1].startswith("Data:"):
                i += 1
                if lines[i] == "Data:":
                    hexs = []
                    while i + 1 < len(lines) and re.match(
                            r"^[0-9a-f]{8}: ", lines[i + 1]):
                        i += 1
                        hexs.append(lines[i][10:58].replace(" ", ""))
                    view = "".join(hexs)
                else:
                    view = lines[i][len("Data: "):]
            vals[(path.lower(), name.lower())] = (t, size, view)
        i += 1
    return keys, vals


def parse_reg(text):
    keys, vals = set(), {}
    path = None
    for line in text.split("\n"):
        if line.startswith("[\\") and line.endswith("]"):
            path = line[2:-1]
            keys.add(path.lower())
            continue
        if path is None or "=" not in line:
            continue
        if line.startswith("@="):
            name, rest = "", line[2:]
        else:
            m = re.match(r'^"((?:[^"\\]|\\.)*)"=(.*)$', line)
            if not m:
                continue
            name = re.sub(r"\\(.)", r"\1", m.group(1))
            rest = m.group(2)
        if rest.startswith("dword:"):
            t, d = 4, int(rest[6:], 16).to_bytes(4, "little")
        elif rest.startswith("hex("):
            m = re.match(r"^hex\(([0-9a-f]+)\):(.*)$", rest)
            t = int(m.group(1), 16)
            d = bytes.fromhex(m.group(2).replace(",", ""))
        elif rest.startswith("hex:"):
            t, d = 3, bytes.fromhex(rest[4:].replace(",", ""))
        elif rest.startswith('"'):
            s = re.sub(r"\\(.)", r"\1", rest[1:-1])
            t, d = 1, (s + "\0").encode("utf-16-le")
        else:
            continue
        vals[(path.lower(), name.lower())] = (t, d)
    return keys, vals


def main():
    listing, hive = sys.argv[1], sys.argv[2]
    for tool in ("regfexport", "hivexregedit", "perl"):
        if shutil.which(tool) is None:
            print("hivecmp: %s not found" % tool)
            return 77
    keys, vals = load_listing(listing)
    errs = []

    # libregf
    out = subprocess.run(["regfexport", hive], capture_output=True,
                         check=False).stdout.decode("utf-8", "replace")
    rk, rv = parse_regfexport(out)
    if rk != set(keys):
        errs.append("regfexport keys: missing %s, extra %s" % (
            sorted(set(keys) - rk)[:5], sorted(rk - set(keys))[:5]))
    for k, (t, d) in vals.items():
        want = (t, len(d), regfexport_view(t, d))
        got = rv.get(k)
        if got != want:
            errs.append("regfexport value %s: want %s, got %s" % (
                k, str(want)[:120], str(got)[:120]))
    for k in set(rv) - set(vals):
        errs.append("regfexport extra value %s" % (k,))

    # hivexregedit --export
    out = subprocess.run(["hivexregedit", "--export", hive, "\\"],
                         capture_output=True, check=False)
    # hivexregedit writes names in Latin-1 where they fit.
    try:
        text = out.stdout.decode("utf-8")
    except UnicodeDecodeError:
        text = out.stdout.decode("latin-1")
    hk, hv = parse_reg(text)
    if hk != set(keys):
        errs.append("hivexregedit keys: missing %s, extra %s" % (
            sorted(set(keys) - hk)[:5], sorted(hk - set(keys))[:5]))
    if hv != vals:
        for k in set(hv) | set(vals):
            if hv.get(k) != vals.get(k):
                errs.append("hivexregedit value %s: want %s, got %s" % (
                    k, str(vals.get(k))[:120], str(hv.get(k))[:120]))

    # Win::Hivex: times too
    out = subprocess.run(["perl", "-e", HIVEX_DUMP, hive],
                         capture_output=True, check=False)
    if out.returncode != 0:
        errs.append("Win::Hivex failed: %s" % out.stderr[:200])
    xk, xv = {}, {}
    for line in out.stdout.decode("utf-8", "replace").split("\n"):
        p = line.split("\t")
        if p[0] == "K":
            xk[p[1].lower()] = int(p[2])
        elif p[0] == "V":
            xv[(p[1].lower(), p[2].lower())] = (int(p[3]),
                                                bytes.fromhex(p[4]))
    if xk != keys:
        for k in set(xk) | set(keys):
            if xk.get(k) != keys.get(k):
                errs.append("hivex key %s: time want %s, got %s" % (
                    k, keys.get(k), xk.get(k)))
    if xv != vals:
        for k in set(xv) | set(vals):
            if xv.get(k) != vals.get(k):
                errs.append("hivex value %s: want %s, got %s" % (
                    k, str(vals.get(k))[:120], str(xv.get(k))[:120]))

    for e in errs[:40]:
        print("hivecmp: %s" % e)
    if errs:
        print("hivecmp: %d difference(s) in %s" % (len(errs), hive))
        return 1
    print("hivecmp: %s: %d keys, %d values agree with regfexport, "
          "hivexregedit and hivex" % (hive, len(keys), len(vals)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
