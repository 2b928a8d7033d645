import Foundation
import Testing
import XlsxWriter

@testable import CoopReport

@Suite("Workbook read back")
struct WorkbookTests {
    /// Excel's serial for a date, computed with Foundation's calendar (not with `Day`).
    func serial(_ y: Int, _ m: Int, _ d: Int) -> Double {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        let origin = calendar.date(from: DateComponents(year: 1899, month: 12, day: 30)) ?? Date()
        let date = calendar.date(from: DateComponents(year: y, month: m, day: d)) ?? Date()
        return Double(calendar.dateComponents([.day], from: origin, to: date).day ?? 0)
    }

    /// The row of a sheet whose cells in `column` equal `key`, as header → cell.
    func row(_ x: XLSXReader, _ sheet: String, where column: String, is key: String) -> [String: XLSXReader.StoredCell] {
        let grid = x.grid(sheet)
        guard let header = grid.first else { return [:] }
        let names = header.map { $0?.value ?? "" }
        guard let c = names.firstIndex(of: column),
            let r = grid.dropFirst().first(where: { $0.indices.contains(c) && $0[c]?.value == key })
        else { return [:] }
        var out: [String: XLSXReader.StoredCell] = [:]
        for (i, name) in names.enumerated() where i < r.count { out[name] = r[i] }
        return out
    }

    @Test("the workbook has the sheets of reports.md, in order")
    func sheetNames() throws {
        let x = try SmallRun().workbook()
        #expect(
            x.sheetNames == [
                "Synthèse", "Sessions", "Programmes", "Coopératives", "Mois", "Satisfaction", "Objectifs",
                "Commentaires", "Rejets", "Alertes", "Méthode",
            ])
    }

    @Test("session figures are numeric cells with their formats, worked out by hand")
    func sessionCells() throws {
        let x = try SmallRun(minGroupSize: 1).workbook()
        let a = row(x, "Sessions", where: "Session", is: "A")
        #expect(a["Inscrits"]?.number == 3)
        #expect(a["Présents"]?.number == 2)  // présent + partiel
        #expect(a["Absents"]?.number == 1)
        let rate = try #require(a["Taux de présence"])
        #expect(rate.number == 2.0 / 3.0)
        #expect(x.numberFormat(rate).contains("%"))
        #expect(a["Taux de présence (num.)"]?.number == 2)
        #expect(a["Taux de présence (dén.)"]?.number == 3)
        #expect(a["Heures-stagiaires"]?.number == 10.5)  // 7 + 7/2
        #expect(a["Taux de remplissage"]?.number == 0.3)  // 3 / 10
        #expect(a["Chiffre d'affaires HT"]?.number == 300)
        #expect(a["Réponses"]?.number == 3)
        #expect(a["Taux de réponse"]?.number == 1.5)  // 3 responses / 2 present, shown as it is
        #expect(a["Taux de satisfaction"]?.number == 2.0 / 3.0)  // 5, 4, 2
        #expect(a["Objectifs atteints"]?.number == 0.5)  // 4, 2
        #expect(a["NPS"]?.number == 0)  // 10, 7, 3: one promoter, one detractor
        let start = try #require(a["Début"])
        #expect(start.number == serial(2022, 1, 10))
        #expect(x.numberFormat(start) == "dd/mm/yyyy")
        #expect(a["Programme"]?.isText == true)
        let b = row(x, "Sessions", where: "Session", is: "B")
        #expect(b["Prérequis non respectés"]?.number == 1)  // p2 was absent at A
        #expect(b["Taux de réponse"]?.number == 0)
        #expect(b["Taux de satisfaction"]?.value == "sans réponse")  // nothing to show, and not 0
    }

    @Test("Alertes lists the registration that broke a prerequisite, with its file, line and session, and no name")
    func prerequisiteRows() throws {
        let x = try SmallRun(minGroupSize: 1).workbook()
        let grid = x.grid("Alertes")
        let header = (grid.first ?? []).map { $0?.value ?? "" }
        let message = try #require(header.firstIndex(of: "Message"))
        let line = try #require(header.firstIndex(of: "Ligne"))
        let rows = grid.filter { $0.count > message && $0[message]?.value.hasPrefix("prérequis non respecté") == true }
        #expect(rows.count == 1)  // p2's registration to B (absent at A)
        let v = try #require(rows.first)
        #expect(v[message]?.value == "prérequis non respecté : p2 (Coop Un) inscrit à P/B sans avoir suivi A")
        #expect(v[line]?.number == 6)  // header = line 1
        #expect(v[0]?.value.hasSuffix("registrations.csv") == true)
        #expect(!grid.joined().contains { $0?.value.contains("Martin") == true })
        // Synthèse counts it apart from the other alerts.
        let summary = x.grid("Synthèse").joined().compactMap { $0?.value }
        #expect(summary.contains { $0.hasPrefix("Qualité des données") && $0.contains("1 prérequis non respecté (feuille Alertes)") })
    }

    @Test("an Alertes message names every session missed, and says « identifié par courriel » for a row without id")
    func prerequisiteMessages() throws {
        let catalogue = """
            programmes:
              - code: P
                title: "Programme P"
                sessions:
                  - {code: A, title: "Session A", start: 2022-01-10, hours: 7}
                  - {code: B, title: "Session B", start: 2022-01-20, hours: 7}
                  - {code: C, title: "Session C", start: 2022-02-10, hours: 7, requires: [A, B]}
            """
        // p1 attended neither A nor B; the e-mail-only row attended A only.
        let registrations =
            "programme;session;participant_id;last_name;first_name;email;cooperative;status;attendance\n"
            + "P;A;p1;Durand;Léa;lea@example.org;Coop Un;registered;absent\n"
            + "P;C;p1;Durand;Léa;lea@example.org;Coop Un;registered;present\n"
            + "P;A;;Martin;Paul;paul@example.org;Coop Deux;registered;present\n"
            + "P;C;;Martin;Paul;paul@example.org;Coop Deux;registered;present\n"
        let x = try SmallRun(minGroupSize: 1, catalogue: catalogue, registrations: registrations).workbook()
        let grid = x.grid("Alertes")
        let header = (grid.first ?? []).map { $0?.value ?? "" }
        let message = try #require(header.firstIndex(of: "Message"))
        let line = try #require(header.firstIndex(of: "Ligne"))
        let listed = grid.filter { $0.count > message && $0[message]?.value.hasPrefix("prérequis non respecté") == true }
            .map { ($0[line]?.number ?? 0, $0[message]?.value ?? "") }
        // By hand, from the rows above (the header is line 1).
        #expect(listed.map(\.0) == [3, 5])
        #expect(
            listed.map(\.1) == [
                "prérequis non respecté : p1 (Coop Un) inscrit à P/C sans avoir suivi A, B",
                "prérequis non respecté : (identifié par courriel) (Coop Deux) inscrit à P/C sans avoir suivi B",
            ])
    }

    @Test("a small group's satisfaction figure is a visible note, its counts stay")
    func suppressedNote() throws {
        let x = try SmallRun(minGroupSize: 4).workbook()
        let a = row(x, "Sessions", where: "Session", is: "A")
        #expect(a["Réponses"]?.number == 3)
        #expect(a["Taux de satisfaction"]?.isText == true)
        #expect(a["Taux de satisfaction"]?.value.contains("masqué") == true)
        #expect(a["NPS"]?.value.contains("masqué") == true)
    }

    @Test("text from the inputs is written as text, never as a formula")
    func noFormulas() throws {
        let run = try SmallRun()
        let x = try run.workbook()
        for sheet in x.sheetNames {
            #expect(x.cells(sheet).values.allSatisfy { $0.formula == nil }, "formula in \(sheet)")
        }
        let comments = x.grid("Commentaires").compactMap { $0.last ?? nil }.map(\.value)
        #expect(comments.contains("=HYPERLINK(\"http://x\")"))
        #expect(comments.contains("deux\nlignes"))
    }

    @Test("no name or e-mail appears anywhere in the workbook")
    func privacy() throws {
        let x = try SmallRun().workbook()
        let texts = x.sheetNames.flatMap { x.cells($0).values.map(\.value) }
        for secret in ["Durand", "Léa", "lea@example.org", "Secret", "secret@example.org", "Zoé"] {
            #expect(!texts.contains { $0.contains(secret) }, "\(secret) is shown")
        }
        // The rejected row is listed, masked.
        let rejects = x.grid("Rejets")
        #expect(rejects.count == 3)  // header + 2 rejected rows
        let firstReject: [String] = rejects[1].compactMap { $0?.value }
        #expect(firstReject.contains("P;Z;p4;[masqué];[masqué];[masqué];Coop Un;inscrit;présent"))
    }

    @Test("rejected rows carry their true line numbers, a quoted newline included")
    func rejectLines() throws {
        let run = try SmallRun()
        #expect(run.outcome.document.rejects.map(\.line) == [7, 6])
        #expect(run.outcome.document.rejects.map(\.column) == ["session", "overall"])
        let rows = try String(contentsOfFile: run.out + "/rejects.csv", encoding: .utf8)
        #expect(rows.contains("P;Z;p4;Secret"))  // the data team's file keeps the full row
    }

    @Test("Synthèse, Satisfaction and Mois carry native charts over their own cells")
    func charts() throws {
        let x = try SmallRun().workbook()
        let charts = x.charts
        #expect(charts.count == 3)
        let columns = try #require(charts.first { $0.contains("<c:barDir val=\"col\"/>") })
        #expect(columns.contains("'Synthèse'!$A$"))  // the programmes, from the table below the key figures
        let bar = try #require(charts.first { $0.contains("<c:barDir val=\"bar\"/>") })
        #expect(bar.contains("Satisfaction!$I$2:$I$6"))  // the first answer value, over the five questions
        let line = try #require(charts.first { $0.contains("<c:lineChart>") })
        #expect(line.contains("Mois!$B$"))  // attendance rate, from the trend block below the table
        let rels = x.parts.filter { $0.key.hasPrefix("xl/worksheets/_rels/") }.map { String(decoding: $0.value, as: UTF8.self) }
        #expect(rels.filter { $0.contains("drawing") }.count == 3)
    }

    @Test("group sheets are Excel tables with a frozen header row")
    func tablesAndPanes() throws {
        let x = try SmallRun().workbook()
        let table = String(decoding: try #require(x.parts["xl/tables/table1.xml"]), as: UTF8.self)
        #expect(table.contains("autoFilter"))
        #expect(table.contains("name=\"Inscrits\""))
        let sheet = String(decoding: try #require(x.parts["xl/worksheets/sheet2.xml"]), as: UTF8.self)
        #expect(sheet.contains("<pane ySplit=\"1\""))
    }

    @Test("Méthode lists every figure with the label and definition the code uses")
    func method() throws {
        let x = try SmallRun().workbook()
        for metric in Metric.allCases {
            let r = row(x, "Méthode", where: "Identifiant", is: metric.id)
            #expect(r["Libellé"]?.value == metric.label)
            #expect(r["Définition"]?.value == metric.definition)
        }
    }
}

@Suite("WorkbookWriter")
struct WorkbookWriterTests {
    @Test("cell references of conditional formats: A1 notation past Z")
    func references() {
        #expect(cellName(row: 1, column: 0) == "A2")
        #expect(cellName(row: 0, column: 25) == "Z1")
        #expect(cellName(row: 9, column: 26) == "AA10")
        #expect(cellName(row: 0, column: 701) == "ZZ1")  // 26 + 26 × 26 − 1
        #expect(cellName(row: 0, column: 702) == "AAA1")
    }

    @Test("text longer than Excel's 32,767 characters is cut and says so; NaN never reaches a cell")
    func limits() throws {
        let dir = try TemporaryDirectory()
        var plan = SheetPlan(name: "Feuille")
        plan.append([.text(String(repeating: "x", count: 40_000)), .number(.nan, .integer), .number(1.5, .hours)])
        let path = dir.path + "/t.xlsx"
        #expect(throws: OutputError.self) {
            try WorkbookWriter.write(
                [plan], properties: .init(title: "t", subject: "s", author: "a", created: Date(timeIntervalSince1970: 1_640_995_200)),
                to: path)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)  // no temporary left behind
        plan.rows[0][1] = .empty
        try WorkbookWriter.write(
            [plan], properties: .init(title: "t", subject: "s", author: "a", created: Date(timeIntervalSince1970: 1_640_995_200)), to: path)
        let cells = try XLSXReader(url: URL(fileURLWithPath: path)).cells("Feuille")
        let a1 = try #require(cells["A1"])
        #expect(a1.value.count == 32_767)
        #expect(a1.value.hasSuffix("(texte tronqué : 40000 caractères)"))
        #expect(cells["C1"]?.number == 1.5)
    }
}

@Suite("Large workbooks")
struct LargeWorkbookTests {
    @Test("detail sheets continue on numbered sheets past the row limit, and Synthèse says so")
    func split() throws {
        let run = try SmallRun(
            options: {
                var o = ReportOptions()
                o.detail = true
                return o
            }())
        let e = try #require(run.outcome.document.evidence)
        let parts = EvidenceSheets.attendance(e, people: People(pseudonymKey: nil), maxRows: 3)
        // The totals (a blank line, a heading, one line per session: 4 rows) do not fit
        // after the last part's row: they take a sheet of their own.
        #expect(parts.map(\.name) == ["Relevé d'assiduité", "Relevé d'assiduité (2)", "Relevé d'assiduité (3)", "Relevé d'assiduité (4)"])
        #expect(parts.map(\.rowCount) == [3, 3, 2, 5])  // header + 2, header + 2, header + 1: the 5 registrations; header + the totals
        let roomy = EvidenceSheets.attendance(e, people: People(pseudonymKey: nil), maxRows: 10)
        #expect(roomy.map(\.rowCount) == [10])  // header + 5 rows + blank + heading + A and B
        var summary = SheetPlan(name: "Synthèse")
        SummarySheet.noteSplits(parts, in: &summary)
        guard case .text(let note) = summary.rows.last?.last?.value else {
            Issue.record("no note")
            return
        }
        #expect(note.contains("Relevé d'assiduité : 9 lignes réparties sur 4 feuilles"))
    }

    @Test("in constant-memory mode the same cells are written, with filter buttons instead of tables")
    func constantMemory() throws {
        let dir = try TemporaryDirectory()
        let run = try SmallRun(
            options: {
                var o = ReportOptions()
                o.detail = true
                return o
            }())
        let plans = WorkbookPlanner.plan(run.outcome.document)
        let properties = WorkbookWriter.Properties(
            title: "t", subject: "s", author: "a", created: Date(timeIntervalSince1970: 1_646_092_800))
        try WorkbookWriter.write(plans, properties: properties, to: dir.path + "/normal.xlsx")
        try WorkbookWriter.write(plans, properties: properties, to: dir.path + "/streamed.xlsx", constantMemoryRows: 0)
        let normal = try XLSXReader(url: URL(fileURLWithPath: dir.path + "/normal.xlsx"))
        let streamed = try XLSXReader(url: URL(fileURLWithPath: dir.path + "/streamed.xlsx"))
        #expect(streamed.sheetNames == normal.sheetNames)
        for sheet in normal.sheetNames {
            let a = normal.cells(sheet).mapValues(\.value)
            let b = streamed.cells(sheet).mapValues(\.value)
            #expect(a == b, "\(sheet) differs")
        }
        #expect(!streamed.parts.keys.contains { $0.hasPrefix("xl/tables/") })
        let sheet = String(decoding: try #require(streamed.parts["xl/worksheets/sheet2.xml"]), as: UTF8.self)
        #expect(sheet.contains("<autoFilter"))
        #expect(streamed.cells("Relevé d'assiduité").values.contains { $0.type == "inlineStr" })
    }
}
