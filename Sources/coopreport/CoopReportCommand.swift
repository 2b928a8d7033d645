import ArgumentParser
import CoopReport
import Foundation
import Logging

#if canImport(Glibc)
    import Glibc
#endif

@main
struct CoopReportCommand: ParsableCommand {
    /// Interrupted runs (Ctrl-C, `kill`) remove their temporary files before exiting; the
    /// previous report stays as it was.
    static func main() {
        Interruption.install()
        #if canImport(Glibc)
            // Large blocks (the row arrays, the indexes) straight from the system and back to
            // it when freed: glibc would otherwise raise this threshold after the first big
            // free and keep later ones in its heap, so memory freed between stages would
            // still count against the run (BENCHMARKS.md, peak RSS).
            // mallopt is in <malloc.h>, which the Glibc module does not bring: found at run time.
            typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
            let mmapThreshold: Int32 = -3  // M_MMAP_THRESHOLD
            if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") {
                _ = unsafeBitCast(symbol, to: Mallopt.self)(mmapThreshold, 4 << 20)
            }
        #endif
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            exit(withError: error)
        }
    }

    static let configuration = CommandConfiguration(
        commandName: "coopreport",
        abstract: "Training reports for housing cooperatives: CSV exports in, Excel workbook out.",
        version: Pipeline.toolVersion,
        subcommands: [RunCommand.self, CheckCommand.self, ReportCommand.self, GenerateCommand.self, FloorCommand.self]
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

/// Rows read, rejected and used per input file, and the warnings: the run's summary.
func rowCounts(_ doc: ReportDocument) -> String {
    let read = doc.inputs.filter { $0.role != "catalogue" }
    let files = read.map { "\(doc.paths.show($0.path)): \($0.rowsRead) read, \($0.rejected) rejected, \($0.used) used" }
    return files.joined(separator: "; ") + "; \(doc.warnings.count) warning(s)"
}

/// Maps a thrown error to its message on stderr and its exit code.
func fail(_ error: Error) -> ExitCode {
    let message = (error as? LocalizedError)?.errorDescription ?? String(describing: error)
    try? FileHandle.standardError.write(contentsOf: Data("coopreport: \(StderrLogHandler.oneLine(message))\n".utf8))
    return ExitCode(ExitStatus.forError(error).rawValue)
}

/// SIGINT/SIGTERM/SIGHUP handling: remove the run's temporary files, then exit 128 + signal.
/// SIGPIPE is ignored: a closed stderr (cron's pipe gone) must not kill the run.
enum Interruption {
    nonisolated(unsafe) static var sources: [DispatchSourceSignal] = []

    static func install() {
        signal(SIGPIPE, SIG_IGN)
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler {
                TemporaryFiles.shared.removeAll()
                try? FileHandle.standardError.write(
                    contentsOf: Data("coopreport: interrupted (signal \(sig)); temporary files removed, previous report untouched\n".utf8))
                exit(128 + sig)
            }
            source.resume()
            sources.append(source)
        }
    }
}
