import ArgumentParser
import CoopReport
import Foundation

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a job file (docs/jobs.md): its inputs, mappings, period and output folder."
    )

    @Argument(help: "The job file (YAML).")
    var job: String

    @Option(
        help:
            "Date the programme figures are computed at (YYYY-MM-DD). Default: the job's as_of, else its period end, else today (Europe/Paris)."
    )
    var asOf: String?

    @Flag(help: "Fail (exit 65) when any row is rejected; the outputs are still written.")
    var strict = false

    @OptionGroup var logging: LoggingOptions

    func run() throws {
        let asOfDay = try ReportCommand.day(asOf, flag: "--as-of")
        let logger = logging.makeLogger()
        do {
            let job = try JobReader.read(path: job)
            let request = ReportRequest(job: job, asOf: asOfDay, today: ReportCommand.today())
            try ReportCommand.execute(request, strict: strict, logger: logger)
        } catch {
            throw fail(error)
        }
    }
}
