import Foundation
import Testing

@testable import CoopReport

/// The cooperatives' folder is part of the report's set (issue 22): asked by the job or the
/// command line, refused where it cannot be right, switched with the other files, completed
/// after a kill, and gone when a later run of the folder no longer splits.
@Suite("Cooperatives' folder in the set", .serialized)
struct CooperativeSetTests {
    let runs = UnattendedRunTests()
    let cli = CommandLineTests()

    func files(_ folder: String) -> Set<String> { Set((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []) }

    @Test("split: cooperative in a job, --split cooperative on the command line; other values and a filter refused (64)")
    func asking() throws {
        let dir = try TemporaryDirectory()
        let job = try runs.setUp(dir, extra: "split: cooperative")
        #expect(try JobReader.read(path: job).options.splitCooperatives)
        let r = try cli.run(["run", job])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(files(dir.path + "/out/cooperatives").isSuperset(of: ["coop-un.xlsx", "coop-deux.xlsx", "index.csv"]))

        let bad = try dir.write(
            "bad.yml",
            try String(contentsOfFile: job, encoding: .utf8).replacingOccurrences(of: "split: cooperative", with: "split: region"))
        let refused = try cli.run(["check", bad])
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("bad.yml:6 : erreur : split : valeur inconnue « region »"), "\(refused.stderr)")

        let filtered = try cli.run(["check", job, "--filter", "cooperative=Coop Un"])
        #expect(filtered.status == 64)
        #expect(filtered.stderr.contains("retirez le filtre ou « split »"), "\(filtered.stderr)")

        let flag = try cli.run([
            "report", "--catalogue", dir.path + "/catalogue.yml", "--registrations", dir.path + "/registrations.csv", "--evaluations",
            dir.path + "/evaluations.csv", "--out", dir.path + "/flag", "--as-of", "2022-03-01", "--max-reject-rate", "0.5", "--split",
            "cooperative",
        ])
        #expect(flag.status == 0, "\(flag.stderr)")
        #expect(files(dir.path + "/flag/cooperatives").contains("coop-un.xlsx"))
        let wrong = try cli.run(["check", job, "--split", "programme"])
        #expect(wrong.status == 64 && wrong.stderr.contains("--split « programme »"), "\(wrong.stderr)")
    }

    @Test("a later run that does not split takes the earlier run's cooperatives' folder away with its set")
    func retired() throws {
        let dir = try TemporaryDirectory()
        let job = try runs.setUp(dir, extra: "split: cooperative")
        #expect(try cli.run(["run", job]).status == 0)
        #expect(files(dir.path + "/out").contains("cooperatives"))
        try dir.write("job.yml", try String(contentsOfFile: job, encoding: .utf8).replacingOccurrences(of: "split: cooperative", with: ""))
        #expect(try cli.run(["run", job]).status == 0)
        #expect(!files(dir.path + "/out").contains("cooperatives"))
        #expect(files(dir.path + "/out").allSatisfy { !$0.hasSuffix(".tmp") })
    }

    /// An output folder as a run killed before switching its cooperatives' folder leaves it:
    /// the previous folder in place, the staged one (with its mark) and the journal.
    func killedBeforeTheFolder(_ dir: TemporaryDirectory, switched: Bool) throws -> String {
        let staging = ".staging.coopreport-4242.tmp"
        let fm = FileManager.default
        try fm.createDirectory(atPath: dir.path + "/cooperatives", withIntermediateDirectories: true)
        try dir.write("cooperatives/ancienne.xlsx", "avant")
        try dir.write("cooperatives/" + StagingFolder.setMark, switched ? staging : ".staging.coopreport-1.tmp")
        try fm.createDirectory(atPath: dir.path + "/\(staging)/cooperatives", withIntermediateDirectories: true)
        try dir.write("\(staging)/cooperatives/nouvelle.xlsx", "après")
        try dir.write("\(staging)/cooperatives/" + StagingFolder.setMark, switched ? ".staging.coopreport-1.tmp" : staging)
        try dir.write(ReportFiles.journalName, "\(staging)/cooperatives/\tcooperatives/\n")
        return staging
    }

    @Test("killed before its cooperatives' folder switched: the next run in the folder switches it; once switched, it is left alone")
    func recovered() throws {
        let dir = try TemporaryDirectory()
        _ = try killedBeforeTheFolder(dir, switched: false)
        #expect(ReportFiles.recover(in: dir.path) == ["cooperatives/"])
        #expect(files(dir.path + "/cooperatives").contains("nouvelle.xlsx"))
        #expect(!files(dir.path + "/cooperatives").contains("ancienne.xlsx"))
        #expect(!files(dir.path).contains(ReportFiles.journalName))
        #expect(ReportFiles.recover(in: dir.path) == [])

        // The folder in place already carries the staged set's mark: nothing is switched back.
        let done = try TemporaryDirectory()
        _ = try killedBeforeTheFolder(done, switched: true)
        #expect(ReportFiles.recover(in: done.path) == [])
        #expect(files(done.path + "/cooperatives").contains("ancienne.xlsx"))
    }

    @Test("SIGKILL during the renames of a split report: the next look completes the set, every file agreeing with the manifest")
    func killedMidSwitch() throws {
        let dir = try TemporaryDirectory()
        let job = try runs.setUp(dir, extra: "split: cooperative")
        let out = dir.path + "/out"
        #expect(try cli.run(["run", job]).status == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: out + "/cooperatives/index.csv"))
        try dir.write("registrations.csv", SmallRun.registrations.replacingOccurrences(of: "absent", with: "présent"))
        let process = try runs.start(["run", job], pause: 30, hook: "COOPREPORT_TEST_PAUSE_MID_COMMIT")
        for _ in 0..<300 where !FileManager.default.fileExists(atPath: out + "/" + ReportFiles.journalName) {
            Thread.sleep(forTimeInterval: 0.1)
        }
        Thread.sleep(forTimeInterval: 0.3)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(ReportFiles.recover(in: out) == ["metrics.json", "rejects.csv", "manifest.json"])
        let after = try Data(contentsOf: URL(fileURLWithPath: out + "/cooperatives/index.csv"))
        #expect(after != before, "the new index is in place")
        let manifest =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/manifest.json"))) as? [String: Any]
        let outputs = manifest?["outputs"] as? [[String: Any]] ?? []
        #expect(outputs.contains { ($0["path"] as? String)?.hasSuffix("cooperatives/coop-un.xlsx") == true })
        for o in outputs {
            let path = o["path"] as? String ?? ""
            #expect(o["sha256"] as? String == (try ManifestTests().sha256sum(path)), "\(path)")
        }
    }
}
