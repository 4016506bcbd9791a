#!/usr/bin/python3
# Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
#
# hives.py: hostile registry hives, made by patching hives that
# fixtures/mkhive compiles from tests/fixtures/data/hives/*.spec.  Used by
# make_cases.py (the hostile suite) and, run as a script, to write the
# fuzz regression inputs: hives.py MKHIVE SPECDIR OUTDIR.
#
# Each case is (name, hive bytes, what taskline must say); the patches
# find cells by walking the hive bins, so they follow mkhive's layout.

import os
import random
import struct
import subprocess
import sys
import tempfile

BASE = 4096


def compile_spec(mkhive, spec):
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "h")
        subprocess.run([mkhive, spec, out], check=True)
        return bytearray(open(out, "rb").read())


def compile_extra(mkhive, spec, extra):
    """spec's hive with the lines extra added."""
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "spec")
        with open(path, "w") as f:
            f.write(open(spec).read() + "\n" + extra)
        return compile_spec(mkhive, path)


def fill_list(h, lst, target):
    """Point every entry of the sub key list cell at lst (and of the
    lists of an ri) at the key cell target."""
    sig = bytes(h[lst + 4:lst + 6])
    cnt = struct.unpack_from("<H", h, lst + 6)[0]
    for i in range(cnt):
        if sig == b"ri":
            fill_list(h, at(struct.unpack_from("<I", h, lst + 8 + 4 * i)[0]),
                      target)
        else:
            struct.pack_into("<I", h, lst + 8 + (4 if sig == b"li" else 8) * i,
                             rel(target))


def scratch_list(h, name, key, body):
    """Write the list cell body(its hive offset) into the data cell of the
    value name and make it the sub key list of key (an nk cell)."""
    data = struct.unpack_from("<I", h, vk(h, name) + 4 + 8)[0]
    b = body(data)
    h[at(data) + 4:at(data) + 4 + len(b)] = b
    struct.pack_into("<I", h, key + 4 + 28, data)


def cells(h):
    """(file offset of the cell size, size, content) of every cell."""
    off = BASE
    while off + 32 <= len(h) and h[off:off + 4] == b"hbin":
        size = struct.unpack_from("<I", h, off + 8)[0]
        c = off + 32
        while c + 4 <= off + size:
            s = struct.unpack_from("<i", h, c)[0]
            n = abs(s)
            if n < 8:
                break
            yield c, s, h[c + 4:c + n]
            c += n
        off += size


def nk(h, name, nth=0):
    """File offset of the nk cell of the nth key named name."""
    for c, s, body in cells(h):
        if body[:2] == b"nk":
            ln = struct.unpack_from("<H", body, 72)[0]
            if body[76:76 + ln] == name.encode("latin-1"):
                if nth == 0:
                    return c
                nth -= 1
    raise KeyError(name)


def vk(h, name, nth=0):
    for c, s, body in cells(h):
        if body[:2] == b"vk":
            ln = struct.unpack_from("<H", body, 2)[0]
            if body[20:20 + ln] == name.encode("latin-1"):
                if nth == 0:
                    return c
                nth -= 1
    raise KeyError(name)


def rel(c):
    return c - BASE


def at(off):
    return BASE + off


def fix_checksum(h):
    x = 0
    for i in range(127):
        x ^= struct.unpack_from("<I", h, i * 4)[0]
    struct.pack_into("<I", h, 508, x or 1)


def cases(mkhive, specdir):
    """[(name, bytes, expect, pattern)]: expect as in make_cases.py."""
    sysh = compile_spec(mkhive, os.path.join(specdir, "system.spec"))
    soft = compile_spec(mkhive, os.path.join(specdir, "software.spec"))
    out = []

    h = bytearray(sysh)
    struct.pack_into("<i", h, nk(h, "Lsa"), -0x7ffffff8)
    out.append(("hive: key cell size 0x7ffffff8", h, "damaged",
                "cell size"))

    h = bytearray(sysh)
    c = nk(h, "Control")
    lst = struct.unpack_from("<I", h, c + 4 + 28)[0]
    struct.pack_into("<i", h, at(lst), 0)
    out.append(("hive: subkey list cell of size 0", h, "damaged",
                "cell size"))

    # ControlSet002\Control's subkey list names Control itself: a loop
    # (regfexport 20201007 never ends on it).
    h = bytearray(sysh)
    c = nk(h, "Control", 1)
    fill_list(h, at(struct.unpack_from("<I", h, c + 4 + 28)[0]), c)
    out.append(("hive: subkey list that loops to its key", h, "damaged",
                "loops back"))

    # TaskCache\Tree\Backup's list points back at Tree: a cycle the
    # Tree walk must bound.
    h = bytearray(soft)
    tree = nk(h, "Tree")
    c = nk(h, "Backup")
    lst = at(struct.unpack_from("<I", h, c + 4 + 28)[0])
    struct.pack_into("<I", h, lst + 8, rel(tree))
    out.append(("hive: TaskCache Tree that cycles", h, "damaged",
                "loops back"))

    # TaskCache blobs (decoded by regf.c, not libregf): the Actions
    # context's byte count far past the end, the Actions blob cut inside
    # the exec action's command, the Triggers job bucket's user SID
    # count (at 40 + 16 + 16 + 16 + 16 + 8) past the end.
    for name, off, what in (("Actions", 2, "context string"),
                            ("Triggers", 112, "user SID")):
        h = bytearray(soft)
        v = vk(h, name)
        data = at(struct.unpack_from("<I", h, v + 4 + 8)[0]) + 4
        struct.pack_into("<I", h, data + off, 0x7ffffff0)
        out.append(("hive: %s %s count past the end" % (name, what), h,
                    "damaged", r"%s: %s runs past the end" % (name, what)))

    h = bytearray(soft)
    v = vk(h, "Actions")
    struct.pack_into("<I", h, v + 4 + 4, 30)
    out.append(("hive: Actions blob cut inside its command", h, "damaged",
                r"Actions: exec action string runs past the end"))

    # The policy value (ControlSet002's, the second) with a huge size,
    # then with its data far out of the file.
    h = bytearray(sysh)
    v = vk(h, "disabledomaincreds", 1)
    struct.pack_into("<I", h, v + 4 + 4, 0x7ffffff0)
    struct.pack_into("<I", h, v + 4 + 8, 0x20)
    out.append(("hive: value data size 0x7ffffff0", h, "damaged",
                r"Control\\Lsa is unreadable"))

    h = bytearray(sysh)
    v = vk(h, "disabledomaincreds", 1)
    struct.pack_into("<I", h, v + 4 + 4, 0x00000100)
    struct.pack_into("<I", h, v + 4 + 8, 0x7ffff000)
    out.append(("hive: policy value data far out of the file", h,
                "damaged", "DisableDomainCreds|disabledomaincreds"))

    h = bytearray(sysh)
    struct.pack_into("<I", h, 40, 0x7ffff000)
    fix_checksum(h)
    out.append(("hive: hive bins size past the end", h, "damaged",
                "truncated"))

    h = bytearray(sysh)
    struct.pack_into("<I", h, BASE + 8, 0)
    out.append(("hive: first hive bin of size 0", h, "damaged", "-"))

    h = bytearray(sysh)
    h[100] ^= 0xff
    out.append(("hive: base block checksum wrong", h, "damaged",
                "checksum"))

    h = bytearray(sysh)
    struct.pack_into("<I", h, 36, 0x7ffffff0)
    fix_checksum(h)
    out.append(("hive: root cell offset out of the file", h, "damaged",
                "root key"))

    h = bytearray(sysh)
    struct.pack_into("<I", h, 4, 9)
    fix_checksum(h)
    out.append(("hive: dirty (sequence 9 and 1)", h, "damaged",
                "dirty hive"))

    # libregf 20201007 reads a key's sub key list as it opens the key,
    # following ri lists with no depth limit and no bound: an ri that
    # names itself overflows its stack (regfexport crashes on it), an ri
    # naming one list many times makes millions of keys of a few KB.
    tc = r"Microsoft\Windows NT\CurrentVersion\Schedule\TaskCache"
    spec = os.path.join(specdir, "software.spec")
    h = compile_extra(mkhive, spec, 'key "%s\\Tasks"\n'
                      "value Scratch binary repeat:64:00\n" % tc)
    scratch_list(h, "Scratch", nk(h, "Tree"),
                 lambda d: b"ri" + struct.pack("<HII", 2, d, d))
    out.append(("hive: ri list that names itself", h, "damaged",
                "ri list inside an ri list"))

    h = compile_extra(mkhive, spec, 'key "%s\\Tasks"\n'
                      "value Scratch binary repeat:%d:00\n" %
                      (tc, 8 + 4 * 3000))
    tree = nk(h, "Tree")
    lst = struct.unpack_from("<I", h, tree + 4 + 28)[0]
    scratch_list(h, "Scratch", tree, lambda d: b"ri" +
                 struct.pack("<H", 3000) + struct.pack("<I", lst) * 3000)
    out.append(("hive: ri naming one list 3000 times", h, "damaged",
                "names more keys than the hive bins can hold"))

    # The Tree's list names one task key 600 times: read once.
    h = compile_extra(mkhive, spec, 'many "%s\\Tree" Pad 600\n' % tc)
    tree = nk(h, "Tree")
    fill_list(h, at(struct.unpack_from("<I", h, tree + 4 + 28)[0]),
              nk(h, "Updater"))
    out.append(("hive: TaskCache Tree naming one task 600 times", h,
                "damaged", "already read"))

    # SAM Users names a key of 1000 values (none of them F) 1000 times:
    # a million value reads, unless the reads are bounded.
    spec = os.path.join(specdir, "sam.spec")
    h = compile_extra(mkhive, spec, "key SAM\\Domains\\Account\\Users\\Big\n" +
                      "".join("value v%d dword %d\n" % (i, i)
                              for i in range(1000)) +
                      "many SAM\\Domains\\Account\\Users Pad 1000\n")
    users = nk(h, "Users")
    fill_list(h, at(struct.unpack_from("<I", h, users + 4 + 28)[0]),
              nk(h, "Big"))
    out.append(("hive: SAM user of 1000 values named 1000 times", h,
                "damaged", "key and value reads"))

    rng = random.Random(17)
    for seed in range(4):
        h = bytearray(soft if seed % 2 else sysh)
        for _ in range(12):
            p = rng.randrange(BASE, len(h))
            h[p] ^= 1 << rng.randrange(8)
        out.append(("hive: 12 bit flips (seed %d)" % seed, h, "any", "-"))
    return out


if __name__ == "__main__":
    mk, specs, dst = sys.argv[1:4]
    os.makedirs(dst, exist_ok=True)
    for i, (name, data, _, _) in enumerate(cases(mk, specs)):
        with open(os.path.join(dst, "hive-%02d" % i), "wb") as f:
            f.write(data)
