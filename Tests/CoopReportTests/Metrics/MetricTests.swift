import Foundation
import Testing

@testable import CoopReport

@Suite("Metric")
struct MetricTests {
    @Test("identifiers and labels are unique and every rate names its numerator and denominator")
    func wellFormed() {
        let ids = Metric.allCases.map(\.id)
        #expect(Set(ids).count == ids.count)
        let labels = Metric.allCases.map(\.label)
        #expect(Set(labels).count == labels.count)
        for m in Metric.allCases where m.unit == .rate {
            #expect(m.parts != nil, "\(m.id)")
        }
    }

    @Test("the README's metrics table is the metric type's, row for row")
    func readmeTable() throws {
        let text = try String(contentsOfFile: Repository.path("README.md"), encoding: .utf8)
        let rows = text.split(separator: "\n").filter { $0.hasPrefix("| `") }.map(String.init)
        let expected = Metric.allCases.map { "| `\($0.id)` | \($0.label) | \($0.definition) | \($0.groups) |" }
        #expect(rows.filter { row in Metric.allCases.contains { row.hasPrefix("| `\($0.id)` |") } } == expected)
    }
}
