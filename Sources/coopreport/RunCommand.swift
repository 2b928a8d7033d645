import ArgumentParser
import CoopReport
import Foundation

/// Options shared by `run` and `check`: the job and what may override it.
struct JobOptions: ParsableArguments {
    /// Paths as the run shows them: from the folder the command was typed in.
    var paths: DisplayPaths { .currentFolder }

    @Argument(help: "Le fichier de tâche (YAML, docs/jobs.md).")
    var job: String

    @Option(help: "Rapporter ce mois civil (AAAA-MM) au lieu de la période du fichier de tâche.")
    var period: String?

    @Option(
        help:
            "Date d'arrêté des chiffres de programme (AAAA-MM-JJ). Par défaut : « as_of » du fichier de tâche, sinon la fin de la période, sinon aujourd'hui (Europe/Paris)."
    )
    var asOf: String?

    @Option(
        help:
            "Jour de l'exécution (AAAA-MM-JJ) pour les périodes relatives (« previous_month ») : répète ou rejoue l'exécution de ce jour. Par défaut : aujourd'hui (Europe/Paris)."
    )
    var today: String?

    @OptionGroup var analysis: AnalysisOptions

    @OptionGroup var split: SplitOption

    /// The request the job makes for a run on `--today`, or today.
    func request() throws -> ReportRequest {
        let asOfDay = try ReportCommand.day(asOf, flag: "--as-of")
        var month: Day?
        if let period {
            guard let first = Day(iso: period + "-01"), period.count == 7 else {
                throw ValidationError("--period « \(period) » n'est pas un mois (attendu : AAAA-MM, par exemple 2022-06)")
            }
            month = first
        }
        // The clock is read here, at the edge (or replaced by --today, for a rehearsal): a
        // cold answer dated after it is a typo.
        let today = try ReportCommand.day(self.today, flag: "--today") ?? ReportCommand.today()
        var request = ReportRequest(job: try JobReader.read(path: job), asOf: asOfDay, today: today, month: month)
        request.today = today
        if let asOfDay, let why = request.period.asOfProblem(asOfDay) {
            let hint =
                self.today == nil && period == nil
                ? " ; pour rejouer l'exécution d'un autre jour, donnez-le avec --today (par exemple --today \(asOfDay.iso))" : ""
            throw ValidationError("--as-of \(asOfDay.iso) : \(why)\(hint)")
        }
        request.analysis = request.analysis.overridden(by: try analysis.parsed())
        split.apply(to: &request)
        return request
    }
}

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Exécuter un fichier de tâche : ses entrées, ses correspondances, sa période et son dossier de sortie."
    )

    @OptionGroup var options: JobOptions

    @Flag(help: "Échouer (code 65) dès qu'une ligne est écartée ; les fichiers sont tout de même écrits.")
    var strict = false

    @Option(help: "Secondes d'attente d'une autre exécution qui écrit dans le même dossier avant d'abandonner (code 75).")
    var wait: Double = 60

    @Flag(
        help:
            "Ajouter les feuilles Relevé d'assiduité (par inscription et demi-journée) et Parcours (par participant), comme « detail: true » dans la tâche."
    )
    var detail = false

    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        guard wait.isFinite, wait >= 0, wait <= 86_400 else {
            throw ValidationError("--wait doit être un nombre de secondes entre 0 et 86400 ; reçu : \(wait)")
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
            throw fail(error, paths: options.paths)
        }
    }
}

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract:
            "Lire et contrôler une tâche et ses entrées, afficher chaque ligne écartée et chaque alerte, ne rien écrire ; le code de sortie dit si run réussirait."
    )

    @OptionGroup var options: JobOptions

    @Flag(help: "Contrôler comme « run --strict » : une ligne écartée fait échouer (code 65).")
    var strict = false

    @OptionGroup var logging: LoggingOptions

    func run() throws {
        do {
            let logger = logging.makeLogger()
            let doc = try Pipeline(logger: logger).check(try options.request())
            logger.notice("bilan : \(rowCounts(doc))")
            for note in doc.metrics.notes { logger.info("note : \(note)") }
            if let note = doc.emptyPeriodNote { logger.warning("alerte : \(note)") }
            logger.notice("Contrôle terminé, rien n'est écrit\(doc.whatToRead.map { " — " + $0 } ?? "")")
            if strict && !doc.rejects.isEmpty { throw StrictModeError(rejected: doc.rejects.count) }
        } catch let error as ValidationError {
            throw error
        } catch {
            throw fail(error, paths: options.paths)
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
