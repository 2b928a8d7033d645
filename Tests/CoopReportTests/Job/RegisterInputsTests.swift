import Testing

@testable import CoopReport

/// The registers in a job file: optional, a path or a mapping, their value maps checked.
@Suite("Register inputs in the job")
struct RegisterInputsTests {
    static let head = """
        version: 1
        output: out
        inputs:
          catalogue: c.yml
          registrations: r.csv
          evaluations: e.csv

        """

    @Test("absent registers are nil; a path and a mapping are read, paths resolved from the job's folder")
    func read() throws {
        #expect(try JobReader.parse(Self.head, path: "/j/x.yml").complaints == nil)
        let job = try JobReader.parse(
            Self.head + """
                  complaints: ../registres/reclamations.csv
                  actions:
                    path: plan.xlsx
                    columns: {"Pilote": owner}
                    values: {status: {"Terminée": réalisée}}
                """, path: "/j/x.yml")
        #expect(job.complaints?.pattern == "/registres/reclamations.csv")
        #expect(job.actions?.pattern == "/j/plan.xlsx")
        #expect(job.actions?.mapping.columns[TextKey.of("Pilote")] == "owner")
        #expect(job.actions?.mapping.words["status"]?[TextKey.of("Terminée")] == "réalisée")
    }

    @Test("a value map whose target is not a word of the register stops the run with the words expected")
    func badTarget() {
        let text =
            Self.head + """
                  complaints:
                    path: r.csv
                    values: {nature: {"Plainte": grief}}
                """
        #expect(throws: JobError.self) { try JobReader.parse(text, path: "j.yml") }
        do {
            _ = try JobReader.parse(text, path: "j.yml")
        } catch {
            #expect("\(error)".contains("« grief » n'est pas une valeur de « nature » (attendu : réclamation, difficulté, incident, aléa)"))
        }
    }
}
