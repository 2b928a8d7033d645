import ArgumentParser
import CoopReport
import Foundation

/// The benchmark's reader floor: the registrations and evaluations read as a run reads
/// them (`ReaderFloor`), nothing validated or kept, so that a run's time can be compared
/// with what reading the bytes costs. Not for users; hidden.
struct ReadFloorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-read", abstract: "Plancher du banc d'essai : lire les exports sans rien contrôler ni garder.",
        shouldDisplay: false)

    @Option(help: "Le catalogue (ses questions nomment les colonnes des évaluations).")
    var catalogue: String

    @Option(help: "L'export des inscriptions (CSV).")
    var registrations: String

    @Option(help: "L'export des évaluations (CSV).")
    var evaluations: String

    func run() throws {
        let text = try String(contentsOfFile: catalogue, encoding: .utf8)
        let read = try ReaderFloor.scan(
            registrations: registrations, evaluations: evaluations, catalogue: try CatalogueReader.parse(text, path: catalogue))
        print("\(read.registrations) lignes d'inscriptions, \(read.responses) lignes d'évaluations lues")
    }
}
