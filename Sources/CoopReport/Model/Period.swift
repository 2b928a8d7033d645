/// The dates a report covers: sessions whose start date is within `from...to` (both
/// inclusive; a missing bound is open).
public struct Period: Sendable, Equatable {
    public let from: Day?
    public let to: Day?
    /// When set, only this programme's sessions are reported (a job's `period: {programme: …}`).
    public let programme: String?

    public init(from: Day? = nil, to: Day? = nil, programme: String? = nil) {
        self.from = from
        self.to = to
        self.programme = programme
    }

    /// The calendar month holding `day`: its first to its last day.
    public static func month(of day: Day) -> Period {
        let first = Day(daysSinceEpoch: day.daysSinceEpoch - day.day + 1)
        return Period(from: first, to: first.lastOfMonth)
    }

    /// The calendar month before the one holding `day` (a run on 1 January reports December).
    public static func previousMonth(of day: Day) -> Period {
        month(of: Day(daysSinceEpoch: day.daysSinceEpoch - day.day))
    }

    /// The `count` calendar months ending with the month of `day` (the monthly trend).
    public static func trailingMonths(_ count: Int, endingAt day: Day) -> Period {
        var first = month(of: day).from ?? day
        for _ in 1..<max(count, 1) { first = month(of: Day(daysSinceEpoch: first.daysSinceEpoch - 1)).from ?? first }
        return Period(from: first, to: day.lastOfMonth, programme: nil)
    }

    /// A short name for file and folder names: `2022` for a calendar year, `2022-06` for a
    /// calendar month, `2022-06-01_2022-06-30` for other ranges, the programme code, or
    /// `tout`.
    public var label: String {
        if let programme { return programme }
        switch (from, to) {
        case let (f?, t?) where f.month == 1 && f.day == 1 && t.year == f.year && t.month == 12 && t.day == 31: return String(f.year)
        case let (f?, t?) where f.day == 1 && t == f.lastOfMonth: return f.monthKey
        case let (f?, t?): return "\(f.iso)_\(t.iso)"
        case let (f?, nil): return "depuis-\(f.iso)"
        case let (nil, t?): return "jusqu-au-\(t.iso)"
        case (nil, nil): return "tout"
        }
    }

    /// Whether a session starting on `day` is reported.
    public func contains(_ day: Day) -> Bool {
        if let from, day < from { return false }
        if let to, to < day { return false }
        return true
    }

    /// Whether a session is reported: its programme, if one is set, and its start date.
    public func contains(_ session: Session) -> Bool {
        (programme == nil || programme == session.programme) && contains(session.start)
    }

    /// In words, for the reports: "sessions commençant entre le 01/06/2022 et le 30/06/2022".
    /// From 1 January to 31 December of one year (the BPF's period).
    public var isCalendarYear: Bool {
        guard let from, let to, programme == nil else { return false }
        return from.year == to.year && (from.month, from.day) == (1, 1) && (to.month, to.day) == (12, 31)
    }

    public var french: String {
        if let programme { return "toutes les sessions du programme \(programme)" }
        return switch (from, to) {
        case let (f?, t?): "sessions commençant entre le \(f.french) et le \(t.french)"
        case let (f?, nil): "sessions commençant à partir du \(f.french)"
        case let (nil, t?): "sessions commençant jusqu'au \(t.french)"
        case (nil, nil): "toutes les sessions du catalogue"
        }
    }
}
