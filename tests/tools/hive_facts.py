#!/usr/bin/env python3
# Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
"""hive_facts.py TASKLINE SYNTH [CORPUS]: the facts taskline reads from
registry hives, asserted one by one with their provenance (hive, key
path, value name as stored, key last-written time) from `taskline
timeline -f jsonl`: on the synthetic hives in SYNTH (system.hiv,
software.hiv, security.hiv, sam.hiv, made by mkhive from
tests/fixtures/data/hives/*.spec) and, when CORPUS (the shared corpus's
hives/ folder) is given, on the real hives as MANIFEST.tsv describes
them, damaged ones included (reported, never a crash)."""
import json
import os
import subprocess
import sys

TL = sys.argv[1]
errors = []


def data(ev):
    """event_data as a dict: nested (taskline.event/1) or flattened into
    event_data_* keys (Timesketch JSONL)."""
    if "event_data" in ev:
        return ev["event_data"]
    return {k[len("event_data_"):]: v for k, v in ev.items()
            if k.startswith("event_data_")}


def run(path):
    pre = os.environ.get("TASKLINE_RUN", "").split()
    p = subprocess.run(pre + [TL, "timeline", "-f", "jsonl", path],
                       capture_output=True, check=False)
    if p.returncode < 0 or p.returncode > 5:
        errors.append("%s: exit status %d" % (path, p.returncode))
    facts, tasks = [], []
    for line in p.stdout.decode("utf-8").splitlines():
        ev = json.loads(line)
        ev["event_data"] = data(ev)
        if ev.get("channel") == "Registry":
            facts.append(ev)
        elif ev.get("channel") == "TaskCache":
            tasks.append(ev)
    return p.returncode, p.stderr.decode("utf-8", "replace"), facts, tasks


def fact(facts, path, section, name, data=None, key=None, value=None,
         written=None, when=None):
    """Assert one fact; None leaves a field unchecked.  section may end
    in '*' to match a prefix (one section per account)."""
    hits = [f for f in facts if f["event_data"].get("Name") == name and
            (f["event_data"]["Section"] == section or
             (section.endswith("*") and
              f["event_data"]["Section"].startswith(section[:-1])))]
    if key is not None:
        hits = [f for f in hits if f["event_data"]["Key"] == key]
    if not hits:
        errors.append("%s: no fact [%s] %s (key %s)" % (path, section, name,
                                                         key))
        return None
    f = hits[0]
    d = f["event_data"]
    for what, want, got in (("data", data, d.get("Data")),
                            ("value name", value, d.get("Value")),
                            ("key written", written,
                             d.get("KeyLastWritten", "")[:19]),
                            ("time", when, f["datetime"][:19])):
        if want is not None and want != got:
            errors.append("%s: [%s] %s: %s %r, want %r" % (
                path, section, name, what, got, want))
    return f


def synthetic(d):
    p = os.path.join(d, "system.hiv")
    rc, err, f, _ = run(p)
    lsa = "ControlSet002\\Control\\Lsa"
    # Select\Current = 2: ControlSet001 (which says 0) is not read.
    fact(f, p, "System", "CurrentControlSet", "ControlSet002", "Select",
         "Current", "2026-02-20T06:00:00")
    fact(f, p, "Registry Values", "MACHINE\\System\\CurrentControlSet\\"
         "Control\\Lsa\\DisableDomainCreds", "4,1", lsa,
         "disabledomaincreds", "2026-03-03T23:55:00", "2026-03-03T23:55:00")
    if any(x["event_data"]["Key"].startswith("ControlSet001") for x in f):
        errors.append("%s: ControlSet001 read, Current is 2" % p)
    tz = "ControlSet002\\Control\\TimeZoneInformation"
    for name, data in (("Bias", "300"), ("StandardBias", "0"),
                       ("DaylightBias", "-60"), ("ActiveTimeBias", "300"),
                       ("TimeZoneKeyName", "Eastern Standard Time"),
                       ("StandardStart", "00000b00000001000200000000000000"),
                       ("DaylightStart", "00000300000002000200000000000000")):
        fact(f, p, "TimeZoneInformation", name, data, tz, name,
             "2026-01-10T08:05:00")
    fact(f, p, "System", "ComputerName", "APP01",
         "ControlSet002\\Control\\ComputerName\\ComputerName",
         "ComputerName", "2026-01-10T08:01:00")
    tcp = "ControlSet002\\Services\\Tcpip\\Parameters"
    fact(f, p, "System", "Hostname", "app01", tcp, "Hostname",
         "2026-03-05T07:00:00")
    fact(f, p, "System", "Domain", "corp.example", tcp, "Domain")
    fact(f, p, "System", "ShutdownTime", "2026-03-04T22:09:58.0000000Z",
         "ControlSet002\\Control\\Windows", "ShutdownTime",
         "2026-03-04T22:10:00", "2026-03-04T22:09:58")

    p = os.path.join(d, "software.hiv")
    rc, err, f, t = run(p)
    byname = {x["event_data"]["TaskName"]: x["event_data"] for x in t}
    want = {
        "\\Backup\\Nightly": {
            "Id": "{8E2A6B0C-1111-4C3B-9F00-0000000000A1}",
            "URI": "\\Backup\\Nightly", "Author": "CORP\\admin",
            "Date": "2026-02-01T05:00:00",
            "LastRun": "2026-03-06T01:30:00.0000000Z",
            "LastResult": "0x80070520",
            "LastSuccess": "2026-03-03T01:47:45.0000000Z",
            "Created": "2026-02-01T10:00:00.0000000Z",
            "KeyLastWritten": "2026-03-06T01:30:02.0000000Z",
            # the Actions blob: version 3, context, an exec action and
            # a COM handler
            "Context": "Author", "Action1": "C:\\Tools\\backup.cmd",
            "Action2": "ComHandler",
            # the Triggers blob's job bucket: flags and user
            "UserId": "CORP\\svc_backup", "LogonType": "Password",
            "RunLevel": "LeastPrivilege"},
        "\\Updater": {"Author": "APP01\\operator",
                      "LastResult": "0x00000000",
                      "LastRun": "2026-03-05T12:00:00.0000000Z",
                      "LastSuccess": None},
        "\\Microsoft\\Windows\\Defrag\\ScheduledDefrag": {
            "LastRun": None, "LastResult": None},
    }
    for task, fields in want.items():
        if task not in byname:
            errors.append("%s: TaskCache task %s missing" % (p, task))
            continue
        for k, v in fields.items():
            if byname[task].get(k) != v:
                errors.append("%s: %s %s = %r, want %r" % (
                    p, task, k, byname[task].get(k), v))
    if len(t) != 3:
        errors.append("%s: %d TaskCache tasks, want 3" % (p, len(t)))
    gp = ("Microsoft\\Windows\\CurrentVersion\\Group Policy\\History\\"
          "{827D319E-6EAC-11D2-A4EA-00C04F79F83A}")
    fact(f, p, "Group Policy History",
         "{827D319E-6EAC-11D2-A4EA-00C04F79F83A}\\0", "Server Hardening",
         gp + "\\0", None, "2026-03-03T23:50:00")
    fact(f, p, "Winlogon", "DefaultDomainName", "CORP",
         "Microsoft\\Windows NT\\CurrentVersion\\Winlogon",
         "DefaultDomainName", "2026-03-05T07:00:00")

    p = os.path.join(d, "security.hiv")
    rc, err, f, _ = run(p)
    dom = "S-1-5-21-1111111111-2222222222-3333333333-"
    fact(f, p, "Privilege Rights", "SeBatchLogonRight",
         "*%s1105,*%s1106,*S-1-5-32-544,*S-1-5-32-551" % (dom, dom),
         "Policy\\Accounts", "ActSysAc", "2026-03-02T14:00:00")
    fact(f, p, "Privilege Rights", "SeDenyBatchLogonRight",
         "*%s1105" % dom)
    fact(f, p, "Privilege Rights", "SeServiceLogonRight", "*S-1-5-80-0")
    fact(f, p, "Privilege Rights", "SeDenyServiceLogonRight", "")
    fact(f, p, "Account Rights", dom + "1105", "0x104",
         "Policy\\Accounts\\%s1105\\ActSysAc" % dom, "",
         "2026-03-02T14:00:00")
    fact(f, p, "Account Rights", "S-1-5-32-551", "0x7")

    p = os.path.join(d, "sam.hiv")
    rc, err, f, _ = run(p)
    acct = "SAM\\Domains\\Account"
    for name, data in (("MaximumPasswordAge", "42"),
                       ("MinimumPasswordAge", "1"),
                       ("MinimumPasswordLength", "7"),
                       ("PasswordHistorySize", "24"),
                       ("LockoutBadCount", "5"), ("LockoutDuration", "30"),
                       ("ResetLockoutCount", "30")):
        fact(f, p, "System Access", name, data, acct, "F",
             "2026-03-04T09:00:00")
    fact(f, p, "System", "MachineSid",
         "S-1-5-21-1234567890-987654321-1122334455", acct, "V")
    u = acct + "\\Users\\000003E9"
    s = "Local Account 1001"
    fact(f, p, s, "Name", "svc_backup", u, "V", "2026-03-06T01:30:00")
    fact(f, p, s, "FullName", "Backup service", u)
    fact(f, p, s, "Sid", "S-1-5-21-1234567890-987654321-1122334455-1001", u)
    fact(f, p, s, "AcbFlags", "0x0010", u, "F")
    fact(f, p, s, "Disabled", "0", u)
    # The password change is dated by F, not by the key's time.
    fact(f, p, s, "PasswordLastSet", "2026-03-04T09:15:00.0000000Z", u, "F",
         "2026-03-06T01:30:00", "2026-03-04T09:15:00")
    fact(f, p, s, "LastLogon", "2026-03-03T01:47:40.0000000Z", u)
    fact(f, p, s, "LastFailedLogon", "2026-03-06T01:30:00.0000000Z", u)
    fact(f, p, s, "BadPasswordCount", "3", u)
    fact(f, p, s, "LogonCount", "140", u)
    fact(f, p, s, "AccountExpires", "never", u)
    fact(f, p, "Local Account 1002", "Disabled", "1")
    fact(f, p, "Local Account 1003", "Locked", "1")
    fact(f, p, "Local Account 1003", "BadPasswordCount", "5")
    fact(f, p, "Local Account 1004", "AccountExpires",
         "2026-03-01T00:00:00.0000000Z")
    fact(f, p, "Local Account 1004", "PasswordNeverExpires", "1")
    fact(f, p, "Local Groups", "Backup Operators",
         "S-1-5-21-1234567890-987654321-1122334455-1001",
         "SAM\\Domains\\Builtin\\Aliases\\00000227", "C",
         "2026-02-10T08:00:00")
    fact(f, p, "Local Groups", "Administrators",
         "S-1-5-21-1234567890-987654321-1122334455-500,"
         "S-1-5-21-1111111111-2222222222-3333333333-512")


def corpus(d):
    p = os.path.join(d, "system_win7_regipy.hiv")
    rc, err, f, _ = run(p)
    if rc != 0:
        errors.append("%s: exit %d: %s" % (p, rc, err))
    fact(f, p, "System", "CurrentControlSet", "ControlSet001")
    # Stored as "disabledomaincreds": found case-insensitively.
    fact(f, p, "Registry Values", "MACHINE\\System\\CurrentControlSet\\"
         "Control\\Lsa\\DisableDomainCreds", "4,0",
         "ControlSet001\\Control\\Lsa", "disabledomaincreds")
    fact(f, p, "TimeZoneInformation", "TimeZoneKeyName",
         "Eastern Standard Time")
    fact(f, p, "TimeZoneInformation", "Bias", "300")
    fact(f, p, "TimeZoneInformation", "ActiveTimeBias", "240")
    fact(f, p, "TimeZoneInformation", "StandardName", "@tzres.dll,-112")
    fact(f, p, "System", "ComputerName", "WKS-WIN732BITA")

    p = os.path.join(d, "dirty_system_win81plus_regipy.hiv")
    rc, err, f, _ = run(p)
    if "dirty hive: sequence numbers 0xcd and 0xcc differ" not in err or \
            rc != 3:
        errors.append("%s: dirty hive not reported (exit %d): %s" % (
            p, rc, err))
    fact(f, p, "Registry Values", "MACHINE\\System\\CurrentControlSet\\"
         "Control\\Lsa\\DisableDomainCreds", "4,0", None,
         "disabledomaincreds")
    fact(f, p, "TimeZoneInformation", "TimeZoneKeyName",
         "Pacific Standard Time")
    fact(f, p, "TimeZoneInformation", "Bias", "480")
    fact(f, p, "System", "ComputerName", "SENSEI")

    sams = {"sam_win10_5users_velociraptor.hiv":
            {500: ("Administrator", "1"), 501: ("Guest", "1"),
             503: ("DefaultAccount", "1"),
             504: ("WDAGUtilityAccount", "1"), 1001: ("test", "0")},
            "sam_3users_plaso.hiv":
            {500: ("Administrator", "1"), 501: ("Guest", "1"),
             1001: ("gold_administrator", "0")},
            "sam_xp_15users_registry_ez.hiv":
            {500: ("Administrator", "0"), 501: ("Guest", "0"),
             1002: ("SUPPORT_388945a0", "1"), 1005: ("HelpAssistant", "1"),
             1006: ("aitch", "0"), 1007: ("emily", "0"),
             1008: ("liam", "0"), 1009: ("harry", "0"),
             1010: ("martina", "0"), 1011: ("thegaffer", "0"),
             1012: ("visitor", "0"), 1013: ("IUSR_FINN", "1"),
             1014: ("IWAM_FINN", "1"), 1022: ("SophosSAUFINN0", "0"),
             1023: ("harrymsn", "0")}}
    for name, users in sams.items():
        p = os.path.join(d, name)
        rc, err, f, _ = run(p)
        if rc != 0:
            errors.append("%s: exit %d: %s" % (p, rc, err))
        got = {x["event_data"]["Section"] for x in f
               if x["event_data"]["Section"].startswith("Local Account ")}
        if len(got) != len(users):
            errors.append("%s: %d accounts, want %d" % (p, len(got),
                                                         len(users)))
        for rid, (user, disabled) in users.items():
            fact(f, p, "Local Account %d" % rid, "Name", user)
            fact(f, p, "Local Account %d" % rid, "Disabled", disabled)
        fact(f, p, "System Access", "MaximumPasswordAge")

    p = os.path.join(d, "security_dfwinreg.hiv")
    rc, err, f, _ = run(p)
    dom = "S-1-5-21-4070822719-3404542230-2541167049-501"
    for sid, mask in (("S-1-1-0", "0x2"), (dom, "0xc1"),
                      ("S-1-5-32-544", "0x407"), ("S-1-5-32-545", "0x3"),
                      ("S-1-5-32-551", "0x7"), ("S-1-5-32-555", "0x400"),
                      ("S-1-5-32-559", "0x4"), ("S-1-5-80-0", "0x10")):
        fact(f, p, "Account Rights", sid, mask)
    fact(f, p, "Privilege Rights", "SeBatchLogonRight",
         "*S-1-5-32-544,*S-1-5-32-551,*S-1-5-32-559")
    fact(f, p, "Privilege Rights", "SeServiceLogonRight", "*S-1-5-80-0")
    fact(f, p, "Privilege Rights", "SeDenyNetworkLogonRight", "*" + dom)

    p = os.path.join(d, "dirty_security_win10_regipy.hiv")
    rc, err, f, _ = run(p)
    if "dirty hive" not in err:
        errors.append("%s: dirty hive not reported" % p)
    fact(f, p, "Account Rights", "S-1-5-90-0", "0x0")
    fact(f, p, "Privilege Rights", "SeBatchLogonRight",
         "*S-1-5-32-544,*S-1-5-32-551,*S-1-5-32-559")

    p = os.path.join(d, "dirty_security_43sids_registry_ez.hiv")
    rc, err, f, _ = run(p)
    if "dirty hive: sequence numbers 0x15b and 0x15a" not in err:
        errors.append("%s: dirty hive not reported" % p)
    n = len([x for x in f if x["event_data"]["Section"] ==
             "Account Rights"])
    if n != 35:
        errors.append("%s: %d accounts with ActSysAc, want 35" % (p, n))
    base = "S-1-5-21-727398572-3617256236-2003601904-"
    for rid, mask in ((500, "0x414"), (512, "0x414"), (1205, "0x414"),
                      (1251, "0x410"), (4617, "0x410")):
        fact(f, p, "Account Rights", base + str(rid), mask)

    for name, what in (("truncated_yarp.hiv", "truncated"),
                       ("truncated_dirty_yarp.hiv", "truncated"),
                       ("corrupt_base_block_checksum_yarp.hiv", "checksum"),
                       ("corrupt_system_broken_hbin_chain_regipy.hiv",
                        "root key"),
                       ("corrupt_sam_bad_hbin_signature_registry_ez.hiv",
                        "unreadable"),
                       ("dirty_yarp_new_dirty_hive.hiv", "dirty hive")):
        p = os.path.join(d, name)
        rc, err, f, _ = run(p)
        if rc != 3 or what not in err or p not in err:
            errors.append("%s: want status 3 and \"%s\" naming the file, "
                          "got %d: %s" % (p, what, rc, err.strip()))


synthetic(sys.argv[2])
if len(sys.argv) > 3:
    corpus(sys.argv[3])
for e in errors:
    print("FAIL: %s" % e)
print("hive_facts: %d problem(s)" % len(errors))
sys.exit(1 if errors else 0)
