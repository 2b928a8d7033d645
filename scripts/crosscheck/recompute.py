#!/usr/bin/env python3
"""Independent recomputation of CoopReport's metrics.json.

Usage:
  recompute.py --catalogue C --registrations R --evaluations E --metrics M
               [--from D] [--to D] [--as-of D] [--min-group-size N] [--dump OUT.json]

Reads the three canonical inputs (../shared/spec/data-contract.md), recomputes every
figure of ../shared/spec/metrics.md for every group (overall, sessions, programmes,
cooperatives, months) following docs/decisions.md, and compares with the metrics.json
at M (schema: docs/metrics-json.md). Prints "checked N figures in G groups, K mismatches"
and the first 30 mismatches. Exit status 1 on any mismatch, 0 otherwise, 2 on usage error.

--dump writes this script's own figures as a metrics.json (same schema); with --dump and
no --metrics nothing is compared.

Deliberately written with plain loops and no code shared with the Swift tool. Where the
spec/decisions leave room, the reading taken here is marked "READING:" in a comment.
"""

import argparse
import csv
import datetime as dt
import io
import json
import re
import sys
import unicodedata

import yaml

TOL = 1e-9
NOT_SPECIFIED = "Non renseignée"

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
            mandatory = s.get("mandatory")
            if mandatory is None:
                mandatory = kind != "extension"
            sessions.append({
                "programme": code,
                "code": str(s["code"]).strip(),
                "kind": kind,
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
        if problem is None and reg_at != "" and not parse_date(reg_at):
            problem = ("registered_at", "bad date")
        attendance = None
        if fold(att_raw) != "":
            attendance = ATTENDANCE_VALUES.get(fold(att_raw))
            if problem is None and attendance is None:
                problem = ("attendance", "bad attendance")
        hours = None
        if hours_raw != "":
            hours = parse_number(hours_raw)
            if problem is None and hours is None:
                problem = ("hours_attended", "bad number")
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
            "pkey": key, "cooperative": cooperative, "status": status,
            "attendance": attendance, "hours": hours_value,
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
        if programme not in programmes:
            problem = ("programme", "unknown programme")
        if problem is None:
            found = False
            for s in programmes[programme]:
                if s["code"] == session:
                    found = True
            if not found:
                problem = ("session", "unknown session")
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
            "response_id": response_id, "pkey": key, "own_coop": own_coop,
            "answers": answers, "objectives": objectives, "recommend": recommend,
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


def ratio(num, den):
    if den == 0:
        return None
    return num / den


def session_figure_block(reg_rows, resp_rows, sessions_for_capacity, violations,
                         qcols, scale, min_group_size):
    """The session figures for one group.

    reg_rows: the group's (deduplicated, in-period) registration rows.
    resp_rows: the group's (deduplicated, in-period) responses.
    sessions_for_capacity: list of session dicts whose capacity/price count for the group.
    violations: the group's prerequisite violation count.
    """
    registered = cancelled = waitlisted = present = absent = unrecorded = 0
    hours = 0.0
    for r in reg_rows:
        if r["status"] == "registered":
            registered += 1
            if r["attendance"] == "present" or r["attendance"] == "partial":
                present += 1
            elif r["attendance"] == "absent":
                absent += 1
            else:
                unrecorded += 1
            hours += r["hours"]
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
        if s["capacity"] is not None:
            any_cap = True
            cap_sum += s["capacity"]
            reg_in_cap += reg_here
        if s["price_ht"] is not None:
            any_price = True
            revenue += reg_here * s["price_ht"]
    fill_rate = ratio(reg_in_cap, cap_sum) if any_cap else None
    revenue_ht = revenue if any_price else None

    responses = len(resp_rows)
    suppressed = responses < min_group_size
    sat_from = scale["satisfied_from"]
    questions = {}
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
        if suppressed:
            questions[q] = {"n": n, "mean": None, "satisfied": None}
        else:
            questions[q] = {"n": n, "mean": ratio(total, n), "satisfied": ratio(sat, n)}
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
    if suppressed:
        satisfaction_rate = None
        objectives_met_rate = None
        nps = None
    else:
        satisfaction_rate = questions["overall"]["satisfied"] if "overall" in questions else None
        objectives_met_rate = ratio(obj_sat, obj_n)
        nps = None if rec_n == 0 else 100.0 * (promoters - detractors) / rec_n

    return {
        "registered": registered, "cancelled": cancelled, "waitlisted": waitlisted,
        "present": present, "absent": absent, "unrecorded": unrecorded,
        "attendance_rate": ratio(present, present + absent),
        "hours_trainee": hours,
        "fill_rate": fill_rate,
        "revenue_ht": revenue_ht,
        "responses": responses,
        "response_rate": ratio(responses, present),
        "satisfaction_rate": satisfaction_rate,
        "objectives_met_rate": objectives_met_rate,
        "nps": nps,
        "prerequisite_violations": violations,
        "questions": questions,
        "suppressed": suppressed,
    }


def journey_block(journeys):
    participants = len(journeys)
    started = completed = 0
    ended_started = ended_dropped = 0
    ended_any = False
    for j in journeys:
        if j["started"]:
            started += 1
        if j["completed"]:
            completed += 1
        if j["ended"]:
            ended_any = True
            if j["started"]:
                ended_started += 1
                if not j["completed"]:
                    ended_dropped += 1
    dropout = ratio(ended_dropped, ended_started) if ended_any else None
    return {"participants": participants, "started": started, "completed": completed,
            "completion_rate": ratio(completed, started), "dropout_rate": dropout}


NULL_JOURNEY = {"participants": None, "started": None, "completed": None,
                "completion_rate": None, "dropout_rate": None}


def compute(args):
    programmes, scale, qcols = load_catalogue(args.catalogue)
    regs, reg_rejects, reg_rows_read = validate_registrations(args.registrations, programmes)
    evals, eval_rejects, eval_rows_read = validate_evaluations(
        args.evaluations, programmes, scale, qcols)
    period_from = dt.date.fromisoformat(args.period_from) if args.period_from else None
    period_to = dt.date.fromisoformat(args.period_to) if args.period_to else None
    as_of = dt.date.fromisoformat(args.as_of)
    min_group_size = args.min_group_size
    warnings = 0

    def session_of(programme, code):
        for s in programmes[programme]:
            if s["code"] == code:
                return s
        return None

    def in_period(s):
        if period_from is not None and s["start"] < period_from:
            return False
        if period_to is not None and s["start"] > period_to:
            return False
        return True

    # ---- deduplicate registrations: (programme, session, participant), later row wins
    latest = {}
    for r in regs:
        k = (r["programme"], r["session"], r["pkey"])
        if k in latest:
            warnings += 1
        latest[k] = r
    reg_final = sorted(latest.values(), key=lambda r: r["order"])

    # ---- deduplicate responses: repeated response_id (non-empty), later row wins
    # READING: response_id is global (not per session); rejected rows never take part.
    by_id = {}
    resp_final = []
    for r in evals:
        if r["response_id"] == "":
            resp_final.append(r)
            continue
        if r["response_id"] in by_id:
            warnings += 1
        by_id[r["response_id"]] = r
    for r in by_id.values():
        resp_final.append(r)
    resp_final.sort(key=lambda r: r["order"])

    # ---- per participant and programme: last registration row (file order, any status)
    last_row_coop = {}
    for r in regs:  # regs is in file order; the last row of a (programme, participant) wins
        last_row_coop[(r["programme"], r["pkey"])] = r["cooperative"]

    def was_present(programme, code, pkey):
        r = latest.get((programme, code, pkey))
        if r is None:
            return False
        # READING: "present" at a session = a registered row with attendance present/partial.
        return r["status"] == "registered" and r["attendance"] in ("present", "partial")

    # ---- prerequisite violations, per registration
    for r in reg_final:
        r["violation"] = False
        if r["status"] != "registered":
            continue
        s = session_of(r["programme"], r["session"])
        for req in s["requires"]:
            if not was_present(r["programme"], req, r["pkey"]):
                r["violation"] = True

    # ---- response cooperative
    for r in resp_final:
        coop = None
        if r["pkey"] is not None and (r["programme"], r["pkey"]) in last_row_coop:
            # READING: any registration row in the programme (any status) joins, and
            # gives the cooperative of the participant's last row in the programme.
            coop = last_row_coop[(r["programme"], r["pkey"])]
        elif r["own_coop"] != "":
            coop = r["own_coop"]
        else:
            coop = NOT_SPECIFIED
        r["coop"] = coop

    # ---- in-period sessions
    all_sessions = []
    for p in programmes:
        for s in programmes[p]:
            all_sessions.append(s)
    period_sessions = [s for s in all_sessions if in_period(s)]
    period_keys = set((s["programme"], s["code"]) for s in period_sessions)
    reg_in = [r for r in reg_final if (r["programme"], r["session"]) in period_keys]
    resp_in = [r for r in resp_final if (r["programme"], r["session"]) in period_keys]

    # ---- journeys
    journeys = []
    programme_has_journey_figures = {}
    for p in sorted(programmes):
        has_period_session = False
        for s in programmes[p]:
            if in_period(s):
                has_period_session = True
        if not has_period_session:
            continue
        mandatory = [s for s in programmes[p] if s["mandatory"]]
        if len(mandatory) == 0:
            programme_has_journey_figures[p] = False
            continue
        programme_has_journey_figures[p] = True
        first = mandatory[0]
        for s in mandatory:
            if (s["start"], s["order"]) < (first["start"], first["order"]):
                first = s
        last_end = mandatory[0]["end"]
        for s in mandatory:
            if s["end"] > last_end:
                last_end = s["end"]
        ended = last_end <= as_of
        people = []
        for r in reg_final:
            if r["programme"] == p and r["status"] == "registered" and r["pkey"] not in people:
                people.append(r["pkey"])
        for pkey in people:
            started = was_present(p, first["code"], pkey)
            completed = True
            for s in mandatory:
                if not was_present(p, s["code"], pkey):
                    completed = False
            journeys.append({"programme": p, "pkey": pkey,
                             "cooperative": last_row_coop[(p, pkey)],
                             "started": started, "completed": completed, "ended": ended})

    def count_violations(rows):
        n = 0
        for r in rows:
            if r["violation"]:
                n += 1
        return n

    out = {
        "schema_version": 1,
        "tool_version": "crosscheck",
        "period": {"from": args.period_from, "to": args.period_to},
        "as_of": args.as_of,
        "min_group_size": min_group_size,
        "survey": {"scale": {"min": scale["min"], "max": scale["max"],
                             "satisfied_from": scale["satisfied_from"]},
                   "questions": list(qcols)},
    }

    # ---- overall
    overall = session_figure_block(reg_in, resp_in, period_sessions, count_violations(reg_in),
                                   qcols, scale, min_group_size)
    overall.update(journey_block(journeys))
    out["overall"] = overall

    # ---- sessions
    sessions_out = []
    for s in sorted(period_sessions, key=lambda s: (s["programme"], s["start"], s["code"])):
        rows = [r for r in reg_in if r["programme"] == s["programme"] and r["session"] == s["code"]]
        resps = [r for r in resp_in if r["programme"] == s["programme"] and r["session"] == s["code"]]
        g = {"programme": s["programme"], "session": s["code"], "start": s["start"].isoformat()}
        g.update(session_figure_block(rows, resps, [s], count_violations(rows),
                                      qcols, scale, min_group_size))
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
        g = {"programme": p}
        g.update(session_figure_block(rows, resps, ps, count_violations(rows),
                                      qcols, scale, min_group_size))
        if programme_has_journey_figures[p]:
            g.update(journey_block([j for j in journeys if j["programme"] == p]))
        else:
            g.update(NULL_JOURNEY)
        programmes_out.append(g)
    out["programmes"] = programmes_out

    # ---- cooperatives
    names = set()
    for r in reg_in:
        names.add(r["cooperative"])
    for j in journeys:
        names.add(j["cooperative"])
    for r in resp_in:
        names.add(r["coop"])
    coops_out = []
    for c in sorted(names, key=lambda n: (name_sort_key(n), n)):
        rows = [r for r in reg_in if r["cooperative"] == c]
        resps = [r for r in resp_in if r["coop"] == c]
        # READING: a cooperative's capacity/price sessions are the in-period sessions where it
        # has at least one registration row (any status).
        cs = []
        for s in period_sessions:
            for r in rows:
                if r["programme"] == s["programme"] and r["session"] == s["code"]:
                    cs.append(s)
                    break
        g = {"cooperative": c}
        g.update(session_figure_block(rows, resps, cs, count_violations(rows),
                                      qcols, scale, min_group_size))
        # decisions.md: capacity belongs to a session; a cooperative has no fill rate.
        g["fill_rate"] = None
        g.update(journey_block([j for j in journeys if j["cooperative"] == c]))
        coops_out.append(g)
    out["cooperatives"] = coops_out

    # ---- months
    months = sorted(set(s["start"].strftime("%Y-%m") for s in period_sessions))
    months_out = []
    for m in months:
        ms = [s for s in period_sessions if s["start"].strftime("%Y-%m") == m]
        keys = set((s["programme"], s["code"]) for s in ms)
        rows = [r for r in reg_in if (r["programme"], r["session"]) in keys]
        resps = [r for r in resp_in if (r["programme"], r["session"]) in keys]
        g = {"month": m}
        g.update(session_figure_block(rows, resps, ms, count_violations(rows),
                                      qcols, scale, min_group_size))
        months_out.append(g)
    out["months"] = months_out

    out["rejects"] = {"registrations": len(reg_rejects), "evaluations": len(eval_rejects)}
    # READING: warnings = superseded duplicate registrations + superseded repeated response
    # ids + in-period sessions whose response rate is above 1.
    for g in sessions_out:
        if g["response_rate"] is not None and g["response_rate"] > 1:
            warnings += 1
    out["warnings"] = warnings

    stats = {"registration rows": reg_rows_read, "registrations used": len(regs),
             "registrations after dedup": len(reg_final),
             "registrations rejected": len(reg_rejects),
             "evaluation rows": eval_rows_read, "responses used": len(evals),
             "responses after dedup": len(resp_final),
             "responses rejected": len(eval_rejects), "journeys": len(journeys),
             "reject reasons": {}}
    for _, (column, reason) in reg_rejects:
        k = "registrations:%s:%s" % (column, reason)
        stats["reject reasons"][k] = stats["reject reasons"].get(k, 0) + 1
    for _, (column, reason) in eval_rejects:
        k = "evaluations:%s:%s" % (column, reason)
        stats["reject reasons"][k] = stats["reject reasons"].get(k, 0) + 1
    return out, stats


# --------------------------------------------------------------------------- comparison

FIGURE_KEYS = ["registered", "cancelled", "waitlisted", "present", "absent", "unrecorded",
               "attendance_rate", "hours_trainee", "fill_rate", "revenue_ht", "responses",
               "response_rate", "satisfaction_rate", "objectives_met_rate", "nps",
               "prerequisite_violations", "questions", "suppressed"]
JOURNEY_KEYS = ["participants", "started", "completed", "completion_rate", "dropout_rate"]


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

    def group(self, path, exp, got, identity, journey):
        self.groups += 1
        keys = list(identity) + FIGURE_KEYS + (JOURNEY_KEYS if journey else [])
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
                    for sub in sorted(set(gq[q]) - {"n", "mean", "satisfied"}):
                        self.bad(path + ".questions.%s.%s" % (q, sub), "(no such key)", gq[q][sub])
                    for sub in ["n", "mean", "satisfied"]:
                        if sub not in gq[q]:
                            self.bad(path + ".questions.%s.%s" % (q, sub), eq[q][sub], "(missing key)")
                        else:
                            self.value(path + ".questions.%s.%s" % (q, sub), eq[q][sub], gq[q][sub])
                continue
            self.value(path + "." + k, exp[k], got[k])

    def group_list(self, name, exp_list, got_list, identity, journey):
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
            self.group(label, g, got_by_id[gid], identity, journey)
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
    if found.get("schema_version") != 1:
        c.bad("schema_version", 1, found.get("schema_version"))
    for k in ["period", "as_of", "min_group_size"]:
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
                 ["programme", "session", "start"], False)
    c.group_list("programmes", expected["programmes"], found.get("programmes"),
                 ["programme"], True)
    c.group_list("cooperatives", expected["cooperatives"], found.get("cooperatives"),
                 ["cooperative"], True)
    c.group_list("months", expected["months"], found.get("months"), ["month"], False)
    return c


def main():
    ap = argparse.ArgumentParser(description="Recompute and check CoopReport's metrics.json")
    ap.add_argument("--catalogue", required=True)
    ap.add_argument("--registrations", required=True)
    ap.add_argument("--evaluations", required=True)
    ap.add_argument("--metrics", help="metrics.json to check")
    ap.add_argument("--from", dest="period_from")
    ap.add_argument("--to", dest="period_to")
    ap.add_argument("--as-of", dest="as_of")
    ap.add_argument("--min-group-size", type=int, default=3)
    ap.add_argument("--dump", help="write the recomputed figures as metrics.json here")
    ap.add_argument("-v", "--verbose", action="store_true", help="print input statistics")
    args = ap.parse_args()
    if not args.metrics and not args.dump:
        ap.error("give --metrics (to compare) and/or --dump")

    found = None
    if args.metrics:
        with open(args.metrics, encoding="utf-8") as f:
            found = json.load(f)
    if args.as_of is None:
        # READING: the as-of date is the period's last day; without one, the checked file's.
        if args.period_to:
            args.as_of = args.period_to
        elif found is not None and found.get("as_of"):
            args.as_of = found["as_of"]
            print("note: no --as-of/--to given, using the checked file's as_of %s" % args.as_of)
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
    return 1 if c.mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
