import ArgumentParser
import CoopReport

/// `--filter`, `--by` and `--compare`, shared by `run`, `check` and `report` (docs/jobs.md,
/// « Analyses »; README, « Les questions du conseil »).
struct AnalysisOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Ne garder que ce groupe : DIMENSION=VALEUR (cooperative, role, trainer, programme, session, month, kind, family, region) ; répétable.",
            valueName: "DIMENSION=VALEUR"))
    var filter: [String] = []

    @Option(
        help: ArgumentHelp("Ventiler les chiffres par cette dimension (feuille Analyse) ; deux fois pour croiser.", valueName: "DIMENSION"))
    var by: [String] = []

    @Option(
        help: ArgumentHelp(
            "Comparer avec une autre période : previous_edition, un programme (FVC-2021) ou AAAA-MM-JJ..AAAA-MM-JJ.", valueName: "PÉRIODE"))
    var compare: String?

    /// The flags as an analysis, or a usage error (exit 64) that says what was expected.
    func parsed() throws -> Analysis {
        switch Analysis.parse(filters: filter, by: by, compare: compare) {
        case .success(let a): return a
        case .failure(let why): throw ValidationError(why.description)
        }
    }
}
