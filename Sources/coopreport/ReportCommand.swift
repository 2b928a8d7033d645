import ArgumentParser
import CoopReport
import Foundation
import Logging

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Compute every figure and write report.xlsx, metrics.json, rejects.csv and manifest.json."
    )

    @Option(help: "The catalogue of programmes and sessions (YAML).")
    var catalogue: String

    @Option(help: "The registrations export (CSV).")
    var registrations: String

    @Option(help: "The evaluations export (CSV).")
    var evaluations: String

    @Option(help: "The output folder (created when missing).")
    var out: String

    @Option(help: "First session start date reported (YYYY-MM-DD).")
    var from: String?

    @Option(help: "Last session start date reported (YYYY-MM-DD).")
    var to: String?

    @Option(help: "Date the programme figures are computed at (YYYY-MM-DD). Default: --to, else today (Europe/Paris).")
    var asOf: String?

    @Option(help: "Satisfaction figures of groups with fewer responses are hidden.")
    var minGroupSize = 3

    @Flag(help: "Fail (exit 65) when any row is rejected; the outputs are still written.")
    var strict = false

    @Flag(help: "Add the per-registration Émargement and per-participant Parcours sheets.")
    var detail = false

    @Option(help: "Fail (exit 65, nothing written) when an input has a larger share of rejected rows, e.g. 0.05.")
    var maxRejectRate: Double?

    @OptionGroup var logging: LoggingOptions

    func run() throws {
        let fromDay = try Self.day(from, flag: "--from")
        let toDay = try Self.day(to, flag: "--to")
        if let fromDay, let toDay, toDay < fromDay {
            throw ValidationError("--to (\(toDay)) is before --from (\(fromDay))")
        }
        guard minGroupSize >= 1 else { throw ValidationError("--min-group-size must be at least 1, found \(minGroupSize)") }
        let asOfDay = try Self.day(asOf, flag: "--as-of") ?? toDay ?? Self.today()
        var request = ReportRequest(
            catalogue: catalogue, registrations: registrations, evaluations: evaluations, outputDirectory: out,
            period: Period(from: fromDay, to: toDay), asOf: asOfDay, minGroupSize: minGroupSize)
        if let rate = maxRejectRate, !(0...1).contains(rate) {
            throw ValidationError("--max-reject-rate must be between 0 and 1, found \(rate)")
        }
        request.maxRejectRate = maxRejectRate
        request.options.detail = detail
        do {
            try Self.execute(request, strict: strict, logger: logging.makeLogger())
        } catch {
            throw fail(error)
        }
    }

    /// Runs a request and prints the summary; `strict` turns rejected rows into a failure.
    static func execute(_ request: ReportRequest, strict: Bool, logger: Logger) throws {
        let outcome = try Pipeline(logger: logger).run(request)
        let doc = outcome.document
        logger.notice("summary: \(rowCounts(doc)); wrote \(outcome.outputs.map(doc.paths.show).joined(separator: ", "))")
        if let note = doc.emptyPeriodNote { logger.warning("\(note)") }
        if strict && !doc.rejects.isEmpty { throw StrictModeError(rejected: doc.rejects.count) }
    }

    static func day(_ text: String?, flag: String) throws -> Day? {
        guard let text else { return nil }
        guard let day = Day(iso: text) else { throw ValidationError("\(flag) '\(text)' is not a date (expected YYYY-MM-DD)") }
        return day
    }

    /// Today's date in France, where the federation works.
    static func today() -> Day { ParisCalendar.day(at: Date()) }
}
