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

    @OptionGroup var inputs: CanonicalInputs

    func run() throws {
        let text = try String(contentsOfFile: inputs.catalogue, encoding: .utf8)
        let read = try ReaderFloor.scan(
            registrations: inputs.registrations, evaluations: inputs.evaluations,
            catalogue: try CatalogueReader.parse(text, path: inputs.catalogue))
        print("\(read.registrations) lignes d'inscriptions, \(read.responses) lignes d'évaluations lues")
    }
}
