/// Computes every figure of `metrics.md` from the dataset, for sessions whose start date is
/// in the period, as of `asOf`, per group of every grouping the report shows (`Grouping`:
/// sessions, programmes, cooperatives, months, the overall line, and the breakdowns asked
/// for). Pure: no file, no clock.
///
/// One pass over the registrations and one over the responses: each row is counted in its
/// session's tally, and in the group of every grouping that the row itself decides
/// (cooperative, role). Groupings decided by the session alone (programme, month, trainer,
/// kind, family) are sums of their sessions' tallies. Journeys are counted per programme.
public struct MetricsCalculator: Sendable {
    /// The name of the cooperative of a response that cannot be attributed.
    public static let unknownCooperative = Dimension.cooperative.unknownName

    public let period: Period
    public let asOf: Day
    public let minGroupSize: Int
    /// When set, the months cover this period (the monthly report's trailing twelve
    /// months) instead of `period`; every other group stays within `period`.
    public let trend: Period?
    /// The breakdowns asked for (`by:`), beside the groupings every report has.
    public var breakdowns: [Grouping] = []

    public init(period: Period = Period(), asOf: Day, minGroupSize: Int = 3, trend: Period? = nil, breakdowns: [Grouping] = []) {
        self.breakdowns = breakdowns
        self.period = period
        self.asOf = asOf
        self.minGroupSize = minGroupSize
        self.trend = trend
    }

    public func compute(_ data: Dataset) -> MetricsResult { compute(data, index: ParticipantIndex(data)) }

    /// The figures of the rows that `filter` keeps (`Filter`): resolved against the data
    /// first, so that a value no row carries is refused, naming the nearest one.
    func compute(_ data: Dataset, filter: Filter) throws(ResolvedFilter.UnknownValue) -> MetricsResult {
        let index = ParticipantIndex(data)
        let resolved = try ResolvedFilter.resolve(filter, data: data, attribution: Attribution(data, index: index))
        return compute(data, index: index, filter: resolved)
    }

    /// The same, with the participant index built by the caller (who hands it on to the
    /// evidence, then lets it go).
    /// `rows`: only these rows are read (the filter must keep no other), and complementary
    /// suppression is left to the caller, who knows which of the groups it shows.
    func compute(_ data: Dataset, index: ParticipantIndex, filter: ResolvedFilter = .none, rows: Rows? = nil) -> MetricsResult {
        let attribution = Attribution(data, index: index)
        var pass = GroupPass(calculator: self, data: data, index: index, attribution: attribution, filter: filter, rows: rows)
        // The journeys and the responses need the participant index, not the registrations'
        // counts: the journeys and the first part of the responses are counted on the other
        // core, each on a copy of the pass as it starts, while the registrations, the
        // data-quality alerts found in the rows (which need no count), then the other
        // responses are counted here; then taken in, the responses in order, then the
        // journeys, as one pass would have met them (`takeResponses`, `takeJourneys`).
        let start = pass
        let split = Int(Double(pass.responseCount) * Self.responsesOnTheOtherCore)
        let others = Background {
            var journeys = start
            journeys.countJourneys()
            var responses = start
            responses.countResponses(0..<split)
            return (journeys: journeys, responses: responses)
        }
        pass.countRegistrations()
        let rowAlerts = pass.rowAlerts()
        var rest = consume start
        rest.countResponses(split..<pass.responseCount)
        let (journeys, responses) = others.take()
        // Each copy let go once taken in (consumed): they are not all held while the result
        // is laid out, the stage's peak of memory.
        pass.takeResponses(of: consume responses)
        pass.takeResponses(of: consume rest)
        var result = pass.result(journeys: journeys, rowAlerts: rowAlerts)
        result.filter = filter.asked
        return result
    }

    /// The share of the responses counted on the other core, beside the journeys: the two
    /// cores then have about as much to do before the counts are taken in (`perf` at 1 M
    /// registrations, CPU s: journeys 0.09 and responses 0.21 in all; registrations 0.10 and
    /// the alerts found in the rows 0.11 here; at 0.8 the other core still finished 40–90 ms
    /// after this one, timed inside the run). The figures do not depend on it.
    static let responsesOnTheOtherCore = 0.7

    /// Sessions in the window, by programme code, start date and session code: the order
    /// of every list by session.
    static func sessions(of catalogue: Catalogue, in window: Period) -> [Session] {
        catalogue.programmes.sorted { $0.code < $1.code }.flatMap { p in
            p.sessions.filter { window.contains($0) }.sorted { ($0.start, $0.code) < ($1.start, $1.code) }
        }
    }

    /// Programmes with a session in the window, by code.
    static func programmes(of catalogue: Catalogue, in window: Period) -> [Programme] {
        catalogue.programmes.sorted { $0.code < $1.code }.filter { p in p.sessions.contains { window.contains($0) } }
    }

    /// A subset of the rows, by index: the registrations and responses a filter keeps, and
    /// the participants of each programme (by number) whose journey it keeps. Read instead
    /// of every row when one cooperative's figures are computed after another's.
    struct Rows: Sendable {
        var registrations: [Int32] = []
        var responses: [Int32] = []
        var journeys: [Int32: [Int32]] = [:]
        /// The registrations of those journeys, whoever's they are, in file order (a
        /// cooperative's Parcours and certificates; not read by the figures).
        var journeyRows: [Int32] = []
    }
}
