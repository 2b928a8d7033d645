/// How a figure looks in a cell: a number in its format, an empty cell when it cannot be
/// computed, or a visible note when it is hidden for a small group or not yet due.
enum FigureCells {
    static func style(_ unit: MetricDefinition.Unit) -> Cell.NumberStyle {
        switch unit {
        case .count: .integer
        case .rate: .percent
        case .hours: .hours
        case .euros: .euros
        case .score: .score
        }
    }

    /// The note that replaces a hidden satisfaction figure ("sans réponse" when there is
    /// nothing to hide).
    static func suppressedNote(_ f: Figures, _ minGroupSize: Int) -> Cell {
        Cell(.note(f.tally.responses == 0 ? "sans réponse" : "masqué (< \(minGroupSize) réponses)"))
    }

    static func value(_ metric: MetricDefinition, _ f: Figures, minGroupSize: Int) -> Cell {
        if metric.suppressible && f.suppressed { return suppressedNote(f, minGroupSize) }
        if metric.id == "dropout_rate", f.tally.journeys?.anyEnded == false { return Cell(.note("en cours")) }
        return .number(f.value(metric.id), style(metric.unit))
    }

    /// Numerator and denominator cells of a rate (numerator hidden with the rate).
    static func parts(_ metric: MetricDefinition, _ f: Figures, minGroupSize: Int) -> [Cell] {
        guard let r = f.ratio(metric.id) else { return [.empty, .empty] }
        let numerator: Cell =
            metric.suppressible && f.suppressed
            ? suppressedNote(f, minGroupSize) : .number(r.numerator, .integer)
        return [numerator, .number(r.denominator, .integer)]
    }

    /// Metrics shown for groups of this kind (journey figures only where they apply).
    static func metrics(journeys: Bool) -> [MetricDefinition] {
        MetricDefinition.all.filter { journeys || $0.scope == .everyGroup }
    }

    /// Headers for the figure columns: a rate brings its numerator and denominator.
    static func headers(journeys: Bool) -> [String] {
        metrics(journeys: journeys).flatMap { m in
            m.numerator == nil ? [m.label] : ["\(m.label) (num.)", "\(m.label) (dén.)", m.label]
        }
    }

    static func row(_ f: Figures, journeys: Bool, minGroupSize: Int) -> [Cell] {
        metrics(journeys: journeys).flatMap { m in
            m.numerator == nil
                ? [value(m, f, minGroupSize: minGroupSize)]
                : parts(m, f, minGroupSize: minGroupSize) + [value(m, f, minGroupSize: minGroupSize)]
        }
    }
}
