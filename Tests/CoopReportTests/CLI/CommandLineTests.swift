import Foundation
import Testing

@testable import CoopReport

/// Runs the built `coopreport` executable, as cron or a user would.
@Suite("coopreport executable")
struct CommandLineTests {
    struct Run {
        let status: Int32
        let stdout: String
        let stderr: String

        /// stderr's lines without the date and time each one starts with (stderr is a pipe
        /// here, not a terminal).
        var lines: [String] { stderr.split(separator: "\n").map { Self.unstamped(String($0)) } }

        /// `line` without its leading `2022-07-02T06:00:03+02:00 `, if it has one.
        static func unstamped(_ line: String) -> String {
            guard let stamp = line.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d "#, options: .regularExpression)
            else { return line }
            return String(line[stamp.upperBound...])
        }
    }

    static var executable: URL {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("coopreport")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        return Repository.root.appendingPathComponent(".build/debug/coopreport")
    }

    /// Runs the executable with `arguments`, from `folder` (the test's current folder when nil).
    func run(_ arguments: [String], in folder: String? = nil) throws -> Run {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = URL(fileURLWithPath: folder) }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    func inputs(_ dir: TemporaryDirectory, registrations: String = SmallRun.registrations) throws -> [String] {
        [
            "--catalogue", try dir.write("catalogue.yml", SmallRun.catalogue),
            "--registrations", try dir.write("registrations.csv", registrations),
            "--evaluations", try dir.write("evaluations.csv", SmallRun.evaluations),
        ]
    }

    @Test("check and run refuse a job whose rename matches no header: exit 66, nothing written")
    func unmatchedMappingExit() throws {
        let dir = try TemporaryDirectory()
        let typo = MappingMatchTests.goodRegistrations.replacingOccurrences(of: "\"Organisation\"", with: "\"Organisme\"")
        _ = try MappingMatchTests().job(dir, registrations: typo, evaluations: MappingMatchTests.goodEvaluations)
        let text = try String(contentsOfFile: dir.path + "/job.yml", encoding: .utf8)
        #expect(text.contains("Organisme"))
        for command in ["check", "run"] {
            let r = try run([command, dir.path + "/job.yml"])
            #expect(r.status == ExitStatus.inputMissing.rawValue, "\(command)")
            #expect(
                r.stderr.contains("columns : « Organisme » n'est pas un en-tête de ce fichier (le plus proche : « Organisation »)"),
                "\(command)")
        }
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/out/report.xlsx"))
    }

    @Test("input text on stderr cannot forge a line or send escape sequences")
    func terminalText() throws {
        let dir = try TemporaryDirectory()
        let out = dir.url.appendingPathComponent("out").path
        let forged = SmallRun.registrations + "P;\"Z\nsummary: all good\u{1B}[31m\";p9;Nom;Pré;x@example.org;Coop;inscrit;présent\r\n"
        let r = try run(["report"] + inputs(dir, registrations: forged) + ["--out", out, "--max-reject-rate", "1"])
        #expect(r.status == ExitStatus.written.rawValue)
        #expect(!r.lines.contains { $0.hasPrefix("summary: all good") })
        #expect(!r.stderr.contains("\u{1B}"))
        #expect(r.stderr.contains("\\nsummary: all good\\u{1B}[31m"))
    }

    @Test("an error quoting the file's text (a header) cannot forge a line either")
    func errorText() throws {
        let dir = try TemporaryDirectory()
        let bad = "formation;session;\"x\nsummary: fine\u{1B}[2J\";statut\r\nP;A;y;inscrit\r\n"
        let r = try run(["report"] + inputs(dir, registrations: bad) + ["--out", dir.path + "/out"])
        #expect(r.status == ExitStatus.inputMissing.rawValue)
        #expect(!r.stderr.contains("\u{1B}"))
        #expect(!r.lines.contains { $0.hasPrefix("summary: fine") })
    }

    @Test("--wait that is not a number of seconds is a usage error (64), not a crash")
    func badWait() throws {
        for value in ["nan", "-1", "inf"] {
            let r = try run(["run", Repository.path("jobs/sample.yml"), "--wait=\(value)"])
            #expect(r.status == ExitStatus.usage.rawValue, "\(value)")
            #expect(r.stderr.contains("--wait doit être un nombre de secondes"), "\(value)")
        }
    }

    @Test("a period with no session writes its report, exits 0, and says so before the last line of stderr and at the top of Synthèse")
    func emptyPeriod() throws {
        let dir = try TemporaryDirectory()
        let out = dir.url.appendingPathComponent("out").path
        // SmallRun's sessions start in January and February 2022; March has none.
        let period = ["--from", "2022-03-01", "--to", "2022-03-31"]
        let r = try run(["report"] + inputs(dir) + ["--out", out, "--quiet"] + period)
        #expect(r.status == ExitStatus.written.rawValue)
        // --quiet keeps the alert and the last line.
        #expect(r.lines.dropLast().last?.hasPrefix("coopreport: alerte : Période sans session") == true)
        #expect(r.lines.last?.hasPrefix("coopreport: Rapport écrit : ") == true)
        let x = try XLSXReader(url: URL(fileURLWithPath: out + "/report.xlsx"))
        let second = x.grid("Synthèse").dropFirst().first ?? []
        #expect(second.first??.value.hasPrefix("Période sans session") == true)
        // A period with sessions says nothing of the kind.
        let full = try run(["report"] + inputs(dir) + ["--out", out, "--quiet", "--to", "2022-03-31"])
        #expect(!full.stderr.contains("Période sans session"))
    }

    @Test("a run with rejected rows writes the four files, exits 0 and narrates on stderr")
    func success() throws {
        let dir = try TemporaryDirectory()
        let out = dir.url.appendingPathComponent("out").path
        let r = try run(["report"] + inputs(dir) + ["--out", out, "--to", "2022-03-31"])
        #expect(r.status == ExitStatus.written.rawValue)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("registrations.csv : 6 lignes lues, 1 écartée, 5 retenues"))
        #expect(r.stderr.contains("evaluations.csv : 4 lignes lues, 1 écartée, 3 retenues"))
        #expect(r.stderr.contains("registrations.csv:7 : ligne écartée — colonne « session » : « Z » n'est pas une session de P"))
        #expect(r.stderr.contains("[5/5] écriture"))
        #expect(r.stderr.contains("arrêté au 31/03/2022"))  // --to gives the as-of date
        // The last line says what was written and what to read.
        let last = r.lines.last ?? ""
        #expect(last.hasPrefix("coopreport: Rapport écrit : "))
        #expect(last.contains("report.xlsx — 2 lignes écartées (feuille Rejets)"))
        #expect(!r.stderr.contains("error") && !r.stderr.contains("warning"))
        for name in ["report.xlsx", "metrics.json", "rejects.csv", "manifest.json"] {
            #expect(FileManager.default.fileExists(atPath: out + "/" + name), "\(name)")
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: out).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test("--strict turns rejected rows into exit 65, after writing the report")
    func strict() throws {
        let dir = try TemporaryDirectory()
        let out = dir.url.appendingPathComponent("out").path
        let r = try run(["report"] + inputs(dir) + ["--out", out, "--as-of", "2022-03-31", "--strict"])
        #expect(r.status == ExitStatus.dataErrors.rawValue)
        #expect(r.stderr.contains("--strict"))
        #expect(FileManager.default.fileExists(atPath: out + "/rejects.csv"))
    }

    @Test("a missing input exits 66 and names the file")
    func missingInput() throws {
        let dir = try TemporaryDirectory()
        var args = try inputs(dir)
        args[3] = dir.url.appendingPathComponent("nope.csv").path
        let r = try run(["report"] + args + ["--out", dir.path, "--as-of", "2022-03-31"])
        #expect(r.status == ExitStatus.inputMissing.rawValue)
        #expect(r.stderr.contains("nope.csv : erreur : fichier introuvable"))
    }

    @Test("a missing column exits 66 and names the nearest header found")
    func missingColumn() throws {
        let dir = try TemporaryDirectory()
        let broken = SmallRun.registrations.replacingOccurrences(of: "statut", with: "statuts")
        let r = try run(["report"] + inputs(dir, registrations: broken) + ["--out", dir.path, "--as-of", "2022-03-31"])
        #expect(r.status == ExitStatus.inputMissing.rawValue)
        #expect(r.stderr.contains("colonne obligatoire absente : « status » (en-tête le plus proche : « statuts »)"))
    }

    @Test("an output folder that cannot be created exits 73")
    func unwritable() throws {
        let dir = try TemporaryDirectory()
        let file = try dir.write("a-file", "x")
        let r = try run(["report"] + inputs(dir) + ["--out", file + "/out", "--as-of", "2022-03-31"])
        #expect(r.status == ExitStatus.outputNotWritable.rawValue)
        #expect(r.stderr.contains("écriture impossible"))
    }

    @Test("a bad flag is a usage error, exit 64")
    func usage() throws {
        let dir = try TemporaryDirectory()
        let r = try run(["report"] + inputs(dir) + ["--out", dir.path, "--from", "30/06/2022"])
        #expect(r.status == ExitStatus.usage.rawValue)
        #expect(r.stderr.contains("--from « 30/06/2022 » n'est pas une date"))
    }

    @Test("--version prints the library's version")
    func version() throws {
        let r = try run(["--version"])
        #expect(r.status == 0)
        #expect(r.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == Pipeline.toolVersion)
    }

    @Test("the README lists every exit code of the contract")
    func readmeExitCodes() throws {
        let text = try String(contentsOfFile: Repository.path("README.md"), encoding: .utf8)
        for status in ExitStatus.allCases {
            #expect(text.contains("| \(status.rawValue) |"), "README lacks exit code \(status.rawValue)")
        }
    }
}

/// `coopreport run JOB.yml`: job files, globs and the reject-rate guard.
@Suite("coopreport run")
struct RunCommandTests {
    let cli = CommandLineTests()

    /// A job over the SmallRun inputs, with `extra` lines appended.
    func job(in dir: TemporaryDirectory, registrations: String = "registrations.csv", extra: String = "") throws -> String {
        try dir.write("catalogue.yml", SmallRun.catalogue)
        try dir.write("evaluations.csv", SmallRun.evaluations)
        return try dir.write(
            "job.yml",
            """
            version: 1
            inputs:
              catalogue: catalogue.yml
              registrations: \(registrations)
              evaluations: evaluations.csv
            as_of: 2022-03-01
            max_reject_rate: 0.5
            output: out
            \(extra)
            """)
    }

    @Test("a job runs with paths taken from its folder and records itself in the manifest")
    func runsJob() throws {
        let dir = try TemporaryDirectory()
        try dir.write("registrations.csv", SmallRun.registrations)
        let r = try cli.run(["run", try job(in: dir)])
        #expect(r.status == 0)
        let manifest = try String(contentsOfFile: dir.path + "/out/manifest.json", encoding: .utf8)
        #expect(manifest.contains("\"job\": \"\(dir.path)/job.yml\""))
    }

    @Test("a glob reads every matching file in name order; the later file's duplicate wins")
    func glob() throws {
        let dir = try TemporaryDirectory()
        let header = "programme;session;participant_id;cooperative;status;attendance\n"
        try dir.write("inscrits-1.csv", header + "P;A;p1;Coop Un;inscrit;absent\n")
        try dir.write("inscrits-2.csv", header + "P;A;p1;Coop Un;inscrit;présent\nP;A;p2;Coop Un;inscrit;présent\n")
        let r = try cli.run(["run", try job(in: dir, registrations: "inscrits-*.csv")])
        #expect(r.status == 0)
        #expect(r.stderr.contains("inscrits-2.csv:2 : alerte : inscription en double de p1 à P/A (aussi inscrits-1.csv:2)"))
        let metrics = try String(contentsOfFile: dir.path + "/out/metrics.json", encoding: .utf8)
        #expect(metrics.contains("\"present\": 2"))
    }

    @Test("more rejected rows than max_reject_rate: exit 65, nothing written, the worst column named")
    func rejectRate() throws {
        let dir = try TemporaryDirectory()
        let wrong = SmallRun.registrations.replacingOccurrences(of: ";inscrit;", with: ";Confirmée;")
        try dir.write("registrations.csv", wrong)
        let r = try cli.run(["run", try job(in: dir)])
        #expect(r.status == ExitStatus.dataErrors.rawValue)
        #expect(
            r.stderr.contains(
                "registrations : 6 lignes écartées sur 6 (100,0 %), au-delà de « max_reject_rate » 50,0 % ; la plupart pour la colonne « status » (5 lignes)"
            ))
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/out/report.xlsx"))
    }

    @Test("a job's value map turns the export's words into statuses")
    func valueMap() throws {
        let dir = try TemporaryDirectory()
        try dir.write("registrations.csv", SmallRun.registrations.replacingOccurrences(of: ";inscrit;", with: ";Confirmée;"))
        let path = try job(in: dir).replacingOccurrences(of: "job.yml", with: "job.yml")
        let text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(
            of: "  registrations: registrations.csv",
            with: "  registrations:\n    path: registrations.csv\n    values:\n      status: {\"Confirmée\": registered}")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let r = try cli.run(["run", path])
        #expect(r.status == 0)
        #expect(r.stderr.contains("6 lignes lues, 1 écartée, 5 retenues"))
    }

    @Test("a broken job file is a usage error naming the key")
    func brokenJob() throws {
        let dir = try TemporaryDirectory()
        try dir.write("registrations.csv", SmallRun.registrations)
        let r = try cli.run(["run", try job(in: dir, extra: "min_groupe_size: 2")])
        #expect(r.status == ExitStatus.usage.rawValue)
        #expect(r.stderr.contains("min_groupe_size : clé inconnue « min_groupe_size » (vouliez-vous dire « min_group_size » ?)"))
    }

    @Test("an error that stops the run speaks French and names files from the folder the command was typed in, not the machine's path")
    func stoppingErrors() throws {
        let dir = try TemporaryDirectory()
        // A missing input, then a job file whose YAML is broken on its line 3.
        let missing = try cli.run(["run", try job(in: dir, registrations: "absent.csv")], in: dir.path)
        #expect(missing.status == ExitStatus.inputMissing.rawValue)
        #expect(missing.stderr.contains("absent.csv : erreur : fichier introuvable"))
        let broken = try dir.write("broken.yml", "version: 1\ninputs: {catalogue: catalogue.yml, registrations: [a\noutput: out\n")
        let yaml = try cli.run(["run", broken], in: dir.path)
        #expect(yaml.status == ExitStatus.usage.rawValue)
        #expect(yaml.stderr.contains(":3 : erreur : (document) : syntaxe YAML invalide à la colonne"))
        for r in [missing, yaml] {
            let last = r.lines.last ?? ""
            #expect(!last.contains(dir.path), "\(last)")
            #expect(FrenchTextTests.englishWords(last).isEmpty, "\(last)")
        }
    }

    @Test("the last line names the workbook and what to read, as Synthèse counts it")
    func lastLine() throws {
        let dir = try TemporaryDirectory()
        try dir.write("registrations.csv", SmallRun.registrations)
        let r = try cli.run(["run", try job(in: dir)], in: dir.path)
        #expect(r.status == 0)
        let last = r.lines.last ?? ""
        let x = try XLSXReader(url: dir.url.appendingPathComponent("out/report.xlsx"))
        let quality = try #require(x.grid("Synthèse").joined().compactMap { $0?.value }.first { $0.hasPrefix("Qualité des données : ") })
        let said = quality.dropFirst("Qualité des données : ".count).dropLast()  // the final period
        #expect(last == "coopreport: Rapport écrit : out/report.xlsx — \(said)")
    }
}
