import Foundation
import Logging
import Testing
import XlsxWriter
import ZIPFoundation

@testable import CoopReport

/// `.xlsx` inputs: a workbook's sheet read like a CSV, rows streamed, dates and numbers
/// as typed, line numbers the sheet's rows.
@Suite("xlsx inputs")
struct XLSXInputTests {
    /// Writes a registrations workbook with libxlsxwriter: shared strings in normal mode,
    /// inline strings in constant-memory mode, a real date cell and a date typed as text.
    func registrationsWorkbook(_ dir: TemporaryDirectory, constantMemory: Bool = false, sheet: String = "Inscriptions") throws -> String {
        let path = dir.url.appendingPathComponent("inscriptions.xlsx").path
        let book = try Workbook(path: path, constantMemory: constantMemory)
        let notes = try book.addWorksheet(named: "Lisez-moi")  // not the first sheet when asked by name
        try notes.write(text: "Export du 01/03/2022", row: 0, column: 0)
        let ws = try book.addWorksheet(named: sheet)
        let header = ["Formation", "Session", "Identifiant", "Coopérative", "Statut", "Présence", "Heures", "Date d'inscription"]
        for (c, h) in header.enumerated() { try ws.write(text: h, row: 0, column: c) }
        let date = CellFormat(numberFormat: "dd/mm/yyyy")
        // Row 2: p1, present, 7 h typed as a number, registered on 2021-12-01 (a date cell).
        for (c, v) in ["P", "A", "p1", "Coop Un", "inscrit", "présent"].enumerated() { try ws.write(text: v, row: 1, column: c) }
        try ws.write(number: 6.5, row: 1, column: 6)
        try ws.write(number: 44531, row: 1, column: 7, format: date)  // 44531 = 2021-12-01
        // Row 3: p2, partial, no hours, the date as text.
        for (c, v) in ["P", "A", "p2", "Coop Un", "inscrit", "partiel"].enumerated() { try ws.write(text: v, row: 2, column: c) }
        try ws.write(text: "02/12/2021", row: 2, column: 7)
        // Row 5 (row 4 left empty): an unknown session, rejected with its sheet row number.
        for (c, v) in ["P", "Z", "p3", "Coop Un", "inscrit", "présent"].enumerated() { try ws.write(text: v, row: 4, column: c) }
        if constantMemory {
            try book.close()
        } else {
            try ws.activate()
            try book.close()
        }
        return path
    }

    func table(_ path: String, sheet: String? = "Inscriptions") throws -> XLSXTable {
        var mapping = InputMapping()
        mapping.sheet = sheet
        return try XLSXTable(path: path, schema: .registrations, mapping: mapping)
    }

    func rows(_ t: XLSXTable) throws -> [(line: Int, values: [String])] {
        var out: [(Int, [String])] = []
        _ = try t.forEachRecord { f in out.append((f.line, (0..<f.count).map { f.text($0) })) }
        return out
    }

    @Test("shared and inline strings, numbers and dates read as typed; line numbers are the sheet's rows", arguments: [false, true])
    func reads(constantMemory: Bool) throws {
        let dir = try TemporaryDirectory()
        let t = try table(registrationsWorkbook(dir, constantMemory: constantMemory))
        #expect(t.sheet == "Inscriptions")
        #expect(t.columns.prefix(3) == ["programme", "session", "participant_id"])
        let r = try rows(t)
        #expect(r.map(\.line) == [2, 3, 5])
        let hours = try #require(t.columns.firstIndex(of: "hours_attended"))
        let registered = try #require(t.columns.firstIndex(of: "registered_at"))
        #expect(r[0].values[hours] == "6.5")
        #expect(r[0].values[registered] == "2021-12-01")  // the serial 44531 with a date format
        #expect(r[1].values[registered] == "02/12/2021")  // text stays text
        #expect(r[1].values[hours] == "")
    }

    @Test("the pipeline reads a workbook like a CSV: figures, and rejects at sheet rows")
    func pipeline() throws {
        let dir = try TemporaryDirectory()
        let path = try registrationsWorkbook(dir)
        var request = ReportRequest(
            catalogue: try dir.write("catalogue.yml", SmallRun.catalogue), registrations: path,
            evaluations: try dir.write("evaluations.csv", SmallRun.evaluations), outputDirectory: dir.path + "/out",
            asOf: Fixtures.day("2022-03-01"))
        request.registrations.mapping.sheet = "inscriptions"  // names match ignoring case
        request.maxRejectRate = 1
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let outcome = try Pipeline(logger: logger).run(request)
        let a = try #require(outcome.document.metrics.session("P/A"))
        #expect(a.value(.present) == 2)  // p1 present, p2 partial
        #expect(a.value(.hoursTrainee) == 6.5 + 3.5)  // typed 6.5; partial: half of 7
        let rejected = outcome.document.rejects.filter { $0.file == path }
        #expect(rejected.map(\.line) == [5])
        #expect(rejected.first?.raw == "P;Z;p3;Coop Un;inscrit;présent")
        #expect(outcome.document.inputs[1].encoding == "classeur .xlsx, feuille « Inscriptions »")
        // The manifest's hash is the workbook file's.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(outcome.document.inputs[1].bytes == bytes.count)
    }

    @Test("the shipped .xlsx exports give the canonical sample's metrics.json, byte for byte")
    func shippedExports() throws {
        let dir = try TemporaryDirectory()
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        func run(_ job: String) throws -> ReportOutcome {
            var parsed = try JobReader.read(path: Repository.path(job))
            parsed.output = dir.url.appendingPathComponent(job.replacingOccurrences(of: "/", with: "-")).path
            return try Pipeline(logger: logger).run(ReportRequest(job: parsed, asOf: nil, today: Fixtures.day("2026-11-27")))
        }
        let canonical = try run("jobs/sample.yml")
        let xlsx = try run("jobs/sample-xlsx.yml")
        #expect(
            try String(contentsOfFile: xlsx.outputs[1], encoding: .utf8) == String(contentsOfFile: canonical.outputs[1], encoding: .utf8))
        // Registrations: one row per record, the CSV's line numbers. Evaluations: the CSV's
        // record on lines 10–13 is one row of the sheet, so later rows are 3 lower.
        let reg = xlsx.document.rejects.filter { $0.file.hasSuffix("inscriptions-2021-2022.xlsx") }.map(\.line)
        let ev = xlsx.document.rejects.filter { $0.file.hasSuffix("questionnaire-sessions.xlsx") }.map(\.line)
        #expect(reg == [20, 107, 114])  // 124: its unreadable date is dropped, the row counts
        #expect(ev == [48, 56, 61, 64].map { $0 - 3 })
    }

    @Test("a generated dataset written as workbooks (numbers as number cells, inline strings) gives the CSV's metrics.json")
    func generatedWorkbooks() throws {
        let dir = try TemporaryDirectory()
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        var outputs: [String] = []
        for xlsx in [false, true] {
            let folder = dir.path + (xlsx ? "/xlsx" : "/csv")
            _ = try SampleGenerator(seed: 5, programmes: 3, participantsPerProgramme: 40, xlsx: xlsx).write(to: folder)
            let ext = xlsx ? "xlsx" : "csv"
            let request = ReportRequest(
                catalogue: folder + "/catalogue.yml", registrations: folder + "/registrations.\(ext)",
                evaluations: folder + "/evaluations.\(ext)", outputDirectory: folder + "/out", asOf: Fixtures.day("2026-11-27"))
            let outcome = try Pipeline(logger: logger).run(request)
            #expect(outcome.document.rejects.isEmpty)
            outputs.append(try String(contentsOfFile: outcome.outputs[1], encoding: .utf8))
        }
        #expect(outputs[0] == outputs[1])
        #expect(outputs[0].contains("\"registered\""))
    }

    @Test("a missing sheet names the workbook's sheets and the nearest; .xls and .ods say how to save as .xlsx")
    func errors() throws {
        let dir = try TemporaryDirectory()
        let path = try registrationsWorkbook(dir)
        #expect(throws: IngestError.noSheet(path: path, sheet: "Inscription 2022", found: ["Lisez-moi", "Inscriptions"])) {
            try table(path, sheet: "Inscription 2022")
        }
        for name in ["old.xls", "calc.ods"] {
            let file = try dir.write(name, "x")
            do {
                _ = try InputTables.open(file, schema: .registrations, mapping: .none)
                Issue.record("\(name) was read")
            } catch let error as IngestError {
                #expect(ExitStatus.forError(error) == .inputMissing)
                #expect(error.errorDescription?.contains("« Classeur Excel (.xlsx) »") == true)
            }
        }
        // A workbook saved under a .csv name is still read as a workbook, not as bytes.
        let disguised = dir.url.appendingPathComponent("export.csv").path
        try FileManager.default.copyItem(atPath: path, toPath: disguised)
        var mapping = InputMapping()
        mapping.sheet = "Inscriptions"
        #expect(try InputTables.open(disguised, schema: .registrations, mapping: mapping) is XLSXTable)
        // Without `sheet:`, the first sheet (« Lisez-moi ») is read: it lacks the columns.
        #expect(throws: IngestError.self) { try InputTables.open(disguised, schema: .registrations, mapping: .none) }
        // A truncated workbook is an unreadable input (exit 66), not a crash.
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let cut = try dir.write("cut.xlsx", bytes: Array(bytes.prefix(bytes.count / 2)))
        #expect(throws: IngestError.self) { try InputTables.open(cut, schema: .registrations, mapping: .none) }
    }

    @Test("serial dates: days since 1899-12-30, the fraction as the time, as Foundation's calendar counts")
    func serials() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        let origin = calendar.date(from: DateComponents(year: 1899, month: 12, day: 30)) ?? Date()
        let june30 = calendar.date(from: DateComponents(year: 2022, month: 6, day: 30)) ?? Date()
        let serial = Double(calendar.dateComponents([.day], from: origin, to: june30).day ?? 0)
        #expect(SheetCells.isoDate(serial: serial) == "2022-06-30")
        #expect(SheetCells.isoDate(serial: serial + 14.5 / 24) == "2022-06-30T14:30:00")
        #expect(SheetCells.isoDate(serial: -3) == nil)
        #expect(SheetCells.shortest(7) == "7")
        #expect(SheetCells.shortest(3.25) == "3.25")
        #expect(XLSXParts.isDateCode("dd/mm/yyyy hh:mm"))
        #expect(!XLSXParts.isDateCode("0.00\" d\""))  // a quoted d is text
        #expect(!XLSXParts.isDateCode("[Red]0.0"))
    }

    /// A copy of the workbook at `path` whose first sheet's XML is changed by `transform`.
    func rewritten(_ path: String, in dir: TemporaryDirectory, sheet part: String, _ transform: (String) -> String) throws -> String {
        let source = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        let target = dir.url.appendingPathComponent("changed-\(UUID().uuidString).xlsx")
        let out = try Archive(url: target, accessMode: .create)
        for entry in source {
            var data = Data()
            _ = try source.extract(entry) { data.append($0) }
            if entry.path == part { data = Data(transform(String(decoding: data, as: UTF8.self)).utf8) }
            let bytes = data
            try out.addEntry(with: entry.path, type: .file, uncompressedSize: Int64(bytes.count)) { position, size in
                bytes.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return target.path
    }

    @Test("a row number out of range or out of order, and a shared string the workbook lacks, stop the read (66)")
    func brokenSheets() throws {
        let dir = try TemporaryDirectory()
        let path = try registrationsWorkbook(dir)  // « Inscriptions » is the second sheet
        let part = "xl/worksheets/sheet2.xml"
        let cases: [(String, (String) -> String)] = [
            ("huge row", { $0.replacingOccurrences(of: "<row r=\"3\"", with: "<row r=\"2147483648\"") }),
            ("backwards", { $0.replacingOccurrences(of: "<row r=\"5\"", with: "<row r=\"2\"") }),
            ("missing string", { $0.replacingOccurrences(of: "<v>1</v>", with: "<v>99999</v>") }),
        ]
        for (what, change) in cases {
            let broken = try rewritten(path, in: dir, sheet: part, change)
            do {
                _ = try rows(table(broken))
                Issue.record("\(what): read")
            } catch let error as IngestError {
                guard case .badWorkbook(_, let reason) = error else {
                    Issue.record("\(what): \(error)")
                    continue
                }
                #expect(reason.contains(what == "missing string" ? "texte partagé" : "numéro de ligne"), "\(what): \(reason)")
            }
        }
    }

    @Test("serial dates: Excel's 1900 leap-year error and the 1904 system")
    func serialSystems() {
        #expect(SheetCells.isoDate(serial: 1) == "1900-01-01")
        #expect(SheetCells.isoDate(serial: 59) == "1900-02-28")
        #expect(SheetCells.isoDate(serial: 60) == nil)  // 29 February 1900, which never was
        #expect(SheetCells.isoDate(serial: 61) == "1900-03-01")
        #expect(SheetCells.isoDate(serial: 0, date1904: true) == "1904-01-01")
        #expect(SheetCells.isoDate(serial: 43_281, date1904: true) == SheetCells.isoDate(serial: 43_281 + 1462))
    }
}
