import Foundation
import Testing

@testable import CoopReport

/// The cold evaluations on the SmallRun inputs, read back from the workbook, metrics.json
/// and rejects.csv. By hand:
/// - present: A 2 (p1 present, p3 partial; p2 absent), B 2 (p1, p2);
/// - à chaud (SmallRun.evaluations): A has 3 responses, objective 1 answered by p1 (4, met)
///   and p3 (2): n 2, met 1 → 50 %; B's only response (line 5) is rejected: 0 responses;
/// - à froid (`cold` below): line 2 (p1 at A) is replaced by p1's later line 4; line 6 is
///   rejected (6 is off the 1–5 scale). A: p3 and p1, 2 responses → rate 2 / 2 = 100 %;
///   objective 1: answers 2 and 3, none ≥ 4 → 0 / 2 = 0 %, gap 0 − 50 % = −50 points;
///   objective 2 (not in the catalogue): p3's 4 → 1 / 1 = 100 %; A applied 1 / 3.
///   B: p2 only, 1 response → rate 1 / 2 = 50 %, objective 1: 4 → applied 1 / 1.
/// - overall: 3 cold responses / 4 present (A 2 + B 2) = 75 %; applied (1 + 1) / (3 + 1) = 50 %.
/// All as of 30/06/2022, after the last cold answer.
@Suite("Cold evaluations")
struct ColdEvaluationsTests {
    /// French headers, no mapping: identifiant, date de réponse, « Objectif 1 ».
    static let cold =
        "formation,session,identifiant,date de réponse,objectif 1,objectif 2,commentaire\n"
        + "P,A,p1,2022-04-10,5,,Appliqué dans ma coopérative\n"
        + "P,A,p3,2022-04-12,2,4,\n"
        + "P,A,p1,2022-04-20,3,,Finalement peu appliqué\n"
        + "P,B,p2,2022-05-10,4,,\n"
        + "P,A,p2,2022-04-11,6,,\n"

    static var options: ReportOptions { EvidenceReportTests.options }
    /// After every cold answer above (a report arrêté at 01/03/2022 would count none of them).
    static let asOf = Fixtures.day("2022-06-30")

    func coldJSON(_ run: SmallRun) throws -> [String: Any] {
        try #require(try run.metricsJSON()["cold"] as? [String: Any])
    }

    func number(_ value: Any?) -> Double? { MetricsJSONTests.number(value) }

    @Test("per objective, the share met à chaud beside the share applied à froid, and the cold response rate")
    func figures() throws {
        let run = try SmallRun(minGroupSize: 2, options: Self.options, cold: Self.cold, asOf: Self.asOf)
        let cold = try #require(run.outcome.document.cold)
        #expect(cold.sessions.map(\.session.code) == ["A", "B"])
        let a = cold.sessions[0]
        #expect(a.present == 2 && a.responses == 2)
        #expect(
            a.objectives == [
                ColdReport.Objective(number: 1, wording: "Savoir faire A", hotN: 2, hotMet: 1, coldN: 2, coldApplied: 0),
                ColdReport.Objective(number: 2, wording: nil, hotN: 0, hotMet: 0, coldN: 1, coldApplied: 1),
            ])
        #expect(a.responseRate.value == 1)
        #expect(a.appliedRate.numerator == 1 && a.appliedRate.denominator == 3)
        let b = cold.sessions[1]
        #expect(b.present == 2 && b.responses == 1 && b.coldSuppressed)
        #expect(b.hotHidden)  // B's only hot response was rejected
        #expect(cold.responseRate.numerator == 3 && cold.responseRate.denominator == 4)
        #expect(cold.appliedRate.value == 0.5)

        let json = try coldJSON(run)
        #expect(number(json["cold_responses"]) == 3)
        #expect(number(json["cold_response_rate"]) == 0.75)
        #expect(number(json["cold_response_rate_numerator"]) == 3 && number(json["cold_response_rate_denominator"]) == 4)
        #expect(number(json["cold_objectives_applied_rate"]) == 0.5)
        #expect(number(json["cold_objectives_applied_rate_numerator"]) == 2)
        #expect(number(json["cold_objectives_applied_rate_denominator"]) == 4)
        #expect(number(json["rejected"]) == 1)
        let sessions = try #require(json["sessions"] as? [[String: Any]])
        let objectives = try #require(sessions.first?["objectives"] as? [[String: Any]])
        #expect(number(objectives[0]["hot_met_rate"]) == 0.5 && number(objectives[0]["cold_applied_rate"]) == 0)
        // B: 1 cold response under min_group_size 2: the share and its numerator are null, the counts stay.
        #expect(sessions[1]["cold_objectives_applied_rate"] is NSNull && sessions[1]["cold_objectives_applied_rate_numerator"] is NSNull)
        #expect(number(sessions[1]["cold_objectives_applied_rate_denominator"]) == 1)
        #expect(number(sessions[1]["cold_response_rate"]) == 0.5)
    }

    @Test("the À froid sheet shows both shares, the gap, the rates, and hides small groups")
    func sheet() throws {
        let x = try SmallRun(minGroupSize: 2, options: Self.options, cold: Self.cold, asOf: Self.asOf).workbook()
        let grid = x.grid(ColdSheet.name)
        /// An objective row (its wording in column 3).
        func row(_ first: String, _ second: String, _ third: Double) -> [XLSXReader.StoredCell?] {
            grid.first {
                $0.count > 7 && $0[0]?.value == first && $0[1]?.value == second && $0[2]?.number == third && $0[3]?.isText == true
            }
                ?? []
        }
        // Objective rows: programme, session, n°, wording, hot n, hot share, cold n, cold share, gap.
        let a1 = row("P", "A", 1)
        #expect(a1.count == 9)
        #expect(a1[3]?.value == "Savoir faire A")
        #expect(a1[4]?.number == 2 && a1[5]?.number == 0.5 && a1[6]?.number == 2 && a1[7]?.number == 0)
        #expect(a1[8]?.number == -0.5)
        let a2 = row("P", "A", 2)
        #expect(a2[3]?.value == "(objectif 2 non décrit au catalogue)" && a2[7]?.number == 1)
        let b1 = grid.first { $0.count > 7 && $0[1]?.value == "B" && $0[2]?.number == 1 && $0[3]?.isText == true } ?? []
        #expect(b1[5]?.value == "sans réponse" && b1[6]?.number == 1 && b1[7]?.value == "masqué (< 2 réponses)")
        // Rate rows: programme, session, (empty), title, present, cold responses, rate, first and last answer.
        let rates = try #require(grid.first { $0.count > 8 && $0[1]?.value == "A" && $0[3]?.value == "Session A" })
        #expect(rates[4]?.number == 2 && rates[5]?.number == 2 && rates[6]?.number == 1)
        #expect(rates[7]?.number == Fixtures.day("2022-04-12").excelSerial && rates[8]?.number == Fixtures.day("2022-04-20").excelSerial)
        let overall = try #require(grid.first { $0.first??.value == "Ensemble" })
        #expect(overall[4]?.number == 4 && overall[5]?.number == 3 && overall[6]?.number == 0.75)
        #expect(x.charts.count >= 1)
    }

    @Test("with min_group_size 3 every session's cold shares are hidden, counts shown; the overall share is not")
    func suppression() throws {
        let run = try SmallRun(options: Self.options, cold: Self.cold, asOf: Self.asOf)
        let grid = try run.workbook().grid(ColdSheet.name)
        let a1 = try #require(grid.first { $0.count > 7 && $0[1]?.value == "A" && $0[2]?.number == 1 && $0[3]?.isText == true })
        #expect(a1[5]?.number == 0.5)  // à chaud: 3 responses, shown
        #expect(a1[6]?.number == 2 && a1[7]?.value == "masqué (< 3 réponses)")
        #expect(a1.count == 8)  // no gap beside a hidden share
        let json = try coldJSON(run)
        #expect(json["suppressed"] as? Bool == false)  // 3 cold responses overall
        #expect(number(json["cold_objectives_applied_rate"]) == 0.5)
    }

    @Test("a bad cold row is rejected with the role « cold », in Rejets and rejects.csv; the file is in the manifest")
    func rejects() throws {
        let run = try SmallRun(options: Self.options, cold: Self.cold, asOf: Self.asOf)
        let csv = try String(contentsOfFile: run.out + "/rejects.csv", encoding: .utf8)
        let line = try #require(csv.split(separator: "\r\n").first { $0.contains("froid.csv") })
        #expect(line.contains(";cold;6;objective_1;6;"))
        let x = try run.workbook()
        let rejets = x.grid("Rejets").map { $0.map { $0?.value ?? "" }.joined(separator: "|") }.joined(separator: "\n")
        #expect(rejets.contains("« 6 » n'est pas une réponse de l'échelle"))
        let synthese = x.grid("Synthèse").map { $0.map { $0?.value ?? "" }.joined(separator: "|") }.joined(separator: "\n")
        #expect(synthese.contains("évaluations à froid"))
        let manifest = try String(contentsOfFile: run.out + "/manifest.json", encoding: .utf8)
        #expect(manifest.contains("froid.csv") && manifest.contains("\"cold\""))
        // A resubmission is a warning, like the evaluations'.
        #expect(run.outcome.document.warnings.contains { $0.message.contains("a répondu deux fois") && $0.file.hasSuffix("froid.csv") })
    }

    /// As of 15/04/2022: p1's answer of 20/04 and p2's (B) of 10/05 had not been given:
    /// left out, so p1's answer of 10/04 stands (no resubmission then). A: p1 (5) and p3
    /// (2, objective 2: 4) → 2 responses / 2 present, objective 1 applied 1 / 2, objective 2
    /// 1 / 1; B: no cold response (« sans réponse à froid », out of the rate). Overall
    /// 2 / 2 present, applied 2 / 3.
    @Test("cold answers dated after the as-of date are left out of every figure and counted in one alert")
    func afterAsOf() throws {
        let run = try SmallRun(minGroupSize: 2, options: Self.options, cold: Self.cold, asOf: Fixtures.day("2022-04-15"))
        let cold = try #require(run.outcome.document.cold)
        let a = cold.sessions[0]
        #expect(a.responses == 2)
        #expect(a.objectives.map(\.coldN) == [2, 1] && a.objectives.map(\.coldApplied) == [1, 1])
        #expect(cold.sessions[1].responses == 0 && !cold.sessions[1].answered)
        #expect(cold.responseRate.numerator == 2 && cold.responseRate.denominator == 2)
        #expect(cold.appliedRate.numerator == 2 && cold.appliedRate.denominator == 3)
        let json = try coldJSON(run)
        #expect(number(json["cold_responses"]) == 2)
        // No resubmission: at the as-of date p1 had answered once.
        #expect(!run.outcome.document.warnings.contains { $0.message.contains("a répondu deux fois") })
        // One alert for the file, in Alertes and the log's warnings; a count in Synthèse.
        let late = run.outcome.document.warnings.filter { $0.message.contains("après la date d'arrêté") }
        #expect(late.count == 1)
        #expect(late.first?.file.hasSuffix("froid.csv") == true)
        #expect(
            late.first?.message
                == "2 réponses datées après la date d'arrêté (15/04/2022), du 20/04/2022 au 10/05/2022 (P/A, P/B) : laissées hors de tous les chiffres de ce rapport ; un rapport arrêté plus tard les comptera"
        )
        let x = try run.workbook()
        let alertes = x.grid("Alertes").map { $0.map { $0?.value ?? "" }.joined(separator: "|") }.joined(separator: "\n")
        #expect(alertes.contains("2 réponses datées après la date d'arrêté (15/04/2022)"))
        let synthese = x.grid("Synthèse").map { $0.map { $0?.value ?? "" }.joined(separator: "|") }.joined(separator: "\n")
        #expect(synthese.contains("; 2 lignes datées après l'arrêté, hors des chiffres."))
        // Indicateurs dates the cold figures by the answers counted, not by the sessions.
        let grid = x.grid("Indicateurs")
        let dates = try #require(grid.first?.firstIndex { $0?.value == "Dates des données" })
        let row = try #require(grid.first { $0.count > dates && $0[2]?.value == "Objectifs appliqués à froid" })
        #expect(row[dates]?.value == "réponses à froid du 10/04/2022 au 12/04/2022")
        let rate = try #require(grid.first { $0.count > dates && $0[2]?.value == "Taux de réponse à froid" })
        #expect(rate[dates]?.value == "réponses à froid du 10/04/2022 au 12/04/2022\nsessions du 10/01/2022 au 10/02/2022")
    }

    @Test("Indicateurs 11 and 30 show the cold figures of metrics.json, with their parts and N")
    func indicators() throws {
        let run = try SmallRun(minGroupSize: 2, options: Self.options, cold: Self.cold, asOf: Self.asOf)
        let json = try coldJSON(run)
        let grid = try run.workbook().grid("Indicateurs")
        for (label, id) in [
            ("Objectifs appliqués à froid", "cold_objectives_applied_rate"), ("Taux de réponse à froid", "cold_response_rate"),
        ] {
            let row = try #require(grid.first { $0.count > 6 && $0[2]?.value == label }, "\(label)")
            #expect(row[3]?.number == number(json[id]), "\(id)")
            #expect(row[4]?.number == number(json[id + "_numerator"]), "\(id)")
            #expect(row[5]?.number == number(json[id + "_denominator"]), "\(id)")
            #expect(row[6]?.number == number(json[id + "_denominator"]), "\(id)")
            #expect(row[10]?.value == ColdSheet.name)
        }
    }

    @Test("without the input: « non fourni » in the sheet and in Indicateurs, null in metrics.json")
    func notGiven() throws {
        let run = try SmallRun(options: Self.options)
        let x = try run.workbook()
        #expect(x.grid(ColdSheet.name).dropFirst().first?.first??.value.hasPrefix("Questionnaire à froid non fourni") == true)
        let grid = x.grid("Indicateurs")
        let row = try #require(grid.first { $0.count > 3 && $0[2]?.value == "Taux de réponse à froid" })
        #expect(row[3]?.value == "questionnaire à froid non fourni")
        #expect(try run.metricsJSON()["cold"] is NSNull)
        // The standard report has no À froid sheet without the input.
        #expect(!(try SmallRun().workbook().sheetNames.contains(ColdSheet.name)))
    }

    @Test("a job reads inputs.cold with the evaluations' mapping keys")
    func job() throws {
        let job = try JobReader.parse(
            """
            version: 1
            inputs:
              catalogue: c.yml
              registrations: r.csv
              evaluations: e.csv
              cold:
                path: froid.csv
                columns: {"Code participant": participant_id}
                questions:
                  - {header: "Avez-vous mis en œuvre un projet ?", column: applied, label: "Mise en œuvre"}
                answers: {"Tout à fait": 5}
            output: out
            """, path: "/tmp/jobs/j.yml")
        let cold = try #require(job.cold)
        #expect(cold.pattern == "/tmp/jobs/froid.csv")
        #expect(cold.mapping.questions?.map(\.column) == ["applied"])
        #expect(cold.mapping.columns[TextKey.of("Code participant")] == "participant_id")
        #expect(throws: JobError.self) {
            try JobReader.parse(
                "version: 1\ninputs: {catalogue: c.yml, registrations: r.csv, evaluations: e.csv, cold: {path: f.csv, colums: {}}}\noutput: out\n",
                path: "/tmp/j.yml")
        }
    }
}
