#!/usr/bin/env python3
"""Independent recomputation of the evidence numbers of issue 19: BPF frame F-1 (trainees and
hours) and the hours of the certificats de réalisation, checked against the workbooks.

Usage (from the repository root, after running the two jobs):
  coopreport run jobs/annual-2022.yml && coopreport run jobs/certificats-FVC-2122.yml
  python3 scripts/crosscheck/evidence.py \
      --bpf output/annual/2022/bilan-annuel-2022.xlsx \
      --certificates output/certificats/FVC-2122/certificats-FVC-2122.xlsx

Reads input/catalogue.yml and input/registrations.csv (or --catalogue/--registrations)
through recompute.py's readers (the data contract's validation, no Swift code), applies the
rules written in docs/decisions.md (« Which field each figure needs », « BPF »,
« Certificats de réalisation ») and README's BPF and certificate sections, and compares with
the cells of the workbooks (read with zipfile + XML: no dependency). Prints each figure
compared and « N figures, K mismatches »; exit status 1 on any mismatch.

Where the written rules leave room, the reading taken is marked « READING: ».
"""

import argparse
import datetime as dt
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import recompute  # noqa: E402  (the same validation of the data contract)

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      "rel": "http://schemas.openxmlformats.org/package/2006/relationships"}


# --------------------------------------------------------------------------- reading .xlsx


def read_sheet(path, name):
    """Rows of the sheet `name` as {row number: {column letters: value}} (text or number)."""
    with zipfile.ZipFile(path) as z:
        shared = []
        if "xl/sharedStrings.xml" in z.namelist():
            for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", NS):
                shared.append("".join(t.text or "" for t in si.iter("{%s}t" % NS["m"])))
        book = ET.fromstring(z.read("xl/workbook.xml"))
        rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
        targets = {r.get("Id"): r.get("Target") for r in rels.findall("rel:Relationship", NS)}
        target = None
        for sh in book.find("m:sheets", NS).findall("m:sheet", NS):
            if sh.get("name") == name:
                target = targets[sh.get("{%s}id" % NS["r"])]
        if target is None:
            raise SystemExit("%s: no sheet %r" % (path, name))
        target = target.lstrip("/")
        if not target.startswith("xl/"):
            target = "xl/" + target
        sheet = ET.fromstring(z.read(target))
    rows = {}
    for c in sheet.iter("{%s}c" % NS["m"]):
        ref = c.get("r")
        m = re.match(r"^([A-Z]+)(\d+)$", ref)
        kind = c.get("t")
        v = c.find("m:v", NS)
        if kind == "s":
            value = shared[int(v.text)]
        elif kind == "inlineStr":
            value = "".join(t.text or "" for t in c.iter("{%s}t" % NS["m"]))
        elif kind in ("str", "e"):
            value = v.text if v is not None else ""
        elif v is None:
            continue
        else:
            value = float(v.text)
            if value == int(value):
                value = int(value)
        rows.setdefault(int(m.group(2)), {})[m.group(1)] = value
    return rows


# --------------------------------------------------------------------------- the rows


def load(args):
    programmes, _, _ = recompute.load_catalogue(args.catalogue)
    regs, rejects, _ = recompute.validate_registrations(args.registrations, programmes)
    latest = {}
    for r in regs:   # metrics.md: the later row of a (programme, session, participant) wins
        latest[(r["programme"], r["session"], r["pkey"])] = r
    kept = sorted(latest.values(), key=lambda r: r["order"])
    return programmes, regs, kept, rejects


def attended(r):
    return r["status"] == "registered" and r["attendance"] in ("present", "partial")


def estimated(r):
    """docs/decisions.md (BPF « Estimées », certificates): hours not recorded but derived —
    a « partiel » with neither hours nor half-days, or a dropped `hours_attended`."""
    if not attended(r):
        return False
    if r["hours_dropped"]:
        return True
    return r["attendance"] == "partial" and not r["hours_recorded"] and not r["halves"]


# --------------------------------------------------------------------------- BPF F-1


def bpf(programmes, regs, kept, year):
    """docs/decisions.md « BPF »: a session belongs to the year of its start date; a trainee
    is one participant in one programme with at least one hour in the year's sessions (hours
    = the registrations' hours_trainee, every kind; the project phase gives 0); « dont à
    distance »: trainees with hours in a remote session, and those hours; the F-1 line follows
    the role of the last registration row of the programme in the period (bpf.roles; the
    shipped job maps none: every trainee on line a)."""
    def in_year(s):
        return s["start"].year == year
    hours = {}
    remote = {}
    registered = set()
    for r in kept:
        if not in_year(r["sess"]) or r["status"] != "registered":
            continue
        k = (r["programme"], r["pkey"])
        registered.add(k)
        hours[k] = hours.get(k, 0.0) + r["hours"]
        if r["sess"]["kind"] == "remote" and r["hours"] > 0:
            remote[k] = remote.get(k, 0.0) + r["hours"]
    # READING: « at least one hour » read as more than 0 h (a partial half-day is 3.5 h).
    trainees = {k: h for k, h in hours.items() if h > 0}
    out = {
        "F-1 total trainees": len(trainees),
        "F-1 total hours": sum(trainees.values()),
        "F-1 a trainees": len(trainees),
        "F-1 a hours": sum(trainees.values()),
        "F-1 dont à distance trainees": len([k for k in remote if k in trainees]),
        "F-1 dont à distance hours": sum(h for k, h in remote.items() if k in trainees),
        "participants without hours": len(registered) - len(trainees),
        "estimated rows": 0, "estimated hours": 0.0,
    }
    for p in sorted(programmes):
        ks = [k for k in trainees if k[0] == p]
        out["%s trainees" % p] = len(ks)
        out["%s hours" % p] = sum(trainees[k] for k in ks)
    for r in kept:
        if in_year(r["sess"]) and estimated(r):
            out["estimated rows"] += 1
            out["estimated hours"] += r["hours"]
    return out


def bpf_found(path, programmes):
    rows = read_sheet(path, "BPF")
    out = {}
    frame = None
    nsf = {}
    for p, sessions in programmes.items():
        nsf[p] = None
    for n in sorted(rows):
        row = rows[n]
        a, b = str(row.get("A", "")), str(row.get("B", ""))
        if a.startswith("F-1."):
            frame = "F-1"
        elif a.startswith("F-2."):
            frame = "F-2"
        elif a.startswith("F-4."):
            frame = "F-4"
        elif a.startswith("F-3."):
            frame = "F-3"
        if frame == "F-1":
            if a == "Total":
                out["F-1 total trainees"], out["F-1 total hours"] = row.get("C"), row.get("D")
            elif a == "a":
                out["F-1 a trainees"], out["F-1 a hours"] = row.get("C"), row.get("D")
            elif b.startswith("dont stagiaires"):
                out["F-1 dont à distance trainees"] = row.get("C")
                out["F-1 dont à distance hours"] = row.get("D")
        if frame == "F-4" and re.match(r"^\d{3}$", a):
            out["F-4 %s trainees" % a], out["F-4 %s hours" % a] = row.get("C"), row.get("D")
        m = re.match(r"^(\d+) participants? à un programme sans aucune heure", b)
        if m:
            out["participants without hours"] = int(m.group(1))
        if a == "Estimées":
            out["estimated rows"], out["estimated hours"] = row.get("C"), row.get("D")
    return out


# --------------------------------------------------------------------------- certificates


def fr_date(d):
    return d.strftime("%d/%m/%Y")


def certificates(programmes, kept, programme, as_of):
    """docs/decisions.md « Certificats de réalisation »: one per participant of the programme
    present or partial at one of its taught sessions at least; per taught session registered
    to, its hours_trainee, or « à compléter » when the session ended with attendance empty,
    a « partiel » with neither hours nor half-days, a dropped hours_attended, or present /
    partial with 0 h; the project phase without hours; the total « à compléter » when a line
    is; the dates from the first taught session attended to the last one."""
    people = {}
    for r in kept:
        if r["programme"] == programme:
            people.setdefault(r["pkey"], []).append(r)
    out = {}
    for pkey, rows in people.items():
        taught = [r for r in rows if r["sess"]["taught"] and r["status"] == "registered"]
        if not any(attended(r) for r in taught):
            continue
        # names: the last registration row of the programme that has a name
        named = [r for r in rows if r["last_name"] or r["first_name"]]
        if not named:
            continue   # no certificate, an alert
        last = named[-1]
        holder = ("%s %s" % (last["first_name"], last["last_name"].upper())).strip()
        lines = {}
        for r in sorted(taught, key=lambda r: (r["sess"]["start"], r["sess"]["order"])):
            s = r["sess"]
            if attended(r):
                if estimated(r) or (r["hours_recorded"] and r["hours"] == 0):
                    lines[s["code"]] = "à compléter"
                else:
                    lines[s["code"]] = r["hours"]
            elif r["attendance"] is None and s["end"] <= as_of:
                lines[s["code"]] = "à compléter"
            # READING: an absent session, or one not held yet, is not a session « suivie »:
            # not listed.
        for r in rows:
            if not r["sess"]["taught"] and r["status"] == "registered":
                lines[r["sess"]["code"]] = {"present": "réalisée", "partial": "réalisée",
                                            "absent": "non réalisée"}.get(r["attendance"],
                                                                          "non saisie")
        hours = [v for k, v in lines.items() if not isinstance(v, str) or v == "à compléter"]
        total = "à compléter" if "à compléter" in hours else sum(hours)
        days = [r["sess"] for r in taught if attended(r)]
        first = min(s["start"] for s in days)
        end = max(s["end"] for s in days)
        dates = ("Date : le %s" % fr_date(first)) if first == end else \
            ("Dates : du %s au %s" % (fr_date(first), fr_date(end)))
        out[holder] = {"lines": lines, "total": total, "dates": dates,
                       "cooperative": last["cooperative"]}
    return out


def certificates_found(path):
    rows = read_sheet(path, "Certificats de réalisation")
    out = {}
    cur = None
    in_table = False
    after_sign = False
    for n in sorted(rows):
        row = rows[n]
        a = str(row.get("A", ""))
        if a == "Certificat de réalisation":
            cur = {"lines": {}, "total": None, "dates": None, "cooperative": None}
            in_table = after_sign = False
            continue
        if cur is None:
            continue
        if a.startswith("Je soussigné"):
            after_sign = True
            continue
        if after_sign:
            out[a] = cur
            after_sign = False
            continue
        if a.startswith("salarié(e) de la coopérative : "):
            cur["cooperative"] = a.split(" : ", 1)[1]
        elif a.startswith("Dates : ") or a.startswith("Date : "):
            cur["dates"] = a
        elif a == "Session suivie":
            in_table = True
        elif a == "Total des heures réalisées":
            cur["total"] = row.get("C")
            in_table = False
        elif in_table:
            code = a.split(" — ", 1)[0]
            if "phase projet " in a:
                cur["lines"][code] = a.rsplit("phase projet ", 1)[1]
            else:
                cur["lines"][code] = row.get("C")
    return out


# --------------------------------------------------------------------------- main


def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--catalogue", default=os.path.join(root, "input", "catalogue.yml"))
    ap.add_argument("--registrations", default=os.path.join(root, "input", "registrations.csv"))
    ap.add_argument("--bpf", help="the annual workbook (jobs/annual-2022.yml)")
    ap.add_argument("--year", type=int, default=2022)
    ap.add_argument("--certificates", help="the certificates workbook (jobs/certificats-FVC-2122.yml)")
    ap.add_argument("--programme", default="FVC-2122")
    ap.add_argument("--as-of", default="2022-07-31")
    args = ap.parse_args()
    programmes, regs, kept, rejects = load(args)
    checked = 0
    bad = []

    def check(what, exp, got):
        nonlocal checked
        checked += 1
        same = exp == got or (isinstance(exp, (int, float)) and isinstance(got, (int, float))
                              and abs(exp - got) < 1e-9)
        if not same:
            bad.append((what, exp, got))
        return same

    if args.bpf:
        exp = bpf(programmes, regs, kept, args.year)
        got = bpf_found(args.bpf, programmes)
        print("BPF %d (%s):" % (args.year, args.bpf))
        for k in ["F-1 total trainees", "F-1 total hours", "F-1 a trainees", "F-1 a hours",
                  "F-1 dont à distance trainees", "F-1 dont à distance hours",
                  "participants without hours", "estimated rows", "estimated hours"]:
            ok = check("BPF " + k, exp[k], got.get(k))
            print("  %-32s expected %-8s found %-8s %s" % (k, exp[k], got.get(k), "" if ok else "MISMATCH"))
        for p, sessions in programmes.items():
            print("  %s: %d trainees, %s h" % (p, exp["%s trainees" % p], exp["%s hours" % p]))
    if args.certificates:
        as_of = dt.date.fromisoformat(args.as_of)
        exp = certificates(programmes, kept, args.programme, as_of)
        got = certificates_found(args.certificates)
        print("Certificates %s (%s): %d expected, %d found" % (args.programme, args.certificates,
                                                             len(exp), len(got)))
        check("certificates: holders", sorted(exp), sorted(got))
        to_complete = 0
        for holder in sorted(exp):
            e = exp[holder]
            g = got.get(holder)
            if g is None:
                continue
            to_complete += e["total"] == "à compléter"
            for key in ["cooperative", "dates", "total"]:
                check("%s: %s" % (holder, key), e[key], g[key])
            check("%s: sessions listed" % holder, sorted(e["lines"]), sorted(g["lines"]))
            for code in e["lines"]:
                if code in g["lines"]:
                    check("%s: %s" % (holder, code), e["lines"][code], g["lines"][code])
        total = sum(e["total"] for e in exp.values() if e["total"] != "à compléter")
        print("  certificates « à compléter »: %d; certified hours on the others: %s" % (to_complete, total))
        for holder in sorted(exp):
            e = exp[holder]
            print("    %-24s %-44s total %s" % (holder, ", ".join(
                "%s %s" % (k, v) for k, v in e["lines"].items()), e["total"]))
    print("%d figures, %d mismatches" % (checked, len(bad)))
    for what, e, g in bad[:40]:
        print("  %s: expected %r, found %r" % (what, e, g))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
