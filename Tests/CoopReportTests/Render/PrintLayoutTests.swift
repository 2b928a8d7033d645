import Foundation
import Logging
import Testing

@testable import CoopReport

/// What each shipped report looks like printed, read back from its XML: Synthèse on one
/// page, the group sheets one page wide with their numerators and denominators in a
/// collapsed outline, the charts' markers, axes and colours (issue 12).
@Suite("Print layout of the shipped reports")
struct PrintLayoutTests {
    /// The shipped jobs (the monthly one for June 2022), each run into a temporary folder.
    static let jobs = ["jobs/sample.yml", "jobs/monthly.yml", "jobs/qualiopi-FVC-2122.yml", "jobs/annual-2022.yml"]

    static func report(_ job: String) throws -> (XLSXReader, ReportOutcome, TemporaryDirectory) {
        let dir = try TemporaryDirectory()
        var parsed = try JobReader.read(path: Repository.path(job))
        parsed.output = dir.url.appendingPathComponent("out").path
        let month = job.hasSuffix("monthly.yml") ? Fixtures.day("2022-06-01") : nil
        var request = ReportRequest(job: parsed, asOf: nil, today: Fixtures.day("2026-11-27"), month: month)
        request.outputDirectory = dir.url.appendingPathComponent("out").path
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let outcome = try Pipeline(logger: logger).run(request)
        let workbook = try #require(outcome.outputs.first { $0.hasSuffix(".xlsx") })
        return (try XLSXReader(url: URL(fileURLWithPath: workbook)), outcome, dir)
    }

    /// Zero-based column of a column name: `K` → 10.
    static func column(_ letters: Substring) -> Int { letters.reduce(0) { $0 * 26 + Int(($1.asciiValue ?? 65) - 64) } - 1 }

    @Test("Synthèse prints one A4 landscape page: a print area fitted to one page wide and tall", arguments: jobs)
    func summaryOnePage(job: String) throws {
        let (x, _, dir) = try Self.report(job)
        defer { withExtendedLifetime(dir) {} }
        let workbook = XMLTree.parse(try #require(x.parts["xl/workbook.xml"]))
        let area = try #require(
            workbook.all("definedName").first { $0.attributes["name"] == "_xlnm.Print_Area" && $0.attributes["localSheetId"] == "0" })
        // Synthèse!$A$1:$K$31: the block starts at A1 and stops before the full figure list.
        let corner = try #require(area.text.split(separator: ":").last).split(separator: "$")
        #expect(area.text.contains("$A$1:"))
        #expect(Self.column(corner[0]) == SummarySheet.widths.count - 1)
        let lastRow = try #require(Int(corner[1]))
        let grid = x.grid("Synthèse")
        let listTitle = try #require(grid.firstIndex { $0.first??.value == "Tous les indicateurs (ensemble de la période)" })
        #expect(lastRow < listTitle + 1, "the full list is outside the printed page")
        let sheet = x.sheetTree("Synthèse")
        #expect(sheet.first("pageSetUpPr")?.attributes["fitToPage"] == "1")
        let setup = try #require(sheet.first("pageSetup"))
        #expect(setup.attributes["orientation"] == "landscape")
        #expect(setup.attributes["paperSize"] == "9")
        #expect(setup.attributes["fitToWidth", default: "1"] == "1")
        #expect(setup.attributes["fitToHeight", default: "1"] == "1")
        // The key figures stand on the printed page, each a number with a target beside it.
        for metric in [Metric.attendanceRate, .satisfactionRate, .responseRate] {
            let row = try #require(grid.firstIndex { $0.first??.value == metric.label })
            #expect(row < lastRow)
            #expect(grid[row].count > 3 && grid[row][3]?.isNumber == true, "\(metric.id) target")
        }
    }

    @Test("group sheets print one page wide; numerators and denominators in a collapsed outline, no figure lost", arguments: jobs)
    func groupSheetsOutline(job: String) throws {
        let (x, _, dir) = try Self.report(job)
        defer { withExtendedLifetime(dir) {} }
        for name in ["Sessions", "Programmes", "Coopératives", "Mois"] {
            let header = (x.grid(name).first ?? []).map { $0?.value ?? "" }
            let sheet = x.sheetTree(name)
            #expect(sheet.first("pageSetup")?.attributes["fitToWidth", default: "1"] == "1", "\(name)")
            #expect(sheet.first("sheetFormatPr")?.attributes["outlineLevelCol"] == "1", "\(name)")
            var hidden = Set<Int>()
            for col in sheet.all("col") where col.attributes["hidden"] == "1" {
                #expect(col.attributes["outlineLevel"] == "1", "\(name)")
                let first = Int(col.attributes["min"] ?? "") ?? 0
                let last = Int(col.attributes["max"] ?? "") ?? -1
                for c in first...max(first, last) { hidden.insert(c - 1) }
            }
            for (c, title) in header.enumerated() where title.hasSuffix("(num.)") || title.hasSuffix("(dén.)") {
                #expect(hidden.contains(c), "\(name): « \(title) » is in the collapsed outline")
            }
            // Every figure of the group keeps a visible column.
            let journeys = name == "Programmes" || name == "Coopératives"
            for metric in Metric.allCases where journeys || metric.scope == .everyGroup {
                let c = try #require(header.firstIndex(of: metric.label), "\(name): \(metric.label)")
                #expect(!hidden.contains(c), "\(name): \(metric.label) is printed")
            }
            // The button that opens the group: the column after it is marked collapsed.
            if let last = hidden.max() {
                let button = sheet.all("col").first { Int($0.attributes["min"] ?? "") == last + 2 }
                #expect(button?.attributes["collapsed"] == "1", "\(name)")
            }
        }
    }

    @Test("Mois: a marker on every month, months as « juin 2022 » on the axis, rates from 0, table and chart on one page", arguments: jobs)
    func monthChart(job: String) throws {
        let (x, _, dir) = try Self.report(job)
        defer { withExtendedLifetime(dir) {} }
        let line = try #require(x.charts.first { $0.contains("<c:lineChart>") })
        let series = line.components(separatedBy: "<c:ser>").count - 1
        #expect(series == 3)
        #expect(line.components(separatedBy: "<c:symbol val=\"circle\"/>").count - 1 == series)
        #expect(line.contains("formatCode=\"[$-40C]mmm yyyy\""))
        #expect(line.contains("<c:dispBlanksAs val=\"span\"/>"))
        #expect(line.contains("<c:min val=\"0\"/>"))
        let setup = try #require(x.sheetTree("Mois").first("pageSetup"))
        #expect(setup.attributes["fitToHeight", default: "1"] == "1")
        // A one-month report shows its month in bold (its own style), the others plain.
        let months = x.grid("Mois").dropFirst().prefix { $0.first??.isNumber == true }.compactMap { $0.first ?? nil }
        let styles = Set(months.map(\.style))
        #expect(styles.count == (job.hasSuffix("monthly.yml") ? 2 : 1))
        if job.hasSuffix("monthly.yml") {
            let june = Double(Fixtures.day("2022-06-01").excelSerial)
            let bold = months.filter { $0.style != months.first?.style }
            #expect(bold.map(\.number) == [june])
        }
    }

    @Test("the BPF prints each frame whole: a page starts at C, at E and at F-3, at a fixed scale (Excel keeps the breaks)")
    func bpfPages() throws {
        let (x, _, dir) = try Self.report("jobs/annual-2022.yml")
        defer { withExtendedLifetime(dir) {} }
        let sheet = x.sheetTree("BPF")
        let breaks = sheet.first("rowBreaks")?.all("brk").compactMap { Int($0.attributes["id"] ?? "") } ?? []
        let grid = x.grid("BPF")
        // A break's id is the 1-based row above it: the next row (0-based: id) is a frame's title.
        let titles = breaks.map { grid.indices.contains($0) ? grid[$0].first??.value ?? "" : "" }
        #expect(titles.map { $0.prefix(4) } == ["C. B", "E. P", "F-3."])
        #expect(sheet.first("pageSetup")?.attributes["scale"] == "72")
        #expect(sheet.first("pageSetUpPr")?.attributes["fitToPage"] == nil)
    }

    @Test("the answer scale runs from red (1) to green (5) in the Satisfaction chart")
    func scaleColours() throws {
        let (x, _, dir) = try Self.report("jobs/sample.yml")
        defer { withExtendedLifetime(dir) {} }
        let bar = try #require(x.charts.first { $0.contains("<c:barChart>") && $0.contains("Satisfaction!") })
        let colours = bar.components(separatedBy: "<c:ser>").dropFirst().map { series in
            series.components(separatedBy: "<a:srgbClr val=\"").dropFirst().first.map { String($0.prefix(6)) } ?? ""
        }
        #expect(colours.count == 5)
        // Red falls and green rises from the first answer to the last.
        let channels = colours.map { hex in (UInt32(hex, radix: 16) ?? 0) }.map { (red: $0 >> 16, green: ($0 >> 8) & 0xFF) }
        #expect(channels.first.map { $0.red > $0.green } == true)
        #expect(channels.last.map { $0.green > $0.red } == true)
        #expect(zip(channels, channels.dropFirst()).allSatisfy { $0.green <= $1.green || $0.red >= $1.red })
    }

    @Test("percentages read « 85 % »; a rate below its target shows one decimal in red")
    func percentFormat() throws {
        let (x, outcome, dir) = try Self.report("jobs/sample.yml")
        defer { withExtendedLifetime(dir) {} }
        let grid = x.grid("Sessions")
        let header = (grid.first ?? []).map { $0?.value ?? "" }
        let c = try #require(header.firstIndex(of: Metric.attendanceRate.label))
        let cell = try #require(grid.dropFirst().compactMap { $0.count > c ? $0[c] : nil }.first { $0.isNumber })
        #expect(x.numberFormat(cell) == "0\"\u{00A0}\"%")
        // The red rule's own format: one decimal.
        let styles = String(decoding: try #require(x.parts["xl/styles.xml"]), as: UTF8.self)
        #expect(styles.contains("formatCode=\"0.0&quot;\u{00A0}&quot;%\""))
        // The key figure below its target is flagged in words on the printed page too.
        let objectives = try #require(outcome.document.metrics.overall.value(.objectivesMetRate))
        let summary = x.grid("Synthèse")
        let row = try #require(summary.first { $0.first??.value == Metric.objectivesMetRate.label })
        let target = try #require(outcome.document.options.target(.objectivesMetRate))
        #expect((row.count > 4 ? row[4]?.value : nil) == (objectives < target ? "▼ sous la cible" : "atteinte"))
    }
}
