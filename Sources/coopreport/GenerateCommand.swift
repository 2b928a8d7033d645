import ArgumentParser
import CoopReport
import Foundation

struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a fictional catalogue, registrations and evaluations of any size (deterministic by seed)."
    )

    @Option(help: "The folder receiving catalogue.yml, registrations.csv and evaluations.csv.")
    var out: String

    @Option(help: "Number of programmes (2 to 5 sessions each).")
    var programmes = 10

    @Option(help: "Participants per programme.")
    var participants = 100

    @Option(help: "Seed: the same seed gives the same files.")
    var seed: UInt64 = 1

    @Flag(help: "Write registrations.xlsx and evaluations.xlsx (one sheet each) instead of CSV files.")
    var xlsx = false

    func run() throws {
        guard programmes >= 1, participants >= 1 else { throw ValidationError("--programmes and --participants must be at least 1") }
        let summary = try SampleGenerator(seed: seed, programmes: programmes, participantsPerProgramme: participants, xlsx: xlsx)
            .write(to: out)
        FileHandle.standardError.write(
            Data(
                "coopreport: wrote \(out): \(summary.sessions) sessions, \(summary.registrations) registrations, \(summary.responses) responses\n"
                    .utf8))
    }
}
