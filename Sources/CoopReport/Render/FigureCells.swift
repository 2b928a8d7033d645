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
        return Cell(.note(f.tally.responses == 0 ? "sans réponse" : "masqué (< \(minGroupSize) réponses)"))
    }

    static let withoutSurvey = Cell(.note("sans questionnaire"))

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

    /// Numerator and denominator cells of a rate (numerator hidden with the rate).
    static func parts(_ metric: Metric, _ f: Figures, minGroupSize: Int) -> [Cell] {
        guard let r = f.ratio(metric) else { return [.empty, .empty] }
        switch f.state(metric) {
        case .suppressed: return [suppressedNote(f, minGroupSize), .number(r.denominator, .integer)]
        case .withoutSurvey: return [.empty, .empty]  // nothing was asked: the figure's cell says so
        default: return [.number(r.numerator, .integer), .number(r.denominator, .integer)]
        }
    }

    /// Metrics shown for groups of this kind (journey figures only where they apply).
    static func metrics(journeys: Bool) -> [Metric] {
        Metric.allCases.filter { journeys || $0.scope == .everyGroup }
    }

    /// Headers for the figure columns: a rate brings its numerator and denominator.
    static func headers(journeys: Bool) -> [String] {
        metrics(journeys: journeys).flatMap { m in
            m.parts == nil ? [m.label] : ["\(m.label) (num.)", "\(m.label) (dén.)", m.label]
        }
    }

    /// The columns, counted from the first figure column, of the figures compared with
    /// the satisfaction target.
    static func targetColumns(journeys: Bool) -> [Int] {
        var columns: [Int] = []
        var c = 0
        for m in metrics(journeys: journeys) {
            c += m.parts == nil ? 1 : 3
            if m.hasTarget { columns.append(c - 1) }
        }
        return columns
    }

    static func row(_ f: Figures, journeys: Bool, minGroupSize: Int) -> [Cell] {
        metrics(journeys: journeys).flatMap { m in
            m.parts == nil
                ? [value(m, f, minGroupSize: minGroupSize)]
                : parts(m, f, minGroupSize: minGroupSize) + [value(m, f, minGroupSize: minGroupSize)]
        }
    }
}
