import Foundation
import Logging
import Testing
import XlsxWriter

@testable import CoopReport

/// What an adversarial run broke (issue « Hardening »), each reproduced first.
@Suite("Hardening")
struct HardeningTests {
    func request(_ dir: TemporaryDirectory, registrations: String = SmallRun.registrations, catalogue: String = SmallRun.catalogue) throws
        -> ReportRequest
    {
        var r = ReportRequest(
            catalogue: try dir.write("catalogue.yml", catalogue), registrations: try dir.write("registrations.csv", registrations),
            evaluations: try dir.write("evaluations.csv", SmallRun.evaluations), outputDirectory: dir.path + "/out",
            asOf: Fixtures.day("2022-03-01"))
        r.maxRejectRate = 1
        return r
    }

    var pipeline: Pipeline {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        return Pipeline(logger: logger)
    }

    @Test("a link planted as the lock file is refused, and the file it points to is untouched")
    func lockLink() throws {
        let dir = try TemporaryDirectory()
        let victim = try dir.write("victim.txt", "keep me")
        try FileManager.default.createDirectory(atPath: dir.path + "/out", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: dir.path + "/out/.coopreport.lock", withDestinationPath: victim)
        do {
            _ = try pipeline.run(request(dir))
            Issue.record("the run took a lock through a link")
        } catch let error as OutputError {
            #expect(ExitStatus.forError(error) == .outputNotWritable)
            #expect("\(error)".contains("lien symbolique"))
        }
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "keep me")
    }

    @Test("a link planted at a temporary's name is not written through")
    func temporaryLink() throws {
        let dir = try TemporaryDirectory()
        let victim = try dir.write("victim.txt", "keep me")
        try FileManager.default.createDirectory(atPath: dir.path + "/out", withIntermediateDirectories: true)
        let name = ".metrics.json\(TemporaryFiles.marker)\(ProcessInfo.processInfo.processIdentifier).tmp"
        try FileManager.default.createSymbolicLink(atPath: dir.path + "/out/" + name, withDestinationPath: victim)
        _ = try pipeline.run(request(dir))
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "keep me")
        #expect(FileManager.default.fileExists(atPath: dir.path + "/out/metrics.json"))
        let attributes = try FileManager.default.attributesOfItem(atPath: dir.path + "/out/metrics.json")
        #expect(attributes[.type] as? FileAttributeType == .typeRegular)
    }

    @Test("hours above the session's length are dropped with an alert, the rows count their presence; no sum reaches infinity")
    func hugeHours() throws {
        let dir = try TemporaryDirectory()
        let huge = "1" + String(repeating: "0", count: 308)  // 1e308 written out: a number, finite
        let rows =
            "programme;session;participant_id;cooperative;status;attendance;hours_attended\n"
            + "P;A;p1;Coop;registered;present;\(huge)\n" + "P;A;p2;Coop;registered;present;\(huge)\n"
            + "P;A;p3;Coop;registered;present;24\n"
            + "P;A;p4;Coop;registered;partial;7.5\n" + "P;A;p5;Coop;registered;present;7\n"
        let outcome = try pipeline.run(request(dir, registrations: rows))
        #expect(outcome.document.rejects.filter { $0.file.hasSuffix("registrations.csv") }.isEmpty)
        // A is a 7-hour day: 24 h (issue 20.4) and more are dropped; each row counts what its
        // presence gives: 7 + 7 + 7 + 3.5 (partial) + 7 (typed, = the session) = 31.5.
        let dropped = outcome.document.warnings.filter { $0.column == "hours_attended" }
        #expect(dropped.map(\.line) == [2, 3, 4, 5])
        #expect(dropped.allSatisfy { $0.message.contains("dépasse la durée de la session (7 h)") })
        #expect(outcome.document.metrics.session("P/A")?.value(.hoursTrainee) == 31.5)
        let catalogue = SmallRun.catalogue.replacingOccurrences(of: "hours: 7, price_ht: 100", with: "hours: 1e308, price_ht: 100")
        #expect(throws: IngestError.self) { try pipeline.run(request(dir, catalogue: catalogue)) }
    }

    @Test("a circle in the catalogue's requires stops the run, naming it")
    func requiresCycle() throws {
        let dir = try TemporaryDirectory()
        let catalogue = SmallRun.catalogue.replacingOccurrences(of: "objectives: [\"Savoir faire A\"]}", with: "requires: [B]}")
        do {
            _ = try pipeline.run(request(dir, catalogue: catalogue))
            Issue.record("a circular requires was accepted")
        } catch let error as IngestError {
            #expect(ExitStatus.forError(error) == .inputMissing)
            #expect(error.errorDescription?.contains("A → B → A") == true)
        }
    }

    @Test("a job's period naming no programme of the catalogue is a usage error, before anything is written")
    func unknownProgramme() throws {
        let dir = try TemporaryDirectory()
        var r = try request(dir)
        r.period = Period(programme: "NOPE")
        do {
            _ = try pipeline.run(r)
            Issue.record("an unknown programme gave a report")
        } catch let error as JobError {
            #expect(ExitStatus.forError(error) == .usage)
            #expect("\(error)".contains("« NOPE » n'est pas un programme du catalogue"))
        }
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/out/report.xlsx"))
    }

    @Test("job values that cannot be right are refused: empty output, a programme code leaving the folder")
    func badJobValues() {
        let base = "version: 1\ninputs: {catalogue: c.yml, registrations: r.csv, evaluations: e.csv}\n"
        #expect(throws: JobError.self) { try JobReader.parse(base + "output: \"\"\n", path: "/srv/j.yml") }
        #expect(throws: JobError.self) {
            try JobReader.parse(base + "period: {programme: \"../../etc\"}\noutput: out/{period}\n", path: "/srv/j.yml")
        }
    }

    @Test("a UTF-16 file says so; a date before 1900 is refused; a huge header is not echoed whole")
    func smallOnes() throws {
        let dir = try TemporaryDirectory()
        let utf16 = [UInt8]([0xFF, 0xFE]) + Array("programme;session\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        let path = try dir.write("u16.csv", bytes: utf16)
        #expect(throws: IngestError.utf16(path: path)) { try CSVTable(path: path, schema: .registrations) }
        #expect(ValueParser.timestamp("31/12/1899") == nil)
        #expect(ValueParser.timestamp("01/01/1900") != nil)
        let wide = String(repeating: "x", count: 1_000_000)
        let message =
            IngestError.missingColumns(path: "r.csv", missing: ["status"], found: [wide, "b"], expected: ["status"], nearest: [:])
            .errorDescription ?? ""
        #expect(message.count < 1000)
        #expect(message.contains("(1000000 caractères)"))
    }

    @Test("a stray quote on line 11 of the sample rejects line 11 only; the lines after it are read")
    func strayQuote() throws {
        let dir = try TemporaryDirectory()
        var lines = try String(contentsOfFile: Repository.path("input/registrations.csv"), encoding: .utf8).components(separatedBy: "\r\n")
        // Line 11 (index 10): a quote opened before the name, never closed on the line.
        lines[10] = lines[10].replacingOccurrences(of: ";Roux;", with: ";\"Roux;")
        let broken = lines.joined(separator: "\r\n")
        func run(_ registrations: String) throws -> ReportDocument {
            var r = try request(
                dir, registrations: registrations,
                catalogue: String(contentsOfFile: Repository.path("input/catalogue.yml"), encoding: .utf8))
            r.evaluations = InputSpec(Repository.path("input/evaluations.csv"))
            r.asOf = Fixtures.day("2022-07-31")
            return try pipeline.run(r).document
        }
        let canonical = try run(String(contentsOfFile: Repository.path("input/registrations.csv"), encoding: .utf8))
        let doc = try run(broken)
        let rejected = doc.rejects.filter { $0.file.hasSuffix("registrations.csv") }
        #expect(rejected.map(\.line) == [11, 20, 107, 114])
        #expect(rejected.first?.message.contains("la lecture reprend à la suivante") == true)
        // One registration less (P010 at S1), nothing else lost. Without S1, P010's ACTION
        // (line 52) and S2 (line 86) now lack a required session: two violations more, not
        // the 51 of a quote that swallowed forty lines.
        #expect(doc.metrics.overall.value(.registered) == (canonical.metrics.overall.value(.registered) ?? 0) - 1)
        #expect(doc.metrics.overall.value(.prerequisiteViolations) == (canonical.metrics.overall.value(.prerequisiteViolations) ?? 0) + 2)
    }

    @Test("two headers for one column stop the run, naming both")
    func duplicateHeaders() {
        for header in [
            ["programme", "session", "participant_id", "cooperative", "status", "status"],
            ["programme", "session", "participant_id", "cooperative", "Coopérative", "status"],
        ] {
            do {
                _ = try CSVTable.map(header: header, schema: .registrations, path: "r.csv")
                Issue.record("\(header) was accepted")
            } catch IngestError.duplicateHeaders(_, let column, let headers) {
                #expect(headers.count == 2)
                #expect(["status", "cooperative"].contains(column))
            } catch {
                Issue.record("\(error)")
            }
        }
    }

    @Test("text for the XML: NUL shown as U+FFFD, control characters left out, a literal _xHHHH_ kept as typed")
    func xmlText() {
        #expect(XMLText.clean("Gu\u{0}rin") == "Gu\u{FFFD}rin")
        #expect(XMLText.clean("Satis\u{1}faction\u{7F}") == "Satisfaction")
        #expect(XMLText.clean("ligne 1\nligne 2\t") == "ligne 1\nligne 2\t")
        #expect(XMLText.clean("code _x0041_ ici") == "code _x005F_x0041_ ici")
        #expect(XMLText.clean("jean_dupont _xyz_") == "jean_dupont _xyz_")
        #expect(XMLText.clean("\u{FFFE}") == "\u{FFFD}")
    }

    @Test(
        "the eight-bytes-at-a-time scan finds what the byte-by-byte test finds: every byte value, at every place of a word and of the tail")
    func xmlTextScan() {
        // 19 bytes: two whole words and a tail of three. Around the byte tried, plain
        // letters, and the byte just below and above each threshold the scan compares with.
        for neighbour: UInt8 in [UInt8(ascii: "a"), 0x20, 0x21, 0x80, 0xEE, 0xF0, 0x5E, 0x60, 0x7E, 0x09, 0x0A] {
            for value in 0...255 {
                for place in 0..<19 {
                    var bytes = [UInt8](repeating: neighbour, count: 19)
                    bytes[place] = UInt8(value)
                    let expected = bytes.contains(where: XMLText.mayNeedWork)
                    let found = bytes.withUnsafeBufferPointer(XMLText.anyMayNeedWork)
                    if found != expected {
                        Issue.record("byte \(value) at \(place) among \(neighbour): scan \(found), byte by byte \(expected)")
                        return
                    }
                }
            }
        }
        // The bytes the test flags, by definition: control characters but tab and line
        // breaks, DEL, 0xEF (U+FFFE/U+FFFF start so) and `_`.
        let flagged = (0...255).filter { b in [UInt8(b)].withUnsafeBufferPointer(XMLText.anyMayNeedWork) }
        #expect(flagged == Array(0...8) + [11, 12] + Array(14...31) + [0x5F, 0x7F, 0xEF])
        #expect(!XMLText.anyMayNeedWork(UnsafeBufferPointer(start: nil, count: 0)))
    }

    @Test("a NUL in a cooperative's name is the same U+FFFD in metrics.json and in the workbook")
    func nulInText() throws {
        let dir = try TemporaryDirectory()
        let rows = "programme;session;participant_id;cooperative;status;attendance\n" + "P;A;p1;Gu\u{0}rin Habitat;registered;present\n"
        let outcome = try pipeline.run(request(dir, registrations: rows))
        let json = try String(contentsOfFile: outcome.outputs[1], encoding: .utf8)
        #expect(json.contains("Gu\u{FFFD}rin Habitat"))
        let x = try XLSXReader(url: URL(fileURLWithPath: outcome.outputs[0]))
        let names = x.grid("Coopératives").dropFirst().compactMap { $0.first??.value }
        #expect(names.contains("Gu\u{FFFD}rin Habitat"))
    }

    @Test("a list longer than a sheet goes on in numbered sheets, and Synthèse names them")
    func listSheetsSplit() {
        let rows: [[Cell]] = (1...5).map { [.int($0)] }
        let sheets = ListSheets.table(name: "Alertes", headers: ["N"], rows: rows, maxRows: 3)
        #expect(sheets.map(\.name) == ["Alertes", "Alertes (2)", "Alertes (3)"])
        #expect(sheets.map { $0.rows.count } == [3, 3, 2])  // header + 2, header + 2, header + 1
        #expect(sheets.allSatisfy { $0.tables.first.map { $0.lastRow < 3 } == true })
        var summary = SheetPlan(name: "Synthèse")
        SummarySheet.noteSplits(sheets, in: &summary)
        let note = summary.rows.compactMap { row -> String? in
            guard row.count > 1, case .text(let t) = row[1].value else { return nil }
            return t
        }
        #expect(note.first?.hasPrefix("Alertes : 5 lignes réparties sur 3 feuilles") == true)
    }

    @Test("Alertes continues on numbered sheets with its prerequisite violations, none lost")
    func alertsSplit() throws {
        // Four more people registered to B without A: five violations with p2's.
        let more = (5...8).map { "P;B;p\($0);Nom;Prénom;p\($0)@example.org;Coop Un;inscrit;présent\r\n" }.joined()
        let doc = try SmallRun(minGroupSize: 1, registrations: SmallRun.registrations + more).outcome.document
        let listed = doc.listedWarnings.rows.count + (doc.listedWarnings.outside > 0 ? 1 : 0)
        let violations = doc.metrics.violations.count
        #expect(violations == 5 && listed >= 1)
        for maxRows in [2, 3, listed + 1, listed + 2] {
            let sheets = ListSheets.warnings(doc, maxRows: maxRows)
            #expect(sheets.allSatisfy { $0.rowCount <= maxRows }, "maxRows \(maxRows)")
            #expect(sheets.reduce(0) { $0 + $1.rowCount - 1 } == listed + violations, "maxRows \(maxRows)")
            #expect(sheets.map(\.name) == ["Alertes"] + (1..<sheets.count).map { "Alertes (\($0 + 1))" })
            #expect((sheets.last?.generated?.count ?? 0) >= 1)  // the violations come last
            #expect(sheets.reduce(0) { $0 + ($1.generated?.count ?? 0) } == violations)
        }
    }

    @Test("the log counts what repeats: 20 lines of a kind, then one line for the rest")
    func logLines() {
        let many = (1...2500).map { Diagnostic(severity: .warning, file: "r.csv", line: $0 + 1, column: nil, message: "duplicate") }
        let other = [Diagnostic(severity: .error, file: "r.csv", line: 3, column: "status", message: "bad status")]
        let lines = Pipeline.logLines(many + other, perKind: 20, noun: ("alerte", "alertes"), whereToRead: "la feuille Alertes")
        #expect(lines.count == 22)
        #expect(lines.last == "r.csv : … et 2480 alertes de plus ; toutes dans la feuille Alertes")
        // A large catalogue's codes are not listed on every rejected row.
        let codes = (1...2500).map { "S\($0)" }
        #expect(RecentSession.codes(codes, near: "s-2500") == "le plus proche : S2500 ; un des 2500 codes du catalogue")
        #expect(RecentSession.codes(["S1", "S2"], near: "S3") == "S1, S2")
    }

    @Test("registrations with a header and no row stop the run (66) and keep the previous report; empty evaluations warn")
    func headerOnly() throws {
        let dir = try TemporaryDirectory()
        let first = try pipeline.run(request(dir))
        let before = try Data(contentsOf: URL(fileURLWithPath: first.outputs[0]))
        do {
            _ = try pipeline.run(request(dir, registrations: "programme;session;participant_id;cooperative;status\n"))
            Issue.record("an empty registrations export gave a report")
        } catch let error as IngestError {
            #expect(ExitStatus.forError(error) == .inputMissing)
            #expect(error.errorDescription?.contains("un en-tête et aucune ligne") == true)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: first.outputs[0])) == before)
        var r = try request(dir)
        r.evaluations = InputSpec(try dir.write("empty-evaluations.csv", "programme,session,overall\n"))
        let outcome = try pipeline.run(r)
        #expect(outcome.document.warnings.contains { $0.message.hasPrefix("aucune réponse dans ce fichier") })
    }

    @Test("a catalogue of ten thousand chained sessions is read (no quadratic scan, no deep recursion); a loop in it is named")
    func largeCatalogue() throws {
        let n = 10_000
        var yaml = "programmes:\n  - code: BIG\n    title: Big\n    sessions:\n"
        for i in 0..<n {
            // Each requires the next one: the deepest chain a depth-first search can meet.
            yaml += "      - {code: S\(i), start: 2022-01-10, hours: 7, requires: [\(i < n - 1 ? "S\(i + 1)" : "")]}\n"
        }
        let catalogue = try CatalogueReader.parse(yaml, path: "big.yml")
        #expect(catalogue.programmes.first?.sessions.count == n)
        func session(_ code: String, _ requires: [String]) -> Session {
            Session(
                programme: "P", code: code, title: code, kind: .classroom, start: Fixtures.day("2022-01-10"),
                end: Fixtures.day("2022-01-10"), hours: 7, requires: requires)
        }
        let loop = [session("S1", ["S2"]), session("S2", ["S3"]), session("S3", ["S1"]), session("S4", [])]
        #expect(CatalogueReader.requirementCycle(loop) == ["S1", "S2", "S3", "S1"])
        #expect(CatalogueReader.requirementCycle([session("S1", []), session("S2", ["S1"])]) == nil)
    }

    @Test("a text at Excel's limit stays writable when escaping lengthens it, and combining marks count as libxlsxwriter counts")
    func textAtTheLimit() throws {
        let dir = try TemporaryDirectory()
        // A rejected row of 32,760 characters holding a literal _x0041_ (escaped, it grows
        // by 6) and a comment of combining accents (more code points than characters).
        let long = "P;Z;p9;Nom;Pré;x@example.org;Coop;_x0041_" + String(repeating: "a", count: 32_740) + ";présent"
        let accents = String(repeating: "e\u{301}", count: 20_000)  // 20,000 characters, 40,000 code points
        let regs = SmallRun.registrations + long + "\r\n"
        var r = try request(dir, registrations: regs)
        r.evaluations = InputSpec(try dir.write("e.csv", "programme,session,participant_id,overall,comment\nP,A,p1,4,\(accents)\n"))
        let outcome = try pipeline.run(r)
        let x = try XLSXReader(url: URL(fileURLWithPath: outcome.outputs[0]))
        let row = x.grid("Commentaires").dropFirst().first ?? []
        let comment = row.count > 4 ? row[4]?.value ?? "" : ""
        #expect(comment.unicodeScalars.count <= 32_767)
        #expect(comment.hasSuffix("(texte tronqué : 40000 caractères)"))
    }

    @Test("a stray quote meeting a later quote in the same column still rejects its line; names stay masked")
    func strayQuoteMeetsQuote() throws {
        let dir = try TemporaryDirectory()
        let rows =
            "programme;session;participant_id;email;last_name;cooperative;status\n"
            + "P;A;id1;\"a@example.org;Durand;Coop;registered\n"  // stray quote before the e-mail
            + "P;A;id2;b@example.org;Martin;Coop;registered\n"
            + "P;A;id3;c@example.org;\"Petit, fils\";Coop;registered\n"
        let doc = try pipeline.run(request(dir, registrations: rows)).document
        let rejected = doc.rejects.filter { $0.file.hasSuffix("registrations.csv") }
        #expect(rejected.map(\.line) == [2])
        #expect(doc.metrics.session("P/A")?.value(.registered) == 2)  // id2 and id3 kept
        let masked = rejected.first?.redactedRaw ?? ""
        #expect(!masked.contains("a@example.org") && !masked.contains("Durand"))
        #expect(masked.contains("id1"))
    }

    @Test("two objective columns for one objective stop the run; an « Event » header without a label map is not read")
    func moreHeaders() throws {
        let schema = TableSchema.evaluations(questions: ["overall"])
        #expect(throws: IngestError.self) {
            try CSVTable.map(header: ["programme", "session", "Objectif 3", "objective_3"], schema: schema, path: "e.csv")
        }
        let (columns, _) = try CSVTable.map(
            header: ["programme", "session", "participant_id", "cooperative", "status", "Event"], schema: .registrations, path: "r.csv")
        #expect(!columns.contains("event"))
    }

    @Test("a journal names only staged temporaries of its own files: anything else is left alone")
    func journalNames() throws {
        let dir = try TemporaryDirectory()
        try dir.write("secret.txt", "keep")
        try dir.write(".report.xlsx\(TemporaryFiles.marker)1.tmp", "new workbook")
        try dir.write(ReportFiles.journalName, "secret.txt\tmanifest.json\n.report.xlsx\(TemporaryFiles.marker)1.tmp\treport.xlsx\n")
        #expect(ReportFiles.recover(in: dir.path) == ["report.xlsx"])
        #expect(try String(contentsOfFile: dir.path + "/secret.txt", encoding: .utf8) == "keep")
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/manifest.json"))
    }

    @Test("paths are shown relative to the folder the command was typed in, in the workbook and on the terminal")
    func displayPaths() throws {
        let paths = DisplayPaths(base: "/srv/coop/jobs")
        #expect(paths.show("/srv/coop/input/registrations.csv") == "../input/registrations.csv")
        #expect(paths.show("/srv/coop/jobs/../output/x.xlsx") == "../output/x.xlsx")
        #expect(paths.show("/srv/coop/jobs/local.csv") == "local.csv")
        #expect(paths.show("/tmp/other.csv") == "/tmp/other.csv")  // nothing in common but /
        // The sample job's workbook: Synthèse and Rejets name input/… (from the repository,
        // where the tests run), not /…/input/….
        let dir = try TemporaryDirectory()
        var job = try JobReader.read(path: Repository.path("jobs/sample.yml"))
        job.output = dir.path
        let outcome = try pipeline.run(ReportRequest(job: job, asOf: nil, today: Fixtures.day("2026-11-27")))
        let x = try XLSXReader(url: URL(fileURLWithPath: outcome.outputs[0]))
        let texts = ["Synthèse", "Rejets"].flatMap { x.grid($0).flatMap { $0.compactMap { $0?.value } } }
        let here = DisplayPaths.currentFolder.show(Repository.path("input/registrations.csv"))
        #expect(!here.hasPrefix("/"))
        #expect(texts.contains(here))
        #expect(!texts.contains { $0.hasPrefix(Repository.root.path) })
    }
}
