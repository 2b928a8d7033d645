import Foundation
import Testing

@testable import CoopReport

/// docs/guide.md, the coordinator's guide: linked first in the README, one part per family
/// of message, and the commands it gives are the executable's.
@Suite("the coordinator's guide")
struct GuideTests {
    let guide = (try? String(contentsOf: Repository.root.appendingPathComponent("docs/guide.md"), encoding: .utf8)) ?? ""

    @Test("the README opens with a link to the guide")
    func linked() throws {
        let readme = try String(contentsOf: Repository.root.appendingPathComponent("README.md"), encoding: .utf8)
        let opening = readme.split(separator: "\n").prefix(5).joined(separator: "\n")
        #expect(opening.contains("(docs/guide.md)"))
    }

    @Test("the guide has its parts, one per family of message, each saying what to do")
    func parts() {
        let headings = guide.split(separator: "\n").filter { $0.hasPrefix("#") }.map(String.init)
        for part in [
            "## Les deux commandes", "## Lire la Synthèse", "## Le rapport mensuel", "## Le rapport Qualiopi",
            "## Une nouvelle exportation, pas à pas", "### « ligne écartée »", "### « alerte »", "### « erreur »",
        ] {
            #expect(headings.contains(part), "\(part)")
        }
    }

    @Test("every option the guide names is one of `run`'s")
    func options() throws {
        let help = try CommandLineTests().run(["run", "--help"]).stdout
        let named = guide.matches(of: /`(--[a-z-]+)/).map { String($0.output.1) }
        #expect(named.count >= 4)
        for option in Set(named) { #expect(help.contains(option), "\(option)") }
    }
}
