import Foundation
import Logging
import Testing

@testable import CoopReport

/// The shipped tool-style exports (input/exports/, mapped by jobs/sample-exports.yml)
/// describe the same people as the canonical sample: both runs must give the same figures.
@Suite("Mapped exports")
struct MappedExportTests {
    func run(_ job: String, into dir: TemporaryDirectory) throws -> ReportOutcome {
        var parsed = try JobReader.read(path: Repository.path(job))
        parsed.output = dir.url.appendingPathComponent(URL(fileURLWithPath: job).deletingPathExtension().lastPathComponent).path
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        return try Pipeline(logger: logger).run(ReportRequest(job: parsed, asOf: nil, today: Fixtures.day("2026-11-27")))
    }

    @Test("the mapped Windows-1252 and survey exports give the canonical sample's figures, rejects and warnings")
    func sameFigures() throws {
        let dir = try TemporaryDirectory()
        let canonical = try run("jobs/sample.yml", into: dir)
        let mapped = try run("jobs/sample-exports.yml", into: dir)
        #expect(MetricsJSON.document(mapped.document) == MetricsJSON.document(canonical.document))
        let a = try String(contentsOfFile: canonical.outputs[1], encoding: .utf8)
        let b = try String(contentsOfFile: mapped.outputs[1], encoding: .utf8)
        #expect(a == b)
        #expect(mapped.document.rejects.map(\.line) == canonical.document.rejects.map(\.line))
        #expect(mapped.document.rejects.map(\.column) == canonical.document.rejects.map(\.column))
        // The same alerts, at the same lines and columns; the dropped date of line 124 quotes
        // the value as each file writes it (« 31/02/2022 00:00 » in the export).
        func alerts(_ o: ReportOutcome) -> [String] {
            o.document.warnings.map { $0.column == "registered_at" ? "\($0.line) registered_at" : $0.message }
        }
        #expect(alerts(mapped) == alerts(canonical))
        #expect(canonical.document.warnings.filter { $0.column == "registered_at" }.map(\.line) == [124])
        #expect(mapped.document.inputs.map(\.role) == [.catalogue, .registrations, .evaluations, .members])
        #expect(mapped.document.inputs[1].encoding == "Windows-1252")
        #expect(mapped.document.inputs[2].encoding == "UTF-8")
        // The comments, multi-line and formula-like ones included, come through unchanged.
        #expect(mapped.document.metrics.comments.map(\.text) == canonical.document.metrics.comments.map(\.text))
        // Rejets names a column as the export's own header (« Événement »), rejects.csv
        // keeps the canonical name for programs.
        let export = try #require(mapped.document.inputs.first { $0.role == .registrations }?.path)
        let headerLine = try #require(
            String(data: try Data(contentsOf: URL(fileURLWithPath: export)), encoding: .windowsCP1252)?
                .split(whereSeparator: \.isNewline).first)
        let headers = headerLine.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        let x = try XLSXReader(url: URL(fileURLWithPath: mapped.outputs[0]))
        let rejets = x.grid("Rejets")
        let line20 = try #require(rejets.first { $0.count > 2 && $0[1]?.number == 20 && $0[0]?.value.contains("inscriptions") == true })
        let shown = try #require(line20[2]?.value)
        #expect(headers.contains(shown) && shown != "programme")
        #expect(mapped.document.rejects.first { $0.line == 20 }?.column == "programme")
    }

    @Test("the ticketing export, one « Billet » label per row mapped to (programme, session), gives the canonical figures")
    func eventLabels() throws {
        let dir = try TemporaryDirectory()
        let canonical = try run("jobs/sample.yml", into: dir)
        let tickets = try run("jobs/sample-billetterie.yml", into: dir)
        let a = try String(contentsOfFile: canonical.outputs[1], encoding: .utf8)
        let b = try String(contentsOfFile: tickets.outputs[1], encoding: .utf8)
        #expect(a == b)  // metrics.json byte for byte
        #expect(tickets.document.rejects.map(\.line) == canonical.document.rejects.map(\.line))
        // The canonical file's unknown programme and session are unknown ticket labels here,
        // each named with the nearest label of the job.
        let unknown = tickets.document.rejects.filter { $0.column == "event" }
        #expect(unknown.map(\.line) == [20, 107])
        #expect(
            unknown.first?.message
                == "« Session 1 - 10/12/2020 » n'est pas un libellé d'événement de « values.event » du fichier de tâche (le plus proche : « Session 1 - 10/12/2021 »)"
        )
        #expect(unknown.first?.value == "Session 1 - 10/12/2020")
    }

    @Test("the survey export saved as Windows-1252 without BOM gives the same figures and the same rejected lines")
    func windows1252Survey() throws {
        let dir = try TemporaryDirectory()
        let utf8 = try String(contentsOfFile: Repository.path("input/exports/questionnaire-sessions.csv"), encoding: .utf8)
        let text = utf8.hasPrefix("\u{FEFF}") ? String(utf8.dropFirst()) : utf8
        let bytes = try #require(text.data(using: .windowsCP1252))
        #expect(String(data: bytes, encoding: .utf8) == nil)  // really not UTF-8
        let path = dir.url.appendingPathComponent("questionnaire-1252.csv").path
        try bytes.write(to: URL(fileURLWithPath: path))
        var job = try JobReader.read(path: Repository.path("jobs/sample-exports.yml"))
        job.evaluations.pattern = path
        job.output = dir.url.appendingPathComponent("out").path
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let mapped = try Pipeline(logger: logger).run(ReportRequest(job: job, asOf: nil, today: Fixtures.day("2026-11-27")))
        let canonical = try run("jobs/sample.yml", into: dir)
        #expect(mapped.document.inputs[2].encoding == "Windows-1252")
        #expect(MetricsJSON.document(mapped.document) == MetricsJSON.document(canonical.document))
        // Line 64: a response to ACTION, which has no questionnaire.
        #expect(mapped.document.rejects.filter { $0.file == path }.map(\.line) == [48, 56, 61, 64])
        #expect(mapped.document.metrics.comments.map(\.text) == canonical.document.metrics.comments.map(\.text))
    }
}
