#!/bin/sh
# Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
#
# ezcsv.sh: -f ezcsv has EvtxECmd's header byte for byte (BOM, 27
# columns, CR LF) and every row 27 cells; taskline's maps fill
# MapDescription, UserName and PayloadData for 101 (decoded result
# code) and 4625 (decoded Status and SubStatus); TimeCreated and Level
# as EvtxECmd writes them.  In every CSV output (csv, ezcsv) a cell that
# would run as a spreadsheet formula begins with a '.
set -u
py=/usr/bin/python3
[ -x "$py" ] || { echo "no /usr/bin/python3"; exit 77; }
: "${top_srcdir:?}" "${TASKLINE:?}"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tl-ezcsv.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
tl() { ${TL_RUN:+$TL_RUN} "$TASKLINE" "$@"; }
scen=$top_srcdir/fixtures/scenarios

# An event whose fields an attacker wrote: formulas in a task name, a
# user name and the computer name.
cat >"$tmp/evil.xml" <<'XML'
<Events>
<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event">
  <System>
    <Provider Name="Microsoft-Windows-TaskScheduler" Guid="{DE7B24EA-73C8-4A09-985D-5BDADCFA9017}"/>
    <EventID>101</EventID>
    <Version>0</Version>
    <Level>2</Level>
    <TimeCreated SystemTime="2026-03-04T01:30:00.5230007Z"/>
    <EventRecordID>7</EventRecordID>
    <Execution ProcessID="1604" ThreadID="6092"/>
    <Channel>Microsoft-Windows-TaskScheduler/Operational</Channel>
    <Computer>@evil.example</Computer>
    <Security UserID="S-1-5-18"/>
  </System>
  <EventData>
    <Data Name="TaskName">=cmd|' /C calc'!A0</Data>
    <Data Name="UserContext">+CORP\svc</Data>
    <Data Name="ResultCode">2147943712</Data>
  </EventData>
</Event>
</Events>
XML

tl events -f ezcsv "$tmp/evil.xml" \
    "$scen/01-policy-conflict/events/Microsoft-Windows-TaskScheduler%4Operational.xml" \
    "$scen/02-password-reset-local/events/Security.xml" \
    >"$tmp/ez.csv" 2>"$tmp/err" || { echo "FAIL events -f ezcsv: $(cat "$tmp/err")"; exit 1; }
tl events -f csv "$tmp/evil.xml" >"$tmp/plain.csv" 2>/dev/null
tl timeline -f ezcsv "$scen/01-policy-conflict" >"$tmp/tl.csv" 2>/dev/null

"$py" - "$tmp/ez.csv" "$tmp/plain.csv" "$tmp/tl.csv" <<'PY'
import csv, io, sys
HEADER = ("RecordNumber,EventRecordId,TimeCreated,EventId,Level,Provider,"
    "Channel,ProcessId,ThreadId,Computer,ChunkNumber,UserId,MapDescription,"
    "UserName,RemoteHost,PayloadData1,PayloadData2,PayloadData3,"
    "PayloadData4,PayloadData5,PayloadData6,ExecutableInfo,HiddenRecord,"
    "SourceFile,Keywords,ExtraDataOffset,Payload")
fail = 0
def bad(msg):
    global fail
    fail = 1
    print("FAIL", msg)
def rows(path):
    raw = open(path, "rb").read()
    return raw, list(csv.reader(io.StringIO(raw.decode("utf-8-sig"),
                                            newline="")))
for path in (sys.argv[1], sys.argv[3]):
    raw, r = rows(path)
    if not raw.startswith(b"\xef\xbb\xbf" + HEADER.encode() + b"\r\n"):
        bad("%s: header is not EvtxECmd's" % path)
    for i, row in enumerate(r):
        if len(row) != 27:
            bad("%s row %d: %d cells" % (path, i, len(row)))
    print("ok %s: header, %d rows of 27 cells" % (path.split("/")[-1],
                                                  len(r) - 1))
raw, r = rows(sys.argv[1])
col = {n: i for i, n in enumerate(r[0])}
def get(row, n):
    return row[col[n]]
evil = r[1]
want = {"TaskName": "PayloadData1", "UserName": "UserName",
        "Computer": "Computer"}
if get(evil, "PayloadData1") != "TaskName: =cmd|' /C calc'!A0":
    bad("PayloadData1: %r" % get(evil, "PayloadData1"))
for c, v in (("UserName", "'+CORP\\svc"), ("Computer", "'@evil.example")):
    if get(evil, c) != v:
        bad("%s not neutralised: %r" % (c, get(evil, c)))
    else:
        print("ok %s neutralised: %s" % (c, v))
if get(evil, "TimeCreated") != "2026-03-04 01:30:00.5230007":
    bad("TimeCreated %r" % get(evil, "TimeCreated"))
if get(evil, "Level") != "Error" or get(evil, "ProcessId") != "1604":
    bad("Level/ProcessId %r %r" % (get(evil, "Level"), get(evil, "ProcessId")))
# 101: decoded result code.
r101 = [x for x in r[1:] if get(x, "EventId") == "101"]
if not r101 or any(get(x, "MapDescription") != "Task failed to start" or
        "0x80070520 ERROR_NO_SUCH_LOGON_SESSION" not in
        get(x, "PayloadData2") for x in r101):
    bad("101 map: %r" % (r101[:1],))
else:
    print("ok 101: %s | %s" % (get(r101[-1], "PayloadData1"),
                               get(r101[-1], "PayloadData2")))
r4625 = [x for x in r[1:] if get(x, "EventId") == "4625"]
if not r4625:
    bad("no 4625 row")
for x in r4625:
    if get(x, "MapDescription") != "Failed logon" or \
            not get(x, "PayloadData2").startswith("Status: 0xC") or \
            not get(x, "PayloadData3").startswith("SubStatus: 0xC") or \
            "(" not in get(x, "PayloadData3") or "\\" not in get(x, "UserName"):
        bad("4625 map: %r" % x[12:21])
        break
else:
    print("ok 4625: %s | %s" % (get(r4625[0], "PayloadData2"),
                                get(r4625[0], "PayloadData3")))
# The plain CSV: every text cell that begins with a formula character
# begins with a ' instead.
raw, p = rows(sys.argv[2])
for row in p[1:]:
    for cell in row:
        if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
            bad("csv: formula cell %r" % cell)
if not any(c.startswith("'@") for c in p[1]):
    bad("csv: the computer name is not neutralised")
else:
    print("ok csv: formula cells neutralised")
sys.exit(fail)
PY
