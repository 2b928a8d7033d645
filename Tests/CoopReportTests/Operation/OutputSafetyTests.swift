import Crypto
import Foundation
import Testing

@testable import CoopReport

/// The outputs under attack and under signals, on the executable (issue 20): a staged file
/// swapped for a link, a symlinked output folder, SIGTERM during the renames, an output
/// folder inside an input's glob. Each reproduced first.
@Suite("Output safety", .serialized)
struct OutputSafetyTests {
    let runs = UnattendedRunTests()
    let cli = CommandLineTests()

    func isLink(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
    }

    /// The staged workbook once all four files are staged: in the staging folder, or (as
    /// an earlier version did) a temporary beside the report.
    func stagedWorkbook(_ out: String) -> String? {
        for _ in 0..<300 {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []
            if let staging = names.first(where: { $0.hasPrefix(StagingFolder.prefix) }) {
                let inside = (try? FileManager.default.contentsOfDirectory(atPath: out + "/" + staging)) ?? []
                if inside.contains("manifest.json") { return out + "/" + staging + "/report.xlsx" }
            }
            if names.contains(where: { $0.hasPrefix(".manifest.json" + TemporaryFiles.marker) }),
                let workbook = names.first(where: { $0.hasPrefix(".report.xlsx" + TemporaryFiles.marker) })
            {
                return out + "/" + workbook
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return nil
    }

    @Test("a staged workbook swapped for a link before the renames: nothing is put in place, the link's target is untouched")
    func swapBeforeCommit() throws {
        let dir = try TemporaryDirectory()
        let job = try runs.setUp(dir)
        let out = dir.path + "/out"
        #expect(try cli.run(["run", job]).status == 0)
        let before = try runs.contents(out)
        let victim = try dir.write("victim.txt", "keep me")
        let process = try runs.start(["run", job], pause: 3)
        let staged = try #require(stagedWorkbook(out))
        unlink(staged)
        #expect(symlink(victim, staged) == 0)
        process.waitUntilExit()
        #expect(process.terminationStatus == ExitStatus.outputNotWritable.rawValue)
        #expect(!isLink(out + "/report.xlsx"))
        #expect(try runs.contents(out).filter { !$0.key.hasPrefix(".") } == before)
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "keep me")
    }

    @Test("whoever writes in the output folder swaps what it holds while the workbook is rendered: no link is written through")
    func swapDuringRender() throws {
        let dir = try TemporaryDirectory()
        let job = try runs.setUp(dir)
        let out = dir.path + "/out"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let victim = try dir.write("victim.txt", "keep me")
        let process = try runs.start(["run", job], pause: 3, hook: "COOPREPORT_TEST_PAUSE_BEFORE_RENDER")
        // Every temporary in the folder becomes a link to the victim; a staging folder, which
        // another user could not enter (mode 0700), is moved away and replaced by one of the
        // attacker's, holding such links.
        var swapped = 0
        for _ in 0..<100 where swapped == 0 {
            Thread.sleep(forTimeInterval: 0.05)
            for name in (try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []
            where name.contains(TemporaryFiles.marker) && name.hasSuffix(".tmp") {
                let path = out + "/" + name
                var isFolder: ObjCBool = false
                _ = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
                if isFolder.boolValue {
                    let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int ?? -1
                    #expect(mode & 0o077 == 0, "the staging folder is open to others: \(String(mode, radix: 8))")
                    try FileManager.default.moveItem(atPath: path, toPath: out + "/moved-away")
                    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
                    for file in ["report.xlsx", "metrics.json", "rejects.csv", "manifest.json"] { symlink(victim, path + "/" + file) }
                } else {
                    unlink(path)
                    symlink(victim, path)
                }
                swapped += 1
            }
        }
        #expect(swapped > 0)
        process.waitUntilExit()
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "keep me")
        #expect(!isLink(out + "/report.xlsx"))
        if process.terminationStatus == 0 {
            let workbook = try XLSXReader(url: URL(fileURLWithPath: out + "/report.xlsx"))
            #expect(!workbook.grid("Synthèse").isEmpty)
        }
    }

    @Test("an output folder that is a symbolic link is refused by run and check (73); nothing is written through it")
    func symlinkedOutput() throws {
        let dir = try TemporaryDirectory()
        let job = try runs.setUp(dir)
        try FileManager.default.createDirectory(atPath: dir.path + "/elsewhere", withIntermediateDirectories: true)
        #expect(symlink(dir.path + "/elsewhere", dir.path + "/out") == 0)
        for command in ["run", "check"] {
            let r = try cli.run([command, job])
            #expect(r.status == ExitStatus.outputNotWritable.rawValue, "\(command): \(r.stderr)")
            #expect(r.stderr.contains("lien symbolique"), "\(command): \(r.stderr)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path + "/elsewhere").isEmpty)
    }

    /// Whether every output the manifest in `out` lists has the hash it gives.
    func manifestAgrees(_ out: String) throws -> Bool {
        let data = try Data(contentsOf: URL(fileURLWithPath: out + "/manifest.json"))
        let manifest = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
        let outputs = manifest["outputs"] as? [[String: Any]] ?? []
        return try outputs.count == 3
            && outputs.allSatisfy { o in
                let bytes = try Data(contentsOf: URL(fileURLWithPath: o["path"] as? String ?? ""))
                return SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined() == o["sha256"] as? String
            }
    }

    @Test("SIGTERM between two renames: the switch is finished before exiting, and the message says the new report is in place")
    func termMidSwitch() throws {
        let dir = try TemporaryDirectory()
        let job = try runs.setUp(dir)
        let out = dir.path + "/out"
        #expect(try cli.run(["run", job]).status == 0)
        let before = try runs.contents(out)
        try dir.write("registrations.csv", SmallRun.registrations.replacingOccurrences(of: "absent", with: "présent"))
        let process = Process()
        process.executableURL = CommandLineTests.executable
        process.arguments = ["run", job]
        var environment = ProcessInfo.processInfo.environment
        // A long pause mid-switch, and a patient wait for it: a loaded machine (the tests run
        // in parallel) must not let the run finish before the signal comes.
        environment["COOPREPORT_TEST_PAUSE_MID_COMMIT"] = "8"
        let mark = dir.path + "/paused"
        environment["COOPREPORT_TEST_PAUSE_MID_COMMIT_MARK"] = mark
        process.environment = environment
        let err = Pipe()
        process.standardError = err
        try process.run()
        // The pause begins once the workbook is renamed and before the manifest is.
        for _ in 0..<2400 where !FileManager.default.fileExists(atPath: mark) { Thread.sleep(forTimeInterval: 0.05) }
        kill(process.processIdentifier, SIGTERM)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 128 + SIGTERM)
        #expect(!stderr.contains("rapport précédent intact"), "\(stderr)")
        #expect(stderr.contains("le nouveau rapport est en place, complet"), "\(stderr)")
        #expect(try manifestAgrees(out))
        let after = try runs.contents(out)
        #expect(after["report.xlsx"] != before["report.xlsx"])
        #expect(!FileManager.default.fileExists(atPath: out + "/" + ReportFiles.journalName))
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).allSatisfy { !$0.hasSuffix(".tmp") })
    }

    @Test("an output folder inside an input's glob: the next run leaves its own outputs out, and a path naming one is refused")
    func ownOutputs() throws {
        let dir = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: dir.path + "/data", withIntermediateDirectories: true)
        try dir.write("catalogue.yml", SmallRun.catalogue)
        try dir.write("data/inscriptions.csv", SmallRun.registrations)
        try dir.write("evaluations.csv", SmallRun.evaluations)
        func job(_ registrations: String) throws -> String {
            try dir.write(
                "job.yml",
                """
                version: 1
                inputs: {catalogue: catalogue.yml, registrations: "\(registrations)", evaluations: evaluations.csv}
                as_of: 2022-03-01
                max_reject_rate: 0.5
                output: data
                """)
        }
        let glob = try job("data/*.csv")
        let first = try cli.run(["run", glob])
        #expect(first.status == 0, "\(first.stderr)")
        let metrics = try Data(contentsOf: URL(fileURLWithPath: dir.path + "/data/metrics.json"))
        #expect(FileManager.default.fileExists(atPath: dir.path + "/data/rejects.csv"))
        let second = try cli.run(["run", glob])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stderr.contains("rejects.csv ignoré : c'est une sortie de coopreport"), "\(second.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir.path + "/data/metrics.json")) == metrics)
        let named = try cli.run(["run", try job("data/rejects.csv")])
        #expect(named.status == ExitStatus.inputMissing.rawValue)
        #expect(named.stderr.contains("ce fichier est une sortie de coopreport"), "\(named.stderr)")
    }
}
