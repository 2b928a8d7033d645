import Foundation
import Testing

@testable import CoopReport

/// One workbook per member cooperative (issue 22, point 2): each cooperative's figures
/// beside the federation's, its own people, comments and rejected rows, nothing of another
/// cooperative; the index for a mail merge; the set switching as one.
@Suite("Cooperatives' workbooks")
struct CooperativeWorkbookTests {
    /// Coop Un: p1 (A present, B present), p2 (A absent, B present) → 4 registered, 3
    /// present, 1 absent. Coop Deux: p3 (A present, B absent), p4 (A present) → 3
    /// registered, 2 present, 1 absent. Coop Trois: p5 cancelled at A (a registration, no
    /// one registered). Line 9 (Coop Deux, session Z) is rejected.
    static let registrations =
        "formation;session;identifiant;nom;prénom;courriel;coopérative;statut;présence\n"
        + "P;A;p1;Durand;Léa;lea@example.org;Coop Un;inscrit;présent\n"
        + "P;A;p2;Martin;Paul;paul@example.org;Coop Un;inscrit;absent\n"
        + "P;B;p1;Durand;Léa;lea@example.org;Coop Un;inscrit;présent\n"
        + "P;B;p2;Martin;Paul;paul@example.org;Coop Un;inscrit;présent\n"
        + "P;A;p3;Perrin;Zoé;zoe@example.org;Coop Deux;inscrit;présent\n"
        + "P;A;p4;Roux;Ana;ana@example.org;Coop Deux;inscrit;présent\n"
        + "P;B;p3;Perrin;Zoé;zoe@example.org;Coop Deux;inscrit;absent\n"
        + "P;Z;p9;Secret;Nom;secret@example.org;Coop Deux;inscrit;présent\n"
        + "P;A;p5;Blanc;Eva;eva@example.org;Coop Trois;annulé;\n"

    /// Coop Un: p1 at A (5), p1 at B (4), p2 at B (2) → 3 responses, 2 satisfied (≥ 4).
    /// Coop Deux: p3 at A (5), p4 at A (3) → 2 responses, 1 satisfied.
    static let evaluations =
        "programme,session,participant_id,overall,comment\n"
        + "P,A,p1,5,Très clair pour Léa\n"
        + "P,B,p1,4,\n"
        + "P,B,p2,2,Trop rapide pour Paul\n"
        + "P,A,p3,5,Commentaire de Zoé\n"
        + "P,A,p4,3,\n"

    static func run() throws -> SmallRun {
        var options = ReportOptions()
        options.splitCooperatives = true
        return try SmallRun(
            minGroupSize: 2, options: options, registrations: registrations, evaluations: evaluations,
            asOf: Fixtures.day("2022-03-01"))
    }

    static func workbook(_ run: SmallRun, _ file: String) throws -> XLSXReader {
        try XLSXReader(url: URL(fileURLWithPath: run.out + "/cooperatives/" + file))
    }

    /// The value of the row labelled `label` in a sheet's grid, at `column`.
    static func row(_ grid: [[XLSXReader.StoredCell?]], _ label: String) -> [XLSXReader.StoredCell?]? {
        grid.first { ($0.first ?? nil)?.value == label }
    }

    @Test("Synthèse: the cooperative's figures beside the federation's, the gap in points, for two cooperatives")
    func synthesis() throws {
        let run = try Self.run()
        // Worked out by hand from the fixture (see `registrations` and `evaluations`).
        let expected: [(file: String, registered: Double, attendance: Double, satisfaction: Double)] = [
            ("coop-un.xlsx", 4, 3.0 / 4.0, 2.0 / 3.0), ("coop-deux.xlsx", 3, 2.0 / 3.0, 1.0 / 2.0),
        ]
        let federation = (registered: 7.0, attendance: 5.0 / 7.0, satisfaction: 3.0 / 5.0)
        for e in expected {
            let grid = try Self.workbook(run, e.file).grid("Synthèse")
            let header = try #require(Self.row(grid, "Indicateur"))
            #expect(header.prefix(4).map { $0?.value } == ["Indicateur", "Votre coopérative", "Fédération", "Écart"])
            let registered = try #require(Self.row(grid, Metric.registered.label))
            #expect(registered[1]?.number == e.registered && registered[2]?.number == federation.registered)
            #expect(registered.count < 4 || registered[3] == nil, "no gap between two counts")
            let attendance = try #require(Self.row(grid, Metric.attendanceRate.label))
            #expect(abs((attendance[1]?.number ?? -1) - e.attendance) < 1e-9)
            #expect(abs((attendance[2]?.number ?? -1) - federation.attendance) < 1e-9)
            #expect(abs((attendance[3]?.number ?? -1) - (e.attendance - federation.attendance) * 100) < 1e-9)
            let satisfaction = try #require(Self.row(grid, Metric.satisfactionRate.label))
            #expect(satisfaction[1]?.isNumber == true && abs((satisfaction[1]?.number ?? -1) - e.satisfaction) < 1e-9)
            #expect(abs((satisfaction[2]?.number ?? -1) - federation.satisfaction) < 1e-9)
            #expect(abs((satisfaction[3]?.number ?? -1) - (e.satisfaction - federation.satisfaction) * 100) < 1e-9)
        }
        // Coop Trois cancelled its only registration: it has a registration, so a workbook.
        #expect(FileManager.default.fileExists(atPath: run.out + "/cooperatives/coop-trois.xlsx"))
    }

    @Test("no other cooperative's name, person, e-mail or comment in any part of any cooperative's workbook")
    func privacy() throws {
        let run = try Self.run()
        let own: [String: [String]] = [
            "coop-un.xlsx": [
                "Coop Un", "Durand", "Léa", "Martin", "Paul", "p1", "p2", "lea@example.org", "paul@example.org", "Trop rapide pour Paul",
            ],
            "coop-deux.xlsx": [
                "Coop Deux", "Perrin", "Zoé", "Roux", "Ana", "p3", "p4", "zoe@example.org", "ana@example.org", "Commentaire de Zoé",
                "Secret",
            ],
            "coop-trois.xlsx": ["Coop Trois", "Blanc", "Eva", "p5", "eva@example.org"],
        ]
        let everyone = Set(own.values.flatMap { $0 } + ["Très clair pour Léa"])
        let files = try FileManager.default.contentsOfDirectory(atPath: run.out + "/cooperatives").filter { $0.hasSuffix(".xlsx") }
        #expect(Set(files) == Set(own.keys))
        for file in files {
            let book = try Self.workbook(run, file)
            // Every cell of every sheet, as Excel reads it (shared strings resolved).
            let cells = book.sheetNames.flatMap { book.grid($0).flatMap { $0.compactMap { $0?.value } } }
            // And every XML part (document properties, links), as text.
            let text = book.parts.values.map { String(decoding: $0, as: UTF8.self) }.joined(separator: "\n") + cells.joined(separator: "\n")
            let mine = Set(own[file] ?? [])
            for secret in everyone.subtracting(mine) {
                // Identifiers are short: compared as whole cells; every other text as a whole
                // word anywhere, case aside (« Petit » the name, not « Petits groupes »).
                let word = try NSRegularExpression(
                    pattern: "(?<![\\p{L}\\p{N}])" + NSRegularExpression.escapedPattern(for: secret) + "(?![\\p{L}\\p{N}])",
                    options: .caseInsensitive)
                let leaked =
                    secret.count <= 2
                    ? cells.contains(secret) : word.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
                #expect(!leaked, "\(file) shows « \(secret) »")
            }
            #expect(cells.contains(own[file]?[0] ?? "?"), "\(file) names its cooperative")
        }
        // The comment of Coop Un at A has 1 Coop Un response there (< 2): not in its workbook.
        let un = try Self.workbook(run, "coop-un.xlsx")
        let comments = un.grid("Commentaires").flatMap { $0.compactMap { $0?.value } }
        #expect(comments.contains("Trop rapide pour Paul") && !comments.contains("Très clair pour Léa"))
        // Its people, with their hours: Relevé d'assiduité lists its four registrations.
        let names = un.grid("Relevé d'assiduité").flatMap { $0.compactMap { $0?.value } }
        #expect(
            names.filter { $0.uppercased().contains("DURAND") }.count == 2 && names.filter { $0.uppercased().contains("MARTIN") }.count == 2
        )
        // Its rejected row only: Coop Deux's line 9.
        let deuxRejects = try Self.workbook(run, "coop-deux.xlsx").grid("Rejets").dropFirst().compactMap {
            $0.count > 1 ? $0[1]?.number : nil
        }
        #expect(deuxRejects == [9])
        #expect(un.grid("Rejets").dropFirst().allSatisfy { $0.count < 2 || $0[1]?.number == nil })
    }

    @Test("a cooperative's sessions: a hidden session hides another, so that none is its total minus the others")
    func sessionsSuppression() throws {
        let run = try Self.run()
        let grid = try Self.workbook(run, "coop-un.xlsx").grid("Sessions")
        let column = try #require(grid[0].firstIndex { $0?.value == Metric.satisfactionRate.label })
        let a = try #require(grid.first { $0.count > 1 && $0[1]?.value == "A" })
        let b = try #require(grid.first { $0.count > 1 && $0[1]?.value == "B" })
        // A: 1 response of Coop Un (< 2): hidden; B (2 responses) would be the total (3) minus A.
        #expect(a[column]?.isText == true && a[column]?.value.hasPrefix("masqué (< 2") == true)
        #expect(b[column]?.isText == true && b[column]?.value == FigureCells.complementaryNote)
        // The counts stay: B had 2 Coop Un registrations, both present.
        let registered = try #require(grid[0].firstIndex { $0?.value == Metric.registered.label })
        #expect(b[registered]?.number == 2)
    }

    @Test("index.csv: the figures of metrics.json's cooperatives, one line per workbook, in the manifest with its hash")
    func index() throws {
        let run = try Self.run()
        let text = try String(contentsOfFile: run.out + "/cooperatives/index.csv", encoding: .utf8)
        let lines = text.replacingOccurrences(of: "\u{FEFF}", with: "").split(separator: "\r\n").map {
            $0.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
        }
        #expect(
            lines[0] == [
                "cooperative", "file", "contact_email", "registered", "present", "attendance_rate", "satisfaction_rate", "completion_rate",
            ])
        let json = try run.metricsJSON()
        let cooperatives = json["cooperatives"] as? [[String: Any]] ?? []
        #expect(lines.count - 1 == 3)
        for line in lines.dropFirst() {
            let c = try #require(cooperatives.first { $0["cooperative"] as? String == line[0] })
            for (i, key) in ["registered", "present", "attendance_rate", "satisfaction_rate", "completion_rate"].enumerated() {
                let value = line[3 + i]
                if let number = c[key] as? NSNumber {
                    #expect(Double(value) == number.doubleValue, "\(line[0]) \(key)")
                } else {
                    #expect(value.isEmpty, "\(line[0]) \(key) is hidden or empty in metrics.json")
                }
            }
        }
        // By hand: Coop Un 4 registered, 3 present, 3/4; Coop Deux 3, 2, 2/3.
        let un = try #require(lines.first { $0[0] == "Coop Un" })
        #expect(un[1] == "coop-un.xlsx" && un[3] == "4" && un[4] == "3" && Double(un[5]) == 0.75)
        let deux = try #require(lines.first { $0[0] == "Coop Deux" })
        #expect(deux[3] == "3" && deux[4] == "2" && abs((Double(deux[5]) ?? 0) - 2.0 / 3.0) < 1e-12)
        // The manifest lists every file of the set, each with its hash.
        let manifest =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: run.out + "/manifest.json"))) as? [String: Any]
        let outputs = manifest?["outputs"] as? [[String: Any]] ?? []
        let paths = outputs.compactMap { $0["path"] as? String }.map { URL(fileURLWithPath: $0).lastPathComponent }
        for f in ["coop-un.xlsx", "coop-deux.xlsx", "coop-trois.xlsx", "index.csv", "report.xlsx"] { #expect(paths.contains(f), "\(f)") }
        let indexHash = outputs.first { ($0["path"] as? String)?.hasSuffix("cooperatives/index.csv") == true }?["sha256"] as? String
        #expect(indexHash == (try ManifestTests().sha256sum(run.out + "/cooperatives/index.csv")))
        // The main workbook lists each workbook with a link to its file.
        let list = try run.workbook().grid(CooperativeWorkbook.listName)
        #expect(
            list.dropFirst().compactMap { $0.count > 1 ? $0[1]?.value : nil }.sorted() == [
                "coop-deux.xlsx", "coop-trois.xlsx", "coop-un.xlsx",
            ])
        let rels = try run.workbook().parts.filter { $0.key.contains("_rels/sheet") }.values.map { String(decoding: $0, as: UTF8.self) }
            .joined()
        // libxlsxwriter writes the relative link the Windows way, which Excel follows everywhere.
        #expect(rels.contains("cooperatives\\coop-un.xlsx") || rels.contains("cooperatives/coop-un.xlsx"))
    }

    @Test("file names: lower-case ASCII, hyphens, stable, never twice the same, never a reserved name")
    func fileNames() {
        #expect(
            CooperativeParts.fileNames(["Coop'Habitat Île-de-France", "COOP habitat ile de france", "CON", "!!!", "Les Bâtisseurs & Co."])
                == [
                    "coop-habitat-ile-de-france.xlsx", "coop-habitat-ile-de-france-2.xlsx", "con-coop.xlsx", "cooperative.xlsx",
                    "les-batisseurs-co.xlsx",
                ])
    }
}
