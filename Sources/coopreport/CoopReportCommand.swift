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
        subcommands: [
            RunCommand.self, CheckCommand.self, ReportCommand.self, GenerateCommand.self, FloorCommand.self, ReadFloorCommand.self,
        ]
    )
}

/// Options shared by the commands that narrate a run.
struct LoggingOptions: ParsableArguments {
    @Flag(
        help:
            "N'afficher que ce qui appelle une action : les lignes écartées, les alertes, les erreurs, le bilan et la dernière ligne (« Rapport écrit »)."
    )
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
        // The stages' narration is `info`; rejected rows are `warning`; alerts, the summary
        // and the last line are `notice`: what --quiet keeps.
        let level = quiet ? Logger.Level.notice : Logger.Level(rawValue: logLevel) ?? .info
        var logger = Logger(label: "coopreport") { _ in StderrLogHandler() }
        logger.logLevel = level
        return logger
    }
}

/// Rows read, rejected and used per input file: the run's summary.
func rowCounts(_ doc: ReportDocument) -> String {
    let read = doc.inputs.filter { $0.role != .catalogue }
    return read.map {
        "\(doc.paths.show($0.path)) : \(plural($0.rowsRead, "ligne lue", "lignes lues")), \(plural($0.rejected, "écartée")), \(plural($0.used, "retenue"))"
    }.joined(separator: " ; ")
}

/// Maps a thrown error to its message on stderr and its exit code; the paths in it are
/// shown relative to the folder the command was typed in, as in the rest of the run's output.
func fail(_ error: Error, paths: DisplayPaths = .currentFolder) -> ExitCode {
    let message = paths.showPaths(in: (error as? LocalizedError)?.errorDescription ?? String(describing: error))
    StderrLogHandler.write(message)
    return ExitCode(ExitStatus.forError(error).rawValue)
}

/// SIGINT/SIGTERM/SIGHUP handling: a switch of the outputs under way is let finish, the
/// run's temporary files are removed, the message says what is true of the report, then
/// exit 128 + signal. SIGPIPE is ignored: a closed stderr (cron's pipe gone) must not kill the run.
enum Interruption {
    nonisolated(unsafe) static var sources: [DispatchSourceSignal] = []

    static func install() {
        signal(SIGPIPE, SIG_IGN)
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler {
                let outcome: String
                switch TemporaryFiles.shared.settle() {
                case .previousIntact: outcome = "fichiers temporaires supprimés, rapport précédent intact"
                case .newInPlace:
                    outcome = "le nouveau rapport est en place, complet (l'échange de ses fichiers a été achevé avant l'arrêt)"
                case .switchUnfinished:
                    outcome =
                        "la mise en place des fichiers n'a pas pu s'achever : le rapport est incomplet ; relancez dans ce dossier, la prochaine exécution l'achève d'abord"
                }
                StderrLogHandler.write("erreur : interrompu (signal \(sig)) ; \(outcome)")
                exit(128 + sig)
            }
            source.resume()
            sources.append(source)
        }
    }
}
