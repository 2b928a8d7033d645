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
        abstract: "Rapports de formation des coopératives d'HLM : exports CSV en entrée, classeur Excel en sortie.",
        version: Pipeline.toolVersion,
        subcommands: [RunCommand.self, CheckCommand.self, ReportCommand.self, GenerateCommand.self, FloorCommand.self]
    )
}

/// Options shared by the commands that narrate a run.
struct LoggingOptions: ParsableArguments {
    @Flag(help: "N'afficher que les lignes écartées, les alertes et les erreurs.")
    var quiet = false

    @Option(help: "Niveau de détail du journal : trace, debug, info, notice, warning, error ou critical.")
    var logLevel = "info"

    func validate() throws {
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError(
                "--log-level « \(logLevel) » n'est pas un niveau (attendus : trace, debug, info, notice, warning, error, critical)")
        }
    }

    func makeLogger() -> Logger {
        let level = quiet ? Logger.Level.warning : Logger.Level(rawValue: logLevel) ?? .info
        var logger = Logger(label: "coopreport") { _ in StderrLogHandler() }
        logger.logLevel = level
        return logger
    }
}

/// « 1 alerte », « 3 alertes »: a count and its noun, plural from 2 on as in French.
func plural(_ n: Int, _ singular: String, _ pluralForm: String? = nil) -> String {
    "\(n) \(n > 1 ? pluralForm ?? singular + "s" : singular)"
}

/// Rows read, rejected and used per input file: the run's summary.
func rowCounts(_ doc: ReportDocument) -> String {
    let read = doc.inputs.filter { $0.role != "catalogue" }
    return read.map {
        "\(doc.paths.show($0.path)) : \(plural($0.rowsRead, "ligne lue", "lignes lues")), \(plural($0.rejected, "écartée")), \(plural($0.used, "retenue"))"
    }.joined(separator: " ; ")
}

/// What a person should read after the run: the rejected rows and the warnings, and
/// where; empty when there are none.
func whatToRead(_ doc: ReportDocument) -> String {
    var parts: [String] = []
    if !doc.rejects.isEmpty { parts.append("\(plural(doc.rejects.count, "ligne écartée", "lignes écartées")) (feuille Rejets)") }
    if !doc.warnings.isEmpty { parts.append("\(plural(doc.warnings.count, "alerte")) (feuille Alertes)") }
    return parts.joined(separator: ", ")
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
                    contentsOf: Data(
                        "coopreport: erreur : interrompu (signal \(sig)) ; fichiers temporaires supprimés, rapport précédent intact\n".utf8)
                )
                exit(128 + sig)
            }
            source.resume()
            sources.append(source)
        }
    }
}
