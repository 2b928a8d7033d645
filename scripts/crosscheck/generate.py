#!/usr/bin/env python3
"""Deterministic synthetic data for the CoopReport cross-check.

Writes, in the canonical format of ../shared/spec/data-contract.md:

    DIR/catalogue.yml      seven programmes, 2021-2023, classroom/remote/action/extension
                           sessions, some with `survey: false`
    DIR/registrations.csv  ';' separated, UTF-8 with BOM, CRLF
    DIR/evaluations.csv    ',' separated, UTF-8 without BOM, LF, quoted newlines in comments

The same --seed and --participants always give byte-identical files.

What the data exercises (on purpose):
  * statuses in English and French (inscrit / annulé / liste d'attente), various cases;
  * attendance present/partial/absent/empty, French présent/partiel, various cases;
  * explicit hours_attended with a decimal point or a decimal comma ("3,5");
  * morning/afternoon half-day sign-in, sometimes contradicting `attendance`
    (the half-days win), sometimes with one half empty;
  * participants known by e-mail only, the e-mail in varying case / padding;
  * participant ids padded with spaces;
  * duplicate (programme, session, participant) rows later in the file (later wins);
  * participants who change cooperative between rows (journey cooperative = last row);
  * prerequisite violations (registered at S2 without attending S1 or the action phase);
  * a programme still running at the as-of date (its 2023 sessions have no attendance);
  * anonymous responses with and without a cooperative, identified responses whose
    own cooperative column disagrees with the registration, responses of people who
    are not registered, a cooperative that only appears in the evaluations;
  * answer labels ("Très satisfait" ...) and integers, empty answers, objective_3
    answered for a session that describes two objectives, recommend 0-10;
  * repeated response_id (later wins), empty response_id;
  * comments with commas, quotes, semicolons, newlines, formula-like text;
  * a session with fewer than 3 responses, a session with more responses than present;
  * ~1% bad rows that must be rejected (unknown programme/session, off-scale score,
    4.5, recommend 11, bad dates, bad number, bad status, missing identifier).

Added for metrics spec version 2:
  * `remote` sessions (DIST-2022 D1/D2, NUM-2023 N2 still to come), a classroom (D0) and
    a remote (D2) session with `survey: false`, action sessions (survey off by default);
  * responses to an action session or a survey:false session: rejected, column session;
  * scripted journeys (3 people each, random positions in the file, never duplicated):
    completed; unverified (the only missing steps registered with empty attendance:
    ACTION, S2, D2 without questionnaire, M3); dropped for each recorded reason (absent,
    project not done, cancelled, waitlisted, no registration at all, and a recorded
    reason beside an empty one); S1 done + project not done + still present at S2
    (dropped, violation at S2); not started (S1 empty or cancelled); running GOV-2223;
    NUM-2023 sessions to come with empty attendance (not unrecorded);
  * CONF-2022, a programme without mandatory session (participants, nobody started);
  * the same person in two programmes, in one cooperative or in two;
  * a cooperative registered only at sessions without questionnaire (not surveyed);
  * identified respondents answering one session twice, mostly without response_id:
    later submitted_at later or EARLIER in the file, equal submitted_at (also equal
    wall-clock written two ways), one or both missing, +02:00 vs Z (wall-clock decides),
    date alone (00:00) vs a time that day, two distinct response_ids, one row keyed by
    participant_id and the other by e-mail only (two respondents), and three rows with
    distinct submitted_at (order-independent winner).

Bad rows never share a participant/triple or response_id with a good row, so that
"is the bad row deduplicated before or after rejection" cannot change any figure.
"""

import argparse
import csv
import datetime as dt
import io
import os
import random

AS_OF_DEFAULT = dt.date(2022, 12, 31)

# --------------------------------------------------------------------------- catalogue

CATALOGUE_YAML = """\
# Synthetic catalogue for the CoopReport cross-check (generated, do not edit).
programmes:
  - code: ACC-2021
    title: "Accueillir les nouveaux administrateurs"
    sessions:
      - code: A1
        title: "Session 1 : le rôle de l'administrateur"
        kind: classroom
        start: 2021-03-16
        end: 2021-03-16
        hours: 7
        venue: "Maison des coopératives, Lyon"
        trainers: ["Claire Dumas"]
        objectives:
          - "Décrire les instances de gouvernance d'une coopérative d'hlm"
          - "Situer son rôle d'administrateur"
      - code: A2
        title: "Session 2 : lire les comptes"
        kind: classroom
        start: 2021-05-20
        end: 2021-05-20
        hours: 7
        requires: [A1]
        objectives:
          - "Lire un bilan et un compte de résultat"
          - "Poser les bonnes questions en conseil"
          - "Suivre les indicateurs clés"
      - code: A3
        title: "Journée d'approfondissement (obligatoire)"
        kind: extension
        mandatory: true
        start: 2021-11-09
        end: 2021-11-09
        hours: 3.5
        requires: [A2]
        objectives:
          - "Conduire un conseil d'administration"
  - code: FVC-2122
    title: "Formation Vie Coopérative : co-construire le rôle de coopérateur"
    sessions:
      - code: S1
        title: "Session 1 : travail collectif"
        kind: classroom
        start: 2021-12-10
        end: 2021-12-10
        hours: 7
        price_ht: 650
        capacity: 400
        venue: "Crown Plaza, 10 place de la République, 75011 Paris"
        trainers: ["Olivier Maurel", "Lucine Leclercq"]
        mandatory: true
        requires: []
        objectives:
          - "Identifier les interactions (moments clés) entre la coop et ses coopérateurs"
          - "Identifier au moins une action à mettre en place"
          - "Expérimenter ces actions et capitaliser les expériences"
      - code: ACTION
        title: "Phase action"
        kind: action
        start: 2022-01-01
        end: 2022-06-29
        hours: 0
        requires: [S1]
      - code: S2
        title: "Session 2 : retour d'expériences"
        kind: classroom
        start: 2022-06-30
        end: 2022-06-30
        hours: 7
        price_ht: 650
        requires: [S1, ACTION]
        objectives:
          - "Capitaliser les expériences du groupe"
          - "Construire un plan d'action"
      - code: EXT
        title: "Extension : journée de partage"
        kind: extension
        start: 2022-09-22
        end: 2022-09-22
        hours: 7
        price_ht: 650
        requires: [S2]
        objectives:
          - "Partager les actions menées"
  - code: GOV-2223
    title: "Gouvernance coopérative"
    sessions:
      - code: G1
        title: "Session 1 : les fondamentaux"
        kind: classroom
        start: 2022-10-04
        end: 2022-10-04
        hours: 7
        price_ht: 650
        capacity: 250
        objectives:
          - "Expliquer le principe un homme une voix"
          - "Cartographier les parties prenantes"
      - code: G-ACT
        title: "Phase action"
        kind: action
        start: 2022-10-05
        end: 2023-02-28
        hours: 0
        requires: [G1]
      - code: G2
        title: "Session 2 : bilan"
        kind: classroom
        start: 2023-03-14
        end: 2023-03-14
        hours: 7
        price_ht: 650
        capacity: 250
        requires: [G1, G-ACT]
        objectives:
          - "Évaluer le projet mené"
      - code: G-EXT
        title: "Extension"
        kind: extension
        start: 2023-05-10
        end: 2023-05-10
        hours: 7
        requires: [G2]
  - code: MGT-2022
    title: "Manager dans une coopérative"
    sessions:
      - code: M1
        title: "Module 1"
        kind: classroom
        start: 2022-03-08
        end: 2022-03-08
        hours: 7
        capacity: 300
        objectives:
          - "Identifier les spécificités du management coopératif"
          - "Animer une réunion participative"
      - code: M2
        title: "Module 2 (deux jours)"
        kind: classroom
        start: 2022-04-12
        end: 2022-04-13
        hours: 14
        price_ht: 900
        requires: [M1]
        objectives:
          - "Conduire un entretien annuel"
          - "Déléguer"
          - "Gérer un conflit"
      - code: M3
        title: "Module 3"
        kind: classroom
        start: 2022-06-14
        end: 2022-06-14
        hours: 7
        capacity: 300
        requires: [M1, M2]
        objectives:
          - "Construire son plan de progrès"
          - "Mesurer l'engagement de l'équipe"
      - code: M-RAT
        title: "Rattrapage"
        kind: classroom
        mandatory: false
        start: 2022-07-05
        end: 2022-07-05
        hours: 7
        capacity: 12
        price_ht: 450
        objectives:
          - "Rattraper un module manqué"
          - "Consolider les acquis"
  - code: NUM-2023
    title: "Le numérique au service des coopérateurs"
    sessions:
      - code: N1
        kind: classroom
        start: 2023-01-19
        end: 2023-01-19
        hours: 7
        capacity: 40
        price_ht: 500
      - code: N2
        title: "Classe virtuelle de suivi"
        kind: remote
        start: 2023-02-16
        end: 2023-02-16
        hours: 7
        capacity: 40
        price_ht: 500
        requires: [N1]
  - code: DIST-2022
    title: "Animer la vie coopérative à distance"
    sessions:
      - code: D0
        title: "Réunion d'information (sans questionnaire)"
        kind: classroom
        survey: false
        mandatory: false
        start: 2022-09-06
        end: 2022-09-06
        hours: 2
        capacity: 60
      - code: D1
        title: "Classe virtuelle 1"
        kind: remote
        survey: true
        start: 2022-09-13
        end: 2022-09-13
        hours: 3.5
        price_ht: 300
        capacity: 60
        objectives:
          - "Préparer une réunion de coopérateurs à distance"
          - "Choisir un outil de visioconférence adapté"
      - code: D2
        title: "Classe virtuelle 2 (sans questionnaire)"
        kind: remote
        survey: false
        start: 2022-11-08
        end: 2022-11-08
        hours: 3.5
        price_ht: 300
        requires: [D1]
      - code: D-ACT
        title: "Phase action : une réunion à distance"
        kind: action
        start: 2022-11-09
        end: 2022-11-30
        hours: 0
        requires: [D1]
      - code: D3
        title: "Journée de bilan"
        kind: classroom
        start: 2022-12-06
        end: 2022-12-06
        hours: 7
        price_ht: 650
        capacity: 60
        requires: [D2, D-ACT]
        objectives:
          - "Tirer le bilan des réunions menées"
  - code: CONF-2022
    title: "Journée annuelle des coopératives (sans étape obligatoire)"
    sessions:
      - code: C1
        title: "Conférence"
        kind: extension
        start: 2022-05-24
        end: 2022-05-24
        hours: 7
        price_ht: 200
        capacity: 150
        objectives:
          - "Connaître les actualités du mouvement coopératif"
"""

# A compact, generator-side view of the same catalogue (what the generator needs).
# (programme, session, kind, start, end, mandatory, requires, n_objectives, survey)
SESSIONS = [
    ("ACC-2021", "A1", "classroom", "2021-03-16", "2021-03-16", True, [], 2, True),
    ("ACC-2021", "A2", "classroom", "2021-05-20", "2021-05-20", True, ["A1"], 3, True),
    ("ACC-2021", "A3", "extension", "2021-11-09", "2021-11-09", True, ["A2"], 1, True),
    ("FVC-2122", "S1", "classroom", "2021-12-10", "2021-12-10", True, [], 3, True),
    ("FVC-2122", "ACTION", "action", "2022-01-01", "2022-06-29", True, ["S1"], 0, False),
    ("FVC-2122", "S2", "classroom", "2022-06-30", "2022-06-30", True, ["S1", "ACTION"], 2, True),
    ("FVC-2122", "EXT", "extension", "2022-09-22", "2022-09-22", False, ["S2"], 1, True),
    ("GOV-2223", "G1", "classroom", "2022-10-04", "2022-10-04", True, [], 2, True),
    ("GOV-2223", "G-ACT", "action", "2022-10-05", "2023-02-28", True, ["G1"], 0, False),
    ("GOV-2223", "G2", "classroom", "2023-03-14", "2023-03-14", True, ["G1", "G-ACT"], 1, True),
    ("GOV-2223", "G-EXT", "extension", "2023-05-10", "2023-05-10", False, ["G2"], 0, True),
    ("MGT-2022", "M1", "classroom", "2022-03-08", "2022-03-08", True, [], 2, True),
    ("MGT-2022", "M2", "classroom", "2022-04-12", "2022-04-13", True, ["M1"], 3, True),
    ("MGT-2022", "M3", "classroom", "2022-06-14", "2022-06-14", True, ["M1", "M2"], 2, True),
    ("MGT-2022", "M-RAT", "classroom", "2022-07-05", "2022-07-05", False, [], 2, True),
    ("NUM-2023", "N1", "classroom", "2023-01-19", "2023-01-19", True, [], 0, True),
    ("NUM-2023", "N2", "remote", "2023-02-16", "2023-02-16", True, ["N1"], 0, True),
    ("DIST-2022", "D0", "classroom", "2022-09-06", "2022-09-06", False, [], 0, False),
    ("DIST-2022", "D1", "remote", "2022-09-13", "2022-09-13", True, [], 2, True),
    ("DIST-2022", "D2", "remote", "2022-11-08", "2022-11-08", True, ["D1"], 0, False),
    ("DIST-2022", "D-ACT", "action", "2022-11-09", "2022-11-30", True, ["D1"], 0, False),
    ("DIST-2022", "D3", "classroom", "2022-12-06", "2022-12-06", True, ["D2", "D-ACT"], 1, True),
    ("CONF-2022", "C1", "extension", "2022-05-24", "2022-05-24", False, [], 1, True),
]
SESSION_HOURS = {"A1": 7, "A2": 7, "A3": 3.5, "S1": 7, "ACTION": 0, "S2": 7, "EXT": 7,
                 "G1": 7, "G-ACT": 0, "G2": 7, "G-EXT": 7, "M1": 7, "M2": 14, "M3": 7,
                 "M-RAT": 7, "N1": 7, "N2": 7, "D0": 2, "D1": 3.5, "D2": 3.5, "D-ACT": 0,
                 "D3": 7, "C1": 7}

# programme -> weight when a participant picks programmes
PROGRAMME_WEIGHTS = {"ACC-2021": 2, "FVC-2122": 4, "GOV-2223": 3, "MGT-2022": 3, "NUM-2023": 1,
                     "DIST-2022": 2, "CONF-2022": 1}
NO_STEP_PROGRAMME = "CONF-2022"     # no mandatory session: participants, nobody started

# Sessions whose responses are forced tiny / forced above the present count.
TINY_SESSION = ("MGT-2022", "M-RAT")        # at most 2 responses
OVERFULL_SESSION = ("ACC-2021", "A3")       # responses > present (rate above 1)

COOPERATIVES = [
    ("Coop Habitat Bretagne", 9), ("Habitat Coopératif de l'Ouest", 8),
    ("Le Toit Familial", 7), ("Émeraude Habitat", 6), ("Coopérative Vosgienne d'HLM", 6),
    ("Axentia Coop", 6), ("Les Castors de l'Ain", 5), ("Rhône Saône Habitat", 5),
    ("Coop Logis Normandie", 5), ("La Maison Familiale", 5),
    ("Habitat Solidaire Occitanie", 4), ("CIF Coopérative", 4), ("Terre d'Accueil Coop", 4),
    ("Gambetta Coopérative", 4), ("Coopérative du Val de Loire", 3),
    ("Villages d'Alsace Habitat", 3), ("Savoie Coop Logement", 3),
    ("Atlantique Habitations", 3), ("Le Foyer Rémois Coop", 2),
]
TINY_COOP = "Coop des Îles"            # exactly 3 participants, one programme each
EVAL_ONLY_COOP = "SCI Les Tilleuls"   # appears only in the evaluations' cooperative column
NO_SURVEY_COOP = "Coop du Haut-Jura"  # registered only at sessions without questionnaire

ROLES = ["Référent Vie coopérative", "Salarié", "Directeur", "Administrateur",
         "Chargée de clientèle", "Responsable gestion locative", ""]
FIRST = ["Marie", "Jean", "Sophie", "Luc", "Camille", "Nicolas", "Élodie", "Hugo", "Inès",
         "Julien", "Aurélie", "Thomas", "Chloé", "Mathieu", "Léa", "Pierre", "Zoé", "Karim",
         "Fatou", "Yann"]
LAST = ["Martin", "Bernard", "Dubois", "Durand", "Lefèvre", "Moreau", "Laurent", "Simon",
        "Michel", "Garcia", "Roux", "Fournier", "Girard", "Bonnet", "Dupont", "Lambert",
        "Fontaine", "Rousseau", "Vincent", "Müller", "N'Diaye", "Le Gall"]

LABELS = {5: "Très satisfait", 4: "Satisfait", 3: "Moyennement satisfait",
          2: "Peu satisfait", 1: "Pas du tout satisfait"}

COMMENTS = [
    "Très bonne journée, merci !",
    "Intervenants clairs, salle un peu petite",
    'Le formateur a dit "on verra plus tard", dommage',
    "Trop court; on aurait aimé plus d'échanges",
    "Ligne 1\nLigne 2 : un retour sur deux lignes",
    "=SOMME(A1:A3)",
    "+33 6 12 34 56 78",
    "Café froid, sinon parfait.",
    'Citation : "Les coopérateurs, c\'est nous", très juste',
    "Organisation au top\r\nMerci à l'équipe",
    "@contact: envoyer les supports",
    "-",
    "Déjeuner, pause, et horaires respectés ; bien",
    "  espace au début et à la fin  ",
]

STATUS_EN = {"registered": ["registered", "Registered", "REGISTERED"],
             "cancelled": ["cancelled", "Cancelled"],
             "waitlisted": ["waitlisted", "Waitlisted"]}
STATUS_FR = {"registered": ["inscrit", "Inscrit", "INSCRIT", "inscrit "],
             "cancelled": ["annulé", "Annulé", "annule", "ANNULÉ"],
             "waitlisted": ["liste d'attente", "Liste d'attente", "LISTE D'ATTENTE"]}
ATT_EN = {"present": ["present", "Present", "PRESENT"], "partial": ["partial", "Partial"],
          "absent": ["absent", "Absent"]}
ATT_FR = {"present": ["présent", "Présent", "PRÉSENT", "present"], "partial": ["partiel", "Partiel"],
          "absent": ["absent", "ABSENT"]}
HALF = {"present": ["present", "présent", "Présent"], "absent": ["absent", "Absent"]}

REG_HEADER = ["programme", "session", "participant_id", "email", "last_name", "first_name",
              "cooperative", "role", "status", "registered_at", "attendance", "hours_attended",
              "morning", "afternoon"]
EVAL_HEADER = ["programme", "session", "response_id", "submitted_at", "participant_id", "email",
               "cooperative", "overall", "content", "trainers", "organisation", "venue",
               "objective_1", "objective_2", "objective_3", "recommend", "comment"]


def d(s):
    return dt.date.fromisoformat(s)


def fmt_date(rng, day, with_time_ok=True):
    """A date in one of the accepted formats."""
    k = rng.random()
    hh, mm = rng.randint(7, 20), rng.randint(0, 59)
    if k < 0.35 or not with_time_ok:
        return day.isoformat() if rng.random() < 0.6 else day.strftime("%d/%m/%Y")
    if k < 0.6:
        return day.strftime("%d/%m/%Y")
    if k < 0.8:
        return day.strftime("%d/%m/%Y") + " %02d:%02d" % (hh, mm)
    suffix = rng.choice(["", "Z", "+02:00", "+01:00"])
    return "%sT%02d:%02d:%02d%s" % (day.isoformat(), hh, mm, rng.randint(0, 59), suffix)


def scale_answer(rng, p_empty=0.05, p_label=0.3):
    if rng.random() < p_empty:
        return ""
    v = rng.choices([1, 2, 3, 4, 5], weights=[3, 5, 14, 40, 38])[0]
    if rng.random() < p_label:
        return LABELS[v]
    return str(v)


def recommend_answer(rng):
    if rng.random() < 0.1:
        return ""
    return str(rng.choices(range(11), weights=[1, 1, 1, 1, 2, 3, 4, 8, 15, 20, 18])[0])


def email_variant(rng, email):
    k = rng.random()
    if k < 0.5:
        return email
    if k < 0.7:
        return email.lower()
    if k < 0.8:
        return email.upper()
    if k < 0.9:
        return " " + email + " "
    local, dom = email.split("@")
    return local.title() + "@" + dom.upper()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--participants", type=int, default=1500)
    ap.add_argument("--out", required=True)
    ap.add_argument("--as-of", default=AS_OF_DEFAULT.isoformat(),
                    help="sessions ending after this date get no attendance and no responses")
    ap.add_argument("--role-changes", type=float, default=0.0, metavar="SHARE",
                    help="metrics.md v3 (role dimension): this share of people write another "
                         "role (or none) on about half of their rows, so that a registration's "
                         "role, its journey's (last row) and a response's (last row of the "
                         "programme) differ; drawn from a generator of its own, so that the "
                         "other rows stay byte-identical to a run without it (default 0)")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    role_rng = random.Random("roles-%d" % args.seed)
    as_of = d(args.as_of)
    os.makedirs(args.out, exist_ok=True)

    with open(os.path.join(args.out, "catalogue.yml"), "w", encoding="utf-8", newline="\n") as f:
        f.write(CATALOGUE_YAML)

    sessions_by_prog = {}
    for s in SESSIONS:
        sessions_by_prog.setdefault(s[0], []).append(s)
    for p in sessions_by_prog:
        sessions_by_prog[p].sort(key=lambda s: (s[3], s[1]))

    # ------------------------------------------------------------------ participants
    coop_names = [c for c, _ in COOPERATIVES]
    coop_weights = [w for _, w in COOPERATIVES]
    people = []
    for i in range(args.participants):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        if i < 3:
            coop = TINY_COOP
        else:
            coop = rng.choices(coop_names, weights=coop_weights)[0]
        slug = (first + "." + last).lower()
        for a, b in (("é", "e"), ("è", "e"), ("ü", "u"), ("'", ""), (" ", ""), ("ï", "i")):
            slug = slug.replace(a, b)
        dom = "coop%02d.fr" % (coop_names.index(coop) + 1 if coop in coop_names else 99)
        email = "%s.%d@%s" % (slug, i, dom)
        email = email[0].upper() + email[1:]          # mixed case at the source
        pid = None if rng.random() < 0.12 else "P%05d" % (i + 1)
        mover = None
        if i >= 3 and rng.random() < 0.03:
            mover = rng.choice([c for c in coop_names if c != coop])
        people.append({"i": i, "pid": pid, "email": email, "first": first, "last": last,
                       "coop": coop, "mover": mover, "role": rng.choice(ROLES)})

    # ------------------------------------------------------------------ registrations
    reg_rows = []     # dicts in "intended" state, in generation order
    progs = list(PROGRAMME_WEIGHTS)
    for person in people:
        if person["coop"] == TINY_COOP:
            chosen = ["FVC-2122"]
        else:
            k = rng.choices([1, 2, 3], weights=[70, 25, 5])[0]
            chosen = []
            while len(chosen) < k:
                p = rng.choices(progs, weights=[PROGRAMME_WEIGHTS[x] for x in progs])[0]
                if p not in chosen:
                    chosen.append(p)
        for prog in chosen:
            attended = set()
            stopped = False
            n_rows = 0
            for (p, scode, kind, start, end, mandatory, requires, _nobj, _survey) \
                    in sessions_by_prog[prog]:
                if scode == "M-RAT":
                    if rng.random() > 0.012:
                        continue
                elif not mandatory and prog != NO_STEP_PROGRAMME:   # optional session
                    if not all(r in attended for r in requires) or rng.random() > 0.12:
                        continue
                elif n_rows > 0:
                    ok = all(r in attended for r in requires)
                    if stopped or not ok:
                        # some people register anyway: prerequisite violations
                        if rng.random() > 0.18:
                            stopped = True
                            continue
                    elif rng.random() < 0.06:
                        stopped = True
                        continue
                status = rng.choices(["registered", "cancelled", "waitlisted"],
                                     weights=[88, 6, 6])[0]
                future = d(end) > as_of
                att = ""
                morning = afternoon = ""
                hours = ""
                if status == "registered" and not future:
                    if kind == "action":
                        att = rng.choices(["present", "absent", ""], weights=[85, 12, 3])[0]
                    else:
                        att = rng.choices(["present", "partial", "absent", ""],
                                          weights=[80, 6, 9, 5])[0]
                    if kind != "action" and rng.random() < 0.12:
                        morning, afternoon = rng.choice([
                            ("present", "present"), ("present", "present"), ("present", "absent"),
                            ("absent", "present"), ("absent", "absent"), ("present", ""),
                            ("", "present"), ("absent", "")])
                        # the attendance column: consistent, empty, or contradicting
                        halves = (morning == "present") + (afternoon == "present")
                        consistent = ["absent", "partial", "present"][halves]
                        att = rng.choices([consistent, "", "present", "absent"],
                                          weights=[50, 30, 10, 10])[0]
                        effective = consistent
                    else:
                        effective = att
                    if effective in ("present", "partial"):
                        attended.add(scode)
                        if kind != "action" and rng.random() < 0.06:
                            h = SESSION_HOURS[scode]
                            hours = rng.choice([h, h - 0.5, h - 1.5, h / 2, h - 0.25])
                            hours = ("%g" % hours)
                            if "." in hours and rng.random() < 0.6:
                                hours = hours.replace(".", ",")
                elif status == "cancelled" and not future and rng.random() < 0.1:
                    att = "absent"
                coop = person["coop"]
                if person["mover"] and n_rows > 0:
                    coop = person["mover"]
                reg_rows.append({
                    "programme": prog, "session": scode, "person": person, "coop": coop,
                    "status": status, "att": att, "morning": morning, "afternoon": afternoon,
                    "hours": hours, "start": d(start), "kind": kind,
                })
                n_rows += 1

    # ------------------------------------------------------------------ scripted journeys
    # Hand-written journeys that pin the v2 journey outcomes. Each scenario is given to
    # SCRIPT_COPIES fresh people (cooperative drawn at random, some known by e-mail only);
    # their rows are spread at random positions in the file and never duplicated.
    # (programme, [(session, status, attendance)]); attendance "" = not recorded yet.
    R, C, W = "registered", "cancelled", "waitlisted"
    scenarios = [
        # FVC-2122 (ended at the as-of date): steps S1, ACTION, S2
        ("completed", "FVC-2122", [("S1", R, "present"), ("ACTION", R, "present"),
                                   ("S2", R, "present")]),
        # unverified: the only missing step is registered with empty attendance
        ("unverified: ACTION empty (S2 violation)", "FVC-2122",
         [("S1", R, "present"), ("ACTION", R, ""), ("S2", R, "present")]),
        ("unverified: S2 empty", "FVC-2122",
         [("S1", R, "present"), ("ACTION", R, "present"), ("S2", R, "")]),
        ("unverified: S1 partial, ACTION and S2 empty", "FVC-2122",
         [("S1", R, "partial"), ("ACTION", R, ""), ("S2", R, "")]),
        # dropped, one per recorded reason
        ("dropped: S2 absent", "FVC-2122",
         [("S1", R, "present"), ("ACTION", R, "present"), ("S2", R, "absent")]),
        ("dropped: project not done, still at S2 (S2 violation)", "FVC-2122",
         [("S1", R, "present"), ("ACTION", R, "absent"), ("S2", R, "present")]),
        ("dropped: S2 cancelled", "FVC-2122",
         [("S1", R, "present"), ("ACTION", R, "present"), ("S2", C, "")]),
        ("dropped: S2 waitlisted", "FVC-2122",
         [("S1", R, "present"), ("ACTION", R, "present"), ("S2", W, "")]),
        ("dropped: no S2 registration", "FVC-2122",
         [("S1", R, "present"), ("ACTION", R, "present")]),
        ("dropped: no ACTION registration (S2 violation)", "FVC-2122",
         [("S1", R, "present"), ("S2", R, "present")]),
        ("dropped: ACTION empty but S2 absent (recorded reason wins)", "FVC-2122",
         [("S1", R, "present"), ("ACTION", R, ""), ("S2", R, "absent")]),
        ("not started: S1 empty", "FVC-2122",
         [("S1", R, ""), ("ACTION", R, "present"), ("S2", R, "present")]),
        ("not started: S1 cancelled, registered later", "FVC-2122",
         [("S1", C, ""), ("ACTION", R, "present"), ("S2", R, "present")]),
        # DIST-2022 (ended): steps D1 (remote), D2 (remote, no survey), D-ACT, D3
        ("completed remote", "DIST-2022",
         [("D0", R, "present"), ("D1", R, "present"), ("D2", R, "present"),
          ("D-ACT", R, "present"), ("D3", R, "present")]),
        ("unverified: D2 (no survey) empty", "DIST-2022",
         [("D1", R, "present"), ("D2", R, ""), ("D-ACT", R, "present"), ("D3", R, "present")]),
        ("dropped: D2 absent", "DIST-2022",
         [("D1", R, "partial"), ("D2", R, "absent"), ("D-ACT", R, "present"),
          ("D3", R, "present")]),
        ("dropped: D-ACT not done", "DIST-2022",
         [("D1", R, "present"), ("D2", R, "present"), ("D-ACT", R, "absent"),
          ("D3", R, "absent")]),
        ("dropped: D1 only", "DIST-2022", [("D1", R, "present")]),
        # MGT-2022 (ended)
        ("unverified: M3 empty", "MGT-2022",
         [("M1", R, "present"), ("M2", R, "present"), ("M3", R, "")]),
        # GOV-2223 (running at the as-of date): started, neither dropped nor unverified
        ("running: G1 done, G2 to come", "GOV-2223",
         [("G1", R, "present"), ("G-ACT", R, ""), ("G2", R, "")]),
        ("running: G1 done, G-ACT absent already", "GOV-2223",
         [("G1", R, "present"), ("G-ACT", R, "absent")]),
        # NUM-2023 (to come): registered, empty attendance, not unrecorded
        ("to come: N1, N2", "NUM-2023", [("N1", R, ""), ("N2", R, "")]),
        # CONF-2022: no mandatory session
        ("no step", "CONF-2022", [("C1", R, "present")]),
    ]
    SCRIPT_COPIES = 3
    session_info = {(x[0], x[1]): x for x in SESSIONS}
    next_i = [len(people)]

    def scripted_person(coop, email_only):
        i = next_i[0]
        next_i[0] += 1
        first, last = rng.choice(FIRST), rng.choice(LAST)
        slug = (first + "." + last).lower()
        for a, b in (("é", "e"), ("è", "e"), ("ü", "u"), ("'", ""), (" ", ""), ("ï", "i")):
            slug = slug.replace(a, b)
        email = "%s.%d@scenario.coop.fr" % (slug, i)
        email = email[0].upper() + email[1:]
        person = {"i": i, "pid": None if email_only else "P%05d" % (i + 1), "email": email,
                  "first": first, "last": last, "coop": coop, "mover": None,
                  "role": rng.choice(ROLES)}
        people.append(person)
        return person

    def scripted_row(person, prog, scode, status, att, coop):
        info = session_info[(prog, scode)]
        hours = ""
        return {"programme": prog, "session": scode, "person": person, "coop": coop,
                "status": status, "att": att, "morning": "", "afternoon": "",
                "hours": hours, "start": d(info[3]), "kind": info[2], "scripted": True}

    for _label, prog, steps in scenarios:
        for copy in range(SCRIPT_COPIES):
            coop = rng.choice(coop_names)
            person = scripted_person(coop, email_only=(copy == 2))
            for scode, status, att in steps:
                reg_rows.append(scripted_row(person, prog, scode, status, att, coop))
    # The same person in two programmes: same cooperative (counts once in it), and
    # another person whose two programmes name two cooperatives (once in each).
    for copy in range(3):
        coop = rng.choice(coop_names)
        person = scripted_person(coop, email_only=(copy == 1))
        for scode in ("S1", "ACTION", "S2"):
            reg_rows.append(scripted_row(person, "FVC-2122", scode, R, "present", coop))
        for scode in ("M1", "M2", "M3"):
            reg_rows.append(scripted_row(person, "MGT-2022", scode, R, "present", coop))
        other = rng.choice([c for c in coop_names if c != coop])
        person = scripted_person(coop, email_only=(copy == 1))
        for scode in ("S1", "ACTION", "S2"):
            reg_rows.append(scripted_row(person, "FVC-2122", scode, R, "present", coop))
        for scode in ("D1", "D2", "D-ACT", "D3"):
            reg_rows.append(scripted_row(person, "DIST-2022", scode, R, "present", other))
    # A cooperative registered only at sessions without questionnaire (D2, D-ACT): listed,
    # not surveyed, so neither suppressed nor a response rate.
    for copy in range(2):
        person = scripted_person(NO_SURVEY_COOP, email_only=False)
        reg_rows.append(scripted_row(person, "DIST-2022", "D2", R, "present", NO_SURVEY_COOP))
        reg_rows.append(scripted_row(person, "DIST-2022", "D-ACT", R,
                                     "present" if copy == 0 else "absent", NO_SURVEY_COOP))

    n_scripted = len(people) - args.participants

    def reg_line(r):
        person = r["person"]
        pid = person["pid"] or ""
        if pid and rng.random() < 0.02:
            pid = rng.choice([" " + pid, pid + " ", " " + pid + " "])
        email = email_variant(rng, person["email"]) if (not pid or rng.random() < 0.9) else ""
        status_tbl = STATUS_FR if rng.random() < 0.2 else STATUS_EN
        status = rng.choice(status_tbl[r["status"]])
        att = ""
        if r["att"]:
            att = rng.choice((ATT_FR if rng.random() < 0.2 else ATT_EN)[r["att"]])
        morning = rng.choice(HALF[r["morning"]]) if r["morning"] else ""
        afternoon = rng.choice(HALF[r["afternoon"]]) if r["afternoon"] else ""
        reg_at = ""
        if rng.random() < 0.85:
            reg_at = fmt_date(rng, r["start"] - dt.timedelta(days=rng.randint(5, 90)))
        role = person["role"]
        if args.role_changes > 0:
            if "role_changer" not in person:
                person["role_changer"] = role_rng.random() < args.role_changes
                person["role2"] = role_rng.choice([x for x in ROLES if x != role])
            if person["role_changer"] and role_rng.random() < 0.5:
                role = person["role2"]
        return [r["programme"], r["session"], pid, email, person["last"], person["first"],
                r["coop"], role, status, reg_at, att, r["hours"], morning, afternoon]

    base = [reg_line(r) for r in reg_rows]
    n_random = sum(1 for r in reg_rows if not r.get("scripted"))
    keyed = []
    for i, line in enumerate(base):
        if reg_rows[i].get("scripted"):
            keyed.append((rng.uniform(0, n_random), line))
        else:
            keyed.append((float(i), line))
    n = len(base)
    # duplicates: a later copy of the same triple, often changed (the later wins)
    for i, r in enumerate(reg_rows):
        if r.get("scripted"):
            continue
        if rng.random() < 0.025:
            r2 = dict(r)
            change = rng.random()
            if change < 0.3:
                r2["status"] = "cancelled"
                r2["att"], r2["morning"], r2["afternoon"], r2["hours"] = "", "", "", ""
            elif change < 0.6 and r["status"] == "registered" and r["start"] <= as_of \
                    and r["kind"] != "action":
                r2["att"] = rng.choice(["present", "absent", "partial"])
                r2["morning"] = r2["afternoon"] = ""
                r2["hours"] = ""
            keyed.append((rng.uniform(i + 0.5, n + 0.5), reg_line(r2)))
    # bad rows (~1%), fresh participants so that they share no triple with good rows
    bad_kinds = ["unknown_session", "unknown_programme", "bad_date", "bad_date2",
                 "bad_hours", "negative_hours", "bad_status", "no_identifier",
                 "bad_attendance", "bad_half"]
    n_bad = max(len(bad_kinds), n // 100)
    for b in range(n_bad):
        kind = bad_kinds[b % len(bad_kinds)]
        p, scode = rng.choice([(s[0], s[1]) for s in SESSIONS])
        coop = rng.choice(coop_names)
        line = [p, scode, "BAD%04d" % b, "bad%04d@example.org" % b, "Erreur", "Ligne", coop,
                "Salarié", "registered", "2022-01-15", "present", "", "", ""]
        if kind == "unknown_session":
            line[1] = "S9"
        elif kind == "unknown_programme":
            line[0] = "XYZ-99"
        elif kind == "bad_date":
            line[9] = rng.choice(["31/02/2022", "2022-02-30", "2022-13-01"])
        elif kind == "bad_date2":
            line[9] = rng.choice(["hier", "15 mars 2022", "2022/03/15"])
        elif kind == "bad_hours":
            line[11] = rng.choice(["deux", "3h30", "7 h"])
        elif kind == "negative_hours":
            line[11] = "-1"
        elif kind == "bad_status":
            line[8] = rng.choice(["peut-être", "confirmed?"])
        elif kind == "no_identifier":
            line[2], line[3] = "", ""
        elif kind == "bad_attendance":
            line[10] = "maybe"
        elif kind == "bad_half":
            line[12] = "oui"
        keyed.append((rng.uniform(0, n), line))
    keyed.sort(key=lambda t: t[0])

    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    w.writerow(REG_HEADER)
    for _, line in keyed:
        w.writerow(line)
    with open(os.path.join(args.out, "registrations.csv"), "w", encoding="utf-8-sig",
              newline="") as f:
        f.write(buf.getvalue())
    n_reg_lines = len(keyed)

    # ------------------------------------------------------------------ evaluations
    nobj = {(s[0], s[1]): s[7] for s in SESSIONS}
    ends = {(s[0], s[1]): d(s[4]) for s in SESSIONS}
    surveyed = {(s[0], s[1]): s[8] for s in SESSIONS}
    evals = []
    rid = 0
    person_email = {}   # id(response line) -> the respondent's e-mail, when keyed by id

    def new_response(prog, scode, person, anonymous, own_coop):
        nonlocal rid
        rid += 1
        end = ends[(prog, scode)]
        resp_id = "R%06d" % rid if rng.random() < 0.9 else ""
        submitted = fmt_date(rng, end + dt.timedelta(days=rng.randint(0, 10))) \
            if rng.random() < 0.9 else ""
        pid = email = ""
        if person is not None and not anonymous:
            if person["pid"]:
                pid = person["pid"]
                if rng.random() < 0.5:
                    email = email_variant(rng, person["email"])
            else:
                email = email_variant(rng, person["email"])
        k = nobj[(prog, scode)]
        objs = []
        for j in range(1, 4):
            if j <= k:
                objs.append(scale_answer(rng, p_empty=0.06, p_label=0.15))
            elif j == k + 1 and k > 0 and rng.random() < 0.08:
                objs.append(scale_answer(rng, p_empty=0.0, p_label=0.0))  # undescribed
            else:
                objs.append("")
        all_empty = rng.random() < 0.01
        qs = ["" if all_empty else scale_answer(rng) for _ in range(5)]
        comment = rng.choice(COMMENTS) if rng.random() < 0.4 else ""
        line = [prog, scode, resp_id, submitted, pid, email, own_coop] + qs + objs + \
            [recommend_answer(rng), comment]
        if pid:
            person_email[id(line)] = person["email"]
        return line

    for r in reg_rows:
        key = (r["programme"], r["session"])
        if not surveyed[key] or r["status"] != "registered" or ends[key] > as_of:
            continue
        if r["att"] not in ("present", "partial") and not r["morning"] and not r["afternoon"]:
            continue
        if r["morning"] == "absent" and r["afternoon"] in ("absent", ""):
            continue
        if rng.random() > 0.72:
            continue
        if key == TINY_SESSION and sum(1 for e in evals if (e[0], e[1]) == key) >= 2:
            continue
        person = r["person"]
        anonymous = rng.random() < 0.18
        if anonymous:
            own = person["coop"] if rng.random() < 0.6 else ""
        else:
            x = rng.random()
            own = person["coop"] if x < 0.5 else (rng.choice(coop_names) if x < 0.6 else "")
        evals.append(new_response(r["programme"], r["session"], person, anonymous, own))
    # the over-full session: anonymous extra responses beyond the present count
    present_a3 = sum(1 for r in reg_rows if (r["programme"], r["session"]) == OVERFULL_SESSION
                     and r["status"] == "registered" and r["att"] in ("present", "partial"))
    for _ in range(present_a3 + 3):
        evals.append(new_response(OVERFULL_SESSION[0], OVERFULL_SESSION[1], None, True,
                                  rng.choice(coop_names + [""])))
    # people who are not registered at all (identified, but unknown): own cooperative column
    for j in range(25):
        prog, scode = rng.choice([("FVC-2122", "S1"), ("MGT-2022", "M1"), ("GOV-2223", "G1")])
        ghost = {"pid": "EXT%04d" % j, "email": "externe%d@partenaire.fr" % j}
        # exactly 2 responses for the evaluation-only cooperative: a suppressed cooperative
        own = EVAL_ONLY_COOP if j < 2 else (rng.choice(coop_names) if j % 2 == 0 else "")
        evals.append(new_response(prog, scode, ghost, False, own))
    rng.shuffle(evals)

    keyed = [(float(i), line) for i, line in enumerate(evals)]
    n = len(evals)

    # identified respondents answering the same session twice (v2): one survives, the
    # later submitted_at when both have one and they differ (wall-clock), else the row
    # later in the file. Most pairs carry no response_id at all.
    def again_answers(line):
        second = list(line)
        second[7:12] = [scale_answer(rng) for _ in range(5)]
        second[15] = recommend_answer(rng)
        second[16] = rng.choice(COMMENTS) if rng.random() < 0.3 else ""
        if second[4]:
            if rng.random() < 0.2:
                second[4] = " " + second[4] + " "     # same key once trimmed
        else:
            second[5] = email_variant(rng, second[5].strip())
        return second

    pair_types = ["later_ts_later_row", "later_ts_earlier_row", "equal_ts",
                  "equal_wall_clock_formats", "first_missing_ts", "second_missing_ts",
                  "both_missing_ts", "offset_wall_clock", "date_only_vs_time",
                  "distinct_ids", "pid_vs_email_key", "triple_distinct_ts"]
    candidates = [i for i, line in enumerate(evals)
                  if (line[4] or line[5]) and (line[0], line[1]) != TINY_SESSION
                  and line[6] != EVAL_ONLY_COOP]   # keep those two traps' counts
    chosen = rng.sample(candidates, min(len(candidates), max(3 * len(pair_types), n // 25)))
    chosen.sort()
    n_pairs = 0
    for k, i in enumerate(chosen):
        t = pair_types[k % len(pair_types)]
        orig = evals[i]
        if t == "pid_vs_email_key" and id(orig) not in person_email:
            t = "both_missing_ts"
        day = ends[(orig[0], orig[1])] + dt.timedelta(days=rng.randint(0, 6))
        iso, fr = day.isoformat(), day.strftime("%d/%m/%Y")
        second = again_answers(orig)
        orig[2] = second[2] = ""
        third = None
        if t == "later_ts_later_row":
            orig[3], second[3] = fr + " 10:15", iso + "T16:40:00"
        elif t == "later_ts_earlier_row":
            if k % 2 == 0:
                orig[3], second[3] = fr + " 18:20", iso + "T09:05:00"
            else:
                later = day + dt.timedelta(days=2)
                orig[3], second[3] = later.isoformat(), fr + " 23:59"
        elif t == "equal_ts":
            orig[3] = second[3] = fr + " 14:05"
        elif t == "equal_wall_clock_formats":
            if k % 2 == 0:
                orig[3], second[3] = fr + " 14:05", iso + "T14:05:00+02:00"
            else:
                orig[3], second[3] = iso, fr + " 00:00"
        elif t == "first_missing_ts":
            orig[3], second[3] = "", fr + " 09:00"
        elif t == "second_missing_ts":
            orig[3], second[3] = fr + " 09:00", ""
        elif t == "both_missing_ts":
            orig[3] = second[3] = ""
        elif t == "offset_wall_clock":
            # wall-clock: 14:05 beats 13:30 (as instants 12:05Z would lose to 13:30Z)
            orig[3], second[3] = iso + "T14:05:00+02:00", iso + "T13:30:00Z"
        elif t == "date_only_vs_time":
            orig[3], second[3] = fr + " 09:00", iso
        elif t == "distinct_ids":
            orig[2], second[2] = "RP%04d" % k, "RQ%04d" % k
            orig[3], second[3] = iso + "T17:00:00", fr + " 08:00"
        elif t == "pid_vs_email_key":
            # one row keyed by participant_id, the other by e-mail only: two respondents
            second[4] = ""
            second[5] = email_variant(rng, person_email[id(orig)])
            orig[3], second[3] = fr + " 10:00", fr + " 11:00"
        elif t == "triple_distinct_ts":
            third = again_answers(orig)
            orig[3], second[3], third[3] = fr + " 12:00", iso + "T15:00:00", fr + " 11:00"
            third[2] = ""
        pos2 = rng.uniform(i + 0.5, n + 0.5)
        keyed.append((pos2, second))
        if third is not None:
            keyed.append((rng.uniform(pos2, n + 0.75), third))
        n_pairs += 1

    # repeated response ids later in the file (same session, new answers): later wins
    for i, line in enumerate(evals):
        if line[2] and rng.random() < 0.02:
            again = list(line)
            again[7:12] = [scale_answer(rng) for _ in range(5)]
            again[15] = recommend_answer(rng)
            keyed.append((rng.uniform(i + 0.5, n + 0.5), again))
    bad_eval = ["unknown_session", "unknown_programme", "score9", "score45", "bad_date",
                "recommend11", "objective0", "bad_label", "bad_date2", "recommend_text",
                "no_survey_action", "no_survey_remote", "no_survey_classroom",
                "no_survey_action_identified", "no_survey_and_score9"]
    n_bad = max(len(bad_eval), n // 100)
    for b in range(n_bad):
        kind = bad_eval[b % len(bad_eval)]
        prog, scode = rng.choice([("FVC-2122", "S1"), ("MGT-2022", "M2"), ("GOV-2223", "G1"),
                                  ("ACC-2021", "A1")])
        line = [prog, scode, "RB%04d" % b, "2022-06-30", "", "", rng.choice(coop_names),
                "4", "4", "5", "3", "4", "4", "", "", "8", "ligne à rejeter"]
        if kind == "unknown_session":
            line[1] = "S9"
        elif kind == "unknown_programme":
            line[0] = "FVC-9999"
        elif kind == "score9":
            line[7] = "9"
        elif kind == "score45":
            line[8] = "4.5"
        elif kind == "bad_date":
            line[3] = rng.choice(["2022-02-30", "31/04/2022", "30/06/2022 25:10"])
        elif kind == "bad_date2":
            line[3] = rng.choice(["demain", "06-30-2022"])
        elif kind == "recommend11":
            line[15] = "11"
        elif kind == "objective0":
            line[13] = "0"
        elif kind == "bad_label":
            line[9] = "Excellent"
        elif kind == "recommend_text":
            line[15] = "dix"
        # v2: a response to a session without questionnaire is rejected (column session)
        elif kind == "no_survey_action":
            line[0], line[1] = rng.choice([("FVC-2122", "ACTION"), ("GOV-2223", "G-ACT"),
                                           ("DIST-2022", "D-ACT")])
        elif kind == "no_survey_remote":
            line[0], line[1] = "DIST-2022", "D2"
        elif kind == "no_survey_classroom":
            line[0], line[1] = "DIST-2022", "D0"
        elif kind == "no_survey_action_identified":
            line[0], line[1] = "FVC-2122", "ACTION"
            line[4], line[5] = "NOQ%04d" % b, "sans.questionnaire%d@example.org" % b
            line[3] = ""
        elif kind == "no_survey_and_score9":
            line[0], line[1] = "DIST-2022", "D2"
            line[7] = "9"
        keyed.append((rng.uniform(0, n), line))
    keyed.sort(key=lambda t: t[0])

    buf = io.StringIO()
    w = csv.writer(buf, delimiter=",", lineterminator="\n")
    w.writerow(EVAL_HEADER)
    for _, line in keyed:
        w.writerow(line)
    with open(os.path.join(args.out, "evaluations.csv"), "w", encoding="utf-8", newline="") as f:
        f.write(buf.getvalue())

    print("wrote %s: catalogue (%d sessions), registrations %d rows, evaluations %d rows "
          "(%d scripted people, %d same-respondent repeats)"
          % (args.out, len(SESSIONS), n_reg_lines, len(keyed), n_scripted, n_pairs))


if __name__ == "__main__":
    main()
