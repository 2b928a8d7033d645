import Foundation
import Logging
import Testing

@testable import CoopReport

/// Everything a job's mapping names must be found in the file: a mistake there stops the
/// run (exit 66) before anything is written, or — for a value no row uses — is a warning.
@Suite("Mappings that must match")
struct MappingMatchTests {
    /// A registration export with its own headers, and a survey export with a question.
    static let registrations =
        "Événement;Atelier;Code participant;Organisation;État\n"
        + "P;A;p1;Coop Un;Confirmée\n"
        + "P;A;p2;Coop Un;Annulée\n"
    static let evaluations =
        "Formation;Session;Êtes-vous satisfait(e) ?\n"
        + "P;A;Plutôt satisfait(e)\n"

    /// Writes the inputs and a job whose mapping is `registrationsBlock` / `evaluationsBlock`.
    func job(_ dir: TemporaryDirectory, registrations: String, evaluations: String, evaluationsFile: String = Self.evaluations) throws
        -> Job
    {
        try dir.write("catalogue.yml", SmallRun.catalogue)
        try dir.write("inscriptions.csv", Self.registrations)
        try dir.write("questionnaire.csv", evaluationsFile)
        let text = """
            version: 1
            inputs:
              catalogue: catalogue.yml
              registrations:
                path: inscriptions.csv
            \(registrations)
              evaluations:
                path: questionnaire.csv
            \(evaluations)
            as_of: 2022-03-01
            max_reject_rate: 1
            output: out
            """
        try dir.write("job.yml", text)
        return try JobReader.parse(text, path: dir.path + "/job.yml")
    }

    static let goodRegistrations = """
            columns: {"Événement": programme, "Atelier": session, "Code participant": participant_id, "Organisation": cooperative, "État": status}
            values: {status: {"Confirmée": registered, "Annulée": cancelled}}
        """
    static let goodEvaluations = """
            questions: [{header: "Êtes-vous satisfait(e) ?", column: overall}]
            answers: {"Plutôt satisfait(e)": 4}
        """

    func run(_ job: Job) throws -> ReportOutcome {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        return try Pipeline(logger: logger).run(ReportRequest(job: job, asOf: nil, today: Fixtures.day("2026-11-27")))
    }

    func expectNothingWritten(_ dir: TemporaryDirectory) {
        let out = dir.url.appendingPathComponent("out")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: out.path)) ?? []
        #expect(files.filter { !$0.hasPrefix(".") }.isEmpty, "written: \(files)")
    }

    @Test("the right mapping runs with no warning about it")
    func matching() throws {
        let dir = try TemporaryDirectory()
        let outcome = try run(job(dir, registrations: Self.goodRegistrations, evaluations: Self.goodEvaluations))
        #expect(outcome.document.metrics.overall.value(.registered) == 1)
        #expect(outcome.document.metrics.overall.question(0).n == 1)
        #expect(!outcome.document.warnings.contains { $0.message.contains("matches no row") })
    }

    @Test("a rename whose header is not in the file stops the run, naming the entry and the nearest header")
    func unmatchedRename() throws {
        let dir = try TemporaryDirectory()
        let typo = Self.goodRegistrations.replacingOccurrences(of: "\"Code participant\"", with: "\"Code du participant\"")
        let job = try job(dir, registrations: typo, evaluations: Self.goodEvaluations)
        #expect(throws: IngestError.self) { try run(job) }
        do {
            _ = try run(job)
        } catch let error as IngestError {
            guard case .unmatchedHeaders(_, let entries, let found) = error else {
                Issue.record("expected unmatchedHeaders, got \(error)")
                return
            }
            #expect(entries == [.init(entry: "Code du participant", section: "columns", nearest: "Code participant")])
            #expect(found.contains("Code participant"))
            #expect(ExitStatus.forError(error) == .inputMissing)
            #expect(
                error.errorDescription?.contains(
                    "« Code du participant » n'est pas un en-tête de ce fichier (le plus proche : « Code participant »)")
                    == true)
        }
        expectNothingWritten(dir)
    }

    @Test("a question header not in the file stops the run, as a questions entry")
    func unmatchedQuestion() throws {
        let dir = try TemporaryDirectory()
        let typo = Self.goodEvaluations.replacingOccurrences(of: "satisfait(e) ?", with: "satisfaits ?")
        let job = try job(dir, registrations: Self.goodRegistrations, evaluations: typo)
        do {
            _ = try run(job)
            Issue.record("the run went on with a question header that matches nothing")
        } catch IngestError.unmatchedHeaders(_, let entries, _) {
            #expect(entries.map(\.section) == ["questions"])
            #expect(entries.first?.nearest == "Êtes-vous satisfait(e) ?")
        }
        expectNothingWritten(dir)
    }

    @Test("an evaluations file with no survey question stops the run")
    func noAnswers() throws {
        let dir = try TemporaryDirectory()
        let bare = "Formation;Session;Commentaire\nP;A;bien\n"
        let job = try job(dir, registrations: Self.goodRegistrations, evaluations: "", evaluationsFile: bare)
        do {
            _ = try run(job)
            Issue.record("the run went on with responses that cannot hold an answer")
        } catch IngestError.noQuestionColumns(_, let questions, let found) {
            #expect(questions == Survey.standard.questions.map(\.column))
            #expect(found == ["Formation", "Session", "Commentaire"])
        }
        expectNothingWritten(dir)
    }

    @Test("a value-map entry that no row uses is a warning naming the values found and the nearest")
    func unusedValue() throws {
        let dir = try TemporaryDirectory()
        let extra = Self.goodRegistrations.replacingOccurrences(
            of: "\"Annulée\": cancelled", with: "\"Annulée\": cancelled, \"Confirmé\": registered")
        let outcome = try run(job(dir, registrations: extra, evaluations: Self.goodEvaluations))
        let warning = try #require(outcome.document.warnings.first { $0.message.contains("ne correspond à aucune ligne") })
        #expect(warning.message.contains("l'entrée « Confirmé » de « values.status »"))
        #expect(warning.message.contains("(le plus proche : « Confirmée »)"))
        #expect(warning.message.contains("valeurs trouvées : « Annulée », « Confirmée »"))
    }

    @Test("programme and session labels map onto codes; an unknown label is rejected with the nearest one")
    func programmeAndSessionMaps() throws {
        let dir = try TemporaryDirectory()
        let labelled =
            "Formation;Journée;Code participant;Organisation;État\n"
            + "Programme P 2022;Journée A;p1;Coop Un;Confirmée\n"
            + "Programme P 2022;Journée Z;p2;Coop Un;Confirmée\n"
            + "Programme P 2021;Journée A;p3;Coop Un;Confirmée\n"
        let mapping = """
                columns: {"Journée": session, "Code participant": participant_id, "Organisation": cooperative, "État": status}
                values:
                  status: {"Confirmée": registered}
                  programme: {"Programme P 2022": P}
                  session: {"Journée A": A, "Journée B": B}
            """
        var job = try job(dir, registrations: mapping, evaluations: Self.goodEvaluations)
        job.registrations.pattern = try dir.write("labels.csv", labelled)
        let outcome = try run(job)
        #expect(outcome.document.metrics.session("P/A")?.value(.registered) == 1)  // p1
        let rejects = outcome.document.rejects.filter { $0.file.hasSuffix("labels.csv") }
        #expect(rejects.map(\.line) == [3, 4])
        #expect(rejects.map(\.column) == ["session", "programme"])
        #expect(rejects[0].message.hasSuffix("libellé le plus proche dans « values.session » du fichier de tâche : « Journée A »"))
        #expect(rejects[1].message.hasSuffix("libellé le plus proche dans « values.programme » du fichier de tâche : « Programme P 2022 »"))
        // « Journée B » maps to a real session but no row uses it: a warning.
        #expect(
            outcome.document.warnings.contains {
                $0.message.contains("l'entrée « Journée B » de « values.session » du fichier de tâche ne correspond à aucune ligne")
            })
    }

    @Test("an event target that is not PROGRAMME/SESSION is a job error with its line")
    func badEventTarget() throws {
        let text = """
            version: 1
            inputs:
              catalogue: c.yml
              registrations:
                path: r.csv
                values: {event: {"Session 1": FVC-2122}}
              evaluations: e.csv
            output: out
            """
        #expect(throws: JobError.self) { try JobReader.parse(text, path: "/tmp/j.yml") }
    }

    @Test("a missing required column names the nearest header, an alias's or a word's")
    func nearestHeader() throws {
        // « Code participant » holds the participant but is not mapped: participant_id missing.
        let header = ["Formation", "Session", "Code participant", "Coopérative", "Statut"]
        do {
            _ = try CSVTable.map(header: header, schema: .registrations, path: "x.csv")
            Issue.record("a file without participant_id or email was accepted")
        } catch IngestError.missingColumns(_, let missing, _, _, let nearest) {
            #expect(missing == ["participant_id » ou « email"])
            #expect(nearest == ["participant_id » ou « email": "Code participant"])
        }
        #expect(
            Nearest.header(for: ["participant_id", "identifiant", "participant"], in: ["Code participant", "Statut"]) == "Code participant")
        #expect(Nearest.header(for: ["cooperative", "coopérative"], in: ["Cooperativ", "Statut"]) == "Cooperativ")
        #expect(Nearest.header(for: ["status", "statut"], in: ["Nom", "Prénom"]) == nil)
    }

    @Test("a file that does not exist says relative paths start from the job file's folder")
    func missingFile() {
        let message = IngestError.fileNotFound(path: "/srv/jobs/../input/x.csv").errorDescription ?? ""
        #expect(message.contains("un chemin relatif part du dossier du fichier de tâche"))
    }
}
