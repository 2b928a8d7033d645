import Foundation
import Testing

@testable import CoopReport

/// The Relevé d'assiduité on inputs with half-days, trainers and a venue, read back from
/// the .xlsx. By hand (as of 2022-03-01, every session over):
/// - A (7 h, trainers and venue given): p1 (DURAND) morning present, afternoon absent →
///   two rows, 3.5 h and 0; p2 (MARTIN) « présent » without half-days → one row, 7 h;
///   p3 (PETIT) cancelled and p4 (BLANC) waitlisted → after every registered row.
/// - ACT (the project phase): p1 carried it out, p2 did not → one row each, 0 h.
/// - B (6 h, requires A and ACT; no trainer nor venue): p1 both halves present → 3 + 3;
///   p2 morning present, afternoon empty → 3 and 0, both rows flagged (ACT not done).
/// The Heures column adds up to hours_trainee: 3.5 + 7 + 3 + 3 + 3 = 19.5.
@Suite("Relevé d'assiduité")
struct AttendanceSheetTests {
    static let catalogue = """
        programmes:
          - code: P
            title: "Programme P"
            sessions:
              - {code: A, title: "Session A", start: 2022-01-10, hours: 7, venue: "Salle du Port, 3 quai de la Fosse, 44000 Nantes", trainers: ["Anne Roche", "Marc Lenoir"]}
              - {code: ACT, title: "Projet", kind: action, start: 2022-01-11, end: 2022-02-09, hours: 0, requires: [A]}
              - {code: B, title: "Session B", start: 2022-02-10, hours: 6, requires: [A, ACT]}
        """

    static let registrations =
        "formation;session;identifiant;nom;prénom;courriel;coopérative;statut;présence;matin;après-midi\n"
        + "P;A;p1;Durand;Léa;lea@example.org;Coop Un;inscrit;;présent;absent\n"
        + "P;A;p2;Martin;Paul;paul@example.org;Coop Un;inscrit;présent;;\n"
        + "P;A;p3;Petit;Zoé;zoe@example.org;Coop Deux;annulé;;;\n"
        + "P;A;p4;Blanc;Jean;jean@example.org;Coop Deux;liste d'attente;;;\n"
        + "P;ACT;p1;Durand;Léa;lea@example.org;Coop Un;inscrit;présent;;\n"
        + "P;ACT;p2;Martin;Paul;paul@example.org;Coop Un;inscrit;absent;;\n"
        + "P;B;p1;Durand;Léa;lea@example.org;Coop Un;inscrit;;présent;présent\n"
        + "P;B;p2;Martin;Paul;paul@example.org;Coop Un;inscrit;;présent;\n"

    static let secret = Array("a secret of the test, 32 bytes..".utf8)

    static func run(pseudonymise: Bool = false) throws -> SmallRun {
        var options = ReportOptions()
        options.evidence = true
        options.pseudonymise = pseudonymise
        options.pseudonymKey = pseudonymise ? secret : nil
        return try SmallRun(options: options, catalogue: catalogue, registrations: registrations)
    }

    /// The table's rows as column → text (numbers as written), down to the blank line
    /// above the totals.
    static func rows(_ x: XLSXReader) -> [[String: String]] {
        let grid = x.grid(EvidenceSheets.attendanceName)
        let names = (grid.first ?? []).map { $0?.value ?? "" }
        return grid.dropFirst().prefix { row in row.contains { !($0?.value ?? "").isEmpty } }.map { row in
            var out: [String: String] = [:]
            for (i, name) in names.enumerated() { out[name] = i < row.count ? row[i]?.value ?? "" : "" }
            return out
        }
    }

    func column(_ rows: [[String: String]], _ name: String) -> [String] { rows.map { $0[name] ?? "" } }

    @Test("the columns, in order")
    func headers() throws {
        let x = try Self.run().workbook()
        let header = (x.grid(EvidenceSheets.attendanceName).first ?? []).map { $0?.value ?? "" }
        #expect(header == EvidenceSheets.attendanceHeaders)
        #expect(
            header == [
                "Programme", "Session", "Date", "Demi-journée", "Participant", "Identifiant", "Coopérative", "Statut", "Présence",
                "Heures", "Formateurs", "Lieu", "Prérequis non respectés", "Source", "Émargement vérifié",
            ])
    }

    @Test("each row names its source, the registration's file and line; « Émargement vérifié » is left for the auditor")
    func source() throws {
        let run = try Self.run()
        let r = Self.rows(try run.workbook())
        let file = run.outcome.document.paths.show(run.directory.url.appendingPathComponent("registrations.csv").path)
        // p1 at A (line 2, both halves), p2 at A (3), the project (6, 7), B (8 ×2, 9 ×2), then
        // the waitlisted p4 (5) and the cancelled p3 (4).
        #expect(column(r, "Source") == [2, 2, 3, 6, 7, 8, 8, 9, 9, 5, 4].map { "\(file):\($0)" })
        #expect(column(r, "Émargement vérifié").allSatisfy { $0.isEmpty })
        #expect(r.count == 11)
    }

    /// By hand: A — p1 (half-days: morning present → partial) and p2 present: 2, 3.5 + 0 + 7
    /// = 10.5 h; ACT — p1's project carried out: 1, 0 h; B — p1 (both halves) and p2
    /// (morning): 2, 3 + 3 + 3 + 0 = 9 h. The same as the figures per session.
    @Test("below the rows, each session's total of present and hours, equal to the session's figures")
    func totals() throws {
        let run = try Self.run()
        let grid = try run.workbook().grid(EvidenceSheets.attendanceName)
        let heading = try #require(grid.firstIndex { $0.count > 4 && $0[4]?.value == "Total par session" })
        #expect(grid[heading - 1].allSatisfy { ($0?.value ?? "").isEmpty })  // a blank line under the table
        #expect(grid[heading][8]?.value == "Présents" && grid[heading][9]?.value == "Heures")
        let totals = grid[(heading + 1)...].map { row in
            (row[1]?.value ?? "", row[4]?.value ?? "", row[8]?.number ?? -1, row[9]?.number ?? -1)
        }
        #expect(totals.map(\.0) == ["A", "ACT", "B"])
        #expect(totals.map(\.1) == ["Total de la session", "Total (projets réalisés)", "Total de la session"])
        #expect(totals.map(\.2) == [2, 1, 2])
        #expect(totals.map(\.3) == [10.5, 0, 9])
        let sessions = try #require(try run.metricsJSON()["sessions"] as? [[String: Any]])
        let figures = sessions.map {
            (MetricsJSONTests.number($0["present"]) ?? 0) + (MetricsJSONTests.number($0["projects_done"]) ?? 0)
        }
        #expect(figures == totals.map(\.2))
        #expect(sessions.map { MetricsJSONTests.number($0["hours_trainee"]) } == totals.map(\.3))
    }

    @Test("a registration signed by half-day gives a row per half; one without gives one row; the project one row")
    func halfDays() throws {
        let r = Self.rows(try Self.run().workbook())
        #expect(column(r, "Session") == ["A", "A", "A", "ACT", "ACT", "B", "B", "B", "B", "A", "A"])
        #expect(
            column(r, "Demi-journée") == [
                "matin", "après-midi", "non détaillée", "", "", "matin", "après-midi", "matin", "après-midi", "", "",
            ])
        #expect(
            column(r, "Présence") == [
                "présent", "absent", "présent", "projet réalisé", "projet non réalisé", "présent", "présent", "présent", "non saisi",
                "sans objet", "sans objet",
            ])
        #expect(column(r, "Heures").prefix(9).map { Double($0) } == [3.5, 0, 7, 0, 0, 3, 3, 3, 0])
        // A's date on both of p1's half-days: the session's start (10 January 2022).
        #expect(column(r, "Date").prefix(3).map { Double($0) } == Array(repeating: Fixtures.day("2022-01-10").excelSerial, count: 3))
    }

    @Test("a « partiel » without hours nor half-days says its hours are an estimate")
    func estimatedHours() throws {
        // SmallRun's p3 at A: « partiel », no hours, no half-days: 3.5 h estimated.
        var options = ReportOptions()
        options.evidence = true
        let r = Self.rows(try SmallRun(options: options).workbook())
        let p3 = try #require(r.first { $0["Identifiant"] == "p3" && $0["Session"] == "A" })
        #expect(p3["Présence"] == "partiel (estimé)")
        #expect(Double(p3["Heures"] ?? "") == 3.5)
        #expect(r.filter { $0["Présence"] == "partiel (estimé)" }.count == 1)
    }

    @Test("the hours add up to the figure hours_trainee")
    func hoursAddUp() throws {
        let run = try Self.run()
        let total = column(Self.rows(try run.workbook()), "Heures").compactMap(Double.init).reduce(0, +)
        let overall = try #require(try run.metricsJSON()["overall"] as? [String: Any])
        #expect(total == 19.5)
        #expect(MetricsJSONTests.number(overall["hours_trainee"]) == 19.5)
    }

    @Test("cancelled and waitlisted registrations come after the registered, with no presence nor hours")
    func apart() throws {
        let r = Self.rows(try Self.run().workbook())
        #expect(column(r, "Statut") == Array(repeating: "inscrit", count: 9) + ["liste d'attente", "annulé"])
        #expect(column(r, "Participant").suffix(2) == ["BLANC Jean", "PETIT Zoé"])
        #expect(column(r, "Heures").suffix(2) == ["", ""])
        #expect(!column(r, "Présence").suffix(2).contains("absent"))
    }

    @Test("each row gives its session's trainers and venue from the catalogue")
    func trainersAndVenue() throws {
        let r = Self.rows(try Self.run().workbook())
        #expect(column(r, "Formateurs").prefix(3).allSatisfy { $0 == "Anne Roche, Marc Lenoir" })
        #expect(column(r, "Lieu").prefix(3).allSatisfy { $0 == "Salle du Port, 3 quai de la Fosse, 44000 Nantes" })
        #expect(column(r, "Formateurs")[5...8].allSatisfy { $0.isEmpty })  // B has none
        #expect(column(r, "Lieu").last == "Salle du Port, 3 quai de la Fosse, 44000 Nantes")  // cancelled at A
    }

    @Test("both half-day rows of a registration whose prerequisites were not met are flagged")
    func prerequisite() throws {
        let x = try Self.run().workbook()
        let r = Self.rows(x)
        #expect(column(r, "Prérequis non respectés") == Array(repeating: "", count: 7) + ["non suivi : ACT", "non suivi : ACT", "", ""])
        let cells = x.cells(EvidenceSheets.attendanceName)
        let plain = cells["A8"]?.style  // p1 at B, afternoon
        #expect(cells["A9"]?.style != plain && cells["A10"]?.style != plain)
        #expect(cells["A9"]?.style == cells["M10"]?.style)  // every cell of the row
    }

    @Test("names and identifiers, or pseudonyms when asked; never an e-mail")
    func people() throws {
        let named = Self.rows(try Self.run().workbook())
        #expect(column(named, "Participant").prefix(3) == ["DURAND Léa", "DURAND Léa", "MARTIN Paul"])
        #expect(column(named, "Identifiant").prefix(3) == ["p1", "p1", "p2"])
        let x = try Self.run(pseudonymise: true).workbook()
        let r = Self.rows(x)
        let names = column(r, "Participant")
        #expect(names.allSatisfy { $0.range(of: "^P-[0-9a-f]{12}$", options: .regularExpression) != nil })
        #expect(names == column(r, "Identifiant"))
        #expect(names.first == People.pseudonym("p1", key: Self.secret) && names[2] == People.pseudonym("p2", key: Self.secret))
        let text = x.cells(EvidenceSheets.attendanceName).values.map(\.value).joined(separator: "|")
        for hidden in ["@example.org", "Durand", "DURAND", "Léa", "Blanc"] { #expect(!text.contains(hidden), "\(hidden) shown") }
        let plain = try Self.run().workbook().cells(EvidenceSheets.attendanceName).values.map(\.value).joined(separator: "|")
        #expect(!plain.contains("@"))
    }

    @Test("explicit hours are shared over the halves signed present, and add up to the registration's hours")
    func explicitHours() {
        let data = Fixtures.dataset([
            Fixtures.reg("P/A", "p1", .partial, hours: 5, halfDays: HalfDays(morning: false, afternoon: true)),
            Fixtures.reg("P/A", "p2", .absent, hours: 2, halfDays: HalfDays(morning: false, afternoon: false)),
        ])
        let metrics = MetricsCalculator(asOf: Fixtures.day("2022-12-31"), minGroupSize: 1).compute(data)
        let e = EvidenceBuilder(period: Period(), asOf: Fixtures.day("2022-12-31")).build(data, metrics: metrics)
        #expect(e.attendance.map(\.part) == [.morning, .afternoon, .morning, .afternoon])
        #expect(e.attendance.map(\.hours) == [0, 5, 1, 1])
    }
}
