#!/usr/bin/python3
# Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
#
# check_strace.py: read the `strace -ff -y` files of one taskline run
# and check that the evidence was only ever read.
# Usage: check_strace.py [-n] EVIDENCE TMPDIR OUTPUT STRACEFILE...
# (EVIDENCE, TMPDIR and OUTPUT are absolute folders or files.)
#
#  - no open of anything under EVIDENCE with O_WRONLY, O_RDWR, O_CREAT
#    or O_TRUNC, no creat() at all;
#  - no shared writable mapping of a file (mmap PROT_WRITE|MAP_SHARED
#    of a descriptor);
#  - every open for writing, and every rename, unlink, mkdir, rmdir,
#    truncate, ftruncate, chmod and utimensat, is under OUTPUT or
#    TMPDIR (/dev/null and /dev/tty aside);
#  - at least one file under EVIDENCE was opened read-only (the trace
#    saw the run at all), unless -n is given (fleet reads no evidence).
# Prints one line per violation and exits 1, or prints a summary and
# exits 0.

import os
import re
import sys

WRITE_FLAGS = ("O_WRONLY", "O_RDWR", "O_CREAT", "O_TRUNC")
LINE = re.compile(r"^(\w+)\((.*)\)\s+=\s+(-?\d+|0x[0-9a-f]+|\?)(.*)$")
FDPATH = re.compile(r"^(-?\d+|AT_FDCWD)<(.*)>$")


def under(path, root):
    return path == root or path.startswith(root.rstrip("/") + "/")


def split_args(s):
    """Split strace's argument list at top-level commas."""
    out, depth, cur, q, i = [], 0, "", False, 0
    while i < len(s):
        c = s[i]
        if q:
            cur += c
            if c == "\\" and i + 1 < len(s):
                cur += s[i + 1]
                i += 1
            elif c == '"':
                q = False
        elif c == '"':
            q = True
            cur += c
        elif c in "[{(<":
            depth += 1
            cur += c
        elif c in "]})>":
            depth -= 1
            cur += c
        elif c == "," and depth == 0:
            out.append(cur.strip())
            cur = ""
        else:
            cur += c
        i += 1
    if cur.strip():
        out.append(cur.strip())
    return out


def unquote(a):
    if a.startswith('"'):
        a = a[1:a.rfind('"')]
    return a.encode("latin-1").decode("unicode_escape").encode(
        "latin-1").decode("utf-8", "replace")


def resolve(dirarg, patharg):
    p = unquote(patharg)
    if p.startswith("/"):
        return os.path.normpath(p)
    m = FDPATH.match(dirarg or "")
    base = m.group(2) if m else os.getcwd()
    return os.path.normpath(os.path.join(base, p))


def main():
    args = sys.argv[1:]
    need_read = True
    if args and args[0] == "-n":
        need_read = False
        args = args[1:]
    evid, tmp, outp = (os.path.realpath(a) for a in args[:3])
    bad = []
    nread = nwrite = ntmp = 0
    for f in args[3:]:
        for line in open(f, errors="replace"):
            m = LINE.match(line.strip())
            if not m:
                continue
            call, args, ret, rest = m.groups()
            a = split_args(args)
            rm = re.match(r"^<(.*)>", rest.strip())
            retpath = rm.group(1) if rm else None

            def allowed(p):
                return (under(p, outp) or under(p, tmp) or
                        p in ("/dev/null", "/dev/tty"))

            def check_path(p, what):
                if under(p, evid):
                    bad.append("%s on evidence: %s" % (what, line.strip()))
                elif not allowed(p):
                    bad.append("%s outside the output and the temporary "
                               "space: %s" % (what, line.strip()))

            if call in ("open", "openat", "creat"):
                if call == "openat":
                    path, flags = resolve(a[0], a[1]), a[2]
                else:
                    path = resolve(None, a[0])
                    flags = a[1] if call == "open" else "O_CREAT|O_WRONLY"
                if retpath and ret.isdigit():
                    path = retpath
                write = call == "creat" or any(
                    fl in flags.split("|") for fl in WRITE_FLAGS)
                if call == "creat":
                    bad.append("creat() called: %s" % line.strip())
                if write:
                    nwrite += 1
                    check_path(path, "open for writing")
                    if under(path, tmp):
                        ntmp += 1
                elif under(path, evid) and not ret.startswith("-"):
                    nread += 1
            elif call == "mmap":
                if len(a) >= 5 and "PROT_WRITE" in a[2] and \
                        "MAP_SHARED" in a[3] and not a[4].startswith("-1"):
                    m2 = FDPATH.match(a[4])
                    p = m2.group(2) if m2 else a[4]
                    bad.append("shared writable mapping of %s: %s" % (
                        p, line.strip()))
            elif call in ("rename", "unlink", "mkdir", "rmdir", "truncate",
                          "chmod"):
                paths = [resolve(None, a[0])]
                if call == "rename":
                    paths.append(resolve(None, a[1]))
                for p in paths:
                    check_path(p, call)
            elif call in ("unlinkat", "mkdirat", "fchmodat", "utimensat"):
                if call == "utimensat" and a[1] == "NULL":
                    m2 = FDPATH.match(a[0])
                    check_path(m2.group(2) if m2 else a[0], call)
                else:
                    check_path(resolve(a[0], a[1]), call)
            elif call in ("renameat", "renameat2"):
                check_path(resolve(a[0], a[1]), call)
                check_path(resolve(a[2], a[3]), call)
            elif call == "ftruncate":
                m2 = FDPATH.match(a[0])
                check_path(m2.group(2) if m2 else a[0], call)
    if nread == 0 and need_read:
        bad.append("no read-only open of the evidence seen")
    for b in bad[:20]:
        print(b)
    if bad:
        return 1
    print("%d read-only opens of evidence, %d opens for writing (%d in "
          "the temporary space)" % (nread, nwrite, ntmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
