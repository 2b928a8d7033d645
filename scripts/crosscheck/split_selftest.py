#!/usr/bin/env python3
"""Proves that `recompute.py --split-dir` fails on a deliberate error: copies a cooperatives
folder, alters one thing at a time, runs recompute.py on each copy and checks that it exits
1 and names what was altered. Exit status 0 when every alteration was caught (and the
untouched copy passes), 1 otherwise.

Usage (the recompute.py arguments after --, without --split-dir):
  split_selftest.py --split-dir OUT/cooperatives -- --catalogue C --registrations R \\
      --evaluations E --as-of D --metrics OUT/metrics.json
  split_selftest.py --split-dir output/sample/cooperatives -- --check-sample \\
      --as-of 2022-07-31 --metrics output/sample/metrics.json

The alterations: one index.csv rate (+0.01); one index.csv count (+1); the federation's
« Inscrits » in the first workbook's Synthèse (+1); « Inscrits » of its first Sessions row
(+1); another cooperative's name, then another cooperative's participant (« NOM Prénom »
from that cooperative's Relevé d'assiduité), written into the first workbook's title.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import cooperatives  # noqa: E402

NS = cooperatives.NS


def rewrite_part(path, part, change):
    """Replace one XML part of an .xlsx with change(root) (which edits it in place)."""
    with zipfile.ZipFile(path) as z:
        items = [(i, z.read(i.filename)) for i in z.infolist()]
    tmp = path + ".tmp"
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as out:
        for info, data in items:
            if info.filename == part:
                ET.register_namespace("", NS[1:-1])
                root = ET.fromstring(data)
                change(root)
                data = ET.tostring(root, xml_declaration=True, encoding="UTF-8")
            out.writestr(info, data)
    os.replace(tmp, path)


def sheet_part(path, name):
    with zipfile.ZipFile(path) as z:
        wb = ET.fromstring(z.read("xl/workbook.xml"))
        rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target") for r in rels}
    for s in wb.find(NS + "sheets"):
        if s.get("name") == name:
            t = targets[s.get(cooperatives.RELNS + "id")]
            return t.lstrip("/") if t.startswith("/") else "xl/" + t
    raise SystemExit("%s: no sheet %s" % (path, name))


def add_to_number(path, sheet, ref, delta):
    def change(root):
        for c in root.iter(NS + "c"):
            if c.get("r") == ref:
                v = c.find(NS + "v")
                v.text = repr(float(v.text) + delta)
                return
        raise SystemExit("%s!%s: no such cell" % (sheet, ref))
    rewrite_part(path, sheet_part(path, sheet), change)


def append_to_title(path, text):
    """Appends text to the shared string of Synthèse!A1 (the title)."""
    book = cooperatives.read_xlsx(path)
    title = dict(book["sheets"])["Synthèse"][(1, 1)]

    def change(root):
        for si in root.findall(NS + "si"):
            t = si.find(NS + "t")
            if t is not None and t.text == title:
                t.text = title + " " + text
                return
        raise SystemExit("title not found among the shared strings")
    rewrite_part(path, "xl/sharedStrings.xml", change)


def alter_index(path, line_no, column, change):
    raw = open(path, "rb").read().decode("utf-8-sig")
    lines = raw.split("\r\n")
    header = lines[0].split(";")
    fields = lines[line_no].split(";")
    i = header.index(column)
    fields[i] = change(fields[i])
    lines[line_no] = ";".join(fields)
    open(path, "wb").write(b"\xef\xbb\xbf" + "\r\n".join(lines).encode("utf-8"))


def index_rows(split_dir):
    raw = open(os.path.join(split_dir, "index.csv"), "rb").read().decode("utf-8-sig")
    lines = [line.split(";") for line in raw.split("\r\n")[1:] if line]
    return lines


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split-dir", required=True)
    ap.add_argument("rest", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    rest = args.rest[1:] if args.rest[:1] == ["--"] else args.rest
    rows = index_rows(args.split_dir)
    if len(rows) < 2:
        raise SystemExit("needs at least two cooperatives in index.csv")
    first, other = rows[0], rows[1]
    rate_line = next((n for n, r in enumerate(rows, start=1) if r[5] != ""), None)
    other_book = cooperatives.read_xlsx(os.path.join(args.split_dir, other[1]))
    releve = dict(other_book["sheets"]).get("Relevé d'assiduité", {})
    person = releve.get((2, 5))

    cases = [("untouched", None, None)]
    cases.append(("index rate", "index.csv[%s].attendance_rate" % rows[rate_line - 1][0],
                  lambda d: alter_index(os.path.join(d, "index.csv"), rate_line, "attendance_rate",
                                        lambda v: repr(float(v) + 0.01))))
    cases.append(("index count", "index.csv[%s].registered" % first[0],
                  lambda d: alter_index(os.path.join(d, "index.csv"), 1, "registered",
                                        lambda v: str(int(v) + 1))))
    cases.append(("Synthèse", "%s!Synthèse[Inscrits].Fédération" % first[1],
                  lambda d: add_to_number(os.path.join(d, first[1]), "Synthèse", "C6", 1)))
    cases.append(("Sessions", "%s!Sessions[" % first[1],
                  lambda d: add_to_number(os.path.join(d, first[1]), "Sessions", "F2", 1)))
    cases.append(("privacy: cooperative", "%s: privacy: Synthèse!A1" % first[1],
                  lambda d: append_to_title(os.path.join(d, first[1]), "(voir " + other[0] + ")")))
    if isinstance(person, str) and person:
        cases.append(("privacy: person", "%s: privacy: Synthèse!A1" % first[1],
                      lambda d: append_to_title(os.path.join(d, first[1]), "— " + person)))
    failures = 0
    for name, expect, alter in cases:
        work = tempfile.mkdtemp(prefix="split-selftest-")
        try:
            copy = os.path.join(work, "cooperatives")
            shutil.copytree(args.split_dir, copy)
            if alter is not None:
                alter(copy)
            run = subprocess.run([sys.executable, os.path.join(HERE, "recompute.py")] + rest
                                 + ["--split-dir", copy], capture_output=True, text=True)
            split_lines = [line for line in run.stdout.splitlines()
                           if line.startswith("split ") or line.startswith("  ")]
            if alter is None:
                ok = run.returncode == 0
                detail = "exit %d" % run.returncode
            else:
                hit = [line for line in split_lines if expect in line]
                ok = run.returncode == 1 and bool(hit)
                detail = "exit %d; %s" % (run.returncode, hit[0].strip() if hit else
                                          "not named: " + " / ".join(split_lines[:3]))
            print("%s %s: %s" % ("caught" if ok and alter else ("ok" if ok else "MISSED"),
                                 name, detail))
            failures += 0 if ok else 1
        finally:
            shutil.rmtree(work)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
