import ArgumentParser
import CoopReport
import Foundation
import Logging

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Calculer tous les chiffres et écrire report.xlsx, metrics.json, rejects.csv et manifest.json."
    )

    @OptionGroup var inputs: CanonicalInputs

    @Option(help: "La liste des adhérents (CSV ou .xlsx : nom, alias, département, région, adresse, courriel), facultative.")
    var members: String?

    @Option(help: "Le dossier de sortie (créé s'il manque).")
    var out: String

    @Option(help: "Première date de début de session retenue (AAAA-MM-JJ).")
    var from: String?

    @Option(help: "Dernière date de début de session retenue (AAAA-MM-JJ).")
    var to: String?

    @Option(help: "Date d'arrêté des chiffres de programme (AAAA-MM-JJ). Par défaut : --to, sinon aujourd'hui (Europe/Paris).")
    var asOf: String?

    @Option(help: "Les chiffres de satisfaction des groupes ayant moins de réponses sont masqués.")
    var minGroupSize = 3

    @Flag(help: "Échouer (code 65) dès qu'une ligne est écartée ; les fichiers sont tout de même écrits.")
    var strict = false

    @Flag(help: "Ajouter les feuilles Relevé d'assiduité (par inscription et demi-journée) et Parcours (par participant).")
    var detail = false

    @Option(help: "Échouer (code 65, rien n'est écrit) si une entrée a une part plus grande de lignes écartées, par exemple 0.05.")
    var maxRejectRate: Double?

    @OptionGroup var analysis: AnalysisOptions

    @OptionGroup var split: SplitOption

    @OptionGroup var logging: LoggingOptions

    func run() throws {
        let fromDay = try Self.day(from, flag: "--from")
        let toDay = try Self.day(to, flag: "--to")
        if let fromDay, let toDay, toDay < fromDay {
            throw ValidationError("--to (\(toDay)) est antérieur à --from (\(fromDay))")
        }
        guard minGroupSize >= 1 else { throw ValidationError("--min-group-size doit valoir au moins 1 ; reçu : \(minGroupSize)") }
        let asOfDay = try Self.day(asOf, flag: "--as-of") ?? toDay ?? Self.today()
        if let why = Period(from: fromDay, to: toDay).asOfProblem(asOfDay) { throw ValidationError("--as-of \(asOfDay.iso) : \(why)") }
        var request = ReportRequest(
            catalogue: inputs.catalogue, registrations: inputs.registrations, evaluations: inputs.evaluations, outputDirectory: out,
            period: Period(from: fromDay, to: toDay), asOf: asOfDay, minGroupSize: minGroupSize)
        if let rate = maxRejectRate, !(0...1).contains(rate) {
            throw ValidationError("--max-reject-rate doit être compris entre 0 et 1 ; reçu : \(rate)")
        }
        request.maxRejectRate = maxRejectRate
        request.members = members.map { InputSpec($0) }
        request.options.detail = detail
        request.analysis = try analysis.parsed()
        split.apply(to: &request)
        request.today = Self.today()
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
        logger.notice("bilan : \(rowCounts(doc))")
        for note in doc.metrics.notes { logger.info("note : \(note)") }
        if let note = doc.emptyPeriodNote { logger.warning("alerte : \(note)") }
        logger.notice(
            "\(doc.options.certificates ? "Certificats écrits" : "Rapport écrit") : \(outcome.outputs.first.map(doc.paths.show) ?? "")\(doc.whatToRead.map { " — " + $0 } ?? "")"
        )
        if strict && !doc.rejects.isEmpty { throw StrictModeError(rejected: doc.rejects.count) }
        // The run is over and its files are in place: what it holds is left to the end of
        // the process, which gives the memory back at once, rather than freed table by
        // table (70–80 ms at a million registrations).
        Leftovers.keep(outcome)
    }

    static func day(_ text: String?, flag: String) throws -> Day? {
        guard let text else { return nil }
        guard let day = Day(iso: text) else { throw ValidationError("\(flag) « \(text) » n'est pas une date (attendu : AAAA-MM-JJ)") }
        return day
    }

    /// Today's date in France, where the federation works.
    static func today() -> Day { ParisCalendar.day(at: Date()) }
}

/// What a finished run leaves to the end of the process (`ReportCommand.execute`).
enum Leftovers {
    nonisolated(unsafe) private static var kept: [Any] = []
    static func keep(_ value: Any) { kept.append(value) }
}
