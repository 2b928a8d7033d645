#!/usr/bin/env python3
"""Two .xlsx files hold the same workbook: the same sheets in the same order, and in each
sheet the same cells with the same values (shared strings read as their text), types and looks (number format, font, fill,
alignment, borders resolved from styles.xml, so that two files numbering their styles in
another order still compare equal), the same row heights, columns, merged cells, filters,
print setup and links. docProps (dates) are left out. Exit 0 when equal, 1 with the first
differences listed.

Usage: scripts/crosscheck/same_cells.py A.xlsx B.xlsx
"""
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}


def styles(z):
    root = ET.fromstring(z.read("xl/styles.xml"))
    numfmts = {n.get("numFmtId"): n.get("formatCode") for n in root.iter("{%s}numFmt" % NS["m"])}
    def section(name, child):
        s = root.find("m:%s" % name, NS)
        return [ET.tostring(e) for e in s.findall("m:%s" % child, NS)] if s is not None else []
    fonts, fills, borders = section("fonts", "font"), section("fills", "fill"), section("borders", "border")
    looks = []
    for xf in root.find("m:cellXfs", NS).findall("m:xf", NS):
        nid = xf.get("numFmtId", "0")
        align = xf.find("m:alignment", NS)
        looks.append((
            numfmts.get(nid, "builtin:" + nid),
            fonts[int(xf.get("fontId", 0))], fills[int(xf.get("fillId", 0))], borders[int(xf.get("borderId", 0))],
            tuple(sorted(align.attrib.items())) if align is not None else (),
        ))
    return looks


def sheets(z):
    wb = ET.fromstring(z.read("xl/workbook.xml"))
    rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    target = {r.get("Id"): r.get("Target") for r in rels}
    rid = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    return [(s.get("name"), "xl/" + target[s.get(rid)]) for s in wb.find("m:sheets", NS)]


def strings(z):
    if "xl/sharedStrings.xml" not in z.namelist():
        return []
    root = ET.fromstring(z.read("xl/sharedStrings.xml"))
    return ["".join(t.text or "" for t in si.iter("{%s}t" % NS["m"])) for si in root.findall("m:si", NS)]


def content(z, path, looks, shared):
    """The sheet's XML with every s="N" replaced by the look it names and every shared
    string by its text (two files may number their styles and strings in other orders)."""
    text = z.read(path).decode("utf-8")
    def look(m):
        i = int(m.group(2))
        return '%ss="%s"' % (m.group(1), abs(hash(looks[i])) if i < len(looks) else "?")
    text = re.sub(r'(<(?:c|row)\b[^>]*?\s)s="(\d+)"', look, text)
    def string(m):
        i = int(m.group(2))
        return '%s t="text"><v>%s</v>' % (m.group(1), shared[i] if i < len(shared) else "?")
    return re.sub(r'(<c\b[^>]*?) t="s"><v>(\d+)</v>', string, text)


def main(a, b):
    za, zb = zipfile.ZipFile(a), zipfile.ZipFile(b)
    la, lb = styles(za), styles(zb)
    ta, tb = strings(za), strings(zb)
    sa, sb = sheets(za), sheets(zb)
    problems = []
    if [n for n, _ in sa] != [n for n, _ in sb]:
        problems.append("sheets differ: %s / %s" % ([n for n, _ in sa], [n for n, _ in sb]))
    for (name, pa), (_, pb) in zip(sa, sb):
        ca, cb = content(za, pa, la, ta), content(zb, pb, lb, tb)
        if ca != cb:
            at = next(i for i, (x, y) in enumerate(zip(ca, cb)) if x != y) if len(ca) == len(cb) or ca[: min(len(ca), len(cb))] != cb[: min(len(ca), len(cb))] else min(len(ca), len(cb))
            problems.append("%s differs at char %d: …%s… / …%s…" % (name, at, ca[max(0, at - 80): at + 80], cb[max(0, at - 80): at + 80]))
    others = lambda z: sorted(n for n in z.namelist()
                              if not n.startswith(("docProps/", "xl/worksheets/sheet", "xl/styles.xml", "xl/sharedStrings.xml")))
    for name in others(za):
        if name not in zb.namelist() or za.read(name) != zb.read(name):
            problems.append("part %s differs" % name)
    for p in problems[:20]:
        print(p)
    total = sum(len(za.read(p)) for _, p in sa)
    print("%s: %d sheets, %d bytes of sheet XML compared, %s" % (b, len(sa), total, "same workbook" if not problems else "%d differences" % len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
