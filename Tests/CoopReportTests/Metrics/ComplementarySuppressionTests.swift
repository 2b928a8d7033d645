import Foundation
import Logging
import Testing

@testable import CoopReport

/// A hidden figure cannot be recovered by subtraction: complementary suppression
/// (`metrics.md`, Small groups, version 3; issue 19, point 2).
@Suite("Complementary suppression")
struct ComplementarySuppressionTests {
    typealias Group = ComplementarySuppression.Group

    @Test("the rule: one hidden group of a set hides the smallest other one, and only then")
    func rule() {
        func g(_ responses: Int, _ hidden: Bool = false) -> Group { Group(responses: responses, hidden: hidden) }
        let shown = g(60)
        #expect(ComplementarySuppression.second(among: [g(20), g(2, true), g(9), g(12)], total: shown) == .group(2))
        #expect(ComplementarySuppression.second(among: [g(20), g(9), g(12)], total: shown) == nil)
        #expect(ComplementarySuppression.second(among: [g(20), g(2, true), g(1, true)], total: shown) == nil)
        #expect(ComplementarySuppression.second(among: [g(20), g(2, true)], total: g(22, true)) == nil)
        // A total hidden alone is the sum of its shown groups: the smallest is hidden too.
        #expect(ComplementarySuppression.second(among: [g(20), g(3)], total: g(23, true)) == .group(1))
        // A set of one group: the total is that group.
        #expect(ComplementarySuppression.second(among: [g(20, true)], total: g(20)) == .total)
        // A group without responses adds nothing: it neither protects nor counts as hidden.
        #expect(ComplementarySuppression.second(among: [g(0, true), g(20), g(2, true), g(0)], total: shown) == .group(1))
        // Ties: the first in the set's order.
        #expect(ComplementarySuppression.second(among: [g(5), g(2, true), g(5)], total: g(12)) == .group(0))
    }

    /// P: A 5 responses (C1), B 4 (C1), X 2 (C2); Q: Q1 3 (C3). Every answer is 4 but one.
    static func metrics() -> MetricsResult {
        let responses =
            (0..<5).map { _ in Fixtures.resp("P/A", overall: 4, coop: "C1") }
            + (0..<4).map { _ in Fixtures.resp("P/B", overall: 4, coop: "C1") }
            + [Fixtures.resp("P/X", overall: 5, coop: "C2"), Fixtures.resp("P/X", overall: 1, coop: "C2")]
            + (0..<3).map { _ in Fixtures.resp("Q/Q1", overall: 4, coop: "C3") }
        return Fixtures.metrics([], responses, minGroupSize: 3)
    }

    @Test("X (2 responses) is hidden, so is B, the smallest other session of P; C3 beside C2")
    func sessionsAndCooperatives() throws {
        let m = Self.metrics()
        #expect(m.session("P/X")?.suppression == .smallGroup)
        #expect(m.session("P/B")?.suppression == .complementary)
        #expect(m.session("P/A")?.suppression == nil)
        #expect(m.session("P/B")?.value(.satisfactionRate) == nil)
        #expect(m.session("P/B")?.shownParts(.satisfactionRate)?.numerator == nil)
        // P − A is now B + X together (5 of 6 satisfied), not X alone (1 of 2).
        let p = try #require(m.programme("P")?.shownParts(.satisfactionRate))
        let a = try #require(m.session("P/A")?.shownParts(.satisfactionRate))
        #expect(try #require(p.numerator) - (try #require(a.numerator)) == 4 + 1)
        #expect(m.cooperative("C2")?.suppression == .smallGroup)
        #expect(m.cooperative("C3")?.suppression == .complementary)
        #expect(m.cooperative("C1")?.suppression == nil)
        // Programmes P (11) and Q (3) are both shown: nothing hidden there, nothing added.
        #expect(m.programme("Q")?.suppressed == false)
        #expect(m.overall.suppressed == false)
    }

    /// Whether a set lets a hidden figure be recovered: its total is shown and exactly one
    /// of its groups with responses is hidden.
    static func recoverable(_ groups: [(responses: Double, numerator: Double?)], total: Double?) -> Bool {
        total != nil && groups.filter { $0.responses > 0 && $0.numerator == nil }.count == 1
    }

    static func sample() throws -> (metrics: [String: Any], workbook: XLSXReader, dir: TemporaryDirectory) {
        let dir = try TemporaryDirectory()
        var request = ReportRequest(
            job: try JobReader.read(path: Repository.path("jobs/sample.yml")), asOf: nil, today: Fixtures.day("2022-07-31"))
        request.outputDirectory = dir.path
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let outcome = try Pipeline(logger: logger).run(request)
        let data = try Data(contentsOf: URL(fileURLWithPath: dir.path + "/metrics.json"))
        let json = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
        let workbook = try #require(outcome.outputs.first { $0.hasSuffix(".xlsx") })
        return (json, try XLSXReader(url: URL(fileURLWithPath: workbook)), dir)
    }

    static func groups(_ json: [String: Any], _ key: String) -> [[String: Any]] { json[key] as? [[String: Any]] ?? [] }
    static func n(_ g: [String: Any], _ key: String) -> Double? { MetricsJSONTests.number(g[key]) }

    @Test("sample metrics.json: EXT's satisfaction is not FVC-2122's minus S1's and S2's, nor a cooperative the overall minus the others")
    func sampleJSON() throws {
        let (json, _, dir) = try Self.sample()
        defer { withExtendedLifetime(dir) {} }
        let sessions = Self.groups(json, "sessions")
        let overall = try #require(json["overall"] as? [String: Any])
        for metric in ["satisfaction_rate", "objectives_met_rate", "nps"] {
            let num = metric + "_numerator"
            for p in Self.groups(json, "programmes") {
                let mine = sessions.filter { $0["programme"] as? String == p["programme"] as? String }
                let set = mine.map { (Self.n($0, "responses") ?? 0, Self.n($0, num)) }
                #expect(!Self.recoverable(set, total: Self.n(p, num)), "\(p["programme"] ?? "") \(metric)")
            }
            for m in Self.groups(json, "months") {
                let month = m["month"] as? String ?? ""
                let mine = sessions.filter { ($0["start"] as? String ?? "").hasPrefix(month) }
                let set = mine.map { (Self.n($0, "responses") ?? 0, Self.n($0, num)) }
                #expect(!Self.recoverable(set, total: Self.n(m, num)), "\(month) \(metric)")
                // A month of one session is that session: both shown or both hidden.
                if mine.count == 1 { #expect((Self.n(mine[0], num) == nil) == (Self.n(m, num) == nil), "\(month)") }
            }
            for key in ["programmes", "cooperatives", "months"] {
                let set = Self.groups(json, key).map { (Self.n($0, "responses") ?? 0, Self.n($0, num)) }
                #expect(!Self.recoverable(set, total: Self.n(overall, num)), "\(key) \(metric)")
            }
        }
        // The attack itself: FVC-2122 − S1 − S2 no longer gives EXT's 2 satisfied of 2.
        let fvc = try #require(Self.groups(json, "programmes").first { $0["programme"] as? String == "FVC-2122" })
        let ext = try #require(sessions.first { $0["programme"] as? String == "FVC-2122" && $0["session"] as? String == "EXT" })
        #expect(ext["suppressed_by"] as? String == "min_group_size")
        let others = sessions.filter { $0["programme"] as? String == "FVC-2122" && $0["session"] as? String != "EXT" }
        let shown = others.compactMap { Self.n($0, "satisfaction_rate_numerator") }
        #expect(shown.count < others.filter { (Self.n($0, "responses") ?? 0) > 0 }.count, "a second session is hidden")
        #expect(others.contains { $0["suppressed_by"] as? String == "complementary" })
        #expect(Self.n(fvc, "satisfaction_rate_numerator") != nil)
    }

    @Test("sample workbook: no hidden session or cooperative comes back by subtraction in Sessions, Coopératives")
    func sampleWorkbook() throws {
        let (_, x, dir) = try Self.sample()
        defer { withExtendedLifetime(dir) {} }
        let label = Metric.satisfactionRate.label + " (num.)"
        func rows(_ sheet: String) -> [[String: XLSXReader.StoredCell]] { MetricsJSONTests().table(x, sheet) }
        func set(_ rows: [[String: XLSXReader.StoredCell]]) -> [(responses: Double, numerator: Double?)] {
            rows.map { ($0[Metric.responses.label]?.number ?? 0, $0[label]?.number) }
        }
        let programmes = rows("Programmes")
        let sessions = rows("Sessions")
        #expect(!sessions.isEmpty && !programmes.isEmpty)
        for p in programmes {
            let code = p["Programme"]?.value
            let mine = sessions.filter { $0["Programme"]?.value == code }
            #expect(!Self.recoverable(set(mine), total: p[label]?.number), "\(code ?? "")")
        }
        // The overall is the row « Ensemble » of Coopératives, when the sheet has one, else Synthèse's.
        let cooperatives = rows("Coopératives").filter { $0["Coopérative"]?.value != "Ensemble" }
        #expect(!Self.recoverable(set(cooperatives), total: 1), "cooperatives against any shown overall")
        // EXT says why it is hidden; the complement says so too.
        let notes = sessions.compactMap { $0[Metric.satisfactionRate.label]?.value }
        #expect(notes.contains("masqué (< 3 réponses)"))
        #expect(notes.contains(FigureCells.complementaryNote))
    }
}
