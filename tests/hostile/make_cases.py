#!/usr/bin/python3
# Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
#
# make_cases.py: write the hostile-input cases of tests/hostile.sh into
# OUT, one folder OUT/bundle-N per case holding one hostile artifact
# where a collection would hold it, and OUT/cases.tsv, one line per case:
#
#   N  NAME  EXPECT  FILE  PATTERN
#
# EXPECT says what taskline must do with the artifact:
#   damaged   a stderr line names FILE, gives an offset or line number
#             (PATTERN, an extended regex, if not "-") and says what is
#             wrong; the report lists FILE with damaged > 0 or a note;
#   noted     a stderr line names FILE and matches PATTERN (a skipped
#             FIFO, a link loop, a refused bomb ...);
#   read      FILE is evidence that can be read (dirty but whole): the
#             report lists it with records > 0 (PATTERN unused);
#   ignored   FILE is not evidence; taskline may pass over it silently.
# FILE is relative to OUT ("-" when nothing is named on its own).
#
# Usage: make_cases.py OUT   (environment: MKEVTX, MKARCHIVE, SCEN,
# CORPUS (may name a missing folder: the corpus cases are then left
# out), CANARY (a file whose content must never be shown)).
# Everything is made from the scenarios, the corpus and fixed seeds, so
# the same cases come out on every run; nothing is downloaded.

import gzip
import os
import random
import shutil
import struct
import subprocess
import sys
import zipfile

import check_case

OUT = sys.argv[1]
MKEVTX = os.environ["MKEVTX"]
MKARCHIVE = os.environ["MKARCHIVE"]
SCEN = os.environ["SCEN"]
CORPUS = os.environ.get("CORPUS", "")
CANARY = os.environ["CANARY"]

LOGS = "C/Windows/System32/winevt/Logs"
TASKS = "C/Windows/System32/Tasks"
OFFSET = r"offset [0-9]+"
LINE = r":[0-9]+: "                      # FILE:LINE: message

cases = []


def bundle():
    n = len(cases) + 1
    d = os.path.join(OUT, "bundle-%d" % n)
    os.makedirs(d)
    return d


def put(d, rel, data):
    p = os.path.join(d, rel)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    with open(p, "wb") as f:
        f.write(data)
    return p


def shown(rel):
    """A path as taskline shows it on stderr (check_case.esc)."""
    return check_case.esc(rel)


def add(name, expect, path, pattern="-"):
    rel = shown(os.path.relpath(path, OUT)) if path != "-" else "-"
    cases.append((len(cases) + 1, name, expect, rel, pattern))


def case_file(name, expect, rel, data, pattern="-"):
    d = bundle()
    add(name, expect, put(d, rel, data), pattern)


def run(*argv):
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)


# A good log of another host (WEB01, scenario 10: 5 chunks) to damage.
good = os.path.join(OUT, "good-web01.evtx")
sec10 = os.path.join(SCEN, "10-healthy-noisy", "events", "Security.xml")
run(MKEVTX, sec10, good)
GOOD = open(good, "rb").read()
assert len(GOOD) == 4096 + 5 * 65536, len(GOOD)


def evtx_case(name, expect, data, pattern=OFFSET):
    case_file(name, expect, LOGS + "/Security.evtx", data, pattern)


# --- the damaged logs of the shared corpus ---------------------------
# (file, expect): what libevtx and our chunk checks make of each;
# MANIFEST.tsv's ROBUSTNESS notes say what is wrong with them.
CORPUS_LOGS = [
    ("corrupt_application_no_crc32.evtx", "damaged"),
    ("corrupt_bad_chunk_magic.evtx", "damaged"),
    ("corrupt_dns_server_malformed.evtx", "read"),
    ("corrupt_security_bad_string_cache.evtx", "damaged"),
    ("dirty_rdpcorets_vss0_record_errors.evtx", "damaged"),
    ("truncated_security_plaso_System2.evtx", "damaged"),
    ("system_rdpauth_velociraptor.evtx", "damaged"),
    ("system_zero_data_size_event.evtx", "damaged"),
    ("system_omerbenamram_dirty.evtx", "read"),
    ("system_vss7_dirty.evtx", "read"),
    ("security_1_record_dirty.evtx", "read"),
    ("grouppolicy_operational_irregular_bool.evtx", "read"),
]
if CORPUS and os.path.isdir(os.path.join(CORPUS, "evtx")):
    for f, expect in CORPUS_LOGS:
        d = bundle()
        dst = os.path.join(d, LOGS, f)
        os.makedirs(os.path.dirname(dst))
        shutil.copyfile(os.path.join(CORPUS, "evtx", f), dst)
        add("corpus " + f, expect, dst, OFFSET if expect == "damaged"
            else "-")

# --- truncations of the good log at a dozen offsets ------------------
# Inside the file header, at its end, inside a chunk header, inside the
# records, on chunk boundaries (the header then counts chunks the file
# does not hold) and one byte short of the end.
for off in (64, 128, 4095, 4096, 4097, 4608, 20000, 69632, 69633,
            135168 + 512, 200000, len(GOOD) - 1):
    evtx_case("truncated at %d" % off, "damaged", GOOD[:off])

# --- seeded bit flips ------------------------------------------------
# Flips in the used part of the chunks (header and records, up to the
# free space offset; not the chunk flags at 120, which no checksum
# covers): past the file header, which a flip makes unreadable as a
# whole, as the truncations inside it do already.
for seed, nflips in ((1, 1), (2, 4), (3, 16), (4, 64), (5, 256),
                     (6, 1024)):
    rnd = random.Random(seed)
    b = bytearray(GOOD)
    for _ in range(nflips):
        c = 4096 + 65536 * rnd.randrange(5)
        used = struct.unpack_from("<I", GOOD, c + 48)[0]
        pos = rnd.randrange(used)
        while 120 <= pos < 124:
            pos = rnd.randrange(used)
        b[c + pos] ^= 1 << rnd.randrange(8)
    evtx_case("%d seeded bit flips (seed %d)" % (nflips, seed), "damaged",
              bytes(b))

# --- whole chunks damaged by mkevtx -----------------------------------
for opt, name in (("--noise-chunk=2:7", "a chunk of noise"),
                  ("--break-chunk-crc=1", "a chunk header CRC broken")):
    d = bundle()
    p = os.path.join(d, LOGS, "Security.evtx")
    os.makedirs(os.path.dirname(p))
    run(MKEVTX, opt, sec10, p)
    add(name, "damaged", p, OFFSET)

# --- EVTX built byte by byte (evtxcases.py) ---------------------------
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import evtxcases  # noqa: E402
evtx_case("chunk free space offset not 8-aligned", "damaged",
          evtxcases.unaligned_free(GOOD),
          r"offset 69680 .*not 8-byte aligned")
evtx_case("a 64 KiB record substituting a nested value 36 million times",
          "damaged", evtxcases.substitution_bomb(),
          r"offset 4608 .*refused: its substitutions would expand")
evtx_case("first record's binary XML broken", "damaged",
          evtxcases.broken_first_record(GOOD), r"offset 4608 ")

# --- empty and non-EVTX files -------------------------------------------
evtx_case("empty Security.evtx", "ignored", b"", "-")
evtx_case("EVTX signature only", "damaged", b"ElfFile\0")
rnd = random.Random(42)
evtx_case("64 KiB of noise as .evtx", "ignored",
          bytes(rnd.randrange(256) for _ in range(65536)), "-")
evtx_case("ELF binary as .evtx", "ignored",
          b"\x7fELF\x02\x01\x01" + bytes(4089), "-")
hdr = bytearray(GOOD[:4096])
struct.pack_into("<H", hdr, 42, 0xffff)   # header: 65535 chunks
evtx_case("header claims 65535 chunks", "damaged", bytes(hdr))

# --- XML: entities, external entities, deep nesting ---------------------
EVNS = "http://schemas.microsoft.com/win/2004/08/events/event"
TASKNS = "http://schemas.microsoft.com/windows/2004/02/mit/task"


def laughs(root, body):
    ents = ['<!ENTITY lol "lol">']
    for i in range(1, 10):
        ents.append('<!ENTITY lol%d "%s">' % (
            i, ("&lol%s;" % ("" if i == 1 else i - 1)) * 10))
    return ('<?xml version="1.0"?>\n<!DOCTYPE %s [\n %s\n]>\n%s\n' % (
        root, "\n ".join(ents), body)).encode()


def task_doc(desc, doctype=""):
    return ('<?xml version="1.0" encoding="UTF-8"?>\n%s'
            '<Task version="1.2" xmlns="%s">\n'
            '  <RegistrationInfo><Description>%s</Description>'
            '</RegistrationInfo>\n'
            '  <Principals><Principal id="Author"><UserId>S-1-5-18</UserId>'
            '</Principal></Principals>\n'
            '  <Actions Context="Author"><Exec><Command>cmd.exe</Command>'
            '</Exec></Actions>\n</Task>\n' % (doctype, TASKNS, desc)).encode()


def event_doc(data, doctype=""):
    return ('<?xml version="1.0" encoding="UTF-8"?>\n%s<Events>\n'
            '<Event xmlns="%s"><System><Provider Name="Microsoft-Windows-'
            'Security-Auditing"/><EventID>4624</EventID><TimeCreated '
            'SystemTime="2026-03-01T00:00:00.0000000Z"/><EventRecordID>1'
            '</EventRecordID><Channel>Security</Channel><Computer>'
            'EVIL.example</Computer></System><EventData><Data Name="'
            'TargetUserName">%s</Data></EventData></Event>\n</Events>\n' % (
                doctype, EVNS, data)).encode()


XXE_FILE = '<!DOCTYPE x [ <!ENTITY xxe SYSTEM "file://%s"> ]>\n' % CANARY
XXE_PASSWD = '<!DOCTYPE x [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>\n'
XXE_NET = ('<!DOCTYPE x [ <!ENTITY xxe SYSTEM '
           '"http://127.0.0.1:9/taskline-xxe"> ]>\n')
XXE_PARAM = ('<!DOCTYPE x [ <!ENTITY %% p SYSTEM "file://%s"> %%p; ]>\n'
             % CANARY)
DTD_NET = '<!DOCTYPE Task SYSTEM "http://127.0.0.1:9/task.dtd">\n'
XINCLUDE = ('<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" '
            'href="file://%s" parse="text"/>' % CANARY)

case_file("billion laughs, task XML", "damaged", TASKS + "/Evil",
          laughs("Task", task_doc("&lol9;").decode().split("\n", 1)[1]),
          LINE)
case_file("billion laughs, event XML", "damaged", "events/Security.xml",
          laughs("Events", event_doc("&lol9;").decode().split("\n", 1)[1]),
          LINE)
case_file("external entity to a local file, task XML", "damaged",
          TASKS + "/Evil", task_doc("&xxe;", XXE_FILE), LINE)
case_file("external entity to /etc/passwd, task XML", "damaged",
          TASKS + "/Evil", task_doc("&xxe;", XXE_PASSWD), LINE)
case_file("external entity to a local file, event XML", "damaged",
          "events/Security.xml", event_doc("&xxe;", XXE_FILE), LINE)
case_file("external entity to the network, task XML", "damaged",
          TASKS + "/Evil", task_doc("&xxe;", XXE_NET), LINE)
case_file("external entity to the network, event XML", "damaged",
          "events/Security.xml", event_doc("&xxe;", XXE_NET), LINE)
case_file("parameter entity to a local file, task XML", "damaged",
          TASKS + "/Evil", task_doc("x", XXE_PARAM), LINE)
case_file("external DTD on the network, task XML", "damaged",
          TASKS + "/Evil", task_doc("x", DTD_NET), LINE)
case_file("XInclude of a local file, task XML", "read", TASKS + "/Evil",
          task_doc(XINCLUDE))
deep = "<a>" * 100000 + "x" + "</a>" * 100000
case_file("elements nested 100000 deep, task XML", "damaged",
          TASKS + "/Evil", task_doc(deep), LINE)
case_file("elements nested 100000 deep, event XML", "damaged",
          "events/Security.xml", event_doc(deep), LINE)
case_file("unclosed elements nested 300 deep, task XML", "damaged",
          TASKS + "/Evil", task_doc("<a>" * 300), LINE)
# libxml2 checks attribute names for duplicates in quadratic time.
wide = "<b %s/>" % " ".join('a%d="x"' % i for i in range(100000))
case_file("100000 attributes on one element, task XML", "damaged",
          TASKS + "/Evil", task_doc(wide), LINE + "refused: .*attributes")
case_file("100000 attributes on one element, event XML", "damaged",
          "events/Security.xml", event_doc(wide), LINE +
          "refused: .*attributes")

# --- UTF-16 task files ---------------------------------------------------
U16 = b"\xff\xfe" + task_doc("utf16").decode().replace(
    'encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16-le")
case_file("UTF-16 task cut in the middle", "damaged", TASKS + "/Evil",
          U16[:len(U16) // 2], LINE)
case_file("UTF-16 task of odd length", "damaged", TASKS + "/Evil",
          U16 + b"<", LINE)
case_file("UTF-16 task cut to an odd length", "damaged", TASKS + "/Evil",
          U16[:len(U16) // 2 + 1], LINE)
case_file("UTF-16 task with a lone surrogate", "damaged", TASKS + "/Evil",
          U16.replace("utf16".encode("utf-16-le"), b"\x00\xd8x\x00", 1),
          OFFSET)
case_file("UTF-16 BOM only", "ignored", TASKS + "/Evil", b"\xff\xfe", "-")

# --- security templates --------------------------------------------------
rnd = random.Random(7)
noise = bytes(rnd.randrange(256) for _ in range(65536))
case_file("binary noise as secedit.inf", "ignored", "secedit.inf", noise,
          "-")
case_file("INF header then binary noise", "damaged", "secedit.inf",
          b"[Unicode]\r\nUnicode=yes\r\n[System Access]\r\n" + noise,
          LINE)
case_file("a 4 MiB INF line", "damaged", "secedit.inf",
          b"[Unicode]\r\nUnicode=yes\r\n[Privilege Rights]\r\n"
          b"SeBatchLogonRight = " + b"*S-1-5-32-544," * 300000 +
          b"\r\n[Version]\r\nsignature=\"$CHICAGO$\"\r\n", LINE)
case_file("UTF-16 INF of odd length", "damaged", "secedit.inf",
          b"\xff\xfe" + "[Unicode]\r\nUnicode=yes\r\n[System Access]\r\n"
          "MinimumPasswordAge = 1\r\n".encode("utf-16-le") + b"\r", OFFSET)

# --- archives ------------------------------------------------------------
# Entries with names that climb out; the report may read them, but no
# file is made from their names.
d = bundle()
esc = os.path.join(d, "escape.zip")
run(MKARCHIVE, "zip", esc,
    "../../../../../../../../tmp/taskline-hostile-escape.evtx=" + good,
    "/tmp/taskline-hostile-abs.evtx=" + good,
    "..\\..\\taskline-hostile-bs.evtx=" + good)
add("zip path traversal", "read", esc)
d = bundle()
bz = os.path.join(d, "bomb.zip")
run(MKARCHIVE, "bomb-zip", bz, LOGS + "/Security.evtx", "3072")
add("zip bomb (3 GiB of zeros)", "noted", bz, OFFSET +
    ".*decompression bomb")
d = bundle()
bg = os.path.join(d, LOGS, "Security.evtx.gz")
os.makedirs(os.path.dirname(bg))
run(MKARCHIVE, "bomb-gz", bg, "3072")
add("gzip bomb (3 GiB of zeros)", "noted", bg, OFFSET +
    ".*decompression bomb")
d = bundle()
gzd = gzip.compress(GOOD, mtime=0)
tg = put(d, LOGS + "/Security.evtx.gz", gzd[:len(gzd) // 2])
add("truncated gzip'd log", "damaged", tg, OFFSET)
d = bundle()
zp = os.path.join(d, "good.zip")
with zipfile.ZipFile(zp, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr(zipfile.ZipInfo(LOGS + "/Security.evtx",
                               (2026, 1, 2, 3, 4, 6)), GOOD)
data = open(zp, "rb").read()
with open(zp, "wb") as f:
    f.write(data[:len(data) // 2])
add("truncated zip", "damaged", zp, OFFSET)
d = bundle()
zc = os.path.join(d, "crc.zip")
with zipfile.ZipFile(zc, "w", zipfile.ZIP_STORED) as z:
    z.writestr(zipfile.ZipInfo(LOGS + "/Security.evtx",
                               (2026, 1, 2, 3, 4, 6)), GOOD)
b = bytearray(open(zc, "rb").read())
b[200000] ^= 0x55                        # inside the stored entry
with open(zc, "wb") as f:
    f.write(b)
add("zip entry with a bad CRC", "damaged", zc, OFFSET)

# --- special files inside a bundle ---------------------------------------
d = bundle()
fifo = os.path.join(d, LOGS, "Security.evtx")
os.makedirs(os.path.dirname(fifo))
os.mkfifo(fifo)
add("FIFO inside a bundle", "noted", fifo, "not a regular file")
d = bundle()
os.makedirs(os.path.join(d, LOGS))
os.symlink("loop2.evtx", os.path.join(d, LOGS, "loop1.evtx"))
os.symlink("loop1.evtx", os.path.join(d, LOGS, "loop2.evtx"))
add("symbolic link loop inside a bundle", "noted",
    os.path.join(d, LOGS, "loop1.evtx"), "symbolic link loop")
d = bundle()
os.makedirs(os.path.join(d, TASKS))
os.symlink("/etc/passwd", os.path.join(d, TASKS, "Passwd"))
add("symbolic link to /etc/passwd", "noted",
    os.path.join(d, TASKS, "Passwd"), "symbolic link out of the bundle")
d = bundle()
deepdir = os.path.join(d, *(["d"] * 70))
os.makedirs(deepdir)
shutil.copyfile(good, os.path.join(deepdir, "Security.evtx"))
add("folders nested 70 deep", "noted", "-", "deep")
d = bundle()
nl = put(d, LOGS + "/Sec\nurity\x1b[31m.evtx", GOOD[:5000])
add("control characters in a file name", "damaged", nl, OFFSET)

# --- second round (issue 16) -------------------------------------------
# 40,000 task files in a zip, in reverse name order: the members are
# sorted in O(n log n) (an insertion sort took minutes).
d = bundle()
zr = os.path.join(d, "reverse.zip")
with zipfile.ZipFile(zr, "w", zipfile.ZIP_STORED) as z:
    for i in range(40000, 0, -1):
        z.writestr(zipfile.ZipInfo(TASKS + "/Bulk/T%05d" % i,
                                   (2026, 1, 2, 3, 4, 6)),
                   task_doc("bulk %d" % i))
add("zip of 40000 members in reverse order", "read", zr,
    r"!/C/Windows/System32/Tasks/Bulk/T00001$")
# Members named in UTF-8 (the zip flag set): libarchive converts them
# through the locale; in the "C" locale they came back nameless.
d = bundle()
zu = os.path.join(d, "utf8.zip")
with zipfile.ZipFile(zu, "w", zipfile.ZIP_DEFLATED) as z:
    for i, nm in enumerate(("Sauvegarde\u00e9t\u00e9",
                            "\u65e5\u6b21\u30d0\u30c3\u30af")):
        z.writestr(TASKS + "/" + nm, task_doc("utf8 %d" % i))
add("zip members named in UTF-8", "read", zu,
    "!/C/Windows/System32/Tasks/\u65e5\u6b21\u30d0\u30c3\u30af$")
# C1 controls (U+009B CSI, U+009D OSC, U+0085 NEL), a raw 8-bit CSI and
# a bidi override in a task's name and in event data: shown escaped in
# the text report, the timeline and on stderr (the "terminal" cases
# also run text views; check_case.py reads them).
C1 = "\u009b31m\u009d0;pwned\u0007\u0085\u202e"
d = bundle()
put(d, "events/Security.xml", event_doc("user" + C1))
tc = put(d, TASKS + "/Evil" + C1, task_doc("c1"))
add("terminal: C1 controls in a task name and event data", "read", tc)
d = bundle()
nl = put(d, LOGS + "/Sec\u009b2J\u009d0;x\u0085.evtx", GOOD[:5000])
add("terminal: C1 controls in a damaged log's name", "damaged", nl, OFFSET)

# --- registry hives (issue 17) ----------------------------------------
# The corpus's real hives, damaged ones included, and hostile hives
# patched from mkhive's (tests/hostile/hives.py), where a collection
# holds them.
CONFIG = "C/Windows/System32/config"
CORPUS_HIVES = [
    ("corrupt_base_block_checksum_yarp.hiv", "damaged", "checksum"),
    ("corrupt_sam_bad_hbin_signature_registry_ez.hiv", "damaged",
     "unreadable"),
    ("corrupt_system_broken_hbin_chain_regipy.hiv", "damaged", "root key"),
    ("dirty_security_43sids_registry_ez.hiv", "damaged", "dirty hive"),
    ("dirty_system_win81plus_regipy.hiv", "damaged", "dirty hive"),
    ("truncated_dirty_yarp.hiv", "damaged", "truncated"),
    ("sam_3users_plaso.hiv", "read", "-"),
    ("security_dfwinreg.hiv", "read", "-"),
]
if CORPUS and os.path.isdir(os.path.join(CORPUS, "hives")):
    for f, expect, pattern in CORPUS_HIVES:
        d = bundle()
        dst = os.path.join(d, CONFIG, f)
        os.makedirs(os.path.dirname(dst))
        shutil.copyfile(os.path.join(CORPUS, "hives", f), dst)
        add("corpus " + f, expect, dst, pattern)
if os.environ.get("MKHIVE"):
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import hives
    for name, data, expect, pattern in hives.cases(
            os.environ["MKHIVE"], os.environ["HIVESPECS"]):
        case_file(name, "ignored" if expect == "any" else expect,
                  CONFIG + "/SYSTEM", bytes(data), pattern)

# A 36 KB tar.bz2 whose members, none of them evidence, inflate to
# 12 GiB: 16 MiB of zeros compressed once and repeated (bzip2 streams
# concatenate).  Skipped members count against the decompression limit
# too (inside libarchive they were inflated unseen, for a minute).
import bz2
import tarfile
ZEROS = bz2.compress(bytes(16 << 20), 9)
data = bytearray()
for i in range(12):
    ti = tarfile.TarInfo("junk/%02d.bin" % i)
    ti.size = 1 << 30
    data += bz2.compress(ti.tobuf(format=tarfile.USTAR_FORMAT), 9)
    data += ZEROS * 64
data += bz2.compress(bytes(1024), 9)
d = bundle()
add("tar.bz2 bomb in skipped members (12 GiB)", "noted",
    put(d, "skipped.tar.bz2", bytes(data)), "decompression bomb")

# A zip inside a tar (read as a stream) whose only member, not evidence,
# inflates 1 GiB of zeros and gives its sizes only after its data: to
# skip it libarchive inflates it, so it is read through the bounded
# stream instead.
import io


class Unseekable(io.RawIOBase):
    def __init__(self, f):
        self.f = f

    def writable(self):
        return True

    def write(self, b):
        return self.f.write(b)


zbuf = io.BytesIO()
with zipfile.ZipFile(Unseekable(zbuf), "w", zipfile.ZIP_DEFLATED) as z:
    zi = zipfile.ZipInfo("junk/big.bin", (2026, 1, 2, 3, 4, 6))
    zi.compress_type = zipfile.ZIP_DEFLATED
    with z.open(zi, "w", force_zip64=True) as w:
        block = bytes(16 << 20)
        for _ in range(64):
            w.write(block)
d = bundle()
tp = os.path.join(d, "outer.tar")
with tarfile.open(tp, "w", format=tarfile.USTAR_FORMAT) as t:
    ti = tarfile.TarInfo("inner.zip")
    ti.size = len(zbuf.getvalue())
    ti.mtime = 0
    t.addfile(ti, io.BytesIO(zbuf.getvalue()))
add("zip in a tar, skipped member inflating 1 GiB", "noted", tp,
    "decompression bomb")

with open(os.path.join(OUT, "cases.tsv"), "w", encoding="utf-8") as f:
    for c in cases:
        f.write("%d\t%s\t%s\t%s\t%s\n" % c)
