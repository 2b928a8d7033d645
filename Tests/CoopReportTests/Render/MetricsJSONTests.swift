import Foundation
import Testing

@testable import CoopReport

@Suite("metrics.json")
struct MetricsJSONTests {
    /// Cells of a sheet's rows keyed by header text.
    func table(_ x: XLSXReader, _ sheet: String, headerRow: Int = 0) -> [[String: XLSXReader.StoredCell]] {
        let grid = x.grid(sheet)
        guard grid.count > headerRow else { return [] }
        let names = grid[headerRow].map { $0?.value ?? "" }
        // The table ends at the first empty row (Mois has a chart block below it).
        let body = grid.dropFirst(headerRow + 1).prefix { row in row.contains { $0 != nil } }
        return body.map { row in
            var out: [String: XLSXReader.StoredCell] = [:]
            for (i, name) in names.enumerated() where i < row.count { if let c = row[i] { out[name] = c } }
            return out
        }
    }

    /// Asserts a JSON figure and a workbook cell say the same thing: equal numbers, or
    /// null against an empty cell or a note.
    func agree(_ json: Any?, _ cell: XLSXReader.StoredCell?, _ what: String) {
        if let number = Self.number(json) {
            guard let value = cell?.number else {
                Issue.record("\(what): JSON \(number), cell \(String(describing: cell))")
                return
            }
            #expect(abs(value - number) < 1e-9, "\(what)")
        } else {
            #expect(cell == nil || cell?.isText == true, "\(what): JSON null, cell \(String(describing: cell))")
        }
    }

    /// A JSON number as decoded by JSONSerialization (Int or Double on Linux, NSNumber elsewhere).
    static func number(_ value: Any?) -> Double? {
        switch value {
        case let i as Int: Double(i)
        case let d as Double: d
        case let n as NSNumber: n.doubleValue
        default: nil
        }
    }

    func checkGroups(
        _ x: XLSXReader, sheet: String, key: String, header: String, groups: [[String: Any]],
        cellKey: (XLSXReader.StoredCell) -> String = { $0.value }
    ) {
        let rows = table(x, sheet)
        #expect(rows.count == groups.count, "\(sheet) rows")
        for g in groups {
            let name = String(describing: g[key] ?? "")
            guard let row = rows.first(where: { $0[header].map(cellKey) == name }) else {
                Issue.record("\(sheet): no row for \(name)")
                continue
            }
            var compared = 0
            for metric in Metric.allCases where g.keys.contains(metric.id) {
                agree(g[metric.id], row[metric.label], "\(sheet) \(name) \(metric.id)")
                compared += 1
            }
            #expect(compared >= 16)
        }
    }

    @Test("every figure of metrics.json equals its cell in the workbook")
    func jsonMatchesCells() throws {
        let run = try SmallRun(minGroupSize: 2)
        let json = try run.metricsJSON()
        let x = try run.workbook()
        let sessions = json["sessions"] as? [[String: Any]] ?? []
        #expect(sessions.count == 2)
        let sessionRows = table(x, "Sessions")
        for s in sessions {
            let code = s["session"] as? String ?? ""
            let row = try #require(sessionRows.first { $0["Session"]?.value == code })
            for metric in Metric.allCases where s.keys.contains(metric.id) {
                agree(s[metric.id], row[metric.label], "session \(code) \(metric.id)")
            }
        }
        checkGroups(x, sheet: "Programmes", key: "programme", header: "Programme", groups: json["programmes"] as? [[String: Any]] ?? [])
        checkGroups(
            x, sheet: "Coopératives", key: "cooperative", header: "Coopérative", groups: json["cooperatives"] as? [[String: Any]] ?? [])
        // Months are date cells (the first of the month); compare through the serial.
        let months = json["months"] as? [[String: Any]] ?? []
        #expect(months.map { $0["month"] as? String } == ["2022-01", "2022-02"])
        let firstOfMonth = [Fixtures.day("2022-01-01").excelSerial: "2022-01", Fixtures.day("2022-02-01").excelSerial: "2022-02"]
        checkGroups(x, sheet: "Mois", key: "month", header: "Mois", groups: months) { firstOfMonth[$0.number ?? 0] ?? "?" }

        // Overall figures against Synthèse's full list below the printed page (its last
        // row of each label: the key figures above it show some of them again).
        let overall = json["overall"] as? [String: Any] ?? [:]
        let grid = x.grid("Synthèse")
        for metric in Metric.allCases {
            let row = try #require(grid.last { $0.first??.value == metric.label }, "\(metric.id) in Synthèse")
            agree(overall[metric.id], row[1], "overall \(metric.id)")
        }
    }

    @Test("per-question figures in metrics.json equal the Satisfaction sheet")
    func questionsMatch() throws {
        let run = try SmallRun(minGroupSize: 1)
        let json = try run.metricsJSON()
        let x = try run.workbook()
        let rows = table(x, "Satisfaction")
        let sessions = json["sessions"] as? [[String: Any]] ?? []
        let a = try #require(sessions.first { $0["session"] as? String == "A" })
        let questions = try #require(a["questions"] as? [String: [String: Any]])
        let overallQ = try #require(questions["overall"])
        let row = try #require(rows.first { $0["Session"]?.value == "A" && $0["Question"]?.value == "Satisfaction globale" })
        agree(overallQ["n"], row["n"], "n")
        agree(overallQ["mean"], row["Moyenne"], "mean")
        agree(overallQ["satisfied"], row["Part de satisfaits"], "satisfied")
        // By hand: answers 5, 4 (« Satisfait »), 2.
        #expect(Self.number(overallQ["n"]) == 3)
        #expect(abs((Self.number(overallQ["mean"]) ?? 0) - 11.0 / 3.0) < 1e-12)
    }

    @Test("the JSON names groups and marks suppression as documented")
    func schema() throws {
        let json = try SmallRun(minGroupSize: 3).metricsJSON()
        #expect(json["schema_version"] as? Int == 2)
        #expect((json["rejects"] as? [String: Int]) == ["registrations": 1, "evaluations": 1])
        let sessions = json["sessions"] as? [[String: Any]] ?? []
        let a = try #require(sessions.first { $0["session"] as? String == "A" })
        #expect(a["programme"] as? String == "P")
        #expect(a["suppressed"] as? Bool == false)  // 3 responses
        #expect(a["participants"] as? Int == 3)  // p1, p2, p3 registered
        #expect(a["surveyed"] as? Bool == true)
        #expect(a["dropped"] == nil)  // journeys are not per session
        let b = try #require(sessions.first { $0["session"] as? String == "B" })
        #expect(b["suppressed"] as? Bool == true)
        #expect(b["satisfaction_rate"] is NSNull)
        let programmes = json["programmes"] as? [[String: Any]] ?? []
        #expect(programmes.first?["participants"] as? Int == 3)
        #expect(programmes.first?["completed"] as? Int == 1)  // p1: A and B; p2 absent at A; p3 not at B
    }

    @Test("serialisation keeps key order, escapes text and writes null for non-finite numbers")
    func serialisation() {
        let v = JSONValue.object([("b", .int(1)), ("a", .string("x\"\n")), ("n", .number(Double.nan)), ("r", .number(0.1))])
        #expect(v.serialized() == "{\n  \"b\": 1,\n  \"a\": \"x\\\"\\n\",\n  \"n\": null,\n  \"r\": 0.1\n}\n")
    }
}
