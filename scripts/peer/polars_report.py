#!/usr/bin/env python3
"""The benchmark's peer (issue 24): the aggregate report as a data team would write it
with polars and XlsxWriter, to time CoopReport's `report` against it.

Usage:
  polars_report.py --catalogue C --registrations R --evaluations E --out OUT.xlsx --as-of YYYY-MM-DD

It reads the two CSVs of `coopreport generate` with polars (every core), computes per
session, programme, cooperative and month, and overall, the figures of metrics.md that a
straightforward reading gives — registered, cancelled, waitlisted, present, absent,
unrecorded, attendance rate, hours trained, distinct participants, responses, response
rate, mean and satisfied share of each question, objectives met, NPS — and writes them
with XlsxWriter (`DataFrame.write_excel`), one sheet each, plus Satisfaction (session ×
question), Commentaires (every comment with its session and cooperative) and Alertes: each
registration to a session whose participant did not attend every session it requires
(metrics.md: « each is listed »), with its line and the message CoopReport writes — the
same count as CoopReport's `prerequisite_violations` (checked by the benchmark's reader,
printed here). `--without-prerequisites` leaves Alertes out: the peer of the benchmarks
before 2026-12-07, which wrote about half the workbook's rows.

What it leaves out, so that it is a floor for the peer rather than a copy of the tool:
row validation and rejects, the answer maps of a job, journeys, complementary
suppression, data-quality alerts, metrics.json, the Synthèse and Méthode sheets. Its
figures are close to CoopReport's on the generated data, not checked against them
(scripts/crosscheck/recompute.py is the independent check).
"""

import argparse
import datetime as dt
import sys

import polars as pl
import xlsxwriter
import yaml

SATISFIED_FROM = 4
QUESTIONS = ["overall", "content", "trainers", "organisation", "venue"]
LABELS = {
    "très satisfait": "5", "satisfait": "4", "moyennement satisfait": "3",
    "peu satisfait": "2", "pas du tout satisfait": "1",
}
STATUS = {"registered": "registered", "inscrit": "registered", "cancelled": "cancelled",
          "annulé": "cancelled", "waitlisted": "waitlisted", "liste d'attente": "waitlisted"}
ATTENDANCE = {"present": "present", "présent": "present", "partial": "partial",
              "partiel": "partial", "absent": "absent"}


def catalogue_frame(path):
    with open(path, encoding="utf-8") as f:
        catalogue = yaml.safe_load(f)
    rows = []
    for p in catalogue["programmes"]:
        for s in p["sessions"]:
            kind = s.get("kind", "classroom")
            start = s["start"] if isinstance(s["start"], dt.date) else dt.date.fromisoformat(str(s["start"]))
            rows.append({
                "programme": p["code"], "session": s["code"], "kind": kind, "start": start,
                "end": start, "hours": float(s.get("hours") or 0), "capacity": s.get("capacity"),
                "survey": s.get("survey", kind != "action"),
                "requires": [str(code) for code in (s.get("requires") or [])],
            })
    return pl.DataFrame(rows).with_columns(pl.col("capacity").cast(pl.Int64))


def answer(column):
    """A point of the scale from digits or a label, null when empty."""
    text = pl.col(column).str.strip_chars().str.to_lowercase()
    return text.replace(LABELS).cast(pl.Int64, strict=False).alias(column)


def figures(regs, resps, keys):
    """The figures of each group of `keys`, from the registrations and responses attributed to it."""
    r = regs.group_by(keys).agg(
        registered=(pl.col("status") == "registered").sum(),
        cancelled=(pl.col("status") == "cancelled").sum(),
        waitlisted=(pl.col("status") == "waitlisted").sum(),
        present=pl.col("present").sum(),
        absent=pl.col("absent").sum(),
        unrecorded=pl.col("unrecorded").sum(),
        present_surveyed=(pl.col("present") & pl.col("survey")).sum(),
        hours_trainee=pl.col("hours_trainee").sum(),
        participants=pl.col("person").filter(pl.col("status") == "registered").n_unique(),
    )
    q = resps.group_by(keys).agg(
        [pl.len().alias("responses")]
        + [pl.col(c).mean().alias(f"mean_{c}") for c in QUESTIONS]
        + [(pl.col(c) >= SATISFIED_FROM).mean().alias(f"satisfied_{c}") for c in QUESTIONS]
        + [
            (pl.concat_list([pl.col(c) >= SATISFIED_FROM for c in ("objective_1", "objective_2", "objective_3")])
             .list.drop_nulls().list.sum().sum()
             / pl.concat_list([pl.col(c) for c in ("objective_1", "objective_2", "objective_3")])
             .list.drop_nulls().list.len().sum()).alias("objectives_met_rate"),
            (100 * ((pl.col("recommend") >= 9).cast(pl.Int64).sum() - (pl.col("recommend") <= 6).cast(pl.Int64).sum())
             / pl.col("recommend").count()).alias("nps"),
        ]
    )
    out = r.join(q, on=keys, how="full", coalesce=True).with_columns(
        attendance_rate=pl.col("present") / (pl.col("present") + pl.col("absent")),
        response_rate=pl.col("responses") / pl.col("present_surveyed"),
        satisfaction_rate=pl.col("satisfied_overall"),
    ).with_columns(pl.col(pl.Float64).fill_nan(None))  # a rate over 0 is empty
    return out.sort(keys) if keys else out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--catalogue", required=True)
    parser.add_argument("--registrations", required=True)
    parser.add_argument("--evaluations", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--as-of", required=True)
    parser.add_argument("--without-prerequisites", action="store_true", help="no Alertes sheet (the earlier peer)")
    args = parser.parse_args()
    as_of = dt.date.fromisoformat(args.as_of)
    sessions = catalogue_frame(args.catalogue)

    regs = (
        pl.scan_csv(args.registrations, separator=";", infer_schema=False, encoding="utf8-lossy")
        .rename(lambda name: name.lstrip("\ufeff"))
        .with_row_index("line", offset=2)  # the header is line 1 (the generated files quote no newline)
        .with_columns(
            pl.col("status").str.strip_chars().str.to_lowercase().replace(STATUS),
            pl.col("attendance").str.strip_chars().str.to_lowercase().replace(ATTENDANCE),
            pl.col("morning").str.strip_chars().str.to_lowercase().replace(ATTENDANCE),
            pl.col("afternoon").str.strip_chars().str.to_lowercase().replace(ATTENDANCE),
            pl.col("hours_attended").str.replace(",", ".", literal=True).cast(pl.Float64, strict=False),
            person=pl.coalesce(pl.col("participant_id"), pl.col("email").str.strip_chars().str.to_lowercase()),
        )
        .with_columns(
            # Half-days decide when either is given: both present is present, one is partial.
            attendance=pl.when(pl.col("morning").is_not_null() | pl.col("afternoon").is_not_null())
            .then(pl.when((pl.col("morning") == "present") & (pl.col("afternoon") == "present")).then(pl.lit("present"))
                  .when((pl.col("morning") == "present") | (pl.col("afternoon") == "present")).then(pl.lit("partial"))
                  .otherwise(pl.lit("absent")))
            .otherwise(pl.col("attendance")),
        )
        .unique(["programme", "session", "person"], keep="last", maintain_order=True)
        .join(sessions.drop("requires").lazy(), on=["programme", "session"], how="inner")
        .with_columns(
            taught=pl.col("kind") != "action",
            done=pl.col("attendance").is_in(["present", "partial"]),
            registered_row=pl.col("status") == "registered",
            month=pl.col("start").dt.strftime("%Y-%m"),
        )
        .with_columns(
            present=pl.col("registered_row") & pl.col("taught") & pl.col("done"),
            absent=pl.col("registered_row") & pl.col("taught") & (pl.col("attendance") == "absent"),
            unrecorded=pl.col("registered_row") & pl.col("taught") & pl.col("attendance").is_null()
            & (pl.col("end") <= as_of),
            hours_trainee=pl.when(~pl.col("registered_row")).then(0.0)
            .when(pl.col("hours_attended").is_not_null() & (pl.col("hours_attended") <= pl.col("hours")))
            .then(pl.col("hours_attended"))
            .when(pl.col("attendance") == "present").then(pl.col("hours"))
            .when(pl.col("attendance") == "partial").then(pl.col("hours") / 2)
            .otherwise(0.0),
        )
    )
    resps = (
        pl.scan_csv(args.evaluations, separator=",", infer_schema=False, encoding="utf8-lossy")
        .with_columns(
            [answer(c) for c in QUESTIONS + ["objective_1", "objective_2", "objective_3"]]
            + [pl.col("recommend").cast(pl.Int64, strict=False),
               pl.col("submitted_at").str.to_datetime("%Y-%m-%dT%H:%M:%S", strict=False),
               pl.col("email").str.strip_chars().str.to_lowercase()]
        )
        .filter(pl.col("submitted_at").dt.date() <= as_of)
        .unique(["response_id"], keep="last", maintain_order=True)
        .with_columns(person=pl.coalesce(pl.col("participant_id"), pl.col("email")))
        .join(sessions.drop("requires").lazy(), on=["programme", "session"], how="inner")
        .with_columns(month=pl.col("start").dt.strftime("%Y-%m"))
    )
    regs, resps = pl.collect_all([regs, resps])
    # An identified respondent's later response to a session counts, the earlier one not.
    resps = pl.concat([
        resps.filter(pl.col("person").is_null()),
        resps.filter(pl.col("person").is_not_null()).sort("submitted_at", maintain_order=True)
        .unique(["programme", "session", "person"], keep="last", maintain_order=True),
    ])
    # A response's cooperative: its respondent's last registration in the programme, else its own.
    attributed = regs.unique(["programme", "person"], keep="last").select("programme", "person",
                                                                            pl.col("cooperative").alias("registered_coop"))
    resps = resps.join(attributed, on=["programme", "person"], how="left").with_columns(
        cooperative=pl.coalesce(pl.col("registered_coop"), pl.col("cooperative"), pl.lit("Non renseignée")))

    sheets = {
        "Sessions": figures(regs, resps, ["programme", "session"]),
        "Programmes": figures(regs, resps, ["programme"]),
        "Coopératives": figures(regs, resps, ["cooperative"]),
        "Mois": figures(regs, resps, ["month"]),
        "Ensemble": figures(regs.with_columns(all=pl.lit("ensemble")), resps.with_columns(all=pl.lit("ensemble")), ["all"]),
    }
    satisfaction = (
        resps.unpivot(index=["programme", "session"], on=QUESTIONS, variable_name="question", value_name="answer")
        .drop_nulls("answer")
        .group_by(["programme", "session", "question"])
        .agg(n=pl.len(), mean=pl.col("answer").mean(), satisfied=(pl.col("answer") >= SATISFIED_FROM).mean(),
             **{f"a{k}": (pl.col("answer") == k).sum() for k in range(1, 6)})
        .sort(["programme", "session", "question"])
    )
    comments = resps.filter(pl.col("comment").str.strip_chars().str.len_chars() > 0).select(
        "programme", "session", "cooperative", "submitted_at", "comment")

    alerts = None if args.without_prerequisites else prerequisite_alerts(regs, sessions, args.registrations)

    with xlsxwriter.Workbook(args.out, {"strings_to_formulas": False}) as workbook:
        for name, frame in sheets.items():
            frame.write_excel(workbook=workbook, worksheet=name, autofit=False)
        satisfaction.write_excel(workbook=workbook, worksheet="Satisfaction", autofit=False)
        comments.write_excel(workbook=workbook, worksheet="Commentaires", autofit=False)
        if alerts is not None:
            alerts.write_excel(workbook=workbook, worksheet="Alertes", autofit=False)
    overall = sheets["Ensemble"].row(0, named=True)
    shown = ", ".join(f"{k} {overall[k]}" for k in ("registered", "present", "absent", "attendance_rate", "hours_trainee",
                                                     "participants", "responses", "response_rate", "satisfaction_rate", "nps"))
    listed = "" if alerts is None else f", {len(alerts)} prérequis non respectés"
    print(f"{args.out}: {len(regs)} inscriptions, {len(resps)} réponses, {len(comments)} commentaires{listed}; ensemble : {shown}",
          file=sys.stderr)


def prerequisite_alerts(regs, sessions, path):
    """One row per registered registration to a session with `requires` whose participant was
    not present (present or partial) at every required session of the programme, in file
    order, with CoopReport's message."""
    required = sessions.select("programme", "session", "requires").explode("requires").drop_nulls("requires")
    done = regs.filter(pl.col("registered_row") & pl.col("done")).select(
        "programme", pl.col("session").alias("requires"), "person").unique()
    missing = (
        regs.filter(pl.col("registered_row"))
        .join(required, on=["programme", "session"], how="inner")
        .join(done, on=["programme", "requires", "person"], how="anti")
        .group_by("line", maintain_order=True)
        .agg(pl.first("programme", "session", "person", "cooperative"), pl.col("requires").str.join(", "))
        .sort("line")
    )
    who = pl.when(pl.col("participant_id_given")).then(pl.col("person")).otherwise(pl.lit("(identifié par courriel)"))
    return missing.with_columns(participant_id_given=pl.col("person").str.contains("@").not_()).select(
        pl.lit(path.rsplit("/", 1)[-1]).alias("Fichier"),
        pl.col("line").alias("Ligne"),
        pl.lit("session").alias("Colonne"),
        pl.concat_str(
            pl.lit("prérequis non respecté : "), who,
            pl.when(pl.col("cooperative").fill_null("") != "").then(pl.concat_str(pl.lit(" ("), pl.col("cooperative"), pl.lit(")")))
            .otherwise(pl.lit("")),
            pl.lit(" inscrit à "), pl.col("programme"), pl.lit("/"), pl.col("session"),
            pl.lit(" sans avoir suivi "), pl.col("requires"),
        ).alias("Message"),
    )


if __name__ == "__main__":
    main()
