import ArgumentParser
import CoopReport
import Foundation

struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Écrire un catalogue, des inscriptions et des évaluations fictifs de toute taille (déterministes par graine)."
    )

    @Option(help: "Le dossier qui reçoit catalogue.yml, registrations.csv et evaluations.csv.")
    var out: String

    @Option(help: "Nombre de programmes (de 2 à 5 sessions chacun).")
    var programmes = 10

    @Option(help: "Participants par programme.")
    var participants = 100

    @Option(help: "Graine : la même graine donne les mêmes fichiers.")
    var seed: UInt64 = 1

    @Option(help: "Nombre de coopératives (« Coopérative d'Hlm n° K ») ; par défaut 43 noms fixes.")
    var cooperatives: Int?

    @Flag(help: "Écrire registrations.xlsx et evaluations.xlsx (une feuille chacun) au lieu de fichiers CSV.")
    var xlsx = false

    func run() throws {
        guard programmes >= 1, participants >= 1 else { throw ValidationError("--programmes et --participants doivent valoir au moins 1") }
        if let cooperatives, !(1...100_000).contains(cooperatives) {
            throw ValidationError("--cooperatives doit valoir entre 1 et 100000 ; reçu : \(cooperatives)")
        }
        var generator = SampleGenerator(seed: seed, programmes: programmes, participantsPerProgramme: participants, xlsx: xlsx)
        generator.cooperativeCount = cooperatives
        let summary = try generator.write(to: out)
        FileHandle.standardError.write(
            Data(
                "coopreport: écrit dans \(out) : \(summary.sessions) sessions, \(summary.registrations) inscriptions, \(summary.responses) réponses\n"
                    .utf8))
    }
}
