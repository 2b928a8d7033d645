import Foundation
import Testing

@testable import CoopReport

@Suite("manifest.json")
struct ManifestTests {
    /// `sha256sum`'s answer for a file: an implementation that is not ours.
    func sha256sum(_ path: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = [path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let out = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: out, as: UTF8.self).split(separator: " ").first.map(String.init) ?? ""
    }

    @Test("inputs and outputs are listed with their size, rows and the SHA-256 sha256sum computes")
    func hashes() throws {
        let run = try SmallRun()
        let data = try Data(contentsOf: URL(fileURLWithPath: run.out + "/manifest.json"))
        let manifest = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(manifest["tool_version"] as? String == Pipeline.toolVersion)
        #expect(manifest["as_of"] as? String == "2022-03-01")
        let inputs = try #require(manifest["inputs"] as? [[String: Any]])
        #expect(inputs.map { $0["role"] as? String } == ["catalogue", "registrations", "evaluations"])
        for input in inputs {
            let path = try #require(input["path"] as? String)
            #expect(input["sha256"] as? String == (try sha256sum(path)))
            let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int
            #expect(input["bytes"] as? Int == size)
        }
        #expect(inputs[1]["rows"] as? Int == 6)
        #expect(inputs[1]["rejected"] as? Int == 1)
        let outputs = try #require(manifest["outputs"] as? [[String: Any]])
        #expect(
            outputs.compactMap { ($0["path"] as? String).map { URL(fileURLWithPath: $0).lastPathComponent } }
                == ["report.xlsx", "metrics.json", "rejects.csv"])
        for output in outputs {
            let path = try #require(output["path"] as? String)
            #expect(output["sha256"] as? String == (try sha256sum(path)))
        }
    }
}

extension ManifestTests {
    @Test("the workbook's rows in the manifest count the rows written row by row too (Alertes' prerequisite violations)")
    func workbookRows() throws {
        // SmallRun: p2 absent at A, registered at B, which requires A: one violation row.
        let run = try SmallRun()
        let data = try Data(contentsOf: URL(fileURLWithPath: run.out + "/manifest.json"))
        let manifest = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let outputs = try #require(manifest["outputs"] as? [[String: Any]])
        let listed = try #require(outputs.first?["rows"] as? Int)
        // Each sheet's last row, as Excel reads it from the sheet's <dimension ref="A1:F12"/>.
        let book = try run.workbook()
        var lastRows = 0
        for name in book.sheetNames {
            let ref = book.sheetTree(name).first("dimension")?.attributes["ref"] ?? ""
            lastRows += Int(ref.split(separator: ":").last?.drop { $0.isLetter } ?? "") ?? 0
        }
        let violations = book.grid("Alertes").filter { row in row.contains { $0?.value.contains("prérequis") == true } }.count
        #expect(violations >= 1)
        #expect(listed == lastRows, "manifest \(listed), sheets \(lastRows)")
    }
}
