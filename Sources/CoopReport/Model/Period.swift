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
