import ArgumentParser
import CoopReport

/// `--split cooperative`, shared by `run`, `check` and `report`: one workbook per member
/// cooperative beside the report (README, « Un classeur par coopérative »).
struct SplitOption: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Écrire aussi un classeur par coopérative dans DOSSIER/cooperatives/ (seule valeur : cooperative), comme « split: cooperative » dans la tâche.",
            valueName: "cooperative"))
    var split: String?

    func validate() throws {
        if let split, split != "cooperative" {
            throw ValidationError("--split « \(split) » : valeur inconnue (attendu : cooperative, un classeur par coopérative)")
        }
    }

    /// Sets the request's option when the flag is given (the job's `split:` otherwise).
    func apply(to request: inout ReportRequest) {
        if split != nil { request.options.splitCooperatives = true }
    }
}
