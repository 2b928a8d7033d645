import Foundation
import Testing

@testable import CoopReport

/// Issue 23: what stops a run, and what is a note rather than an alert, on the executable.
@Suite("alerts worth reading, on the executable")
struct AlertsOnTheExecutableTests {
    let cli = CommandLineTests()
    let runs = RunCommandTests()

    @Test("an evaluations file with no survey question stops the run (66) unless the job says questions: []")
    func noQuestion() throws {
        let dir = try TemporaryDirectory()
        try dir.write("registrations.csv", SmallRun.registrations)
        // The objectives are there, the satisfaction question is not.
        let objectivesOnly = "programme,session,participant_id,objective_1,comment\nP,A,p1,4,\nP,A,p3,2,\n"
        let job = try runs.job(in: dir)
        try dir.write("evaluations.csv", objectivesOnly)
        for command in ["run", "check"] {
            let r = try cli.run([command, job], in: dir.path)
            #expect(r.status == ExitStatus.inputMissing.rawValue)
            #expect(r.stderr.contains("evaluations.csv:1 : erreur : aucune question du questionnaire trouvée dans l'en-tête"))
            #expect(r.stderr.contains("« questions: [] »"))
        }
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/out/report.xlsx"))
        let text = try String(contentsOfFile: job, encoding: .utf8).replacingOccurrences(
            of: "  evaluations: evaluations.csv", with: "  evaluations:\n    path: evaluations.csv\n    questions: []")
        try text.write(toFile: job, atomically: true, encoding: .utf8)
        let r = try cli.run(["run", job], in: dir.path)
        #expect(r.status == 0, "\(r.stderr)")
    }

    @Test("sessions outside the period: a note in the log and in Synthèse, not an alert")
    func outsideIsANote() throws {
        let dir = try TemporaryDirectory()
        try dir.write("registrations.csv", SmallRun.registrations)
        let job = try runs.job(in: dir, extra: "period: {from: 2022-02-01, to: 2022-02-28}")
        let r = try cli.run(["run", job], in: dir.path)
        #expect(r.status == 0, "\(r.stderr)")
        // Session A (January) has 3 registrations and 3 responses: not counted in February.
        let said = "1 session hors de la période (P/A) : 3 inscriptions et 3 réponses non comptées"
        #expect(r.lines.contains("coopreport: note : \(said)"))
        #expect(!r.lines.contains { $0.contains("alerte") && $0.contains("hors de la période (") })
        let x = try XLSXReader(url: dir.url.appendingPathComponent("out/report.xlsx"))
        #expect(x.grid("Synthèse").contains { $0.first??.value == "Note" && $0.dropFirst().first??.value == said })
        #expect(!x.grid("Alertes").joined().contains { $0?.value.contains("hors de la période (") == true })
        let quiet = try cli.run(["run", job, "--quiet"], in: dir.path)
        #expect(!quiet.lines.contains { $0.contains("note : ") })
    }
}
