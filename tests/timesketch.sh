#!/bin/sh
# Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
#
# timesketch.sh: -f jsonl imports into Timesketch as its importer
# (timesketch/lib/utils.py read_and_validate_jsonl) wants it: message,
# datetime and timestamp_desc on every line, timestamp in microseconds;
# plaso's names (strings, message_identifier, provider_identifier,
# xml_string with --xml); EventData flattened into event_data_<Name>
# keys, at most --fields distinct names besides the usual ones.  On the
# whole corpus read as one host, the index fields Timesketch would map
# (about 3 per string key: text, keyword and the key itself; 1 per
# number or boolean) stay under its default limit of 1,000.
set -u
py=/usr/bin/python3
[ -x "$py" ] || { echo "no /usr/bin/python3"; exit 77; }
: "${top_srcdir:?}" "${TASKLINE:?}"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tl-ts.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
tl() { ${TL_RUN:+$TL_RUN} "$TASKLINE" "$@"; }
fail=0

check() {	# FILE MAXFIELDS [xml]: the checks, one line of counts
	"$py" - "$@" <<'PY'
import json, sys, xml.dom.minidom
path, maxnames = sys.argv[1], int(sys.argv[2])
want_xml = len(sys.argv) > 3
usual = {"TaskName", "ResultCode", "UserContext", "UserName", "ActionName",
    "ErrorDescription", "InstanceId", "Path", "ProcessID", "TargetUserName",
    "TargetDomainName", "TargetUserSid", "SubjectUserName",
    "SubjectDomainName", "SubjectUserSid", "LogonType", "Status",
    "SubStatus", "FailureReason", "LogonProcessName",
    "AuthenticationPackageName", "ProcessName", "IpAddress",
    "WorkstationName", "PasswordLastSet", "UserAccountControl",
    "PrivilegeList", "ErrorCode"}
keys, names, n, bad = {}, set(), 0, []
for line in open(path, encoding="utf-8"):
    n += 1
    d = json.loads(line)
    for k in ("message", "datetime", "timestamp_desc", "timestamp",
              "data_type", "strings", "message_identifier"):
        if k not in d:
            bad.append("line %d: no %s" % (n, k))
    if "event_data" in d:
        bad.append("line %d: nested event_data" % n)
    if not isinstance(d.get("strings"), list):
        bad.append("line %d: strings is not a list" % n)
    if d["event_identifier"] is not None and \
            d.get("message_identifier", -1) & 0xffff != d["event_identifier"]:
        bad.append("line %d: message_identifier" % n)
    flat = {k[11:]: v for k, v in d.items() if k.startswith("event_data_")}
    for v in flat.values():
        if v not in d["strings"]:
            bad.append("line %d: %r not in strings" % (n, v))
    names.update(flat)
    if want_xml:
        xml.dom.minidom.parseString(d["xml_string"])
    elif "xml_string" in d:
        bad.append("line %d: xml_string without --xml" % n)
    for k, v in d.items():
        keys.setdefault(k, type(v).__name__)
extra = names - usual
if len(extra) > maxnames:
    bad.append("%d event_data names beyond the usual, cap %d" %
               (len(extra), maxnames))
cost = sum(3 if t in ("str", "list", "NoneType") else 1
           for t in keys.values())
print("%d lines, %d keys, %d event_data names (%d beyond the usual), "
      "about %d index fields" % (n, len(keys), len(names), len(extra), cost))
for b in bad[:5]:
    print("FAIL", b)
if cost >= 1000:
    print("FAIL over 1000 fields")
sys.exit(1 if bad or cost >= 1000 or n == 0 else 0)
PY
}

# The demo, with --xml and with the default cap.
tl events --xml "$top_srcdir/fixtures/demo" >"$tmp/demo.jsonl" 2>/dev/null
if check "$tmp/demo.jsonl" 200 xml; then echo "ok demo --xml"
else echo "FAIL demo --xml"; fail=1; fi
grep -q '"provider_identifier":"{' "$tmp/demo.jsonl" &&
    echo "ok provider_identifier" || { echo "FAIL provider_identifier"; fail=1; }
tl timeline -f jsonl --fields 0 "$top_srcdir/fixtures/demo" \
    >"$tmp/t0.jsonl" 2>/dev/null
if check "$tmp/t0.jsonl" 0; then echo "ok timeline --fields 0"
else echo "FAIL timeline --fields 0"; fail=1; fi

corpus="${TL_SHARED:-$top_srcdir/../shared}/corpus"
if [ ! -d "$corpus/evtx" ]; then
	echo "no corpus at $corpus: field count skipped"
	[ $fail -eq 0 ] && exit 77
	exit 1
fi
# The whole corpus as one host's events: every record of 30 logs.
tl events "$corpus/evtx" >"$tmp/c.jsonl" 2>/dev/null
if check "$tmp/c.jsonl" 200; then echo "ok corpus, default cap"
else echo "FAIL corpus, default cap"; fail=1; fi
# Without a cap it would be far over: the cap is what keeps it under.
tl events --fields 1000 "$corpus/evtx" >"$tmp/c2.jsonl" 2>/dev/null
if check "$tmp/c2.jsonl" 1000 >"$tmp/c2.out"; then
	echo "FAIL corpus without cap under 1000 too: the test proves nothing"
	fail=1
else
	echo "ok corpus without cap: $(head -1 "$tmp/c2.out")"
fi
exit $fail
