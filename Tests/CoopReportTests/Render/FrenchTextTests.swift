import Foundation
import Logging
import Testing

@testable import CoopReport

/// Every shipped job, run end to end: every text a person reads in the workbook, in
/// rejects.csv's reasons and on the terminal is French (no word of a small English
/// blocklist) and shows no absolute path of the machine that ran it.
@Suite("French text")
struct FrenchTextTests {
    /// English words that French texts never use as whole words (a French word such as
    /// « file » or « note » is left out; so are the job's keys and canonical columns a
    /// message quotes, which are stripped first with the rest of « … »).
    static let blocklist: Set<String> = [
        "error", "warning", "duplicate", "row", "rows", "column", "columns", "expected", "found", "missing", "outside", "period",
        "not", "the", "and", "of", "is", "which", "line", "lines", "rejected", "nearest", "header", "headers", "with", "than",
        "registrations", "evaluations",
    ]

    /// Columns whose cells are the user's data (copied from the input files) or
    /// identifiers a program reads: not checked for words.
    static let dataColumns: [String: Set<String>] = [
        "Rejets": ["Valeur", "Ligne brute (noms et courriels masqués)"],
        "Commentaires": ["Commentaire"],
        "Méthode": ["Identifiant"],
    ]

    static let jobs = [
        "jobs/sample.yml", "jobs/sample-exports.yml", "jobs/sample-billetterie.yml", "jobs/sample-xlsx.yml", "jobs/monthly.yml",
        "jobs/qualiopi-FVC-2122.yml", "jobs/annual-2022.yml", "jobs/certificats-FVC-2122.yml",
    ]

    /// The blocklisted words of a text, quoted parts (« … ») and file names
    /// (`../input/registrations.csv`) left out.
    static func englishWords(_ text: String) -> [String] {
        var outside = ""
        var depth = 0
        for ch in text {
            if ch == "«" {
                depth += 1
            } else if ch == "»" {
                depth = max(0, depth - 1)
            } else if depth == 0 {
                outside.append(ch)
            }
        }
        let isFileName = { (token: Substring) in
            token.contains("/") || token.range(of: #"\.[a-z]{2,4}\b"#, options: .regularExpression) != nil
        }
        let words = outside.lowercased().split(whereSeparator: \.isWhitespace).filter { !isFileName($0) }
            .flatMap { $0.split { !$0.isLetter } }.map(String.init)
        return words.filter { blocklist.contains($0) }
    }

    /// A path of the machine: absolute, or naming the folders tests and runs live in.
    static func isMachinePath(_ text: String) -> Bool {
        let here = FileManager.default.currentDirectoryPath
        return text.hasPrefix("/") || ["/work/", "/tmp/", "/home/", here + "/", Repository.root.path].contains { text.contains($0) }
    }

    /// The job run into a fresh folder, its log lines kept.
    static func run(_ job: String, into dir: TemporaryDirectory) throws -> (ReportOutcome, [String]) {
        var request = ReportRequest(
            job: try JobReader.read(path: Repository.path(job)), asOf: nil, today: Fixtures.day("2022-07-15"),
            month: job.hasSuffix("monthly.yml") ? Fixtures.day("2022-06-01") : nil)
        request.outputDirectory = dir.path
        request.options.detail = true
        let lines = LogLines()
        var logger = Logger(label: "test") { _ in CollectingLogHandler(lines: lines) }
        logger.logLevel = .info
        let outcome = try Pipeline(logger: logger).run(request)
        return (outcome, lines.all)
    }

    @Test("every text cell of every sheet is French and shows no absolute path", arguments: jobs)
    func workbook(job: String) throws {
        let dir = try TemporaryDirectory()
        let (outcome, _) = try Self.run(job, into: dir)
        let x = try XLSXReader(url: URL(fileURLWithPath: outcome.outputs[0]))
        for sheet in x.sheetNames {
            let grid = x.grid(sheet)
            let base = sheet.split(separator: " (").first.map(String.init) ?? sheet
            let header = (grid.first ?? []).map { $0?.value ?? "" }
            let skipped = Set(header.indices.filter { Self.dataColumns[base]?.contains(header[$0]) == true })
            for (r, row) in grid.enumerated() {
                for (c, cell) in row.enumerated() where !skipped.contains(c) {
                    guard let cell, cell.isText else { continue }
                    let english = Self.englishWords(cell.value)
                    #expect(english.isEmpty, "\(job) \(sheet) row \(r + 1) column \(c + 1): \(english) in « \(cell.value) »")
                    #expect(!Self.isMachinePath(cell.value), "\(job) \(sheet) row \(r + 1) column \(c + 1): « \(cell.value) »")
                }
            }
        }
    }

    @Test("rejects.csv has its role and value columns and French reasons; the log is French", arguments: jobs)
    func rejectsAndLog(job: String) throws {
        let dir = try TemporaryDirectory()
        let (outcome, log) = try Self.run(job, into: dir)
        let text = try String(contentsOfFile: outcome.outputs[2], encoding: .utf8)
        let rows = GeneratedDatasetTests.parse(text, separator: ";")
        #expect(rows.first == ["file", "role", "line", "column", "value", "reason", "scope", "raw"])
        for row in rows.dropFirst() {
            #expect(row.count == 8, "\(row)")
            guard row.count == 8 else { continue }
            #expect(["registrations", "evaluations", "cold", "complaints", "actions"].contains(row[1]), "\(row)")
            #expect(Self.englishWords(row[5]).isEmpty, "\(job): \(row[5])")
        }
        // The output folder is a temporary one outside the repository, shown as is; the
        // inputs are shown relative to the job's folder.
        for line in log {
            #expect(Self.englishWords(line).isEmpty, "\(job): \(line)")
            #expect(!line.contains(Repository.root.path), "\(job): \(line)")
            // A stage line is short; a rejected row or an alert says all it needs to.
            if line.hasPrefix("[") { #expect(line.count < 160, "\(job): \(line)") }
        }
    }

    @Test("the blocklist catches English and lets French and quoted identifiers through")
    func blocklistItself() {
        #expect(Self.englishWords("column 'status': 'x' is not a status") == ["column", "is", "not"])
        #expect(Self.englishWords("colonne « status » : « the row » n'est pas un statut (attendus : inscrit, annulé)").isEmpty)
        #expect(Self.englishWords("2 lignes écartées (feuille Rejets), une note, une file d'attente").isEmpty)
    }
}

/// The log lines of a run, kept for the tests.
final class LogLines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    var all: [String] { lock.withLock { lines } }
    func append(_ line: String) { lock.withLock { lines.append(line) } }
}

/// A log handler that keeps every message.
struct CollectingLogHandler: LogHandler {
    let lines: LogLines
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) { lines.append("\(event.message)") }
}
