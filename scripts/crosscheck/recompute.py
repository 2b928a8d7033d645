#!/usr/bin/env python3
"""Independent recomputation of CoopReport's metrics.json (metrics spec VERSION 2, with the
version 3 parts: dimensions and attribution, filters, complementary suppression, « Taux
d'annulation »).

Usage:
  recompute.py --catalogue C --registrations R [R2 ...] --evaluations E --metrics M
               [--from D] [--to D] [--as-of D] [--min-group-size N] [--dump OUT.json] [-v]
               [--by role|region] [--filter cooperative=NAME ...] [--filter role=NAME ...]
               [--filter region=NAME ...] [--members LIST] [--split-dir OUT/cooperatives]
  recompute.py --check-sample [--metrics M] [--dump OUT.json] [--as-of D] ...

--split-dir OUT/cooperatives (issue 22, `split: cooperative` / `--split cooperative`): after
  metrics.json, checks the per-cooperative folder of the same run (cooperatives.py says
  what, rule by rule): index.csv against this script's cooperative figures and against
  metrics.json's `cooperatives` (equal); each workbook's Synthèse (« Votre coopérative »,
  « Fédération », « Écart »), its Sessions sheet (the cooperative's share of each session,
  every figure, suppression against its own total), its Commentaires (only sessions where
  it has min_group_size responses), and that no text of it names another cooperative or
  another cooperative's person (name, e-mail, participant_id). Prints "split DIR: checked
  N figures in W cooperative workbooks, T texts scanned … K mismatches" and which rules
  the data exercised (a 0 there means that rule went untested on this data). Needs
  --metrics; not with --filter. The same period, as-of date and min_group_size as the run:
    coopreport run jobs/sample.yml        # split: cooperative, from the repository's root
    python3 scripts/crosscheck/recompute.py --check-sample --as-of 2022-07-31 \
        --metrics output/sample/metrics.json --split-dir output/sample/cooperatives
    coopreport generate --out /tmp/g --programmes 6 --participants 150 --seed 11 --cooperatives 25
    coopreport report --catalogue /tmp/g/catalogue.yml --registrations /tmp/g/registrations.csv \
        --evaluations /tmp/g/evaluations.csv --out /tmp/g-out --as-of 2022-12-31 --split cooperative
    python3 scripts/crosscheck/recompute.py --catalogue /tmp/g/catalogue.yml \
        --registrations /tmp/g/registrations.csv --evaluations /tmp/g/evaluations.csv \
        --as-of 2022-12-31 --metrics /tmp/g-out/metrics.json --split-dir /tmp/g-out/cooperatives
  split_selftest.py alters a copy of the folder one thing at a time (an index.csv value, a
  Synthèse and a Sessions figure, another cooperative's name or person written into a
  workbook) and shows that each is reported.

Version 3 (metrics.md « Groupings », issue 21), mirroring coopreport's flags:
  --by role        also recomputes the `roles` array: one group per role, each with every
                   figure key of `overall` (journey figures included). A registration
                   belongs to its own row's role; a response to its respondent's last
                   registration row of the programme by (file, line) (participant_id, else
                   e-mail), else « Non renseigné »; a journey to its last registration row.
  --filter cooperative=NAME (repeatable; role=NAME too)
                   keeps the registrations, responses and journeys the dimension attributes
                   to NAME; the in-period responses it cannot attribute (« Non renseignée »)
                   are counted in `left_out.responses`; `filter` echoes the filters.
  --members LIST   the member list (issue 22, docs/decisions.md « La liste des adhérents »):
                   each cooperative of the registrations and of the responses' own column
                   that names a member (letters and digits of its name or of an alias,
                   lower-cased, accents removed) is counted under the member's name; the
                   members with no registered registration in the period are checked as
                   `cooperatives_without_registrations`; --by region / --filter region=NAME
                   use each row's cooperative's member's region (« Non renseignée » without).
                   --check-sample reads input/adherents.csv, as the sample jobs do, when
                   the checked file was written with a member list (it has the key).
  The group of the rows a dimension cannot attribute (« Non renseignée », « Non renseigné »)
  is listed last, after the named groups (docs/decisions.md, « Order »).
  `cancellation_rate` (+ _numerator/_denominator) = cancelled / (registered + cancelled +
  waitlisted), for every group. Several registrations files (a split export, a job's glob)
  are read in the order given, so that « the last row » is the last by (file, line).

Reads the three canonical inputs (../shared/spec/data-contract.md), recomputes every
figure of ../shared/spec/metrics.md (version 2) for every group (overall, sessions,
programmes, cooperatives, months) following docs/decisions.md and the written v2
decisions, and compares with the metrics.json at M (schema version 3,
docs/metrics-json.md: the v2 keys, plus each rate's <figure>_numerator and
<figure>_denominator computed here from the same counts as the rate, each question's
satisfied_numerator, the sessions' title and period.programme). Prints "checked N figures in G groups, K mismatches"
and the first 30 mismatches. Exit status 1 on any mismatch, 0 otherwise, 2 on usage error.

--dump writes this script's own figures as a metrics.json (same schema); with --dump and
no --metrics nothing is compared. -v prints input statistics (rows, rejects by reason,
superseded duplicates, journeys by outcome).

--check-sample: the shipped sample. It stands for
    --catalogue input/catalogue.yml --registrations input/registrations.csv
    --evaluations input/evaluations.csv
(paths from the repository root, found from this script's location); jobs/sample.yml
runs with as_of 2022-07-31 and the 2021-2022 season as its period (taken from the checked
file when --from/--to are not given), so from the repository's root:
    python3 scripts/crosscheck/recompute.py --check-sample --as-of 2022-07-31 \
        --metrics output/sample/metrics.json
or, spelled out:
    python3 scripts/crosscheck/recompute.py --catalogue input/catalogue.yml \
        --registrations input/registrations.csv --evaluations input/evaluations.csv \
        --as-of 2022-07-31 --metrics output/sample/metrics.json
(output/sample/ is written by `coopreport run jobs/sample.yml`; the metrics.json file
name there may carry the job's dated name.)

Synthetic data: generate.py --seed 7 --participants 1500 --out /tmp/cc2, then
    recompute.py --catalogue /tmp/cc2/catalogue.yml --registrations /tmp/cc2/registrations.csv
        --evaluations /tmp/cc2/evaluations.csv --as-of 2022-12-31 --metrics M

Deliberately written with plain loops and no code shared with the Swift tool. Where the
spec/decisions leave room, the reading taken here is marked "READING:" in a comment.
"""

import argparse
import csv
import datetime as dt
import io
import json
import os
import re
import sys
import unicodedata

import yaml

TOL = 1e-9
NOT_SPECIFIED = "Non renseignée"
# metrics.md v3 (dimension role): a registration row without role, and a response that
# cannot be joined to a registration of its programme, belong to « Non renseigné ».
# READING: the masculine form, as the role is « le rôle » (and as the tool writes it).
ROLE_NOT_SPECIFIED = "Non renseigné"

# --------------------------------------------------------------------------- text helpers


def fold(text):
    """Trim, lower-case, strip accents, collapse inner whitespace (for value/header matching)."""
    text = unicodedata.normalize("NFD", text.strip().lower())
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    text = text.replace("\u2019", "'")
    return re.sub(r"\s+", " ", text)


STATUS_VALUES = {
    "registered": "registered", "inscrit": "registered",
    "cancelled": "cancelled", "annule": "cancelled",
    "waitlisted": "waitlisted", "liste d'attente": "waitlisted",
}
ATTENDANCE_VALUES = {
    "present": "present", "partial": "partial", "absent": "absent",
    "partiel": "partial",  # "présent" folds to "present"
}
HALF_VALUES = {"present": "present", "absent": "absent"}

SCALE_LABELS = {
    "tres satisfait": 5, "satisfait": 4, "moyennement satisfait": 3,
    "peu satisfait": 2, "pas du tout satisfait": 1,
}

# French header aliases (data-contract.md); compared after fold().
REG_ALIASES = {
    "programme": "programme", "formation": "programme", "session": "session",
    "participant_id": "participant_id", "identifiant": "participant_id",
    "email": "email", "courriel": "email", "e-mail": "email",
    "last_name": "last_name", "nom": "last_name", "first_name": "first_name",
    "prenom": "first_name", "cooperative": "cooperative", "structure": "cooperative",
    "role": "role", "fonction": "role", "status": "status", "statut": "status",
    "registered_at": "registered_at", "date d'inscription": "registered_at",
    "attendance": "attendance", "presence": "attendance", "emargement": "attendance",
    "hours_attended": "hours_attended", "heures": "hours_attended",
    "morning": "morning", "matin": "morning", "afternoon": "afternoon",
    "apres-midi": "afternoon",
}
EVAL_FIXED = ["programme", "session", "response_id", "submitted_at", "participant_id",
              "email", "cooperative"]
EVAL_ALIASES = {"formation": "programme", "identifiant": "participant_id",
                "courriel": "email", "e-mail": "email", "structure": "cooperative"}

RE_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
RE_FR_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
# READING (docs/decisions.md): the survey tool's year-first date, 2022/03/15, alone.
RE_YMD_SLASH = re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$")
RE_FR_DATETIME = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4}) (\d{1,2}):(\d{2})(?::(\d{2}))?$")
RE_ISO_DATETIME = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$")
RE_NUMBER = re.compile(r"^\d+(?:[.,]\d+)?$")
RE_INT = re.compile(r"^\d+$")


def parse_date(text):
    """Return True when text is a valid date or date-time in an accepted format."""
    t = text.strip()
    try:
        m = RE_ISO_DATE.match(t)
        if m:
            dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            return True
        m = RE_FR_DATE.match(t)
        if m:
            dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            return True
        m = RE_YMD_SLASH.match(t)
        if m:
            dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            return True
        m = RE_FR_DATETIME.match(t)
        if m:
            dt.datetime(int(m.group(3)), int(m.group(2)), int(m.group(1)),
                        int(m.group(4)), int(m.group(5)), int(m.group(6) or 0))
            return True
        m = RE_ISO_DATETIME.match(t)
        if m:
            dt.datetime(int(m.group(1)), int(m.group(2)), int(m.group(3)),
                        int(m.group(4)), int(m.group(5)), int(m.group(6) or 0))
            return True
    except ValueError:
        return False
    return False


def wall_clock(text):
    """submitted_at as a wall-clock datetime (a date alone = 00:00), or None when empty.

    READING (v2 decision): date-times compare as wall-clock values; an ISO offset or Z is
    ignored (10:00+02:00 is later than 09:30Z). Fractional seconds are kept.
    """
    t = text.strip()
    if t == "":
        return None
    m = RE_ISO_DATE.match(t)
    if m:
        return dt.datetime(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = RE_FR_DATE.match(t)
    if m:
        return dt.datetime(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    m = RE_FR_DATETIME.match(t)
    if m:
        return dt.datetime(int(m.group(3)), int(m.group(2)), int(m.group(1)),
                           int(m.group(4)), int(m.group(5)), int(m.group(6) or 0))
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?"
                 r"(Z|[+-]\d{2}:?\d{2})?$", t)
    if m:
        micro = 0
        if m.group(7):
            micro = int((m.group(7)[1:] + "000000")[:6])
        return dt.datetime(int(m.group(1)), int(m.group(2)), int(m.group(3)),
                           int(m.group(4)), int(m.group(5)), int(m.group(6) or 0), micro)
    raise ValueError("not a date: %r" % text)


def parse_number(text):
    t = text.strip()
    if not RE_NUMBER.match(t):
        return None
    return float(t.replace(",", "."))


def to_date(value, where):
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return dt.date.fromisoformat(value.strip())
    raise SystemExit("catalogue: %s: not a date: %r" % (where, value))


# --------------------------------------------------------------------------- reading files


def read_csv(path):
    """Return (header list, list of (line_number, list of fields)). Handles BOM, ; , tab."""
    with open(path, "rb") as f:
        raw = f.read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
    first_line = text.split("\n", 1)[0]
    counts = {";": first_line.count(";"), ",": first_line.count(","),
              "\t": first_line.count("\t")}
    sep = ";"
    if counts[","] > counts[sep]:
        sep = ","
    if counts["\t"] > counts[sep]:
        sep = "\t"
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    header = None
    rows = []
    start_line = 1
    for fields in reader:
        if header is None:
            header = fields
            start_line = reader.line_num + 1
            continue
        if len(fields) == 0 or all(x.strip() == "" for x in fields):
            start_line = reader.line_num + 1
            continue  # READING: a blank line is not a row (neither used nor rejected)
        rows.append((start_line, fields))
        start_line = reader.line_num + 1
    return header or [], rows


def load_catalogue(path):
    with open(path, encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    programmes = {}
    for pi, p in enumerate(doc.get("programmes") or []):
        code = str(p["code"]).strip()
        sessions = []
        for si, s in enumerate(p.get("sessions") or []):
            where = "programmes[%d].sessions[%d]" % (pi, si)
            kind = str(s.get("kind", "classroom")).strip()
            if kind not in ("classroom", "remote", "extension", "action"):
                raise SystemExit("catalogue: %s.kind: unknown kind %r" % (where, kind))
            mandatory = s.get("mandatory")
            if mandatory is None:
                mandatory = kind != "extension"
            # metrics.md v2: survey defaults to true, false for kind action; `survey:`
            # on the session overrides it.
            survey = s.get("survey")
            if survey is None:
                survey = kind != "action"
            if not isinstance(survey, bool):
                raise SystemExit("catalogue: %s.survey: not a boolean: %r" % (where, survey))
            sessions.append({
                "programme": code,
                "code": str(s["code"]).strip(),
                # data-contract.md: a session without title is named by its code.
                "title": str(s.get("title", s["code"])),
                "kind": kind,
                "taught": kind != "action",
                "survey": survey,
                "start": to_date(s["start"], where + ".start"),
                "end": to_date(s.get("end", s["start"]), where + ".end"),
                "hours": float(s.get("hours", 0) or 0),
                "price_ht": None if s.get("price_ht") is None else float(s["price_ht"]),
                "capacity": None if s.get("capacity") is None else float(s["capacity"]),
                "mandatory": bool(mandatory),
                "requires": [str(x).strip() for x in (s.get("requires") or [])],
                "order": si,
            })
        programmes[code] = sessions
    survey = doc.get("survey") or {}
    scale = survey.get("scale") or {}
    scale = {"min": int(scale.get("min", 1)), "max": int(scale.get("max", 5)),
             "satisfied_from": scale.get("satisfied_from", 4)}
    questions = survey.get("questions")
    if questions is None:
        questions = [{"column": c} for c in
                     ["overall", "content", "trainers", "organisation", "venue"]]
    qcols = [str(q["column"]).strip() for q in questions]
    return programmes, scale, qcols


# --------------------------------------------------------------------------- validation


# One entry per kept registration row: how many optional fields were dropped (alerts).
DROPPED_FIELDS = []


def validate_registrations(path, programmes):
    header, rows = read_csv(path)
    col = {}
    for i, h in enumerate(header):
        name = REG_ALIASES.get(fold(h))
        if name is not None and name not in col:
            col[name] = i
    for required in ["programme", "session", "cooperative", "status"]:
        if required not in col:
            raise SystemExit("%s: required column %r missing (found %r)" % (path, required, header))
    if "participant_id" not in col and "email" not in col:
        raise SystemExit("%s: neither participant_id nor email column" % path)

    def get(fields, name):
        i = col.get(name)
        if i is None or i >= len(fields):
            return ""
        return fields[i]

    good = []
    rejects = []
    for order, (line, fields) in enumerate(rows):
        programme = get(fields, "programme").strip()
        session = get(fields, "session").strip()
        pid = get(fields, "participant_id").strip()
        email = get(fields, "email").strip().lower()
        cooperative = get(fields, "cooperative").strip()
        # READING (metrics.md v3): the role as written, trimmed; compared byte for byte like
        # every text (docs/decisions.md). No job mapping here (`report` reads canonical
        # files), so « Référente » and « Référent » stay two roles.
        role = get(fields, "role").strip()
        status_raw = get(fields, "status")
        reg_at = get(fields, "registered_at").strip()
        att_raw = get(fields, "attendance")
        hours_raw = get(fields, "hours_attended").strip()
        morning_raw = get(fields, "morning")
        afternoon_raw = get(fields, "afternoon")

        problem = None
        sess = None
        if programme not in programmes:
            problem = ("programme", "unknown programme")
        if problem is None:
            for s in programmes[programme]:
                if s["code"] == session:
                    sess = s
            if sess is None:
                problem = ("session", "unknown session")
        if problem is None and pid == "" and email == "":
            problem = ("participant_id", "missing identifier")
        if problem is None and cooperative == "":
            # READING: cooperative is a required value; an empty one rejects the row.
            problem = ("cooperative", "missing cooperative")
        status = STATUS_VALUES.get(fold(status_raw))
        if problem is None and status is None:
            problem = ("status", "bad status")
        # READING (data-contract.md v3): "A row is rejected only when a field that a figure
        # needs is unusable; an unreadable optional field is dropped with an alert and the
        # row counts." registered_at is optional and no figure uses it: an unreadable date
        # is dropped (one alert), the row counts.
        dropped_here = 0
        if reg_at != "" and not parse_date(reg_at):
            dropped_here += 1
        attendance = None
        if fold(att_raw) != "":
            attendance = ATTENDANCE_VALUES.get(fold(att_raw))
            if problem is None and attendance is None:
                problem = ("attendance", "bad attendance")
        hours = None
        if hours_raw != "":
            hours = parse_number(hours_raw)
            # READING (data-contract.md v3, as above): hours_attended is optional; an
            # unreadable (or negative) value is dropped and the row counts as if it were
            # empty, with the default hours of its attendance.
            # READING (docs/decisions.md, issue 20.4 — not the spec, which is silent): a value
            # above the session's hours cannot have been attended; it is dropped the same way.
            if hours is None or hours < 0 or (sess is not None and hours > sess["hours"]):
                hours = None
                dropped_here += 1
        morning = None
        if fold(morning_raw) != "":
            morning = HALF_VALUES.get(fold(morning_raw))
            if problem is None and morning is None:
                problem = ("morning", "bad half-day")
        afternoon = None
        if fold(afternoon_raw) != "":
            afternoon = HALF_VALUES.get(fold(afternoon_raw))
            if problem is None and afternoon is None:
                problem = ("afternoon", "bad half-day")
        if problem is not None:
            rejects.append((line, problem))
            continue
        DROPPED_FIELDS.append(dropped_here)

        # Half-days decide when either holds a value; an empty half is not present.
        if morning is not None or afternoon is not None:
            halves = 0
            if morning == "present":
                halves += 1
            if afternoon == "present":
                halves += 1
            if halves == 2:
                attendance = "present"
            elif halves == 1:
                attendance = "partial"
            else:
                attendance = "absent"
            default_hours = sess["hours"] * halves / 2
        else:
            if attendance == "present":
                default_hours = sess["hours"]
            elif attendance == "partial":
                default_hours = sess["hours"] / 2
            else:
                default_hours = 0.0
        if hours is not None:
            hours_value = hours
        else:
            hours_value = default_hours

        key = pid if pid != "" else email
        good.append({
            "order": order, "line": line, "programme": programme, "session": session,
            "pkey": key, "pid": pid, "email": email, "cooperative": cooperative, "status": status,
            "role": role if role != "" else ROLE_NOT_SPECIFIED,
            "attendance": attendance, "hours": hours_value, "sess": sess,
            # For evidence.py (certificates, BPF): how the hours were known.
            "hours_recorded": hours is not None, "hours_dropped": hours_raw != "" and hours is None,
            "halves": morning is not None or afternoon is not None,
            "last_name": get(fields, "last_name").strip(),
            "first_name": get(fields, "first_name").strip(),
        })
    return good, rejects, len(rows)


def validate_evaluations(path, programmes, scale, qcols):
    header, rows = read_csv(path)
    col = {}
    objective_cols = {}
    for i, h in enumerate(header):
        f = fold(h)
        f = EVAL_ALIASES.get(f, f)
        m = re.match(r"^objective_(\d+)$", f)
        name = None
        if m and int(m.group(1)) >= 1:
            objective_cols.setdefault(int(m.group(1)), i)
            continue
        if f in EVAL_FIXED or f == "recommend" or f == "comment":
            name = f
        for q in qcols:
            if fold(q) == f:
                name = q
        if name is not None and name not in col:
            col[name] = i
    for required in ["programme", "session"]:
        if required not in col:
            raise SystemExit("%s: required column %r missing (found %r)" % (path, required, header))

    def get(fields, i):
        if i is None or i >= len(fields):
            return ""
        return fields[i]

    def scale_value(text):
        """(ok, value or None)."""
        t = text.strip()
        if t == "":
            return True, None
        if RE_INT.match(t):
            v = int(t)
            if scale["min"] <= v <= scale["max"]:
                return True, v
            return False, None
        v = SCALE_LABELS.get(fold(t))
        if v is not None:
            return True, v
        return False, None

    good = []
    rejects = []
    for order, (line, fields) in enumerate(rows):
        programme = get(fields, col.get("programme")).strip()
        session = get(fields, col.get("session")).strip()
        response_id = get(fields, col.get("response_id")).strip()
        submitted = get(fields, col.get("submitted_at")).strip()
        pid = get(fields, col.get("participant_id")).strip()
        email = get(fields, col.get("email")).strip().lower()
        own_coop = get(fields, col.get("cooperative")).strip()

        problem = None
        sess = None
        if programme not in programmes:
            problem = ("programme", "unknown programme")
        if problem is None:
            for s in programmes[programme]:
                if s["code"] == session:
                    sess = s
            if sess is None:
                problem = ("session", "unknown session")
            elif not sess["survey"]:
                # data-contract.md v2 + decision: a response to a session without
                # questionnaire (survey off, e.g. kind action) is rejected, column `session`.
                problem = ("session", "session without questionnaire")
        if problem is None and submitted != "" and not parse_date(submitted):
            problem = ("submitted_at", "bad date")
        answers = {}
        for q in qcols:
            ok, v = scale_value(get(fields, col.get(q)))
            if not ok and problem is None:
                problem = (q, "not on the scale")
            answers[q] = v
        objectives = []
        for k in sorted(objective_cols):
            ok, v = scale_value(get(fields, objective_cols[k]))
            if not ok and problem is None:
                problem = ("objective_%d" % k, "not on the scale")
            if v is not None:
                objectives.append(v)
        recommend = None
        rec_raw = get(fields, col.get("recommend")).strip()
        if rec_raw != "":
            if RE_INT.match(rec_raw) and 0 <= int(rec_raw) <= 10:
                recommend = int(rec_raw)
            elif problem is None:
                problem = ("recommend", "not 0-10")
        if problem is not None:
            rejects.append((line, problem))
            continue
        key = None
        if pid != "":
            key = pid
        elif email != "":
            key = email
        good.append({
            "order": order, "line": line, "programme": programme, "session": session,
            "response_id": response_id, "pkey": key, "pid": pid, "email": email, "own_coop": own_coop,
            "submitted": wall_clock(submitted), "sess": sess,
            "answers": answers, "objectives": objectives, "recommend": recommend,
            # For cooperatives.py (a cooperative's Commentaires sheet).
            "comment": get(fields, col.get("comment")),
        })
    return good, rejects, len(rows)


# --------------------------------------------------------------------------- figures


def name_sort_key(name):
    """decisions.md: names sort lower-cased with accents removed, other characters kept."""
    out = []
    for ch in name.lower():
        base = unicodedata.normalize("NFD", ch)[0]
        out.append(base if base.isascii() else ch)
    return "".join(out)


def member_key(text):
    """docs/decisions.md « La liste des adhérents »: a cooperative names a member when its
    letters and digits, lower-cased and without accents, are those of the member's name
    or of one of its aliases (case, accents, spaces and punctuation do not count)."""
    t = unicodedata.normalize("NFD", text.lower())
    return "".join(ch for ch in t if ch.isascii() and ch.isalnum())


# docs/decisions.md « La liste des adhérents »: canonical columns and French headers.
MEMBER_HEADERS = {
    "name": "name", "cooperative": "name", "nomdelacooperative": "name",
    "raisonsociale": "name", "adherent": "name",
    "aliases": "aliases", "alias": "aliases", "autresorthographes": "aliases",
    "autresnoms": "aliases", "variantes": "aliases", "orthographes": "aliases",
    "department": "department", "departement": "department", "dept": "department",
    "region": "region", "address": "address", "adresse": "address",
    "adressepostale": "address", "email": "email", "courriel": "email",
}


# The member list given with --members, by member_key (cooperatives.py reads the contact
# e-mail of index.csv from it).
MEMBER_INDEX = {}


def load_members(path):
    """The member list's kept rows, in file order: a row without a name (no letter or
    digit), or one of whose spellings (name, `|`-separated aliases) is already an earlier
    row's, is rejected. Returns (members, index from member_key to member)."""
    header, rows = read_csv(path)
    col = {}
    for i, h in enumerate(header):
        name = MEMBER_HEADERS.get(member_key(h))
        if name is not None and name not in col:
            col[name] = i
    if "name" not in col:
        raise SystemExit("%s: required column 'name' missing (found %r)" % (path, header))

    def get(fields, name):
        i = col.get(name)
        if i is None or i >= len(fields):
            return ""
        return fields[i].strip()

    members, index = [], {}
    for _, fields in rows:
        name = get(fields, "name")
        if member_key(name) == "" or member_key(name) in index:
            continue
        aliases = [a.strip() for a in get(fields, "aliases").split("|") if a.strip() != ""]
        keys = [member_key(name)] + [member_key(a) for a in aliases]
        if any(k == "" or (k in index) for k in keys[1:]):
            continue
        m = {"name": name, "department": get(fields, "department"), "region": get(fields, "region"),
             "email": get(fields, "email")}
        members.append(m)
        for k in keys:
            index[k] = m
    return members, index


def ratio(num, den):
    if den == 0:
        return None
    return num / den


# Whether the run keeps some cooperatives or roles only (set by compute from --filter).
PEOPLE_FILTERED = [False]

# The last compute()'s rows, for cooperatives.py (--split-dir): the validated registration
# rows (all periods), the in-period deduplicated registrations and responses with their
# attribution, the in-period sessions, the questions and the scale.
RUN = {}


def session_figure_block(reg_rows, resp_rows, sessions_for_capacity, violations,
                         qcols, scale, min_group_size, as_of, surveyed, participants):
    """The session figures for one group (every group carries them).

    reg_rows: the group's (deduplicated, in-period) registration rows.
    resp_rows: the group's (deduplicated, in-period) responses.
    sessions_for_capacity: list of session dicts whose capacity/price count for the group.
    violations: the group's prerequisite violation count.
    surveyed: the group's `surveyed` flag (computed by the caller, per group kind).
    participants: the group's distinct-people count (computed by the caller).

    Schema 3: each rate (and the NPS) also gives its numerator and denominator, from the
    same counts as the rate (see `parts` below).
    """
    registered = cancelled = waitlisted = present = absent = unrecorded = 0
    projects_done = projects_not_done = 0
    present_surveyed = 0
    hours = 0.0
    for r in reg_rows:
        s = r["sess"]
        if r["status"] == "registered":
            registered += 1
            # hours_trainee: registered rows of all kinds (an action row given
            # hours_attended counts them).
            hours += r["hours"]
            done = r["attendance"] == "present" or r["attendance"] == "partial"
            if s["taught"]:
                if done:
                    present += 1
                    if s["survey"]:
                        present_surveyed += 1
                elif r["attendance"] == "absent":
                    absent += 1
                elif s["end"] <= as_of:
                    # attendance empty at a taught session that has ended at the as-of date
                    unrecorded += 1
                # READING: empty attendance at a taught session still to come (end > as_of)
                # is in none of present/absent/unrecorded.
            else:
                if done:
                    projects_done += 1
                elif r["attendance"] == "absent":
                    projects_not_done += 1
                # an action row with empty attendance is neither done nor not done
        elif r["status"] == "cancelled":
            cancelled += 1
        elif r["status"] == "waitlisted":
            waitlisted += 1

    # fill rate / revenue over the sessions that count for this group
    cap_sum = 0.0
    reg_in_cap = 0
    any_cap = False
    revenue = 0.0
    any_price = False
    for s in sessions_for_capacity:
        reg_here = 0
        for r in reg_rows:
            if r["programme"] == s["programme"] and r["session"] == s["code"] \
                    and r["status"] == "registered":
                reg_here += 1
        # docs/jobs.md « Analyses »: under a cooperative or role filter a session's
        # capacity is nobody's, so the fill rate is empty (its registrations still counted,
        # as a cooperative's are in an unfiltered report).
        if s["capacity"] is not None:
            any_cap = True
            if not PEOPLE_FILTERED[0]:
                cap_sum += s["capacity"]
            reg_in_cap += reg_here
        if s["price_ht"] is not None:
            any_price = True
            revenue += reg_here * s["price_ht"]
    fill_rate = ratio(reg_in_cap, cap_sum) if any_cap else None
    revenue_ht = revenue if any_price else None

    responses = len(resp_rows)
    # v2: suppressed only applies to a surveyed group; a group without questionnaire
    # is "sans questionnaire", not suppressed, and shows no satisfaction figure.
    suppressed = surveyed and responses < min_group_size
    hide = suppressed or not surveyed
    sat_from = scale["satisfied_from"]
    questions = {}
    questions_counts = {}  # question -> (satisfied, n)
    for q in qcols:
        n = 0
        total = 0
        sat = 0
        for r in resp_rows:
            v = r["answers"].get(q)
            if v is not None:
                n += 1
                total += v
                if v >= sat_from:
                    sat += 1
        questions_counts[q] = (sat, n)
        if hide:
            questions[q] = {"n": n, "mean": None, "satisfied": None, "satisfied_numerator": None}
        else:
            questions[q] = {"n": n, "mean": ratio(total, n), "satisfied": ratio(sat, n),
                            "satisfied_numerator": sat}
    obj_n = 0
    obj_sat = 0
    for r in resp_rows:
        for v in r["objectives"]:
            obj_n += 1
            if v >= sat_from:
                obj_sat += 1
    rec_n = promoters = detractors = 0
    for r in resp_rows:
        v = r["recommend"]
        if v is not None:
            rec_n += 1
            if v >= 9:
                promoters += 1
            if v <= 6:
                detractors += 1
    if hide:
        satisfaction_rate = None
        objectives_met_rate = None
        nps = None
    else:
        satisfaction_rate = questions["overall"]["satisfied"] if "overall" in questions else None
        objectives_met_rate = ratio(obj_sat, obj_n)
        nps = None if rec_n == 0 else 100.0 * (promoters - detractors) / rec_n

    # response_rate = responses / present at the group's SURVEYED taught sessions; null
    # when the group is not surveyed or that denominator is 0.
    response_rate = ratio(responses, present_surveyed) if surveyed else None

    # Numerators and denominators (docs/metrics-json.md, schema 3; metrics.md « Small
    # groups »: counts are always shown, a hidden figure is not). Written even when the rate
    # is null for a zero denominator. A group « sans questionnaire » (it counts sessions,
    # none surveyed) has neither for its response and satisfaction figures; a suppressed
    # group keeps the denominator (a count of answers) and hides the numerator.
    # READING: a group that counts no session at all (a cooperative known only by its
    # journeys) is not « sans questionnaire »: its counts are 0 / 0.
    has_sessions = len(sessions_for_capacity) > 0 or len(resp_rows) > 0
    without_survey = has_sessions and not surveyed
    overall_q = questions_counts.get("overall", (None, None))
    parts = {}

    def part(key, num, den, satisfaction):
        if without_survey and (satisfaction or key == "response_rate"):
            num = den = None
        elif satisfaction and suppressed:
            num = None
        parts[key + "_numerator"] = num
        parts[key + "_denominator"] = den

    part("attendance_rate", present, present + absent, False)
    part("project_rate", projects_done, projects_done + projects_not_done, False)
    part("fill_rate", reg_in_cap, cap_sum, False)
    part("response_rate", responses, present_surveyed, False)
    part("satisfaction_rate", overall_q[0], overall_q[1], True)
    part("objectives_met_rate", obj_sat, obj_n, True)
    part("nps", promoters - detractors, rec_n, True)

    # metrics.md v3, « Taux d'annulation »: cancelled / all registrations of the group
    # (cancelled + registered + waitlisted), every kind of session; empty when none.
    all_registrations = registered + cancelled + waitlisted
    part("cancellation_rate", cancelled, all_registrations, False)

    out = {
        "registered": registered, "cancelled": cancelled, "waitlisted": waitlisted,
        "cancellation_rate": ratio(cancelled, all_registrations),
        "present": present, "absent": absent, "unrecorded": unrecorded,
        "attendance_rate": ratio(present, present + absent),
        "projects_done": projects_done, "projects_not_done": projects_not_done,
        "project_rate": ratio(projects_done, projects_done + projects_not_done),
        "hours_trainee": hours,
        "fill_rate": fill_rate,
        "revenue_ht": revenue_ht,
        "prerequisite_violations": violations,
        "responses": responses,
        "response_rate": response_rate,
        "surveyed": surveyed,
        "suppressed": suppressed,
        "satisfaction_rate": satisfaction_rate,
        "objectives_met_rate": objectives_met_rate,
        "nps": nps,
        "questions": questions,
        "participants": participants,
    }
    out.update(parts)
    return out


def hide(g, why):
    """metrics.md « Small groups »: a hidden group's satisfaction figures (mean, satisfied
    share, NPS, answer distribution) are not shown; counts stay."""
    g["suppressed"] = True
    g["suppressed_by"] = g.get("suppressed_by") or why
    for k in ["satisfaction_rate", "objectives_met_rate", "nps"]:
        g[k] = None
        g[k + "_numerator"] = None
    for q in g["questions"].values():
        q["mean"] = q["satisfied"] = q["satisfied_numerator"] = None


def complementary_suppression(out, region_of=lambda name: NOT_SPECIFIED):
    """metrics.md « Small groups », version 3: where groups add up to a visible total, one
    hidden group could be recovered by subtraction; then a second group of the same set
    (the smallest other one) is hidden too.
    READING: the sets are each programme's sessions (total: the programme), each month's
    sessions (the month), the programmes, the cooperatives and the months (the overall).
    Only groups with responses count (one without adds nothing to the total); « smallest »
    is by responses, a tie going to the first in the list's order. The sets are looked at
    in the order above, again until none changes.
    Version 3 breakdowns: the roles add up to the overall (metrics.md names « roles to the
    overall »): one more set, looked at after the months; so do the regions.
    Issue 22 (docs/decisions.md « La liste des adhérents »): a region's figures are the sum
    of its cooperatives', so each region is also the total of the set of its cooperatives
    (`region_of` gives a cooperative's region); those sets come last."""
    for g in [out["overall"]] + out["sessions"] + out["programmes"] + out["cooperatives"] \
            + out["months"] + out.get("roles", []) + out.get("regions", []):
        g["suppressed_by"] = "min_group_size" if g["suppressed"] else None
    sets = []
    for p in out["programmes"]:
        sets.append(([g for g in out["sessions"] if g["programme"] == p["programme"]], p))
    for m in out["months"]:
        sets.append(([g for g in out["sessions"] if g["start"][:7] == m["month"]], m))
    for name in ["programmes", "cooperatives", "months", "roles", "regions"]:
        if name in out:
            sets.append((out[name], out["overall"]))
    for g in out.get("regions", []):
        sets.append(([c for c in out["cooperatives"] if region_of(c["cooperative"]) == g["region"]], g))
    suppress_sets(sets)


def suppress_sets(sets):
    """Complementary suppression over sets of (groups, total), until none changes (see
    complementary_suppression; cooperatives.py also uses it for a cooperative's sessions
    against the cooperative's total)."""
    changed = True
    while changed:
        changed = False
        for groups, total in sets:
            # READING: a set is an equation, total = sum of groups; with exactly one hidden
            # figure in it (a group with responses, or the total), that figure follows from
            # the others: hide the smallest other shown group; with none (a month of one
            # session), the total, which is that group.
            if total["responses"] == 0:
                continue
            counted = [g for g in groups if g["responses"] > 0]
            hidden = len([g for g in counted if g["suppressed"]]) + (1 if total["suppressed"] else 0)
            if hidden != 1:
                continue
            visible = [g for g in counted if not g["suppressed"]]
            if visible:
                hide(min(visible, key=lambda g: g["responses"]), "complementary")  # first of the smallest
            elif not total["suppressed"]:
                hide(total, "complementary")
            else:
                continue
            changed = True


def journey_block(journeys):
    """Journey figures of a group (overall, programme, cooperative). `participants` is set
    by the caller (distinct people), not here."""
    started = completed = dropped = unverified = 0
    ended_started = 0
    ended_any = False
    for j in journeys:
        if j["started"]:
            started += 1
        if j["completed"]:
            completed += 1
        if j["dropped"]:
            dropped += 1
        if j["unverified"]:
            unverified += 1
        if j["ended"]:
            ended_any = True
            if j["started"]:
                ended_started += 1
    # completion_rate over ALL journeys (ended or not); dropout_rate over the started
    # journeys of ENDED programmes only, null while none of the group's journeys belongs
    # to an ended programme or that denominator is 0.
    dropout = ratio(dropped, ended_started) if ended_any else None
    return {"started": started, "completed": completed, "dropped": dropped,
            "unverified": unverified, "completion_rate": ratio(completed, started),
            "completion_rate_numerator": completed, "completion_rate_denominator": started,
            "dropout_rate": dropout,
            "dropout_rate_numerator": dropped, "dropout_rate_denominator": ended_started}


def distinct(keys):
    seen = set()
    for k in keys:
        seen.add(k)
    return len(seen)


def compute(args):
    programmes, scale, qcols = load_catalogue(args.catalogue)
    # Registrations split over several files (a job's glob): each file is read on its own
    # and its rows follow the previous file's, so that file order is (file, line) order —
    # the order in which « the later row wins » and « the last row by (file, line) »
    # (metrics.md v3) are read. The files are taken in the order given.
    regs, reg_rejects, reg_rows_read = [], [], 0
    for path in args.registrations:
        good, rejected, read = validate_registrations(path, programmes)
        for r in good:
            r["order"] += reg_rows_read
            r["file"] = path
        regs += good
        reg_rejects += rejected
        reg_rows_read += read
    evals, eval_rejects, eval_rows_read = validate_evaluations(
        args.evaluations, programmes, scale, qcols)
    # ---- the member list (issue 22): every cooperative that names a member is counted
    # under the member's name — the registrations' and the responses' own column — before
    # anything else; a name no member bears stays as written.
    members, member_index = (None, {})
    if args.members:
        members, member_index = load_members(args.members)
        MEMBER_INDEX.update(member_index)
        for r in regs:
            m = member_index.get(member_key(r["cooperative"]))
            if m is not None:
                r["cooperative"] = m["name"]
        for r in evals:
            m = member_index.get(member_key(r["own_coop"])) if r["own_coop"] != "" else None
            if m is not None:
                r["own_coop"] = m["name"]
    # A region is named as first written in the list, compared like a name.
    region_names = {}
    for m in members or []:
        if member_key(m["region"]) != "":
            region_names.setdefault(member_key(m["region"]), m["region"])

    def region_of(cooperative):
        """The region of a cooperative's member; « Non renseignée » for none."""
        m = member_index.get(member_key(cooperative))
        if m is None or m["name"] != cooperative or member_key(m["region"]) == "":
            return NOT_SPECIFIED
        return region_names[member_key(m["region"])]
    period_from = dt.date.fromisoformat(args.period_from) if args.period_from else None
    period_to = dt.date.fromisoformat(args.period_to) if args.period_to else None
    as_of = dt.date.fromisoformat(args.as_of)
    min_group_size = args.min_group_size
    warnings = 0
    stats = {}

    def in_period(s):
        if period_from is not None and s["start"] < period_from:
            return False
        if period_to is not None and s["start"] > period_to:
            return False
        return True

    # ---- deduplicate registrations: (programme, session, participant), later row wins
    latest = {}
    dup_regs = 0
    for r in regs:
        k = (r["programme"], r["session"], r["pkey"])
        if k in latest:
            dup_regs += 1
        latest[k] = r
    reg_final = sorted(latest.values(), key=lambda r: r["order"])
    warnings += dup_regs

    # ---- responses submitted after the as-of date are left out of every figure (issue 19,
    # « Dates that hold »: the report is « arrêté » at that date), before any duplicate is
    # settled: at the as-of date a later resubmission did not exist. The date is the
    # wall-clock date as written; a response without submitted_at is kept. The tool raises
    # one alert per evaluations file that has some.
    late = [r for r in evals if r["submitted"] is not None and r["submitted"].date() > as_of]
    evals = [r for r in evals if not (r["submitted"] is not None and r["submitted"].date() > as_of)]
    warnings += 1 if late else 0

    # ---- deduplicate responses, step 1: a repeated response_id (non-empty), later row wins
    # READING: response_id is global (not per session); rejected rows never take part.
    by_id = {}
    step1 = []
    dup_ids = 0
    for r in evals:
        if r["response_id"] == "":
            step1.append(r)
            continue
        if r["response_id"] in by_id:
            dup_ids += 1
        by_id[r["response_id"]] = r
    for r in by_id.values():
        step1.append(r)
    step1.sort(key=lambda r: r["order"])  # each survivor keeps its own (the later) position

    # ---- step 2: an identified respondent's responses to one (programme, session): one
    # survives. Between two rows: the later submitted_at when both have one and they
    # differ (wall-clock), else the row later in the file.
    # READING: with three or more rows for one (respondent, session), the rows are folded
    # in file order: the current survivor meets the next row by the pairwise rule above
    # (the pairwise rule is not transitive when some submitted_at are missing).
    survivor = {}
    dup_people = 0
    anonymous = []
    for r in step1:
        if r["pkey"] is None:
            anonymous.append(r)
            continue
        k = (r["programme"], r["session"], r["pkey"])
        cur = survivor.get(k)
        if cur is None:
            survivor[k] = r
            continue
        dup_people += 1
        if cur["submitted"] is not None and r["submitted"] is not None \
                and cur["submitted"] != r["submitted"]:
            if r["submitted"] > cur["submitted"]:
                survivor[k] = r
        else:
            survivor[k] = r  # r is later in the file
    resp_final = anonymous + list(survivor.values())
    resp_final.sort(key=lambda r: r["order"])
    warnings += dup_ids + dup_people

    # ---- per participant and programme: last registration row (file order, any status)
    # READING (v1, kept): over the validated rows in file order; the last row of a
    # (programme, participant) is necessarily a kept row of duplicate resolution, so this
    # is also "the last kept row in file order".
    # metrics.md v3 (« Groupings », attribution): "when several rows match, the last by
    # (file, line)" — one registrations file here, so file order is (file, line) order.
    # The row itself is kept: a journey and a joined response take its cooperative and
    # its role (each dimension reads its own field of the same row).
    last_row = {}
    last_row_coop = {}
    for r in regs:
        last_row[(r["programme"], r["pkey"])] = r
        last_row_coop[(r["programme"], r["pkey"])] = r["cooperative"]

    def was_done(programme, code, pkey):
        r = latest.get((programme, code, pkey))
        if r is None:
            return False
        # "done" = a registered row with attendance present/partial (for an action
        # session: project carried out, same test).
        return r["status"] == "registered" and r["attendance"] in ("present", "partial")

    def missing_reason(programme, code, pkey):
        """For a step that is not done: 'recorded' or 'unrecorded'."""
        r = latest.get((programme, code, pkey))
        if r is None:
            return "recorded"            # no registration to that step at all
        if r["status"] != "registered":
            return "recorded"            # cancelled or waitlisted
        if r["attendance"] == "absent":
            return "recorded"            # absent / project not carried out
        return "unrecorded"              # registered, attendance still empty

    # ---- prerequisite violations, per registration
    for r in reg_final:
        r["violation"] = False
        if r["status"] != "registered":
            continue
        for req in r["sess"]["requires"]:
            if not was_done(r["programme"], req, r["pkey"]):
                r["violation"] = True

    # ---- response cooperative
    # READING (docs/decisions.md, « Response cooperative »: "a response whose participant
    # (id or e-mail) has a registration in the programme"): the response's participant_id
    # when registered in the programme; else its e-mail, matched against the e-mail column
    # of the programme's registration rows (the last such row names the participant), or a
    # participant identified by that e-mail.
    email_owner = {}
    for r in regs:
        if r["email"] != "":
            email_owner[(r["programme"], r["email"])] = r["pkey"]
    for r in resp_final:
        person = None
        if r["pid"] != "" and (r["programme"], r["pid"]) in last_row_coop:
            person = r["pid"]
        elif r["email"] != "":
            if (r["programme"], r["email"]) in email_owner:
                person = email_owner[(r["programme"], r["email"])]
            elif (r["programme"], r["email"]) in last_row_coop:
                person = r["email"]
        if person is not None and (r["programme"], person) in last_row_coop:
            r["coop"] = last_row_coop[(r["programme"], person)]
            # metrics.md v3: a response belongs to its respondent's registration for that
            # programme, role included.
            r["role"] = last_row[(r["programme"], person)]["role"]
            r["joined"] = True
        elif r["own_coop"] != "":
            r["coop"] = r["own_coop"]
            # READING: a response has no role column; unjoined, its role is not known.
            r["role"] = ROLE_NOT_SPECIFIED
            r["joined"] = False
        else:
            r["coop"] = NOT_SPECIFIED
            r["role"] = ROLE_NOT_SPECIFIED
            r["joined"] = False
        # issue 22: a response's region is its attributed cooperative's.
        r["resp_region"] = region_of(r["coop"])
    for r in reg_final:
        r["region"] = region_of(r["cooperative"])

    # ---- in-period sessions
    all_sessions = []
    for p in programmes:
        for s in programmes[p]:
            all_sessions.append(s)
    period_sessions = [s for s in all_sessions if in_period(s)]
    period_keys = set((s["programme"], s["code"]) for s in period_sessions)
    reg_in = [r for r in reg_final if (r["programme"], r["session"]) in period_keys]
    resp_in = [r for r in resp_final if (r["programme"], r["session"]) in period_keys]

    # ---- journeys (every programme with a session in the period; all its registrations)
    journeys = []
    for p in sorted(programmes):
        has_period_session = False
        for s in programmes[p]:
            if in_period(s):
                has_period_session = True
        if not has_period_session:
            continue
        steps = [s for s in programmes[p] if s["mandatory"]]
        steps.sort(key=lambda s: (s["start"], s["order"]))  # ties: catalogue order
        # A programme has ended when every step's end <= as_of.
        # READING: a programme without steps never has a started journey, so whether it
        # "has ended" cannot change any figure (dropout's denominator is started journeys).
        ended = len(steps) > 0
        for s in steps:
            if s["end"] > as_of:
                ended = False
        people = []
        seen = set()
        for r in reg_final:
            if r["programme"] == p and r["status"] == "registered" and r["pkey"] not in seen:
                seen.add(r["pkey"])
                people.append(r["pkey"])
        for pkey in people:
            if len(steps) == 0:
                started = completed = False   # decision: counted, nobody started
            else:
                started = was_done(p, steps[0]["code"], pkey)
                completed = started
                for s in steps:
                    if not was_done(p, s["code"], pkey):
                        completed = False
            dropped = unverified = False
            missing = []
            if started and ended and not completed:
                for s in steps:
                    if not was_done(p, s["code"], pkey):
                        missing.append((s["code"], missing_reason(p, s["code"], pkey)))
                if any(reason == "recorded" for _, reason in missing):
                    dropped = True
                else:
                    unverified = True
            journeys.append({"programme": p, "pkey": pkey,
                             "cooperative": last_row_coop[(p, pkey)],
                             "region": region_of(last_row_coop[(p, pkey)]),
                             "role": last_row[(p, pkey)]["role"],
                             "started": started, "completed": completed, "ended": ended,
                             "dropped": dropped, "unverified": unverified,
                             "missing": missing})

    # ---- filters (metrics.md v3: "A filter keeps the rows a dimension attributes to the
    # chosen group(s); rows it cannot attribute are left out and counted"; issue 21: « a
    # response rate can never exceed what the data allows »).
    # READING: the rows are attributed on the whole data first (a journey is computed from
    # every registration of its participant in the programme, prerequisites too), then the
    # filter keeps the registrations, responses and journeys attributed to the value:
    #   cooperative — a registration by its own row, a response by its respondent's last
    #   registration row of the programme else its own `cooperative` column, a journey by
    #   its last registration row;
    #   role — the same rows, by their role.
    # Several values of one dimension keep any of them; two dimensions keep the rows of both.
    # `left_out.responses` counts the in-period responses a filtered dimension cannot
    # attribute — those of its « Non renseigné(e) » group: for cooperative, no registration
    # joined and no own cooperative; for role, no registration joined or a joined row
    # without role — which the filter leaves out whatever value is chosen; responses of
    # other groups are simply not the chosen group's.
    left_out_responses = 0
    filters = {}
    for dim, value in args.filters:
        filters.setdefault(dim, []).append(value)
    PEOPLE_FILTERED[0] = bool(filters)
    if filters:
        known = {"cooperative": set(), "role": set(), "region": set()}
        for r in reg_final:
            known["cooperative"].add(r["cooperative"])
            known["role"].add(r["role"])
            known["region"].add(r["region"])
        for r in resp_final:
            known["cooperative"].add(r["coop"])
            known["role"].add(r["role"])
            known["region"].add(r["resp_region"])
        for dim, values in filters.items():
            for v in values:
                if v not in known[dim]:
                    raise SystemExit("--filter %s=%s: no such %s in the data" % (dim, v, dim))
        unattributed = 0
        for r in resp_in:
            if ("cooperative" in filters and r["coop"] == NOT_SPECIFIED) or \
                    ("role" in filters and r["role"] == ROLE_NOT_SPECIFIED) or \
                    ("region" in filters and r["resp_region"] == NOT_SPECIFIED):
                unattributed += 1
        left_out_responses = unattributed

        def keep_reg(r):
            return all(r[{"cooperative": "cooperative", "role": "role", "region": "region"}[d]] in vs
                       for d, vs in filters.items())

        def keep_resp(r):
            return all(r[{"cooperative": "coop", "role": "role", "region": "resp_region"}[d]] in vs
                       for d, vs in filters.items())

        reg_in = [r for r in reg_in if keep_reg(r)]
        resp_in = [r for r in resp_in if keep_resp(r)]
        journeys = [j for j in journeys if keep_reg(j)]

    def count_violations(rows):
        n = 0
        for r in rows:
            if r["violation"]:
                n += 1
        return n

    def registered_people(rows):
        return distinct(r["pkey"] for r in rows if r["status"] == "registered")

    out = {
        "schema_version": 3,
        "tool_version": "crosscheck",
        # READING: this script has no programme filter; schema 3 names the programme of a
        # programme-scoped period here, null otherwise.
        "period": {"from": args.period_from, "to": args.period_to, "programme": None},
        # v3 (issue 21): the filters applied, by dimension ({} without), and the rows they
        # could not attribute.
        "filter": {d: list(vs) for d, vs in filters.items()},
        "left_out": {"responses": left_out_responses},
        "as_of": args.as_of,
        "min_group_size": min_group_size,
        "survey": {"scale": {"min": scale["min"], "max": scale["max"],
                             "satisfied_from": scale["satisfied_from"]},
                   "questions": list(qcols)},
    }

    def block(rows, resps, cap_sessions, surveyed, participants):
        return session_figure_block(rows, resps, cap_sessions, count_violations(rows), qcols,
                                    scale, min_group_size, as_of, surveyed, participants)

    # ---- overall
    overall_surveyed = any(s["survey"] for s in period_sessions)
    overall = block(reg_in, resp_in, period_sessions, overall_surveyed,
                    distinct(j["pkey"] for j in journeys))
    overall.update(journey_block(journeys))
    out["overall"] = overall

    # ---- sessions
    sessions_out = []
    for s in sorted(period_sessions, key=lambda s: (s["programme"], s["start"], s["code"])):
        rows = [r for r in reg_in if r["programme"] == s["programme"] and r["session"] == s["code"]]
        resps = [r for r in resp_in if r["programme"] == s["programme"] and r["session"] == s["code"]]
        g = {"programme": s["programme"], "session": s["code"], "title": s["title"],
             "start": s["start"].isoformat()}
        g.update(block(rows, resps, [s], s["survey"], registered_people(rows)))
        sessions_out.append(g)
    out["sessions"] = sessions_out

    # ---- programmes
    programmes_out = []
    for p in sorted(programmes):
        ps = [s for s in period_sessions if s["programme"] == p]
        if len(ps) == 0:
            continue
        rows = [r for r in reg_in if r["programme"] == p]
        resps = [r for r in resp_in if r["programme"] == p]
        pj = [j for j in journeys if j["programme"] == p]
        g = {"programme": p}
        # READING: programme participants = its journeys (distinct people with a registered
        # row in the programme, any period), also for a programme without mandatory session.
        g.update(block(rows, resps, ps, any(s["survey"] for s in ps),
                       distinct(j["pkey"] for j in pj)))
        g.update(journey_block(pj))
        programmes_out.append(g)
    out["programmes"] = programmes_out

    # ---- cooperatives, roles: groups of people (metrics.md v3, one attribution rule each)
    def people_groups(identity, reg_field, resp_field):
        """One group per value the dimension attributes: a registration by its own row's
        field, a response by its `resp_field` (joined registration, else own column, else
        « Non renseigné(e) »), a journey by its last registration row."""
        names = set()
        for r in reg_in:
            names.add(r[reg_field])
        for j in journeys:
            names.add(j[reg_field])
        for r in resp_in:
            names.add(r[resp_field])
        groups = []
        # docs/decisions.md « Order »: the unattributed group last, after the named ones.
        unknown = (NOT_SPECIFIED, ROLE_NOT_SPECIFIED)
        for c in sorted(names, key=lambda n: (n in unknown, name_sort_key(n), n)):
            rows = [r for r in reg_in if r[reg_field] == c]
            resps = [r for r in resp_in if r[resp_field] == c]
            cj = [j for j in journeys if j[reg_field] == c]
            # READING: a group's capacity/price sessions are the in-period sessions where it
            # has at least one registration row (any status).
            cs = []
            for s in period_sessions:
                for r in rows:
                    if r["programme"] == s["programme"] and r["session"] == s["code"]:
                        cs.append(s)
                        break
            # surveyed: a registration (any status) or an attributed response at an
            # in-period surveyed session.
            surveyed = any(r["sess"]["survey"] for r in rows) or \
                any(r["sess"]["survey"] for r in resps)
            g = {identity: c}
            g.update(block(rows, resps, cs, surveyed, distinct(j["pkey"] for j in cj)))
            # decisions.md: capacity belongs to a session; a cooperative has no fill rate.
            # READING (schema 3): no capacity is attributed to a cooperative (nor to a
            # role), so its fill-rate denominator is 0, while the numerator still counts its
            # registrations at sessions that have a capacity.
            g["fill_rate"] = None
            g["fill_rate_denominator"] = 0
            g.update(journey_block(cj))
            groups.append(g)
        return groups

    out["cooperatives"] = people_groups("cooperative", "cooperative", "coop")
    # v3 breakdown (issue 21, `--by role`): metrics.json array `roles`, each entry keyed
    # `role` with every figure key of `overall`.
    if "role" in args.by:
        out["roles"] = people_groups("role", "role", "role")
    # issue 22 (`--by region`): a row's region is its cooperative's member's.
    if "region" in args.by:
        out["regions"] = people_groups("region", "region", "resp_region")

    # ---- « Coopératives sans inscrit » (issue 22, docs/decisions.md « La liste des
    # adhérents »): the members with no `registered` registration at the period's sessions
    # the filter keeps; a cooperative or region filter keeps only its members.
    if members is not None:
        sent = set(r["cooperative"] for r in reg_in if r["status"] == "registered")
        kept = [m for m in members
                if ("cooperative" not in filters or m["name"] in filters["cooperative"])
                and ("region" not in filters or region_of(m["name"]) in filters["region"])]
        out["cooperatives_without_registrations"] = [
            {"name": m["name"], "department": m["department"], "region": m["region"]}
            for m in sorted(kept, key=lambda m: (name_sort_key(m["name"]), m["name"]))
            if m["name"] not in sent]

    # ---- months (by session start date)
    months = sorted(set(s["start"].strftime("%Y-%m") for s in period_sessions))
    months_out = []
    for m in months:
        ms = [s for s in period_sessions if s["start"].strftime("%Y-%m") == m]
        keys = set((s["programme"], s["code"]) for s in ms)
        rows = [r for r in reg_in if (r["programme"], r["session"]) in keys]
        resps = [r for r in resp_in if (r["programme"], r["session"]) in keys]
        g = {"month": m}
        g.update(block(rows, resps, ms, any(s["survey"] for s in ms), registered_people(rows)))
        months_out.append(g)
    out["months"] = months_out

    complementary_suppression(out, region_of)
    RUN.clear()
    RUN.update({"regs": regs, "reg_in": reg_in, "resp_in": resp_in, "resp_final": resp_final,
                "period_sessions": period_sessions, "qcols": qcols, "scale": scale,
                "min_group_size": min_group_size, "as_of": as_of})

    out["rejects"] = {"registrations": len(reg_rejects), "evaluations": len(eval_rejects)}
    # READING: warnings = superseded duplicate registrations + superseded repeated response
    # ids + superseded second responses of an identified respondent + in-period sessions
    # whose response rate is above 1 + one when responses were submitted after as_of. Unverified journeys (a data-quality alert in the
    # spec) are not counted here. Compared as a note only. Plus one per optional field
    # dropped from a kept registration row (data-contract.md v3).
    warnings += sum(DROPPED_FIELDS)
    rate_above_1 = 0
    for g in sessions_out:
        if g["response_rate"] is not None and g["response_rate"] > 1:
            rate_above_1 += 1
    warnings += rate_above_1
    out["warnings"] = warnings

    outcome = {}
    for j in journeys:
        if j["completed"]:
            o = "completed"
        elif j["dropped"]:
            o = "dropped"
        elif j["unverified"]:
            o = "unverified"
        elif j["started"]:
            o = "started, running"
        else:
            o = "not started"
        outcome[o] = outcome.get(o, 0) + 1
    stats = {"registration rows": reg_rows_read, "registrations used": len(regs),
             "registrations after dedup": len(reg_final),
             "registrations rejected": len(reg_rejects),
             "duplicate registrations superseded": dup_regs,
             "evaluation rows": eval_rows_read, "responses used": len(evals),
             "responses superseded by repeated response_id": dup_ids,
             "responses superseded by same identified respondent": dup_people,
             "responses after dedup": len(resp_final),
             "responses rejected": len(eval_rejects),
             "sessions with response rate above 1": rate_above_1,
             "journeys": len(journeys), "journeys by outcome": outcome,
             "prerequisite violations (all periods)": count_violations(reg_final),
             "reject reasons": {}}
    for _, (column, reason) in reg_rejects:
        k = "registrations:%s:%s" % (column, reason)
        stats["reject reasons"][k] = stats["reject reasons"].get(k, 0) + 1
    for _, (column, reason) in eval_rejects:
        k = "evaluations:%s:%s" % (column, reason)
        stats["reject reasons"][k] = stats["reject reasons"].get(k, 0) + 1
    return out, stats


# --------------------------------------------------------------------------- comparison

RATE_KEYS = ["cancellation_rate", "attendance_rate", "project_rate", "fill_rate", "response_rate",
             "satisfaction_rate", "objectives_met_rate", "nps"]
JOURNEY_RATE_KEYS = ["completion_rate", "dropout_rate"]


def with_parts(rates):
    """Schema 3: each rate's numerator and denominator keys."""
    return [k + suffix for k in rates for suffix in ["_numerator", "_denominator"]]


FIGURE_KEYS = ["registered", "cancelled", "waitlisted", "cancellation_rate", "present", "absent", "unrecorded",
               "attendance_rate", "projects_done", "projects_not_done", "project_rate",
               "hours_trainee", "fill_rate", "revenue_ht", "prerequisite_violations",
               "responses", "response_rate", "surveyed", "suppressed", "suppressed_by", "satisfaction_rate",
               "objectives_met_rate", "nps", "questions", "participants"] + with_parts(RATE_KEYS)
JOURNEY_KEYS = ["started", "completed", "dropped", "unverified", "completion_rate",
                "dropout_rate"] + with_parts(JOURNEY_RATE_KEYS)
QUESTION_KEYS = ["n", "mean", "satisfied", "satisfied_numerator"]
TOP_KEYS = ["schema_version", "tool_version", "period", "as_of", "min_group_size", "survey",
            "overall", "sessions", "programmes", "cooperatives", "months", "rejects",
            "warnings", "filter", "left_out", "comparison"]
# READING: "registers" (docs/metrics-json.md) summarises the optional registers of the
# evidence report (indicators 31 and 32); this checker recomputes the figures of
# metrics.md only, so the block may be present and is not compared.
# READING: "cold" (docs/metrics-json.md) holds the optional cold evaluations (null when the
# job gives none); they are not one of the three canonical inputs read here, so the block
# is accepted and not compared.
OPTIONAL_KEYS = ["registers", "cold"]
# v3 breakdowns (issue 21): one array per dimension, named by its plural. This checker
# recomputes `roles` (--by role); it is compared when --by role is given, and must be
# absent otherwise.
BREAKDOWN_KEYS = {"role": "roles", "region": "regions"}


class Comparer:
    def __init__(self):
        self.figures = 0
        self.groups = 0
        self.mismatches = []
        self.notes = []

    def bad(self, path, expected, found):
        self.mismatches.append((path, expected, found))

    def value(self, path, expected, found):
        self.figures += 1
        if expected is None or found is None:
            if expected is not None or found is not None:
                self.bad(path, expected, found)
            return
        if isinstance(expected, bool) or isinstance(found, bool):
            if not (isinstance(expected, bool) and isinstance(found, bool) and expected == found):
                self.bad(path, expected, found)
            return
        if isinstance(expected, (int, float)):
            if not isinstance(found, (int, float)) or abs(expected - found) > TOL:
                self.bad(path, expected, found)
            return
        if expected != found:
            self.bad(path, expected, found)

    def group(self, path, exp, got, identity, journey, labels=()):
        self.groups += 1
        keys = list(identity) + list(labels) + FIGURE_KEYS + (JOURNEY_KEYS if journey else [])
        for k in sorted(set(got) - set(keys)):
            self.bad(path + "." + k, "(no such key)", got[k])
        for k in keys:
            if k not in got:
                self.bad(path + "." + k, exp.get(k), "(missing key)")
                continue
            if k == "questions":
                eq, gq = exp[k], got[k]
                if not isinstance(gq, dict):
                    self.bad(path + ".questions", eq, gq)
                    continue
                for q in sorted(set(gq) - set(eq)):
                    self.bad(path + ".questions." + q, "(no such question)", gq[q])
                for q in eq:
                    if q not in gq or not isinstance(gq[q], dict):
                        self.bad(path + ".questions." + q, eq[q], gq.get(q, "(missing)"))
                        continue
                    for sub in sorted(set(gq[q]) - set(QUESTION_KEYS)):
                        self.bad(path + ".questions.%s.%s" % (q, sub), "(no such key)", gq[q][sub])
                    for sub in QUESTION_KEYS:
                        if sub not in gq[q]:
                            self.bad(path + ".questions.%s.%s" % (q, sub), eq[q][sub], "(missing key)")
                        else:
                            self.value(path + ".questions.%s.%s" % (q, sub), eq[q][sub], gq[q][sub])
                continue
            self.value(path + "." + k, exp[k], got[k])

    def group_list(self, name, exp_list, got_list, identity, journey, labels=()):
        def ident(g):
            return tuple(g.get(k) for k in identity)
        if not isinstance(got_list, list):
            self.bad(name, "(list)", got_list)
            return
        exp_ids = [ident(g) for g in exp_list]
        got_ids = [ident(g) for g in got_list]
        got_by_id = {}
        for g in got_list:
            if ident(g) in got_by_id:
                self.bad("%s%s" % (name, list(ident(g))), "(once)", "(listed twice)")
            got_by_id[ident(g)] = g
        for g in exp_list:
            gid = ident(g)
            label = "%s[%s]" % (name, "/".join(str(x) for x in gid))
            if gid not in got_by_id:
                self.bad(label, "(group)", "(missing group)")
                continue
            self.group(label, g, got_by_id[gid], identity, journey, labels)
        for gid in got_ids:
            if gid not in exp_ids:
                self.bad("%s[%s]" % (name, "/".join(str(x) for x in gid)), "(no such group)",
                         "(extra group)")
        common_exp = [x for x in exp_ids if x in got_ids]
        common_got = [x for x in got_ids if x in exp_ids]
        self.figures += 1
        if common_exp != common_got:
            self.bad(name + " (order)", [list(x) for x in common_exp], [list(x) for x in common_got])


def compare(expected, found):
    c = Comparer()
    if found.get("schema_version") != 3:
        c.bad("schema_version", 3, found.get("schema_version"))
    breakdowns = [k for k in BREAKDOWN_KEYS.values() if k in expected]
    extra = ["cooperatives_without_registrations"]
    for k in sorted(set(found) - set(TOP_KEYS) - set(OPTIONAL_KEYS) - set(breakdowns) - set(extra)):
        c.bad(k, "(no such key)", found[k])
    for k in TOP_KEYS:
        if k not in found:
            c.bad(k, "(key)", "(missing key)")
    # READING (issue 21): `comparison` is null without --compare (this checker has none).
    expected.setdefault("comparison", None)
    for k in ["period", "as_of", "min_group_size", "filter", "left_out", "comparison"]:
        c.value(k, json.dumps(expected[k], sort_keys=True),
                json.dumps(found[k], sort_keys=True) if k in found else "(missing key)")
    fs = found.get("survey") or {}
    es = expected["survey"]
    for sub in ["min", "max", "satisfied_from"]:
        c.value("survey.scale." + sub, es["scale"][sub], (fs.get("scale") or {}).get(sub))
    c.value("survey.questions", json.dumps(es["questions"]), json.dumps(fs.get("questions")))
    for sub in ["registrations", "evaluations"]:
        c.value("rejects." + sub, expected["rejects"][sub], (found.get("rejects") or {}).get(sub))
    # READING: warnings are compared as a note only (their count is loosely specified).
    if found.get("warnings") != expected["warnings"]:
        c.notes.append("warnings: expected %r found %r (not counted as a mismatch)"
                       % (expected["warnings"], found.get("warnings")))
    if "overall" not in found:
        c.bad("overall", "(group)", "(missing)")
    else:
        c.group("overall", expected["overall"], found["overall"], [], True)
    c.group_list("sessions", expected["sessions"], found.get("sessions"),
                 ["programme", "session", "start"], False, labels=["title"])
    c.group_list("programmes", expected["programmes"], found.get("programmes"),
                 ["programme"], True)
    c.group_list("cooperatives", expected["cooperatives"], found.get("cooperatives"),
                 ["cooperative"], True)
    c.group_list("months", expected["months"], found.get("months"), ["month"], False)
    # issue 22: present with a member list only, absent without.
    key = "cooperatives_without_registrations"
    if key in expected or key in found:
        c.value(key, json.dumps(expected.get(key, "(no such key)"), ensure_ascii=False),
                json.dumps(found.get(key, "(no such key)"), ensure_ascii=False))
    for dim, key in BREAKDOWN_KEYS.items():
        if key in expected:
            if key not in found:
                c.bad(key, "(list)", "(missing key)")
            else:
                c.group_list(key, expected[key], found[key], [dim], True)
    return c


def main():
    ap = argparse.ArgumentParser(description="Recompute and check CoopReport's metrics.json")
    ap.add_argument("--catalogue")
    ap.add_argument("--registrations", nargs="+",
                    help="one file, or the files of a split export in the order the tool "
                         "reads them (a job's glob: sorted by name)")
    ap.add_argument("--evaluations")
    ap.add_argument("--check-sample", action="store_true",
                    help="use the shipped sample input/{catalogue.yml,registrations.csv,"
                         "evaluations.csv} (as of 2022-07-31 unless told otherwise)")
    ap.add_argument("--metrics", help="metrics.json to check")
    ap.add_argument("--from", dest="period_from")
    ap.add_argument("--to", dest="period_to")
    ap.add_argument("--as-of", dest="as_of")
    ap.add_argument("--min-group-size", type=int, default=3)
    ap.add_argument("--by", action="append", default=[], choices=sorted(BREAKDOWN_KEYS),
                    help="also recompute this breakdown (as coopreport's --by): role, region")
    ap.add_argument("--filter", dest="filters", action="append", default=[],
                    metavar="DIMENSION=VALUE",
                    help="keep the rows this dimension attributes to VALUE (as coopreport's "
                         "--filter; repeatable): cooperative=NAME, role=NAME or region=NAME")
    ap.add_argument("--members", help="the member list (as a job's inputs.members)")
    ap.add_argument("--split-dir", metavar="OUT/cooperatives",
                    help="also check the per-cooperative workbooks and index.csv of "
                         "`--split cooperative` (cooperatives.py); needs --metrics")
    ap.add_argument("--dump", help="write the recomputed figures as metrics.json here")
    ap.add_argument("-v", "--verbose", action="store_true", help="print input statistics")
    args = ap.parse_args()
    if args.check_sample:
        root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
        sample = os.path.join(root, "input")
        if args.catalogue is None:
            args.catalogue = os.path.join(sample, "catalogue.yml")
        if args.registrations is None:
            args.registrations = [os.path.join(sample, "registrations.csv")]
        if args.evaluations is None:
            args.evaluations = os.path.join(sample, "evaluations.csv")
        sample_members = os.path.join(sample, "adherents.csv")
    for name in ["catalogue", "registrations", "evaluations"]:
        if getattr(args, name) is None:
            ap.error("--%s is required (or --check-sample)" % name)
    if not args.metrics and not args.dump:
        ap.error("give --metrics (to compare) and/or --dump")
    if args.split_dir and (not args.metrics or args.filters):
        ap.error("--split-dir needs --metrics (the run's metrics.json) and no --filter "
                 "(coopreport refuses a split with a filter)")
    filters = []
    for f in args.filters:
        dim, sep, value = f.partition("=")
        dim = dim.strip()
        if sep == "" or dim not in ("cooperative", "role", "region") or value.strip() == "":
            ap.error("--filter %r: expected cooperative=NAME, role=NAME or region=NAME" % f)
        filters.append((dim, value.strip()))
    args.filters = filters

    found = None
    if args.metrics:
        with open(args.metrics, encoding="utf-8") as f:
            found = json.load(f)
    if args.check_sample and args.members is None and found is not None \
            and "cooperatives_without_registrations" in found:
        # The sample jobs read input/adherents.csv: a file written with a member list says
        # so by its key; one written without (`report` with no --members) is checked without.
        args.members = sample_members
        print("note: --check-sample with the checked file's member list, input/adherents.csv")
    if args.check_sample and not args.period_from and not args.period_to and found is not None:
        # The sample jobs report the 2021-2022 season (period from 2021-09-01 to 2022-08-31):
        # the period is a parameter of the run, read like the as-of date from the checked file.
        period = found.get("period") or {}
        if period.get("from") or period.get("to"):
            args.period_from, args.period_to = period.get("from"), period.get("to")
            print("note: --check-sample without --from/--to, using the checked file's period %s…%s" % (args.period_from, args.period_to))
    if args.as_of is None:
        # READING: the as-of date is the period's last day; without one, the checked file's.
        if args.period_to:
            args.as_of = args.period_to
        elif found is not None and found.get("as_of"):
            args.as_of = found["as_of"]
            print("note: no --as-of/--to given, using the checked file's as_of %s" % args.as_of)
        elif args.check_sample:
            args.as_of = "2022-07-31"   # jobs/sample.yml
            print("note: --check-sample without --as-of, using jobs/sample.yml's 2022-07-31")
        else:
            args.as_of = dt.date.today().isoformat()
            print("note: no --as-of/--to given, using today %s" % args.as_of)

    expected, stats = compute(args)
    if args.verbose:
        print(json.dumps(stats, indent=2, ensure_ascii=False))
    if args.dump:
        with open(args.dump, "w", encoding="utf-8") as f:
            json.dump(expected, f, indent=2, ensure_ascii=False)
            f.write("\n")
        print("wrote %s" % args.dump)
    if found is None:
        return 0
    c = compare(expected, found)
    print("checked %d figures in %d groups, %d mismatches" % (c.figures, c.groups,
                                                               len(c.mismatches)))
    for path, exp, got in c.mismatches[:30]:
        print("  %s: expected %s, found %s" % (path, json.dumps(exp, ensure_ascii=False),
                                               json.dumps(got, ensure_ascii=False)))
    if len(c.mismatches) > 30:
        print("  ... %d more" % (len(c.mismatches) - 30))
    for n in c.notes:
        print("note: " + n)
    failed = bool(c.mismatches)
    if args.split_dir:
        import cooperatives
        chk = cooperatives.check(sys.modules[__name__], args.split_dir, expected, found)
        s = chk.c
        print("split %s: checked %d figures in %d cooperative workbooks, %d texts scanned for "
              "other cooperatives' names and people (%d found), %d mismatches"
              % (args.split_dir, s.figures, chk.workbooks, chk.texts_scanned,
                 chk.privacy_hits, len(s.mismatches)))
        print("  rules exercised: " + ", ".join("%s %d" % kv for kv in chk.seen.items()))
        for path, exp, got in s.mismatches[:30]:
            print("  %s: expected %s, found %s" % (path, json.dumps(exp, ensure_ascii=False),
                                                   json.dumps(got, ensure_ascii=False)))
        if len(s.mismatches) > 30:
            print("  ... %d more" % (len(s.mismatches) - 30))
        failed = failed or bool(s.mismatches)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
