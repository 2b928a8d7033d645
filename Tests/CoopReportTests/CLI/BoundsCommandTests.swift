import Foundation
import Testing

@testable import CoopReport

/// `check` and `run` agree (issue 20, items 3, 5 and 9): a number past its bound, a value
/// map with two spellings of one key, a name longer than Excel's places, on the built
/// executable.
@Suite("check and run agree")
struct BoundsCommandTests {
    let cli = CommandLineTests()

    /// A job over the SmallRun inputs; `catalogue` replaces theirs, `extra` lines are appended.
    func job(
        _ dir: TemporaryDirectory, catalogue: String = SmallRun.catalogue, registrations: String = "registrations.csv",
        extra: String = ""
    ) throws -> String {
        try dir.write("catalogue.yml", catalogue)
        try dir.write("evaluations.csv", SmallRun.evaluations)
        if !FileManager.default.fileExists(atPath: dir.path + "/registrations.csv") {
            try dir.write("registrations.csv", SmallRun.registrations)
        }
        return try dir.write(
            "job.yml",
            """
            version: 1
            inputs:
              catalogue: catalogue.yml
              registrations: \(registrations)
              evaluations: evaluations.csv
            as_of: 2022-03-01
            max_reject_rate: 1
            output: out
            \(extra)
            """)
    }

    /// Runs `check` then `run` on the job: both statuses and stderrs.
    func both(_ job: String) throws -> [CommandLineTests.Run] { try ["check", "run"].map { try cli.run([$0, job]) } }

    @Test("catalogue numbers past their bounds or not in decimal: check and run both exit 66 naming the key and line")
    func catalogueNumbers() throws {
        let huge = "1" + String(repeating: "0", count: 308)
        let cases: [(String, String, String)] = [
            (
                "hours: 7, price_ht: 100", "hours: 7, price_ht: \(huge)",
                "catalogue.yml:5 : erreur : programmes[0].sessions[0].price_ht : doit être compris entre 0 et 1 000 000"
            ),
            (
                "hours: 7, price_ht: 100", "hours: 0x10, price_ht: 100",
                "catalogue.yml:5 : erreur : programmes[0].sessions[0].hours : « 0x10 » n'est pas un nombre écrit en chiffres"
            ),
            (
                "capacity: 10", "capacity: 1e9",
                "catalogue.yml:5 : erreur : programmes[0].sessions[0].capacity : « 1e9 » n'est pas un nombre entier écrit en chiffres"
            ),
        ]
        for (from, to, message) in cases {
            let dir = try TemporaryDirectory()
            for r in try both(try job(dir, catalogue: SmallRun.catalogue.replacingOccurrences(of: from, with: to))) {
                #expect(r.status == ExitStatus.inputMissing.rawValue, "\(to)")
                #expect(r.stderr.contains(message), "\(r.stderr)")
            }
            #expect(!FileManager.default.fileExists(atPath: dir.path + "/out/report.xlsx"))
        }
        // A scale of 20,000 points made `run` exit 1 (set_column) while `check` said 0.
        let dir = try TemporaryDirectory()
        let scale = SmallRun.catalogue + "\nsurvey:\n  scale: {min: 1, max: 20000, satisfied_from: 4}\n"
        for r in try both(try job(dir, catalogue: scale)) {
            #expect(r.status == ExitStatus.inputMissing.rawValue)
            #expect(r.stderr.contains("catalogue.yml:8 : erreur : survey.scale.max : doit être compris entre 0 et 10 ; trouvé : 20000"))
        }
    }

    @Test("job numbers past their bounds or not in decimal: check and run both exit 64")
    func jobNumbers() throws {
        let cases = [
            ("min_group_size: 0x10", "min_group_size : « 0x10 » n'est pas un nombre entier écrit en chiffres"),
            ("min_group_size: 5000", "min_group_size : doit être compris entre 1 et 1 000 ; trouvé : 5000"),
            ("max_reject_rate: 1e-2", "max_reject_rate : « 1e-2 » n'est pas un nombre écrit en chiffres"),
        ]
        for (line, message) in cases {
            let dir = try TemporaryDirectory()
            let path = try job(dir)
            let text =
                try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "max_reject_rate: 1\n", with: "") + line + "\n"
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            for r in try both(path) {
                #expect(r.status == ExitStatus.usage.rawValue, "\(line)")
                #expect(r.stderr.contains(message), "\(r.stderr)")
            }
        }
        let dir = try TemporaryDirectory()
        let points = try job(dir)
        let text = try String(contentsOfFile: points, encoding: .utf8).replacingOccurrences(
            of: "  evaluations: evaluations.csv", with: "  evaluations:\n    path: evaluations.csv\n    answers: {\"Oui\": 20}")
        try text.write(toFile: points, atomically: true, encoding: .utf8)
        for r in try both(points) {
            #expect(r.status == ExitStatus.usage.rawValue)
            #expect(
                r.stderr.contains("job.yml:7 : erreur : inputs.evaluations.answers.Oui : doit être compris entre 0 et 10 ; trouvé : 20"))
        }
    }

    @Test("two keys of one value map that differ only in case or punctuation: check and run exit 64 naming both lines")
    func collidingKeys() throws {
        let dir = try TemporaryDirectory()
        let path = try job(dir)
        let text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(
            of: "  registrations: registrations.csv",
            with: """
                  registrations:
                    path: registrations.csv
                    values:
                      session:
                        "Session 1 - 10/12/2021": A
                        "session 1 – 10.12.2021": B
                """)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        for r in try both(path) {
            #expect(r.status == ExitStatus.usage.rawValue)
            #expect(
                r.stderr.contains(
                    "job.yml:9 : erreur : inputs.registrations.values.session : « session 1 – 10.12.2021 » (ligne 9) et « Session 1 - 10/12/2021 » (ligne 8) sont la même clé une fois la casse, les accents et la ponctuation ignorés ; gardez-en une"
                ), "\(r.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/out/report.xlsx"))
    }

    @Test("a 200-character programme and a 240-character input file name: check and run both exit 0")
    func longNames() throws {
        let dir = try TemporaryDirectory()
        let code = String(repeating: "P", count: 200)
        let catalogue = SmallRun.catalogue.replacingOccurrences(of: "code: P", with: "code: \(code)")
        let name = String(repeating: "r", count: 236) + ".csv"
        try dir.write(name, SmallRun.registrations.replacingOccurrences(of: "\r\nP;", with: "\r\n\(code);"))
        let path = try job(
            dir, catalogue: catalogue, registrations: name, extra: "period: {programme: \(code)}\nevidence: true")
        try dir.write("evaluations.csv", SmallRun.evaluations.replacingOccurrences(of: "\nP,", with: "\n\(code),"))
        let runs = try both(path)
        for r in runs { #expect(r.status == ExitStatus.written.rawValue, "\(r.stderr.suffix(600))") }
        #expect(FileManager.default.fileExists(atPath: dir.path + "/out/report.xlsx"))
    }

    @Test("a bidirectional override in the input never reaches the terminal raw; a huge error is cut")
    func bidiAndLength() throws {
        let dir = try TemporaryDirectory()
        let rows = SmallRun.registrations + "P;Z\u{202E}txt.exe;p9;Nom;Pré;x@example.org;Coop;inscrit;présent\r\n"
        try dir.write("registrations.csv", rows)
        let r = try cli.run(["run", try job(dir)])
        #expect(r.status == ExitStatus.written.rawValue)
        #expect(!r.stderr.unicodeScalars.contains("\u{202E}"))
        #expect(r.stderr.contains("Z\\u{202E}txt.exe"))
        // A catalogue error quoting 300 codes of 1,000 characters: one line, cut.
        let long = try TemporaryDirectory()
        var yaml = "programmes:\n  - code: P\n    sessions:\n"
        for i in 0..<300 {
            let code = "S\(i)-" + String(repeating: "x", count: 1_000)
            let next = "S\((i + 1) % 300)-" + String(repeating: "x", count: 1_000)
            yaml += "      - {code: \(code), start: 2022-01-10, hours: 7, requires: [\(next)]}\n"
        }
        let failed = try cli.run(["check", try job(long, catalogue: yaml)])
        #expect(failed.status == ExitStatus.inputMissing.rawValue)
        let line = failed.stderr.split(separator: "\n").first { $0.contains("tournent en rond") } ?? ""
        #expect(line.count < 2_200, "\(line.count)")
        #expect(line.contains("message tronqué"))
    }

    @Test("the executable passes the day of the run: a cold answer dated 2099 is rejected, column submitted_at")
    func coldFromTheFuture() throws {
        let dir = try TemporaryDirectory()
        try dir.write("froid.csv", "formation,session,identifiant,date de réponse,objectif 1\nP,A,p1,2022-04-10,5\nP,A,p2,2099-04-10,1\n")
        let path = try job(dir, extra: "evidence: true")
        let text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(
            of: "  evaluations: evaluations.csv", with: "  evaluations: evaluations.csv\n  cold: froid.csv")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let cold = try cli.run(["run", path])
        #expect(cold.status == ExitStatus.written.rawValue, "\(cold.stderr.suffix(500))")
        #expect(
            cold.stderr.contains(
                "froid.csv:3 : ligne écartée — colonne « date de réponse » : « 2099-04-10 » est postérieure au jour du traitement"))
        let csv = try String(contentsOfFile: dir.path + "/out/rejects.csv", encoding: .utf8)
        #expect(csv.contains(";cold;3;submitted_at;2099-04-10;"))
    }
}
