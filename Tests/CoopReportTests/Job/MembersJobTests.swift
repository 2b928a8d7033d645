import Foundation
import Logging
import Testing

@testable import CoopReport

/// `inputs.members` in a job file, and the shipped sample's member list.
@Suite("Member list in the job")
struct MembersJobTests {
    static let head = RegisterInputsTests.head

    @Test("absent, it is nil; a path or a mapping is read, its path resolved from the job's folder")
    func read() throws {
        #expect(try JobReader.parse(Self.head, path: "/j/x.yml").members == nil)
        let path = try JobReader.parse(Self.head + "  members: ../listes/adherents.csv\n", path: "/j/x.yml")
        #expect(path.members?.pattern == "/listes/adherents.csv")
        let mapped = try JobReader.parse(
            Self.head + """
                  members:
                    path: adherents.xlsx
                    sheet: "Adhérents 2022"
                    columns: {"Nom de l'adhérent": name, "Autres noms": aliases}
                """, path: "/j/x.yml")
        #expect(mapped.members?.pattern == "/j/adherents.xlsx")
        #expect(mapped.members?.mapping.sheet == "Adhérents 2022")
        #expect(mapped.members?.mapping.columns[TextKey.of("Nom de l'adhérent")] == "name")
        #expect(ReportRequest(job: mapped, asOf: nil, today: Fixtures.day("2022-01-01")).members == mapped.members)
    }

    @Test("a rename to a column the list does not have, a value map, or a mapping without path stop the job at their line")
    func errors() {
        func message(_ text: String) -> String {
            do {
                _ = try JobReader.parse(Self.head + text, path: "j.yml")
                return ""
            } catch {
                return "\(error)"
            }
        }
        #expect(
            message("  members:\n    path: a.csv\n    columns: {\"Région administrative\": regoin}\n")
                == "j.yml:9 : erreur : inputs.members.columns.Région administrative : « Région administrative » est renommé en « regoin », qui n'est pas une colonne de « members » (vouliez-vous dire « region » ?) ; attendu : l'une de name, aliases, department, region, address, email"
        )
        #expect(
            message("  members:\n    path: a.csv\n    values: {region: {\"BZH\": Bretagne}}\n").contains(
                "inputs.members.values : clé inconnue « values »"))
        #expect(message("  members: {columns: {\"Nom\": name}}\n").contains("inputs.members : clé « path » absente"))
        #expect(message("  member: a.csv\n").contains("clé inconnue « member » (vouliez-vous dire « members » ?)"))
    }

    /// The sample's exports as the jobs read them, into a temporary folder.
    func run(_ job: String, members: Bool = true) throws -> ReportOutcome {
        var parsed = try JobReader.read(path: Repository.path(job))
        if !members { parsed.members = nil }
        let dir = try TemporaryDirectory()
        parsed.output = dir.url.appendingPathComponent("out").path
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        return try withExtendedLifetime(dir) {
            try Pipeline(logger: logger).run(ReportRequest(job: parsed, asOf: nil, today: Fixtures.day("2026-11-27")))
        }
    }

    @Test("the sample's exports spell two members otherwise (« CHB », « Castors de l'Ouest »), which the shipped list holds as aliases")
    func sampleAliases() throws {
        let list = try #require(try run("jobs/sample.yml").document.members)
        #expect(list.member(named: "CHB")?.name == "Coop Habitat Bretagne")
        #expect(list.member(named: "Castors de l'Ouest")?.name == "Les Castors de l'Ouest")
        // Claire Morvan's four rows of the tool's export say « CHB »: without the list,
        // a cooperative of its own; with it, Coop Habitat Bretagne, as in the canonical file.
        let without = try run("jobs/sample-exports.yml", members: false).document.metrics
        #expect(without.cooperative("CHB")?.tally.registered == 3)
        let with = try run("jobs/sample-exports.yml").document
        #expect(with.metrics.cooperative("CHB") == nil)
        #expect(with.metrics.cooperatives.count == without.cooperatives.count - 1)
        // Every cooperative of the sample is a member: no alert; three members sent nobody.
        #expect(!with.warnings.contains { $0.message.contains("absente de la liste des adhérents") })
        #expect(
            with.metrics.cooperativesWithoutRegistrations?.map(\.name) == [
                "Coop Habitat Corse", "Habitat Solidaire Picardie", "Les Toits du Berry",
            ])
    }

    @Test("every standard job on the sample data reads the shipped member list")
    func standardJobs() throws {
        let folder = Repository.path("jobs")
        let jobs = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".yml") }
        #expect(jobs.count >= 10)
        for name in jobs {
            let job = try JobReader.read(path: folder + "/" + name)
            #expect(job.members?.pattern == Repository.path("input/adherents.csv"), "\(name)")
        }
    }
}
