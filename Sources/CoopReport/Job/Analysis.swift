/// The questions a run asks beyond the standard report (docs/jobs.md, « Analyses »): keep
/// some groups (`filter:`, `--filter`), break the figures down by one or two dimensions
/// (`by:`, `--by`: sheet Analyse, a metrics.json array), and set them beside another
/// period or edition (`compare:`, `--compare`).
public struct Analysis: Sendable, Equatable {
    public var filter = Filter()
    /// One dimension, or two crossed.
    public var by: [Dimension] = []
    /// The figures of the Analyse sheet (empty: Synthèse's key figures).
    public var figures: [Metric] = []
    public var compare: Comparison?

    public init() {}

    /// The breakdown's grouping, if one is asked.
    public var grouping: Grouping? { by.isEmpty ? nil : Grouping(by) }

    /// Whether anything beyond the standard report is asked.
    public var isEmpty: Bool { filter.isEmpty && by.isEmpty && compare == nil }

    /// The figures the Analyse sheet shows.
    public var shownFigures: [Metric] { figures.isEmpty ? Analysis.keyFigures : figures }

    /// Synthèse's key figures (`reports.md`), the default of the Analyse sheet.
    public static let keyFigures: [Metric] = [
        .attendanceRate, .satisfactionRate, .objectivesMetRate, .responseRate, .completionRate, .dropoutRate, .participants,
        .hoursTrainee,
    ]
}

/// What the figures are set beside (`compare:`).
public enum Comparison: Sendable, Equatable {
    /// Another period: dates, or a programme (another edition, named).
    case period(Period)
    /// The edition of the report's programme that precedes it in its family (the catalogue's
    /// `family`, editions ordered by their first session).
    case previousEdition

    /// The other period, for a report over `period`: nil with the reason when there is none.
    public func resolve(for period: Period, catalogue: Catalogue) -> Result<Period, ComparisonError> {
        switch self {
        case .period(let other):
            if let code = other.programme, catalogue.programme(code) == nil {
                let near = Nearest.match(code, in: catalogue.programmes.map(\.code))
                return .failure(.unknownProgramme(code, nearest: near))
            }
            return .success(other)
        case .previousEdition:
            guard let code = period.programme, let programme = catalogue.programme(code) else { return .failure(.notAnEdition) }
            func first(_ p: Programme) -> Day { p.sessions.map(\.start).min() ?? Day(daysSinceEpoch: 0) }
            let editions = catalogue.programmes.filter { $0.familyCode == programme.familyCode }.sorted {
                (first($0), $0.code) < (first($1), $1.code)
            }
            guard let i = editions.firstIndex(where: { $0.code == code }), i > 0 else {
                return .failure(.noPreviousEdition(code, family: programme.familyCode))
            }
            return .success(Period(programme: editions[i - 1].code))
        }
    }
}

/// Why a comparison cannot be made (a job error, exit 64).
public enum ComparisonError: Error, Equatable, CustomStringConvertible {
    case unknownProgramme(String, nearest: String?)
    case notAnEdition
    case noPreviousEdition(String, family: String)

    public var description: String {
        switch self {
        case .unknownProgramme(let code, let nearest):
            "« \(code) » n'est pas un programme du catalogue\(nearest.map { " (vouliez-vous dire « \($0) » ?)" } ?? "")"
        case .notAnEdition:
            "« previous_edition » compare une édition à la précédente : la période doit être un programme (« period: {programme: …} »)"
        case .noPreviousEdition(let code, let family):
            "\(code) n'a pas d'édition précédente dans le catalogue (famille « \(family) » : ajoutez « family: \(family) » à l'édition précédente)"
        }
    }
}
