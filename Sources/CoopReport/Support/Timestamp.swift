/// A date with an optional time of day, as found in `registered_at` / `submitted_at`.
/// Times are kept as written (local wall-clock time); an ISO offset is dropped, since a
/// report only shows the moment to a reader in the same place.
public struct Timestamp: Hashable, Sendable {
    public let day: Day
    /// Seconds since midnight, when a time was given.
    public let secondsOfDay: Int?

    public init(day: Day, secondsOfDay: Int? = nil) {
        self.day = day
        self.secondsOfDay = secondsOfDay
    }

    /// Excel serial date-time (days since 1899-12-30, time as a fraction of a day).
    public var excelSerial: Double { day.excelSerial + Double(secondsOfDay ?? 0) / 86_400 }

    /// `2022-06-30` or `2022-06-30T14:05:00`.
    public var iso: String {
        guard let s = secondsOfDay else { return day.iso }
        return "\(day.iso)T\(pad(s / 3600, 2)):\(pad(s / 60 % 60, 2)):\(pad(s % 60, 2))"
    }
}
