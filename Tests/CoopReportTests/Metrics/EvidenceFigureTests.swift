import Foundation
import Testing

@testable import CoopReport

/// The evidence figures (`EvidenceFigure`): each owns its texts and its computation, and
/// Indicateurs and Méthode show them from it, read back from the workbook.
@Suite("EvidenceFigure")
struct EvidenceFigureTests {
    static var options: ReportOptions { EvidenceReportTests.options }

    /// One column's cells by its header, in the rows after the header row `header`.
    func rows(_ grid: [[XLSXReader.StoredCell?]], header: Int) -> [[String: XLSXReader.StoredCell]] {
        let names = grid[header].map { $0?.value ?? "" }
        return grid.dropFirst(header + 1).map { row in
            var out: [String: XLSXReader.StoredCell] = [:]
            for (i, name) in names.enumerated() where i < row.count { out[name] = row[i] }
            return out
        }
    }

    @Test("every figure has its identifier, label, definition, parts and note, and Méthode of an evidence run defines it")
    func texts() throws {
        let ids = EvidenceFigure.allCases.map(\.id)
        #expect(Set(ids).count == ids.count)
        // Not one of metrics.md's identifiers either: Méthode's identifier column names one figure.
        #expect(Set(ids).isDisjoint(with: Metric.allCases.map(\.id) + QuestionFigure.allCases.map(\.rawValue)))
        for figure in EvidenceFigure.allCases {
            #expect(figure.id.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "_" } && !figure.id.isEmpty, "\(figure)")
            #expect(!figure.label.isEmpty && figure.definition.count > 30 && figure.definition.hasSuffix("."), "\(figure)")
            // A rate names its numerator and denominator; a count has none.
            #expect((figure.parts != nil) == (figure.unit == .rate), "\(figure)")
            #expect(figure.parts.map { !$0.numerator.isEmpty && !$0.denominator.isEmpty } ?? true, "\(figure)")
            // A figure that reads an optional input says so when the job does not give it.
            #expect((figure.notGivenNote != nil) == (figure.input != nil), "\(figure)")
        }

        let x = try SmallRun(options: Self.options).workbook()
        let grid = x.grid("Méthode")
        let heading = try #require(grid.firstIndex { $0.first??.value == MethodSheet.evidenceHeading })
        let below = rows(grid, header: heading + 1)
        for figure in EvidenceFigure.allCases {
            let r = try #require(below.first { $0["Identifiant"]?.value == figure.id }, "\(figure.id) in Méthode")
            #expect(r["Libellé"]?.value == figure.label)
            #expect(r["Définition"]?.value == figure.definition)
            #expect(r["Numérateur"]?.value ?? "" == figure.parts?.numerator ?? "")
            #expect(r["Dénominateur"]?.value ?? "" == figure.parts?.denominator ?? "")
            #expect(r["Masqué si petit groupe"]?.value == (figure.hidesSmallGroups ? "oui" : "non"))
        }
        // The figures of metrics.md stay above the heading.
        let above = grid.prefix(heading).compactMap { $0.first??.value }
        #expect(Metric.allCases.allSatisfy { above.contains($0.id) })
        #expect(!EvidenceFigure.allCases.contains { above.contains($0.id) })
        // The second table starts at the header row under the heading.
        #expect(x.sheetTree("Méthode").all("tablePart").count == 2)
        let notes = grid.compactMap { $0.count > 2 ? $0[2]?.value : nil }
        #expect(notes.contains { $0.hasPrefix("« questionnaire à froid non fourni », « registre non fourni » : la tâche ne donne pas") })

        // The standard report has no Indicateurs: Méthode defines only the figures it shows.
        let standard = try SmallRun().workbook().grid("Méthode")
        #expect(!standard.contains { $0.first??.value == MethodSheet.evidenceHeading })
        #expect(!standard.contains { row in EvidenceFigure.allCases.contains { $0.id == row.first??.value } })
    }

    @Test("Indicateurs shows each evidence figure once, under its own label")
    func everyFigureShown() throws {
        let grid = try SmallRun(options: Self.options).workbook().grid("Indicateurs")
        let labels = grid.dropFirst().compactMap { $0.count > 2 ? $0[2]?.value : nil }
        for figure in EvidenceFigure.allCases {
            #expect(labels.filter { $0 == figure.label }.count == 1, "\(figure.label)")
        }
    }

    /// The cells of an evidence figure's row in Indicateurs: value (number or note),
    /// numerator, denominator, N and method.
    struct Shown: Equatable, CustomStringConvertible {
        var value: String
        var numerator: Double?, denominator: Double?, n: Double?
        var description: String { "\(value) \(numerator as Any) / \(denominator as Any), N \(n as Any)" }
    }

    func shown(_ grid: [[XLSXReader.StoredCell?]], _ figure: EvidenceFigure) throws -> Shown {
        let r = try #require(grid.first { $0.count > 6 && $0[2]?.value == figure.label }, "\(figure.label)")
        return Shown(value: r[3]?.value ?? "", numerator: r[4]?.number, denominator: r[5]?.number, n: r[6]?.number)
    }

    /// SmallRun as of 01/03/2022 with the registers of RegisterSheetsTests (and no cold
    /// questionnaire), by hand:
    /// - catalogue: A states objectives, hours and price (3 of 10), B its prerequisite (A)
    ///   and hours (2 of 10): no session complete, 0 / 2; elements 5 / 20;
    /// - cold: not given;
    /// - complaints: 4 entries of the period (lines 6–8 rejected, line 9 after the as-of
    ///   date); the difficulty of 20/01 is open for 40 days, the incident of 30/01 for 30:
    ///   1 open over 30 days;
    /// - improvement points: A's overall question and objective 1, among 1 session shown
    ///   (B's only response is rejected); A1 joins the first, A2 the second: 0 without
    ///   action; actions A1–A3 (A4 rejected): A2, « en cours », due 15/02, is late.
    @Test("with the registers: each figure's cells in Indicateurs, worked out by hand")
    func registers() throws {
        let run = try SmallRun(
            options: Self.options, complaints: RegisterSheetsTests.complaints, actions: RegisterSheetsTests.actions)
        let grid = try run.workbook().grid("Indicateurs")
        for figure in EvidenceFigure.allCases {
            // Exhaustive: a new figure needs its expected cells here.
            let expected: Shown =
                switch figure {
                case .catalogueComplete: Shown(value: "0", numerator: 0, denominator: 2, n: 2)
                case .catalogueElements: Shown(value: "0.25", numerator: 5, denominator: 20, n: 20)
                case .coldObjectivesApplied, .coldResponseRate: Shown(value: "questionnaire à froid non fourni")
                case .complaints: Shown(value: "4", n: 4)
                case .complaintsOverdue: Shown(value: "1", n: 4)
                case .improvementPoints: Shown(value: "2", n: 1)
                case .pointsWithoutAction: Shown(value: "0", n: 2)
                case .lateActions: Shown(value: "1", n: 3)
                }
            #expect(try shown(grid, figure) == expected, "\(figure)")
        }
        // The registers' figures are metrics.json's `registers` block.
        let json = try #require(try run.metricsJSON()["registers"] as? [String: Any])
        let complaints = try #require(json["complaints"] as? [String: Any])
        #expect(try shown(grid, .complaints).value == "\(complaints["entries"] as? Int ?? -1)")
        #expect(try shown(grid, .complaintsOverdue).value == "\(complaints["open_over_30_days"] as? Int ?? -1)")
        #expect(try shown(grid, .lateActions).value == "\((json["actions"] as? [String: Any])?["late"] as? Int ?? -1)")
        #expect(try shown(grid, .pointsWithoutAction).value == "\(json["points_without_action"] as? Int ?? -1)")
    }

    /// ColdEvaluationsTests' cold answers as of 30/06/2022: 3 cold responses / 4 present;
    /// objectives applied 2 / 4. With `min_group_size` 4, the 3 responses are too few: the
    /// applied share is hidden, its denominator stays; the response rate, a count of
    /// responses over present, is not hidden.
    @Test("the cold figures: shown with their parts, the applied share hidden below the minimum group size")
    func cold() throws {
        let shownRun = try SmallRun(
            minGroupSize: 2, options: Self.options, cold: ColdEvaluationsTests.cold, asOf: ColdEvaluationsTests.asOf)
        let grid = try shownRun.workbook().grid("Indicateurs")
        #expect(try shown(grid, .coldResponseRate) == Shown(value: "0.75", numerator: 3, denominator: 4, n: 4))
        #expect(try shown(grid, .coldObjectivesApplied) == Shown(value: "0.5", numerator: 2, denominator: 4, n: 4))

        let hiddenRun = try SmallRun(
            minGroupSize: 4, options: Self.options, cold: ColdEvaluationsTests.cold, asOf: ColdEvaluationsTests.asOf)
        let hidden = try hiddenRun.workbook().grid("Indicateurs")
        #expect(try shown(hidden, .coldResponseRate) == Shown(value: "0.75", numerator: 3, denominator: 4, n: 4))
        #expect(try shown(hidden, .coldObjectivesApplied) == Shown(value: "masqué (< 4 réponses)", denominator: 4, n: 4))
        // The same from the figure itself, without the workbook.
        let doc = hiddenRun.outcome.document
        #expect(doc.value(.coldObjectivesApplied) == EvidenceValue(value: nil, denominator: 4, n: 4, note: "masqué (< 4 réponses)"))
    }

    @Test("without its input, a figure has no value and says which input is missing")
    func notGiven() throws {
        let doc = try SmallRun(options: Self.options).outcome.document
        for figure in EvidenceFigure.allCases {
            let v = figure.value(metrics: doc.metrics, cold: nil, registers: nil, improvements: [])
            switch figure.input {
            case .cold:
                #expect(v == EvidenceValue(value: nil, note: "questionnaire à froid non fourni"), "\(figure)")
            case .complaints, .actions:
                #expect(v == EvidenceValue(value: nil, note: "registre non fourni"), "\(figure)")
            case nil:
                #expect(v.note == nil && v.value != nil, "\(figure)")
            }
        }
    }
}
