"""Independent check of the per-cooperative workbooks (`split: cooperative`, `--split
cooperative`): OUT/cooperatives/index.csv and each cooperative's .xlsx.

Not run on its own: recompute.py calls check() when given --split-dir, after its own
recomputation of metrics.json (see recompute.py's docstring for the command line). The
figures come from recompute.py's functions (passed in as the module `rc`, so that its
globals are the ones compute() filled); nothing here reads the Swift sources.

What is checked (README « Checking the figures independently »):
  1. index.csv: UTF-8 with BOM, CRLF, `;`, the header
     cooperative;file;contact_email;registered;present;attendance_rate;satisfaction_rate;
     completion_rate; one row per cooperative group of metrics.json but « Non renseignée »,
     in the same order; each figure equal to this script's (counts as integers, rates as
     fractions, empty when null: hidden by min_group_size or complementary suppression, or
     a zero denominator) AND to the checked metrics.json's `cooperatives` entry;
     contact_email the member's e-mail when recompute.py is given the member list
     (--members, or --check-sample on a file written with one), else empty; the file exists, is a workbook whose title names the
     cooperative, and no other .xlsx lies in the folder.
  2. Synthèse: the table « Indicateur | Votre coopérative | Fédération | Écart », rows
     Inscrits, Taux de présence, Taux de satisfaction, Objectifs atteints, Taux de réponse,
     Taux d'achèvement, Taux d'abandon, Participants, Heures-stagiaires: the cooperative's
     figures, the overall figures, and Écart = (cooperative − federation) × 100 for a rate
     when both are numbers (no number otherwise, none for a count). A figure this script
     has null must not be a number in the cell (a hidden one must be a « masqué … » text).
     READING (the brief, metrics.md « Small groups »): the federation's satisfaction and
     objectives are hidden in a cooperative's workbook when the other cooperatives'
     responses (overall − this one's) are between 1 and min_group_size − 1: the reader
     would otherwise get them by subtraction. The as-of date (B3) is checked too.
  3. Sessions: one row per in-period session where the cooperative has a registration
     (any status) or an attributed response (sessions sorted as in metrics.json), each
     with the figures of that session restricted to the cooperative's registrations and
     the responses attributed to it (every mapped column, numerators and denominators
     included; capacity is nobody's, so no fill rate). Satisfaction figures are hidden
     below min_group_size, and complementary suppression applies to the cooperative's
     sessions against the cooperative's total as metrics.json shows it
     (recompute.suppress_sets).
  4. Privacy: no text of the workbook (cells, sheet names, tables, document properties)
     holds, folded and as a whole cell or whole words, another cooperative's name, or the
     « NOM Prénom » / « Prénom NOM », e-mail or participant_id of a person who has no
     registration row in this cooperative (a name, e-mail or id that one of this
     cooperative's people also has is allowed). Commentaires: only sessions where the
     cooperative has at least min_group_size responses, with as many comments as its
     responses there hold (non-blank).
"""

import csv
import copy
import datetime as dt
import io
import os
import re
import unicodedata
import xml.etree.ElementTree as ET
import zipfile

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
RELNS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"

INDEX_HEADER = ["cooperative", "file", "contact_email", "registered", "present",
                "attendance_rate", "satisfaction_rate", "completion_rate"]
INDEX_COUNTS = ["registered", "present"]
INDEX_RATES = ["attendance_rate", "satisfaction_rate", "completion_rate"]

# Synthèse rows: label -> (figure key, is a rate, is a satisfaction-type figure).
SYNTHESIS_ROWS = [
    ("Inscrits", "registered", False, False),
    ("Taux de présence", "attendance_rate", True, False),
    ("Taux de satisfaction", "satisfaction_rate", True, True),
    ("Objectifs atteints", "objectives_met_rate", True, True),
    ("Taux de réponse", "response_rate", True, False),
    ("Taux d'achèvement", "completion_rate", True, False),
    ("Taux d'abandon", "dropout_rate", True, False),
    ("Participants", "participants", False, False),
    ("Heures-stagiaires", "hours_trainee", False, False),
]
SYNTHESIS_HEADER = ["Indicateur", "Votre coopérative", "Fédération", "Écart"]

# Sessions sheet: column header -> figure key (the French labels of the Méthode sheet).
SESSION_FIGURES = {
    "Inscrits": "registered", "Annulations": "cancelled", "Liste d'attente": "waitlisted",
    "Taux d'annulation": "cancellation_rate", "Présents": "present", "Absents": "absent",
    "Présence non saisie": "unrecorded", "Taux de présence": "attendance_rate",
    "Projets réalisés": "projects_done", "Projets non réalisés": "projects_not_done",
    "Taux de réalisation des projets": "project_rate", "Heures-stagiaires": "hours_trainee",
    "Taux de remplissage": "fill_rate", "Chiffre d'affaires HT": "revenue_ht",
    "Prérequis non respectés": "prerequisite_violations", "Participants": "participants",
    "Réponses": "responses", "Taux de réponse": "response_rate",
    "Taux de satisfaction": "satisfaction_rate", "Objectifs atteints": "objectives_met_rate",
    "NPS": "nps",
}
SESSION_RATES = ["cancellation_rate", "attendance_rate", "project_rate", "fill_rate",
                 "response_rate", "satisfaction_rate", "objectives_met_rate", "nps"]
for _key in SESSION_RATES:
    for _label, _k in list(SESSION_FIGURES.items()):
        if _k == _key:
            SESSION_FIGURES[_label + " (num.)"] = _key + "_numerator"
            SESSION_FIGURES[_label + " (dén.)"] = _key + "_denominator"
SESSION_REQUIRED = ["Programme", "Session", "Inscrits", "Présents", "Réponses"]
SATISFACTION_KEYS = ["satisfaction_rate", "objectives_met_rate", "nps"]


# --------------------------------------------------------------------------- xlsx


def column_index(ref):
    """'AB12' -> (12, 28)."""
    m = re.match(r"^([A-Z]+)(\d+)$", ref)
    col = 0
    for ch in m.group(1):
        col = col * 26 + ord(ch) - 64
    return int(m.group(2)), col


def read_xlsx(path):
    """{'sheets': [(name, {(row, col): value})], 'texts': [(where, text)]}.

    A cell's value is a float (number), a str (shared, inline or formula string) or a
    bool; a formula cell gives its cached value. 'texts' are the other parts' text nodes
    and attribute values (sheet names, tables, document properties, links), for the
    privacy scan; styles and theme are left out."""
    z = zipfile.ZipFile(path)
    names = z.namelist()
    shared = []
    if "xl/sharedStrings.xml" in names:
        for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall(NS + "si"):
            shared.append("".join(t.text or "" for t in si.iter(NS + "t")))
    wb = ET.fromstring(z.read("xl/workbook.xml"))
    rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target") for r in rels}
    sheets = []
    sheet_parts = set()
    for s in wb.find(NS + "sheets"):
        target = targets[s.get(RELNS + "id")]
        part = target.lstrip("/") if target.startswith("/") else "xl/" + target
        sheet_parts.add(part)
        cells = {}
        for c in ET.fromstring(z.read(part)).iter(NS + "c"):
            typ = c.get("t")
            v = c.find(NS + "v")
            if typ == "s":
                value = shared[int(v.text)]
            elif typ == "inlineStr":
                value = "".join(t.text or "" for t in c.iter(NS + "t"))
            elif typ == "str":
                value = v.text or "" if v is not None else ""
            elif typ == "b":
                value = v is not None and v.text == "1"
            elif v is not None and v.text is not None:
                value = float(v.text)
            else:
                continue
            cells[column_index(c.get("r"))] = value
        sheets.append((s.get("name"), cells))
    texts = []
    for part in names:
        if not part.endswith((".xml", ".rels")) or part in sheet_parts \
                or part in ("xl/styles.xml", "xl/sharedStrings.xml") or part.startswith("xl/theme/"):
            continue
        for el in ET.fromstring(z.read(part)).iter():
            if el.text and el.text.strip():
                texts.append((part, el.text))
            for v in el.attrib.values():
                texts.append((part, v))
    for part in sheet_parts:
        # attributes of a sheet (hyperlink display/tooltip texts, …), not its cells
        for el in ET.fromstring(z.read(part)).iter():
            if el.tag in (NS + "c", NS + "v", NS + "row", NS + "f", NS + "col"):
                continue
            for v in el.attrib.values():
                texts.append((part, v))
    return {"sheets": sheets, "texts": texts}


def col_letters(col):
    out = ""
    while col:
        col, rem = divmod(col - 1, 26)
        out = chr(65 + rem) + out
    return out


def serial(date):
    return float((date - dt.date(1899, 12, 30)).days)


def is_number(v):
    return isinstance(v, float)


# --------------------------------------------------------------------------- checking


class Check:
    """Wraps recompute's Comparer with the cell rules of a workbook."""

    def __init__(self, rc):
        self.rc = rc
        self.c = rc.Comparer()
        self.texts_scanned = 0
        self.privacy_hits = 0
        self.workbooks = 0
        # which rules the data exercised (printed, so that a 0 says a rule went untested)
        self.seen = {"cooperative hidden": 0, "federation hidden (others 1..min-1)": 0,
                     "session share hidden (< min)": 0, "session share hidden (complementary)": 0,
                     "session share shown": 0, "comments shown": 0,
                     "comments withheld (< min)": 0}

    def cell(self, path, expected, found, hidden_text=None):
        """expected None: the cell must hold no number (empty, or a text; `hidden_text`:
        a text starting with it). expected a number: the same number."""
        self.c.figures += 1
        if expected is None:
            if is_number(found) or isinstance(found, bool):
                self.c.bad(path, None, found)
            elif hidden_text is not None and not (isinstance(found, str)
                                                  and found.startswith(hidden_text)):
                self.c.bad(path, hidden_text + "…", found)
            return
        if not is_number(found) or abs(found - expected) > self.rc.TOL:
            self.c.bad(path, expected, found)


def cooperative_sessions(rc, coop, coop_group):
    """This cooperative's share of each in-period session, suppression applied."""
    run = rc.RUN
    groups = []
    for s in sorted(run["period_sessions"], key=lambda s: (s["programme"], s["start"], s["code"])):
        rows = [r for r in run["reg_in"] if r["cooperative"] == coop
                and r["programme"] == s["programme"] and r["session"] == s["code"]]
        resps = [r for r in run["resp_in"] if r["coop"] == coop
                 and r["programme"] == s["programme"] and r["session"] == s["code"]]
        if not rows and not resps:
            continue
        violations = len([r for r in rows if r["violation"]])
        people = len(set(r["pkey"] for r in rows if r["status"] == "registered"))
        g = rc.session_figure_block(rows, resps, [s], violations, run["qcols"], run["scale"],
                                    run["min_group_size"], run["as_of"], s["survey"], people)
        # decisions.md: capacity belongs to a session, not to a cooperative's share of it.
        g["fill_rate"] = None
        g["fill_rate_denominator"] = 0
        g["suppressed_by"] = "min_group_size" if g["suppressed"] else None
        g["sess"] = s
        g["resps"] = resps
        groups.append(g)
    # metrics.md « Small groups » v3: the cooperative's sessions add up to its total.
    rc.suppress_sets([(groups, copy.deepcopy(coop_group))])
    return groups


def check_index(chk, split_dir, expected_coops, found_coops):
    """Returns [(cooperative, file)] of the index rows."""
    c = chk.c
    path = os.path.join(split_dir, "index.csv")
    if not os.path.exists(path):
        c.bad("index.csv", "(file)", "(missing)")
        return []
    raw = open(path, "rb").read()
    c.figures += 3
    if not raw.startswith(b"\xef\xbb\xbf"):
        c.bad("index.csv (BOM)", "UTF-8 BOM", raw[:3])
    lines = raw.split(b"\n")
    if any(not line.endswith(b"\r") for line in lines[:-1]) or lines[-1] not in (b"",):
        c.bad("index.csv (line ends)", "CRLF after every line", "a line without CRLF")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    if not rows or rows[0] != INDEX_HEADER:
        c.bad("index.csv (header)", INDEX_HEADER, rows[0] if rows else None)
        return []
    # README « Un classeur par coopérative » / decisions.md issue 22: a workbook for each
    # cooperative of the figures with at least one registration (any status) in the period;
    # « Non renseignée » gets none (nor does a cooperative known by responses or journeys only).
    with_rows = set(r["cooperative"] for r in chk.rc.RUN["reg_in"])
    exp_names = [g["cooperative"] for g in expected_coops
                 if g["cooperative"] in with_rows and g["cooperative"] != chk.rc.NOT_SPECIFIED]
    found_by_name = {g["cooperative"]: g for g in (found_coops or [])}
    exp_by_name = {g["cooperative"]: g for g in expected_coops}
    listed = []
    for line, fields in enumerate(rows[1:], start=2):
        where = "index.csv:%d" % line
        if len(fields) != len(INDEX_HEADER):
            c.bad(where, "%d fields" % len(INDEX_HEADER), fields)
            continue
        row = dict(zip(INDEX_HEADER, fields))
        name = row["cooperative"]
        listed.append((name, row["file"]))
        where = "index.csv[%s]" % name
        if name not in exp_names:
            c.bad(where, "(no workbook for it)", "(listed)")
            continue
        check_file_name(chk, name, row["file"], exp_names)
        # The member's e-mail when a member list is given (README, index.csv), else empty.
        member = chk.rc.MEMBER_INDEX.get(chk.rc.member_key(name)) or {}
        c.value(where + ".contact_email", member.get("email", ""), row["contact_email"])
        for key in INDEX_COUNTS + INDEX_RATES:
            text = row[key]
            value = None
            if text != "":
                if key in INDEX_COUNTS and not re.match(r"^\d+$", text):
                    c.bad(where + "." + key + " (an integer)", exp_by_name[name][key], text)
                    continue
                try:
                    value = float(text)
                except ValueError:
                    c.bad(where + "." + key + " (a number)", exp_by_name[name][key], text)
                    continue
            # against this script's figures
            c.value(where + "." + key, exp_by_name[name][key], value)
            # against the checked metrics.json: the same value, exactly
            if name not in found_by_name:
                c.bad(where + " vs metrics.json", "(group)", "(missing in metrics.json)")
            else:
                got = found_by_name[name].get(key)
                c.figures += 1
                if (got is None) != (value is None) or (got is not None and float(got) != value):
                    c.bad(where + "." + key + " vs metrics.json", got, value)
    names = [n for n, _ in listed]
    c.figures += 1
    if names != exp_names:
        c.bad("index.csv (cooperatives, in order)", exp_names, names)
    on_disk = sorted(f for f in os.listdir(split_dir) if f.endswith(".xlsx"))
    c.figures += 1
    if sorted(f for _, f in listed) != on_disk:
        c.bad("index.csv (files)", on_disk, sorted(f for _, f in listed))
    return listed


DEVICE_NAMES = {"con", "prn", "aux", "nul"} | {"com%d" % i for i in range(1, 10)} \
    | {"lpt%d" % i for i in range(1, 10)}


def slug(name):
    text = unicodedata.normalize("NFD", name.lower())
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    return text, re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def check_file_name(chk, name, file, names):
    """README « Un classeur par coopérative »: lower-case ASCII letters and digits joined by
    hyphens (« Coop'Toit Île-de-France » → coop-toit-ile-de-france.xlsx), at most 60
    characters, never a Windows device name; -2, -3 for names giving the same file.
    READING: compared exactly only in the plain case (the name is ASCII once accents are
    removed, its slug has 60 characters at most, is not a device name, and no other listed
    name gives the same slug); otherwise only the shape is checked."""
    c = chk.c
    c.figures += 1
    if not re.match(r"^[a-z0-9]+(-[a-z0-9]+)*\.xlsx$", file) or len(file) - 5 > 60:
        c.bad("index.csv[%s].file (shape)" % name, "lower-case ASCII words joined by '-', .xlsx", file)
        return
    text, s = slug(name)
    if not text.isascii() or len(s) > 60 or s in DEVICE_NAMES or s == "":
        return
    if [n for n in names if n != name and slug(n)[1] == s]:
        return
    c.value("index.csv[%s].file" % name, s + ".xlsx", file)


def check_synthesis(chk, where, book, coop, exp_coop, overall):
    rc, c = chk.rc, chk.c
    sheet = dict(book["sheets"]).get("Synthèse")
    if sheet is None:
        c.bad(where + "!Synthèse", "(sheet)", "(missing)")
        return
    title = sheet.get((1, 1))
    c.figures += 1
    if not (isinstance(title, str) and title.startswith(coop)):
        c.bad(where + "!Synthèse!A1", coop + " — …", title)
    chk.cell(where + "!Synthèse!B3 (date d'arrêté)", serial(rc.RUN["as_of"]), sheet.get((3, 2)))
    header_row = None
    for (r, col), v in sorted(sheet.items()):
        if col == 1 and v == "Indicateur":
            header_row = r
            break
    if header_row is None:
        c.bad(where + "!Synthèse", "a row « Indicateur | … »", "(none)")
        return
    header = [sheet.get((header_row, k)) for k in range(1, 5)]
    c.figures += 1
    if header != SYNTHESIS_HEADER:
        c.bad(where + "!Synthèse (header)", SYNTHESIS_HEADER, header)
    labels = []
    r = header_row + 1
    while sheet.get((r, 1)) not in (None, ""):
        labels.append((sheet.get((r, 1)), r))
        r += 1
    c.figures += 1
    if [l for l, _ in labels] != [l for l, _, _, _ in SYNTHESIS_ROWS]:
        c.bad(where + "!Synthèse (rows)", [l for l, _, _, _ in SYNTHESIS_ROWS], [l for l, _ in labels])
    rows = dict(labels)
    others = overall["responses"] - exp_coop["responses"]
    mgs = rc.RUN["min_group_size"]
    for label, key, rate, satisfaction in SYNTHESIS_ROWS:
        if label not in rows:
            continue
        r = rows[label]
        mine = exp_coop[key]
        fed = overall[key]
        fed_hidden = satisfaction and (1 <= others <= mgs - 1)
        if fed_hidden:
            fed = None
            if key == "satisfaction_rate":
                chk.seen["federation hidden (others 1..min-1)"] += 1
        if key == "satisfaction_rate" and exp_coop["suppressed"]:
            chk.seen["cooperative hidden"] += 1
        p = "%s!Synthèse[%s]" % (where, label)
        hidden_mine = "masqué" if satisfaction and exp_coop["suppressed"] and exp_coop["responses"] > 0 else None
        hidden_fed = "masqué" if satisfaction and (fed_hidden or overall["suppressed"]) else None
        chk.cell(p + ".Votre coopérative", mine, sheet.get((r, 2)), hidden_mine)
        chk.cell(p + ".Fédération", fed, sheet.get((r, 3)), hidden_fed)
        gap = None
        if rate and mine is not None and fed is not None:
            gap = (mine - fed) * 100
        chk.cell(p + ".Écart", gap, sheet.get((r, 4)))


def check_sessions(chk, where, book, sessions):
    c = chk.c
    sheet = dict(book["sheets"]).get("Sessions")
    if sheet is None:
        c.bad(where + "!Sessions", "(sheet)", "(missing)")
        return
    header = {}
    col = 1
    while sheet.get((1, col)) not in (None, ""):
        header[sheet[(1, col)]] = col
        col += 1
    for h in SESSION_REQUIRED:
        if h not in header:
            c.bad(where + "!Sessions (column)", h, "(missing)")
    if any(h not in header for h in SESSION_REQUIRED):
        return
    got = []
    r = 2
    while sheet.get((r, 1)) not in (None, ""):
        got.append(((sheet.get((r, header["Programme"])), sheet.get((r, header["Session"]))), r))
        r += 1
    exp_ids = [(g["sess"]["programme"], g["sess"]["code"]) for g in sessions]
    c.figures += 1
    if [i for i, _ in got] != exp_ids:
        c.bad(where + "!Sessions (rows, in order)", exp_ids, [i for i, _ in got])
    row_of = dict(got)
    for g in sessions:
        s = g["sess"]
        ident = (s["programme"], s["code"])
        if ident not in row_of:
            continue
        r = row_of[ident]
        p = "%s!Sessions[%s/%s]" % (where, s["programme"], s["code"])
        if g["surveyed"] and g["responses"] > 0:
            if not g["suppressed"]:
                chk.seen["session share shown"] += 1
            elif g["suppressed_by"] == "complementary":
                chk.seen["session share hidden (complementary)"] += 1
            else:
                chk.seen["session share hidden (< min)"] += 1
        if "Début" in header:
            chk.cell(p + ".Début", serial(s["start"]), sheet.get((r, header["Début"])))
        for label, key in SESSION_FIGURES.items():
            if label not in header:
                continue
            hidden = None
            if key in SATISFACTION_KEYS and g["suppressed"] and g["responses"] > 0:
                hidden = "masqué"
            if key in SATISFACTION_KEYS and not g["surveyed"]:
                hidden = "sans questionnaire"
            chk.cell(p + "." + label, g[key], sheet.get((r, header[label])), hidden)


def check_comments(chk, where, book, sessions):
    """Commentaires: only where the cooperative has min_group_size responses or more."""
    c = chk.c
    sheet = dict(book["sheets"]).get("Commentaires")
    mgs = chk.rc.RUN["min_group_size"]
    expected = {}
    for g in sessions:
        n = len([r for r in g["resps"] if r.get("comment", "").strip() != ""])
        if g["responses"] >= mgs and n:
            expected[(g["sess"]["programme"], g["sess"]["code"])] = n
            chk.seen["comments shown"] += n
        elif n:
            chk.seen["comments withheld (< min)"] += n
    found = {}
    if sheet is not None:
        r = 2
        while sheet.get((r, 1)) not in (None, "") or sheet.get((r, 4)) not in (None, ""):
            k = (sheet.get((r, 1)), sheet.get((r, 2)))
            found[k] = found.get(k, 0) + 1
            r += 1
    elif expected:
        c.bad(where + "!Commentaires", "(sheet)", "(missing)")
        return
    for k in sorted(set(expected) | set(found), key=str):
        c.value("%s!Commentaires[%s/%s] (comments)" % (where, k[0], k[1]),
                expected.get(k, 0), found.get(k, 0))


def privacy_tokens(rc, coop):
    """(allowed, forbidden): folded token -> what it is, for one cooperative's workbook."""
    run = rc.RUN
    people = {}
    for r in run["regs"]:
        p = people.setdefault(r["pkey"], {"coops": set(), "names": set(), "emails": set(),
                                          "ids": set(), "coop_of": r["cooperative"]})
        p["coops"].add(r["cooperative"])
        if r["last_name"] and r["first_name"]:
            p["names"].add(rc.fold(r["last_name"] + " " + r["first_name"]))
            p["names"].add(rc.fold(r["first_name"] + " " + r["last_name"]))
        if r["email"]:
            p["emails"].add(rc.fold(r["email"]))
        if r["pid"]:
            p["ids"].add(rc.fold(r["pid"]))
    allowed = set()
    for key, p in people.items():
        if coop in p["coops"]:
            allowed |= p["names"] | p["emails"] | p["ids"]
    for r in run["resp_final"]:
        if r["coop"] == coop:
            for t in (r["pid"], r["email"]):
                if t:
                    allowed.add(rc.fold(t))
    forbidden = {}
    for key, p in people.items():
        if coop in p["coops"]:
            continue
        who = "%s (%s)" % (key, ", ".join(sorted(p["coops"])))
        for kind in ("names", "emails", "ids"):
            for t in p[kind]:
                if t not in allowed:
                    forbidden[t] = "%s of %s" % (kind[:-1], who)
    coops = set(r["cooperative"] for r in run["regs"])
    coops |= set(r["coop"] for r in run["resp_final"])
    coops |= set(r["own_coop"] for r in run["resp_final"] if r["own_coop"])
    for name in coops:
        if name != coop and name != rc.NOT_SPECIFIED:
            forbidden[rc.fold(name)] = "another cooperative"
    return rc.fold(coop), forbidden


def word_regex(tokens):
    alternatives = sorted(tokens, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(t) for t in alternatives) + r")(?!\w)")


def check_privacy(chk, where, book, own_name, forbidden):
    rc, c = chk.rc, chk.c
    if not forbidden:
        return
    pattern = word_regex(forbidden)
    own = word_regex([own_name])
    texts = []
    for name, cells in book["sheets"]:
        texts.append(("sheet name", name))
        for (r, col), v in sorted(cells.items()):
            if isinstance(v, str):
                texts.append(("%s!%s%d" % (name, col_letters(col), r), v))
    texts += book["texts"]
    for place, text in texts:
        chk.texts_scanned += 1
        folded = rc.fold(text)
        # the cooperative's own name may contain another one's (« Coop Habitat » in
        # « Coop Habitat Bretagne »): its occurrences are not searched
        folded = own.sub(lambda m: "\x00" * len(m.group(0)), folded)
        for m in pattern.finditer(folded):
            chk.privacy_hits += 1
            c.bad("%s: privacy: %s" % (where, place), "(nothing of another cooperative)",
                  "%r holds %r: %s" % (text, m.group(0), forbidden[m.group(0)]))


def check(rc, split_dir, expected, found):
    """Check the split folder; returns the Check (its .c is a recompute.Comparer)."""
    chk = Check(rc)
    coops = expected["cooperatives"]
    listed = check_index(chk, split_dir, coops, (found or {}).get("cooperatives"))
    by_name = {g["cooperative"]: g for g in coops}
    for coop, file in listed:
        if coop not in by_name or coop == rc.NOT_SPECIFIED:
            continue
        path = os.path.join(split_dir, file)
        if not os.path.exists(path):
            chk.c.bad(file, "(workbook of %s)" % coop, "(missing)")
            continue
        book = read_xlsx(path)
        chk.workbooks += 1
        sessions = cooperative_sessions(rc, coop, by_name[coop])
        check_synthesis(chk, file, book, coop, by_name[coop], expected["overall"])
        check_sessions(chk, file, book, sessions)
        check_comments(chk, file, book, sessions)
        own_name, forbidden = privacy_tokens(rc, coop)
        check_privacy(chk, file, book, own_name, forbidden)
    return chk
