import ArgumentParser
import CoopReport
import Foundation
import Logging

@main
struct CoopReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coopreport",
        abstract: "Training reports for housing cooperatives: CSV exports in, Excel workbook out.",
        version: Pipeline.toolVersion,
        subcommands: [ReportCommand.self, RunCommand.self]
    )
}

/// Options shared by the commands that narrate a run.
struct LoggingOptions: ParsableArguments {
    @Flag(help: "Print only warnings and errors.")
    var quiet = false

    @Option(help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel = "info"

    func validate() throws {
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError(
                "--log-level '\(logLevel)' is not a level (expected trace, debug, info, notice, warning, error, critical)")
        }
    }

    func makeLogger() -> Logger {
        let level = quiet ? Logger.Level.warning : Logger.Level(rawValue: logLevel) ?? .info
        var logger = Logger(label: "coopreport") { _ in StderrLogHandler() }
        logger.logLevel = level
        return logger
    }
}

/// Maps a thrown error to its message on stderr and its exit code.
func fail(_ error: Error) -> ExitCode {
    let message = (error as? LocalizedError)?.errorDescription ?? String(describing: error)
    FileHandle.standardError.write(Data("coopreport: \(message)\n".utf8))
    return ExitCode(ExitStatus.forError(error).rawValue)
}
