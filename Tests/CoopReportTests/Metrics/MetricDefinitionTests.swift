import Foundation
import Testing

@testable import CoopReport

@Suite("MetricDefinition")
struct MetricDefinitionTests {
    @Test("identifiers are unique and every rate names its numerator and denominator")
    func wellFormed() {
        let ids = MetricDefinition.all.map(\.id)
        #expect(Set(ids).count == ids.count)
        for m in MetricDefinition.all where m.unit == .rate {
            #expect(m.numerator != nil && m.denominator != nil, "\(m.id)")
        }
    }

    @Test("the README's metrics table lists every figure with its French label")
    func readmeTable() throws {
        let text = try String(contentsOfFile: Repository.path("README.md"), encoding: .utf8)
        for m in MetricDefinition.all {
            #expect(text.contains("| `\(m.id)` | \(m.label) |"), "README lacks \(m.id)")
        }
    }
}
