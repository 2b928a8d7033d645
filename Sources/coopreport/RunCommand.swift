import ArgumentParser
import CoopReport
import Foundation

/// Options shared by `run` and `check`: the job and what may override it.
struct JobOptions: ParsableArguments {
    @Argument(help: "The job file (YAML, docs/jobs.md).")
    var job: String

    @Option(help: "Report this calendar month (YYYY-MM) instead of the job's period.")
    var period: String?

    @Option(
        help:
            "Date the programme figures are computed at (YYYY-MM-DD). Default: the job's as_of, else the period's end, else today (Europe/Paris)."
    )
    var asOf: String?

    /// The request the job makes for a run today.
    func request() throws -> ReportRequest {
        let asOfDay = try ReportCommand.day(asOf, flag: "--as-of")
        var month: Day?
        if let period {
            guard let first = Day(iso: period + "-01"), period.count == 7 else {
                throw ValidationError("--period '\(period)' is not a month (expected YYYY-MM, e.g. 2022-06)")
            }
            month = first
        }
        return ReportRequest(job: try JobReader.read(path: job), asOf: asOfDay, today: ReportCommand.today(), month: month)
    }
}

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a job file: its inputs, mappings, period and output folder."
    )

    @OptionGroup var options: JobOptions

    @Flag(help: "Fail (exit 65) when any row is rejected; the outputs are still written.")
    var strict = false

    @Option(help: "Seconds to wait for another run writing to the same folder before giving up (exit 75).")
    var wait: Double = 60

    @Flag(help: "Add the per-registration Émargement and per-participant Parcours sheets (as the job's detail: true).")
    var detail = false

    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        guard wait.isFinite, wait >= 0, wait <= 86_400 else {
            throw ValidationError("--wait must be a number of seconds between 0 and 86400, found \(wait)")
        }
    }

    func run() throws {
        do {
            var request = try options.request()
            request.lockWait = wait
            if detail { request.options.detail = true }
            request.pauseBeforeCommit = TestHooks.pauseBeforeCommit
            try ReportCommand.execute(request, strict: strict, logger: logging.makeLogger())
        } catch let error as ValidationError {
            throw error
        } catch {
            throw fail(error)
        }
    }
}

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract:
            "Read and validate a job and its inputs, print every diagnostic, write nothing; the exit code says whether run would succeed."
    )

    @OptionGroup var options: JobOptions

    @Flag(help: "Check as `run --strict` would: any rejected row fails (exit 65).")
    var strict = false

    @OptionGroup var logging: LoggingOptions

    func run() throws {
        do {
            let logger = logging.makeLogger()
            let doc = try Pipeline(logger: logger).check(try options.request())
            logger.notice("check: \(rowCounts(doc)); nothing written")
            if let note = doc.emptyPeriodNote { logger.warning("\(note)") }
            if strict && !doc.rejects.isEmpty { throw StrictModeError(rejected: doc.rejects.count) }
        } catch let error as ValidationError {
            throw error
        } catch {
            throw fail(error)
        }
    }
}

/// Hooks for the tests that kill a run half-way; inert unless the variable is set.
enum TestHooks {
    /// `COOPREPORT_TEST_PAUSE_BEFORE_COMMIT=SECONDS`: wait once the files are staged.
    static var pauseBeforeCommit: Double {
        ProcessInfo.processInfo.environment["COOPREPORT_TEST_PAUSE_BEFORE_COMMIT"].flatMap(Double.init) ?? 0
    }
}
