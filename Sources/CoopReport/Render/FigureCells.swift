/// How a figure looks in a cell: a number in its format, an empty cell when it cannot be
/// computed, or a visible note when it is hidden for a small group, has no questionnaire,
/// or is not yet due.
enum FigureCells {
    static func style(_ unit: Metric.Unit) -> Cell.NumberStyle {
        switch unit {
        case .count: .integer
        case .rate: .percent
        case .hours: .hours
        case .euros: .euros
        case .score: .score
        }
    }

    /// The note that replaces a hidden satisfaction figure ("sans réponse" when there is
    /// nothing to hide, « sans questionnaire » when no session of the group has one).
    static func suppressedNote(_ f: Figures, _ minGroupSize: Int) -> Cell {
        if f.withoutSurvey { return withoutSurvey }
        if f.tally.responses == 0 { return Cell(.note("sans réponse")) }
        if f.suppression == .complementary { return Cell(.note(complementaryNote)) }
        return Cell(.note("masqué (< \(minGroupSize) réponses)"))
    }

    static let withoutSurvey = Cell(.note("sans questionnaire"))

    /// A figure hidden by complementary suppression (Méthode says why).
    static let complementaryNote = "masqué (complément, voir Méthode)"

    /// Whether a group's satisfaction figures give way to a note.
    static func hidesSatisfaction(_ f: Figures) -> Bool { f.withoutSurvey || f.suppressed }

    static func value(_ metric: Metric, _ f: Figures, minGroupSize: Int) -> Cell {
        switch f.state(metric) {
        case .value(let v): .number(v, style(metric.unit))
        case .empty, .notApplicable: .empty
        case .suppressed: suppressedNote(f, minGroupSize)
        case .withoutSurvey: withoutSurvey
        case .inProgress: Cell(.note("en cours"))
        }
    }

    /// An evidence figure's value cell: its number in the figure's unit, or the note
    /// saying why it has none (« registre non fourni », « masqué (< 3 réponses) »).
    static func value(_ figure: EvidenceFigure, _ v: EvidenceValue) -> Cell {
        v.note.map { Cell(.note($0)) } ?? .number(v.value, style(figure.unit))
    }

    /// The gap between a figure now and in the compared period (`ComparedPeriod.gap`): in
    /// points for a rate, in the figure's own unit otherwise; empty when either is.
    static func gap(_ metric: Metric, _ now: Figures, _ before: Figures) -> Cell {
        ComparedPeriod.gap(metric, now, before).map { Cell(.number($0, metric.unit == .rate ? .points : style(metric.unit))) } ?? .empty
    }

    /// Numerator and denominator cells of a rate (numerator hidden with the rate, by the
    /// rule metrics.json follows too: `Figures.shownParts`).
    static func parts(_ metric: Metric, _ f: Figures, minGroupSize: Int) -> [Cell] {
        guard let p = f.shownParts(metric) else { return [.empty, .empty] }
        let numerator = p.numerator.map { Cell.number($0, .integer) } ?? (p.denominator == nil ? .empty : suppressedNote(f, minGroupSize))
        return [numerator, .number(p.denominator, .integer)]
    }

    /// Metrics shown for groups of this kind (journey figures only where they apply).
    static func metrics(journeys: Bool) -> [Metric] {
        Metric.allCases.filter { journeys || $0.scope == .everyGroup }
    }

    /// Rates among them, whose numerator and denominator follow in the outline.
    static func rates(journeys: Bool) -> [Metric] { metrics(journeys: journeys).filter { $0.parts != nil } }

    /// Headers for the figure columns: every figure, then each rate's numerator and
    /// denominator (grouped in a collapsed outline by `GroupSheet`).
    static func headers(journeys: Bool) -> [String] {
        metrics(journeys: journeys).map(\.label) + rates(journeys: journeys).flatMap { ["\($0.label) (num.)", "\($0.label) (dén.)"] }
    }

    /// The rates' columns, counted from the first figure column.
    static func targetColumns(journeys: Bool) -> [Int: Metric] {
        var columns: [Int: Metric] = [:]
        for (c, m) in metrics(journeys: journeys).enumerated() where m.unit == .rate { columns[c] = m }
        return columns
    }

    static func row(_ f: Figures, journeys: Bool, minGroupSize: Int) -> [Cell] {
        metrics(journeys: journeys).map { value($0, f, minGroupSize: minGroupSize) }
            + rates(journeys: journeys).flatMap { parts($0, f, minGroupSize: minGroupSize) }
    }
}
