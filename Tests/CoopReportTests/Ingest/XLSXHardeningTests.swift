import Foundation
import Logging
import Testing
import XlsxWriter
import ZIPFoundation

@testable import CoopReport

/// `.xlsx` inputs as an attacker or a careless user hands them over (issue 20): zip parts
/// that lie about their size, hours typed as times, a hidden first sheet, files that are
/// not workbooks. Each reproduced first.
@Suite("xlsx hardening")
struct XLSXHardeningTests {
    let inputs = XLSXInputTests()

    /// A copy of the workbook at `path` rebuilt with every part deflated, `changes` applied
    /// to the parts they name (`nil`: the part removed).
    func rebuilt(_ path: String, in dir: TemporaryDirectory, _ changes: [String: (Data) -> Data?]) throws -> String {
        let source = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        let target = dir.url.appendingPathComponent("rebuilt-\(UUID().uuidString).xlsx")
        let out = try Archive(url: target, accessMode: .create)
        for entry in source {
            var data = Data()
            _ = try source.extract(entry) { data.append($0) }
            if let change = changes[entry.path] {
                guard let changed = change(data) else { continue }
                data = changed
            }
            let bytes = data
            try out.addEntry(with: entry.path, type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: .deflate) {
                position, size in bytes.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return target.path
    }

    /// The archive's bytes with `part`'s uncompressed size set to `size`, in its local
    /// header and in the central directory: the lie of a zip bomb.
    func declaring(_ size: UInt32, for part: String, in path: String) throws -> String {
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let name = Array(part.utf8)
        func u16(_ i: Int) -> Int { Int(bytes[i]) | Int(bytes[i + 1]) << 8 }
        var patched = 0
        // Local header: PK 03 04, size at 22, name length at 26, name at 30. Central
        // directory: PK 01 02, size at 24, name length at 28, name at 46.
        for (signature, sizeAt, lengthAt, nameAt) in [([0x50, 0x4B, 0x03, 0x04], 22, 26, 30), ([0x50, 0x4B, 0x01, 0x02], 24, 28, 46)] {
            var i = 0
            while i + nameAt < bytes.count {
                defer { i += 1 }
                guard Array(bytes[i..<i + 4]) == signature.map(UInt8.init) else { continue }
                let length = u16(i + lengthAt)
                guard i + nameAt + length <= bytes.count, Array(bytes[i + nameAt..<i + nameAt + length]) == name else { continue }
                for k in 0..<4 { bytes[i + sizeAt + k] = UInt8(truncatingIfNeeded: size >> (8 * UInt32(k))) }
                patched += 1
            }
        }
        #expect(patched == 2, "\(part): both headers patched")
        let target = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("bomb-\(UUID().uuidString).xlsx")
        try Data(bytes).write(to: target)
        return target.path
    }

    /// `data` (an XML part) with a comment of `count` spaces after its declaration: a long
    /// run of bytes that deflates to almost nothing.
    static func padded(_ data: Data, _ count: Int) -> Data {
        let text = String(decoding: data, as: UTF8.self)
        guard let end = text.range(of: "?>") else { return data }
        return Data((text[..<end.upperBound] + "<!--").utf8) + Data(repeating: 0x20, count: count)
            + Data(("-->" + text[end.upperBound...]).utf8)
    }

    func reason(_ body: () throws -> Void) -> String? {
        do {
            try body()
        } catch let IngestError.badWorkbook(_, reason) {
            return reason
        } catch {
            return "other error: \(error)"
        }
        return nil
    }

    @Test("a part inflating past its declared size stops the read (shared strings, sheet); a declared size past the cap is refused")
    func declaredSizes() throws {
        let dir = try TemporaryDirectory()
        let book = try inputs.registrationsWorkbook(dir)
        // 24 MB of spaces, deflated to some 24 kB, declared as 100 bytes.
        for part in ["xl/sharedStrings.xml", "xl/worksheets/sheet2.xml"] {
            let bomb = try declaring(100, for: part, in: rebuilt(book, in: dir, [part: { Self.padded($0, 24 << 20) }]))
            let why = reason { _ = try inputs.rows(inputs.table(bomb)) }
            #expect(
                why?.contains("la partie \(part) contient plus que les 100 octets qu'elle déclare") == true, "\(part): \(why ?? "read")")
        }
        // Declared above the cap: refused before anything is inflated.
        let big = try declaring(UInt32(XLSXTable.maxSharedStringsBytes + 1), for: "xl/sharedStrings.xml", in: rebuilt(book, in: dir, [:]))
        let why = reason { _ = try inputs.table(big) }
        #expect(why?.contains("au-delà des \(XLSXTable.maxSharedStringsBytes) octets admis") == true, "\(why ?? "read")")
        // The true size declared: read as before.
        let honest = try rebuilt(book, in: dir, ["xl/sharedStrings.xml": { Self.padded($0, 1 << 20) }])
        #expect(try inputs.rows(inputs.table(honest)).map(\.line) == [2, 3, 5])
    }

    @Test("the executable: a zip bomb ends in exit 66 with a French message, its memory bounded")
    func bombOnTheBinary() throws {
        let dir = try TemporaryDirectory()
        let book = try inputs.registrationsWorkbook(dir)
        let bomb = try declaring(
            100, for: "xl/sharedStrings.xml", in: rebuilt(book, in: dir, ["xl/sharedStrings.xml": { Self.padded($0, 64 << 20) }]))
        try dir.write("catalogue.yml", SmallRun.catalogue)
        try dir.write("evaluations.csv", SmallRun.evaluations)
        let job = try dir.write(
            "job.yml",
            """
            version: 1
            inputs:
              catalogue: catalogue.yml
              registrations: {path: \(bomb), sheet: Inscriptions}
              evaluations: evaluations.csv
            as_of: 2022-03-01
            output: out
            """)
        let r = try CommandLineTests().run(["run", job])
        #expect(r.status == ExitStatus.inputMissing.rawValue)
        #expect(r.stderr.contains("classeur illisible : la partie xl/sharedStrings.xml contient plus que les 100 octets"), "\(r.stderr)")
        #expect(!r.stderr.contains("droits d'accès"))
    }

    @Test("while a sheet is read, its XML is nowhere on disk (a killed run leaves no names in /tmp)")
    func sheetStaysInMemory() throws {
        let dir = try TemporaryDirectory()
        // Inline strings: the participant's id, unique to this test, is in the sheet's XML.
        let id = "p-\(UUID().uuidString)"
        let book = try rebuilt(
            inputs.registrationsWorkbook(dir, constantMemory: true), in: dir,
            [
                "xl/worksheets/sheet2.xml": {
                    Data(String(decoding: $0, as: UTF8.self).replacingOccurrences(of: ">p1<", with: ">\(id)<").utf8)
                }
            ])
        let t = try inputs.table(book)
        let temporary = FileManager.default.temporaryDirectory.path
        var copies: [String] = []
        var ids: [String] = []
        let column = try #require(t.columns.firstIndex(of: "participant_id"))
        _ = try t.forEachRecord { f in
            ids.append(f.text(column))
            for name in (try? FileManager.default.contentsOfDirectory(atPath: temporary)) ?? [] where name.hasPrefix("coopreport-") {
                let folder = temporary + "/" + name
                for file in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where file.hasSuffix(".xml") {
                    if let text = try? String(contentsOfFile: folder + "/" + file, encoding: .utf8), text.contains(id) {
                        copies.append(folder + "/" + file)
                    }
                }
            }
        }
        #expect(ids.first == id)
        #expect(copies.isEmpty)
    }

    /// A registrations workbook whose hours are typed as times: « 7:00 » with `[h]:mm`,
    /// « 3:30 » with `h:mm` (built-in 20 in Excel), 6.5 as a plain number; a time-of-day
    /// format in another column stays a number.
    func timedWorkbook(_ dir: TemporaryDirectory) throws -> String {
        let path = dir.url.appendingPathComponent("heures.xlsx").path
        let book = try Workbook(path: path)
        let ws = try book.addWorksheet(named: "Inscriptions")
        let header = ["Formation", "Session", "Identifiant", "Coopérative", "Statut", "Présence", "Heures", "Rang"]
        for (c, h) in header.enumerated() { try ws.write(text: h, row: 0, column: c) }
        let elapsed = CellFormat(numberFormat: "[h]:mm")
        let clock = CellFormat(numberFormat: "h:mm")
        let rows: [(String, Double, CellFormat?)] = [("p1", 7.0 / 24, elapsed), ("p2", 3.5 / 24, clock), ("p3", 6.5, nil)]
        for (r, (id, hours, format)) in rows.enumerated() {
            for (c, v) in ["P", "A", id, "Coop Un", "inscrit", "présent"].enumerated() { try ws.write(text: v, row: r + 1, column: c) }
            if let format {
                try ws.write(number: hours, row: r + 1, column: 6, format: format)
            } else {
                try ws.write(number: hours, row: r + 1, column: 6)
            }
            try ws.write(number: 0.5, row: r + 1, column: 7, format: clock)  // not an hours column
        }
        try book.close()
        return path
    }

    @Test("hours typed « 7:00 » in an .xlsx (a time format, 0.2916… in the cell) are 7 hours")
    func timeFormattedHours() throws {
        let dir = try TemporaryDirectory()
        let path = try timedWorkbook(dir)
        let t = try inputs.table(path, sheet: nil)
        let hours = try #require(t.columns.firstIndex(of: "hours_attended"))
        let r = try inputs.rows(t)
        #expect(r.map { $0.values[hours] } == ["7", "3.5", "6.5"])
        // Outside an hours column, a time-formatted number stays the number stored.
        var cells = SheetCells(shared: [], dateStyles: [], date1904: false)
        cells.timeStyles = [1]
        cells.hourColumns = [6]
        #expect(cells.text("0.5", type: "n", style: 1, column: 7) == "0.5")
        #expect(cells.text("0.5", type: "n", style: 1, column: 6) == "12")
        #expect(cells.text("0.5", type: "n", style: 0, column: 6) == "0.5")
        // Through the pipeline: hours-trainee is 7 + 3.5 + 6.5 = 17.
        var request = ReportRequest(
            catalogue: try dir.write("catalogue.yml", SmallRun.catalogue), registrations: path,
            evaluations: try dir.write("evaluations.csv", SmallRun.evaluations), outputDirectory: dir.path + "/out",
            asOf: Fixtures.day("2022-03-01"))
        request.maxRejectRate = 1
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let outcome = try Pipeline(logger: logger).run(request)
        #expect(outcome.document.metrics.session("P/A")?.value(.hoursTrainee) == 17)
    }

    @Test("time format codes: elapsed and clock times are times, dates and quoted letters are not")
    func timeCodes() {
        for code in ["h:mm", "[h]:mm", "[hh]:mm:ss", "hh:mm AM/PM", "mm:ss", "[mm]", "[$-40C]h:mm"] {
            #expect(XLSXParts.isTimeCode(code), "\(code)")
        }
        for code in ["dd/mm/yyyy hh:mm", "0.00", "0.0\" h\"", "[Red]0.0", "mm", "General"] {
            #expect(!XLSXParts.isTimeCode(code), "\(code)")
        }
        #expect(SheetCells.hours(days: 7.0 / 24) == 7)
        #expect(SheetCells.hours(days: (7.0 + 20.0 / 60) / 24) == 26_400.0 / 3_600)
    }

    @Test("a hidden first sheet is passed over for the first visible one, unless the job names it")
    func hiddenSheet() throws {
        let dir = try TemporaryDirectory()
        let book = try inputs.registrationsWorkbook(dir)  // « Lisez-moi », then « Inscriptions »
        let hidden = try rebuilt(
            book, in: dir,
            [
                "xl/workbook.xml": {
                    Data(
                        String(decoding: $0, as: UTF8.self).replacingOccurrences(
                            of: "name=\"Lisez-moi\"", with: "name=\"Lisez-moi\" state=\"hidden\""
                        ).utf8)
                }
            ])
        let t = try inputs.table(hidden, sheet: nil)
        #expect(t.sheet == "Inscriptions")
        #expect(t.hiddenSkipped == ["Lisez-moi"])
        #expect(try inputs.rows(t).map(\.line) == [2, 3, 5])
        // Named, a hidden sheet is read (it lacks the columns here).
        #expect(throws: IngestError.self) { try inputs.table(hidden, sheet: "Lisez-moi") }
        // All hidden: say so, and how to name one.
        let allHidden = try rebuilt(
            hidden, in: dir,
            [
                "xl/workbook.xml": {
                    Data(
                        String(decoding: $0, as: UTF8.self).replacingOccurrences(
                            of: "name=\"Inscriptions\"", with: "name=\"Inscriptions\" state=\"veryHidden\""
                        ).utf8)
                }
            ])
        let why = reason { _ = try inputs.table(allHidden, sheet: nil) }
        #expect(why?.contains("toutes les feuilles du classeur sont masquées") == true, "\(why ?? "read")")
    }

    @Test("the executable says which sheet it read when it passed over a hidden one")
    func hiddenSheetLogged() throws {
        let dir = try TemporaryDirectory()
        let book = try inputs.registrationsWorkbook(dir)
        let hidden = try rebuilt(
            book, in: dir,
            [
                "xl/workbook.xml": {
                    Data(
                        String(decoding: $0, as: UTF8.self).replacingOccurrences(
                            of: "name=\"Lisez-moi\"", with: "name=\"Lisez-moi\" state=\"hidden\""
                        ).utf8)
                }
            ])
        try dir.write("catalogue.yml", SmallRun.catalogue)
        try dir.write("evaluations.csv", SmallRun.evaluations)
        let job = try dir.write(
            "job.yml",
            """
            version: 1
            inputs: {catalogue: catalogue.yml, registrations: \(hidden), evaluations: evaluations.csv}
            as_of: 2022-03-01
            max_reject_rate: 1
            output: out
            """)
        let r = try CommandLineTests().run(["check", job])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(
            r.stderr.contains("feuille « Inscriptions » lue, première visible ; feuille masquée ignorée : « Lisez-moi »"), "\(r.stderr)")
    }

    @Test("an unreadable .xlsx says what the file is: empty, encrypted, an .ods or a CSV renamed, HTML, a cut zip")
    func whatTheFileIs() throws {
        let dir = try TemporaryDirectory()
        let book = try inputs.registrationsWorkbook(dir)
        func message(_ path: String) -> String {
            do {
                _ = try InputTables.open(path, schema: .registrations, mapping: .none)
                return "read"
            } catch {
                #expect(ExitStatus.forError(error) == .inputMissing)
                return (error as? LocalizedError)?.errorDescription ?? "\(error)"
            }
        }
        // An encrypted workbook: an OLE2 compound file with an EncryptedPackage stream.
        var ole: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 1016)
        ole += "EncryptedPackage".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        // An .ods renamed: a zip whose mimetype says OpenDocument.
        let odsURL = dir.url.appendingPathComponent("calc-renamed.xlsx")
        let ods = try Archive(url: odsURL, accessMode: .create)
        let mimetype = Data("application/vnd.oasis.opendocument.spreadsheet".utf8)
        try ods.addEntry(with: "mimetype", type: .file, uncompressedSize: Int64(mimetype.count)) { p, s in
            mimetype.subdata(in: Int(p)..<Int(p) + s)
        }
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: book)))
        let cases: [(String, String, String)] = [
            (try dir.write("vide.xlsx", ""), "le fichier est vide (0 octet)", "empty"),
            (try dir.write("protege.xlsx", bytes: ole), "protégé par un mot de passe", "encrypted"),
            (odsURL.path, "OpenDocument (.ods), même renommés en .xlsx", "ods"),
            (try dir.write("export.xlsx", "formation;session\nP;A\n"), "si c'est un CSV, renommez-le en .csv", "csv"),
            (try dir.write("page.xlsx", "<html><table><tr><td>P</td></tr></table></html>"), "une page HTML", "html"),
            (try dir.write("coupe.xlsx", bytes: Array(bytes.prefix(bytes.count / 2))), "tronquée ou abîmée", "cut"),
        ]
        for (path, expected, what) in cases {
            let text = message(path)
            #expect(text.contains(expected), "\(what): \(text)")
            #expect(!text.contains("droits d'accès") && !text.contains("missingEndOfCentralDirectoryRecord"), "\(what): \(text)")
        }
    }
}
