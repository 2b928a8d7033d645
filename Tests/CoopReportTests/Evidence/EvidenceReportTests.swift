import Foundation
import Testing

@testable import CoopReport

/// The Qualiopi evidence workbook on the SmallRun inputs, read back. By hand (as of
/// 2022-03-01, both sessions over): p1 present at A and B (completed); p2 absent at A,
/// present at B (never started, and B's prerequisite A not met); p3 partial at A, not at B
/// (started, dropped out after A). A's overall answers: 5, 4, 2.
@Suite("Evidence report")
struct EvidenceReportTests {
    static var options: ReportOptions {
        var o = ReportOptions()
        o.evidence = true
        o.organisation = "Fédération test"
        return o
    }

    func rows(_ x: XLSXReader, _ sheet: String) -> [[String: String]] {
        let grid = x.grid(sheet)
        guard let header = grid.first else { return [] }
        let names = header.map { $0?.value ?? "" }
        return grid.dropFirst().map { row in
            var out: [String: String] = [:]
            for (i, name) in names.enumerated() where i < row.count { out[name] = row[i]?.value ?? "" }
            return out
        }
    }

    @Test("the evidence sheets are added in order")
    func sheets() throws {
        let x = try SmallRun(options: Self.options).workbook()
        #expect(
            x.sheetNames == [
                "Synthèse", "Indicateurs", "Sessions", "Programmes", "Coopératives", "Mois", "Satisfaction",
                "Objectifs", "À froid", "Commentaires", "Relevé d'assiduité", "Parcours", "Réclamations et difficultés",
                "Plan d'amélioration",
                "Catalogue",
                "Rejets",
                "Alertes", "Méthode",
            ])
    }

    @Test("the Relevé d'assiduité lists every registration with its hours, the prerequisite violation flagged")
    func attendance() throws {
        let x = try SmallRun(options: Self.options).workbook()
        let sheet = EvidenceSheets.attendanceName
        // The table, down to the blank line above the totals per session.
        let r = rows(x, sheet).prefix { !($0["Session"] ?? "").isEmpty }
        #expect(r.map { $0["Session"] ?? "" } == ["A", "A", "A", "B", "B"])
        #expect(r.map { $0["Participant"] ?? "" } == ["DURAND Léa", "MARTIN Paul", "PETIT Zoé", "DURAND Léa", "MARTIN Paul"])
        // No half-day recorded in SmallRun: one row per registration.
        #expect(r.allSatisfy { $0["Demi-journée"] == "non détaillée" })
        #expect(r.map { $0["Présence"] ?? "" } == ["présent", "absent", "partiel (estimé)", "présent", "présent"])
        #expect(r.map { Double($0["Heures"] ?? "") } == [7, 0, 3.5, 7, 7])
        #expect(r.map { $0["Prérequis non respectés"] ?? "" } == ["", "", "", "", "non suivi : A"])
        let flagged = try #require(x.cells(sheet)["A6"])
        #expect(x.styleFormats[flagged.style] != nil)
        #expect(flagged.style != x.cells(sheet)["A5"]?.style)  // the violation row looks different
    }

    @Test("Parcours gives each participant's outcome")
    func journeys() throws {
        let x = try SmallRun(options: Self.options).workbook()
        let r = rows(x, "Parcours")
        #expect(r.map { $0["Identifiant"] ?? "" } == ["p1", "p2", "p3"])
        // p3 did A (partial) and has no registration to B, and B ended on 10 February:
        // dropped, and the outcome says which step is missing and why (metrics.md v2).
        #expect(r.map { $0["Issue"] ?? "" } == ["terminé", "non commencé", "abandon : B : non inscrit"])
        #expect(r.map { $0["B"] ?? "" } == ["présent", "présent", "—"])
    }

    @Test(
        "Plan d'amélioration lists A's overall question (2 of 3 satisfied) and objective 1 (1 of 2 met), each with the comments of its low answers"
    )
    func improvements() throws {
        let x = try SmallRun(options: Self.options).workbook()
        let r = rows(x, "Plan d'amélioration").prefix(2)
        #expect(r.count == 2)
        #expect(r.map { $0["Session"] } == ["A", "A"])
        #expect(r.first?["Question ou objectif"] == "Satisfaction globale")
        #expect(Double(r.first?["Part de satisfaits ou d'atteinte"] ?? "") == 2.0 / 3.0)
        // The only overall answer below 4 is the anonymous 2, which has no comment; p3's
        // « Satisfait » (4) is not low, so its comment is not shown here…
        #expect((r.first?["Commentaires des réponses sous le seuil"] ?? "").isEmpty)
        // …but beside objective 1, which p3 answered 2 (p1 answered 4): 1 of 2 met.
        #expect(r.last?["Question ou objectif"] == "Objectif 1 : Savoir faire A")
        #expect(Double(r.last?["Part de satisfaits ou d'atteinte"] ?? "") == 0.5)
        #expect(r.last?["Commentaires des réponses sous le seuil"]?.contains("deux\nlignes") == true)
        #expect(r.last?["Commentaires des réponses sous le seuil"]?.contains("HYPERLINK") == false)
        let header = x.grid("Plan d'amélioration").first?.compactMap { $0?.value } ?? []
        #expect(header.dropFirst(6).prefix(5) == ["Action", "Responsable", "Échéance", "Statut", "Suivi"])
        // No action register in this run: said beside each point, not left empty.
        #expect((r.first?["Action"] ?? "").isEmpty && r.first?["Suivi"] == "registre non fourni")
        let sheet = x.sheetText("Plan d'amélioration")
        #expect(sheet.contains("<conditionalFormatting"))
        // The share (column E) is flagged below 80 % when it is a number; an empty cell is not 0.
        #expect(sheet.contains("<formula>AND(ISNUMBER(E2),E2&lt;0.8)</formula>"))
    }

    @Test("every figure in Indicateurs equals the same figure in metrics.json, N its population, and links to its detail sheet")
    func indicators() throws {
        let run = try SmallRun(options: Self.options)
        let x = try run.workbook()
        let overall = try #require(try run.metricsJSON()["overall"] as? [String: Any])
        let grid = x.grid("Indicateurs")
        let n = IndicatorsSheet.headers.firstIndex(of: "N") ?? 0
        var checked = 0
        for row in grid.dropFirst() {
            // Indicator 8 names prerequisite_violations for what it checks (the order of the steps).
            guard row.count > n, let label = row[2]?.value,
                let metric = label == QualiopiIndicator.stepOrderLabel
                    ? .prerequisiteViolations : Metric.allCases.first(where: { $0.label == label })
            else { continue }
            let json = MetricsJSONTests.number(overall[metric.id])
            #expect(json != nil && row[3]?.number.map { abs($0 - (json ?? .nan)) < 1e-12 } == true, "\(metric.id)")
            if metric.parts != nil {
                // A rate's numerator and denominator, and its N, are those of metrics.json.
                #expect(row[4]?.number == MetricsJSONTests.number(overall[metric.id + "_numerator"]), "\(metric.id)")
                #expect(row[5]?.number == MetricsJSONTests.number(overall[metric.id + "_denominator"]), "\(metric.id)")
                #expect(row[n]?.number == MetricsJSONTests.number(overall[metric.id + "_denominator"]), "\(metric.id)")
            }
            checked += 1
        }
        #expect(checked == 10)
        // By hand: present 4 (p1 at A and B, p3 partial at A, p2 at B), absent 1 → N of
        // the attendance rate 5; registrations 5 → N of the hours; 3 participants.
        func row(_ label: String) -> [XLSXReader.StoredCell?] { grid.first { $0.count > 2 && $0[2]?.value == label } ?? [] }
        #expect(row(Metric.attendanceRate.label)[n]?.number == 5)
        #expect(row(Metric.hoursTrainee.label)[n]?.number == 5)
        #expect(row(Metric.participants.label)[n]?.number == 3)
        #expect(row(QualiopiIndicator.stepOrderLabel)[n]?.number == 5)
        #expect(grid.compactMap { $0.first??.number }.map(Int.init) == [1, 2, 8, 11, 12, 30, 31, 32])
        let sheet = String(decoding: try #require(x.parts["xl/worksheets/sheet2.xml"]), as: UTF8.self)
        #expect(sheet.contains("location=\"'Parcours'!A1\""))
        #expect(row("Points d'amélioration")[3]?.number == 2)  // two improvement points
        #expect(row("Réclamations, difficultés et aléas enregistrés")[3]?.value == "registre non fourni")
    }

    @Test("names appear only in the Relevé d'assiduité and Parcours, e-mails nowhere; pseudonyms replace names when asked")
    func privacy() throws {
        let x = try SmallRun(options: Self.options).workbook()
        for sheet in x.sheetNames {
            let text = x.cells(sheet).values.map(\.value).joined(separator: "|")
            #expect(!text.contains("@example.org"), "e-mail in \(sheet)")
            #expect(
                text.contains("Durand") || text.contains("DURAND") == [EvidenceSheets.attendanceName, "Parcours"].contains(sheet),
                "names in \(sheet)")
        }
        var options = Self.options
        options.pseudonymise = true
        options.pseudonymKey = Array("the job's secret, 32 bytes long..".utf8)
        let first = try SmallRun(options: options).workbook()
        let second = try SmallRun(options: options).workbook()
        let names = rows(first, "Parcours").map { $0["Participant"] ?? "" }
        #expect(names.allSatisfy { $0.range(of: "^P-[0-9a-f]{12}$", options: .regularExpression) != nil })
        #expect(Set(names).count == 3)
        #expect(names == rows(second, "Parcours").map { $0["Participant"] ?? "" })  // stable with the same secret
        #expect(rows(first, "Parcours").map { $0["Identifiant"] ?? "" } == names)
        let all = first.sheetNames.flatMap { first.cells($0).values.map(\.value) }.joined(separator: "|")
        for name in ["DURAND", "Durand", "MARTIN", "PETIT", "Léa"] { #expect(!all.contains(name), "\(name) shown") }
    }

    @Test(
        "document properties (created when the run started, not on the as-of date), custom properties with the inputs' SHA-256, print setup on every sheet"
    )
    func fileable() throws {
        // 2026-12-03 10:20:30 UTC: the run's clock, read once at its start.
        let started = Date(timeIntervalSince1970: 1_796_293_230)
        let run = try SmallRun(options: Self.options, now: { started })
        let x = try run.workbook()
        let core = String(decoding: try #require(x.parts["docProps/core.xml"]), as: UTF8.self)
        #expect(core.contains("<dc:creator>Fédération test</dc:creator>"))
        #expect(core.contains("<dc:title>Preuves Qualiopi — tout — arrêté au 01/03/2022</dc:title>"))
        #expect(core.contains("<dcterms:created xsi:type=\"dcterms:W3CDTF\">2026-12-03T10:20:30Z</dcterms:created>"))
        // The as-of date (01/03/2022) stays in the title, not in the creation date.
        #expect(!core.contains("2022-03-01T00:00:00Z"))
        let custom = String(decoding: try #require(x.parts["docProps/custom.xml"]), as: UTF8.self)
        let registrations = run.directory.url.appendingPathComponent("registrations.csv").path
        #expect(custom.contains(try ManifestTests().sha256sum(registrations)))
        #expect(custom.contains("coopreport \(Pipeline.toolVersion)"))
        let workbook = String(decoding: try #require(x.parts["xl/workbook.xml"]), as: UTF8.self)
        for i in 1...x.sheetNames.count {
            let sheet = String(decoding: try #require(x.parts["xl/worksheets/sheet\(i).xml"]), as: UTF8.self)
            #expect(sheet.contains("orientation=\"landscape\""), "sheet \(i)")
            #expect(sheet.contains("<pageSetUpPr fitToPage=\"1\"/>"), "sheet \(i)")
            #expect(sheet.contains("Page &amp;P / &amp;N"), "sheet \(i)")
        }
        #expect(workbook.contains("_xlnm.Print_Titles"))
    }
}
