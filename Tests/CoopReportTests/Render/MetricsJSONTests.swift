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

    /// The header texts of a sheet's first row.
    func headers(_ x: XLSXReader, _ sheet: String) -> [String] { x.grid(sheet).first?.map { $0?.value ?? "" } ?? [] }

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

    /// A group's `…_numerator` and `…_denominator` (nil for null or absent).
    static func parts(_ g: [String: Any]?, _ metric: Metric) -> [Double?] {
        [number(g?[metric.id + "_numerator"]), number(g?[metric.id + "_denominator"])]
    }

    /// Asserts a group's numerators and denominators equal the « (num.) » and « (dén.) »
    /// columns of its row, found by header text: where they stand is the layout's business.
    func agreeParts(_ g: [String: Any], _ row: [String: XLSXReader.StoredCell], headers: [String], _ what: String) {
        for metric in Metric.allCases where metric.parts != nil && g.keys.contains(metric.id) {
            for (suffix, header) in [("_numerator", "\(metric.label) (num.)"), ("_denominator", "\(metric.label) (dén.)")] {
                #expect(headers.contains(header), "\(what): no column « \(header) »")
                #expect(g.keys.contains(metric.id + suffix), "\(what): no key \(metric.id + suffix)")
                agree(g[metric.id + suffix], row[header], "\(what) \(metric.id + suffix)")
            }
        }
    }

    func checkGroups(
        _ x: XLSXReader, sheet: String, key: String, header: String, groups: [[String: Any]],
        cellKey: (XLSXReader.StoredCell) -> String = { $0.value }
    ) {
        let rows = table(x, sheet)
        let names = headers(x, sheet)
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
            agreeParts(g, row, headers: names, "\(sheet) \(name)")
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
            agreeParts(s, row, headers: headers(x, "Sessions"), "session \(code)")
        }
        checkGroups(x, sheet: "Programmes", key: "programme", header: "Programme", groups: json["programmes"] as? [[String: Any]] ?? [])
        checkGroups(
            x, sheet: "Coopératives", key: "cooperative", header: "Coopérative", groups: json["cooperatives"] as? [[String: Any]] ?? [])
        // Months are date cells (the first of the month); compare through the serial.
        let months = json["months"] as? [[String: Any]] ?? []
        #expect(months.map { $0["month"] as? String } == ["2022-01", "2022-02"])
        let firstOfMonth = [Fixtures.day("2022-01-01").excelSerial: "2022-01", Fixtures.day("2022-02-01").excelSerial: "2022-02"]
        checkGroups(x, sheet: "Mois", key: "month", header: "Mois", groups: months) { firstOfMonth[$0.number ?? 0] ?? "?" }

        // Overall figures against Synthèse's full list below the printed page (rows found
        // by label, the last of each: the key figures above show some again; columns by
        // header).
        let overall = json["overall"] as? [String: Any] ?? [:]
        let grid = x.grid("Synthèse")
        let header = try #require(
            grid.first { $0.first??.value == "Indicateur" && $0.contains { $0?.value == "Numérateur" } }, "Synthèse's full list")
        func column(_ name: String) throws -> Int { try #require(header.firstIndex { $0?.value == name }, "Synthèse: \(name)") }
        func cell(_ row: [XLSXReader.StoredCell?], _ c: Int) -> XLSXReader.StoredCell? { c < row.count ? row[c] : nil }
        let (value, numerator, denominator) = (try column("Valeur"), try column("Numérateur"), try column("Dénominateur"))
        for metric in Metric.allCases {
            let row = try #require(grid.last { $0.first??.value == metric.label }, "\(metric.id) in Synthèse")
            agree(overall[metric.id], cell(row, value), "overall \(metric.id)")
            guard metric.parts != nil else { continue }
            agree(overall[metric.id + "_numerator"], cell(row, numerator), "overall \(metric.id)_numerator")
            agree(overall[metric.id + "_denominator"], cell(row, denominator), "overall \(metric.id)_denominator")
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
        #expect(json["schema_version"] as? Int == 3)
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

    @Test("every rate carries its numerator and denominator, counted by hand; a hidden rate keeps only its denominator")
    func rateParts() throws {
        let json = try SmallRun(minGroupSize: 3).metricsJSON()
        func group(_ list: String, _ key: String, _ name: String) throws -> [String: Any] {
            let groups = json[list] as? [[String: Any]] ?? []
            return try #require(groups.first { $0[key] as? String == name }, "\(list): \(name)")
        }
        // Overall: present at A p1 and p3 (partial), at B p1 and p2; absent at A p2. Three
        // responses (B's only one is rejected) over those 4 present. Overall answers 5, 4, 2:
        // two satisfied. Recommend 10, 7, 3: one promoter, one detractor.
        let overall = json["overall"] as? [String: Any]
        #expect(Self.parts(overall, .attendanceRate) == [4, 5])
        #expect(Self.parts(overall, .responseRate) == [3, 4])
        #expect(Self.parts(overall, .satisfactionRate) == [2, 3])
        #expect(Self.parts(overall, .nps) == [0, 3])
        // Session A: capacity 10, 3 registered; objectives answered 4 and 2 (satisfied from 4).
        let a = try group("sessions", "session", "A")
        #expect(Self.parts(a, .attendanceRate) == [2, 3])
        #expect(Self.parts(a, .fillRate) == [3, 10])
        #expect(Self.parts(a, .responseRate) == [3, 2])
        #expect(Self.parts(a, .objectivesMetRate) == [1, 2])
        #expect(a["completion_rate_numerator"] == nil)  // journeys are not per session
        let aOverall = (a["questions"] as? [String: [String: Any]])?["overall"]
        #expect(Self.number(aOverall?["satisfied_numerator"]) == 2)
        // Session B has no capacity: 0 / 0 and no rate.
        let b = try group("sessions", "session", "B")
        #expect(b["fill_rate"] is NSNull)
        #expect(Self.parts(b, .fillRate) == [0, 0])
        // Programme P, ended at the as-of date (steps A then B): p1 did both, p2 was absent
        // at A (not started), p3 did A and has no registration to B (dropped).
        let p = try group("programmes", "programme", "P")
        #expect(Self.parts(p, .attendanceRate) == [4, 5])
        #expect(Self.parts(p, .completionRate) == [1, 2])
        #expect(Self.parts(p, .dropoutRate) == [1, 2])
        // Coop Un: p1 and p2, present 3 times and absent once; p1's journey completed.
        let un = try group("cooperatives", "cooperative", "Coop Un")
        #expect(Self.parts(un, .attendanceRate) == [3, 4])
        #expect(Self.parts(un, .completionRate) == [1, 1])
        #expect(Self.parts(un, .dropoutRate) == [0, 1])
        // Coop Deux: p3's one response (overall 4): under 3 responses, hidden. A numerator of
        // 1 over 1 would tell how p3 answered; the count of answers stays.
        let deux = try group("cooperatives", "cooperative", "Coop Deux")
        #expect(deux["suppressed"] as? Bool == true)
        #expect(deux["satisfaction_rate_numerator"] is NSNull)
        #expect(Self.number(deux["satisfaction_rate_denominator"]) == 1)
        #expect(deux["nps_numerator"] is NSNull)
        #expect(Self.number(deux["nps_denominator"]) == 1)
        #expect((deux["questions"] as? [String: [String: Any]])?["overall"]?["satisfied_numerator"] is NSNull)
        #expect(Self.parts(deux, .dropoutRate) == [1, 1])
        // Months by session start: January holds A, February B.
        #expect(Self.parts(try group("months", "month", "2022-01"), .attendanceRate) == [2, 3])
        #expect(Self.parts(try group("months", "month", "2022-02"), .attendanceRate) == [2, 2])
    }

    @Test("sessions carry their catalogue title; a programme-scoped period names its programme")
    func titlesAndPeriod() throws {
        let json = try SmallRun(period: Period(programme: "P")).metricsJSON()
        let sessions = json["sessions"] as? [[String: Any]] ?? []
        #expect(sessions.map { $0["title"] as? String } == ["Session A", "Session B"])
        let period = try #require(json["period"] as? [String: Any])
        #expect(period["from"] is NSNull)
        #expect(period["to"] is NSNull)
        #expect(period["programme"] as? String == "P")
        let january = try SmallRun(period: Period(from: Fixtures.day("2022-01-01"), to: Fixtures.day("2022-01-31"))).metricsJSON()
        let dated = try #require(january["period"] as? [String: Any])
        #expect(dated["from"] as? String == "2022-01-01")
        #expect(dated["programme"] is NSNull)
    }

    @Test("serialisation keeps key order, escapes text and writes null for non-finite numbers")
    func serialisation() {
        let v = JSONValue.object([("b", .int(1)), ("a", .string("x\"\n")), ("n", .number(Double.nan)), ("r", .number(0.1))])
        #expect(v.serialized() == "{\n  \"b\": 1,\n  \"a\": \"x\\\"\\n\",\n  \"n\": null,\n  \"r\": 0.1\n}\n")
    }
}
