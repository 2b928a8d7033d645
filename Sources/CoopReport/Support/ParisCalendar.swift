import Foundation

/// The federation works in France: "today" and "the previous month" are read on the
/// Europe/Paris calendar, whatever the server's time zone.
public enum ParisCalendar {
    /// The date in Paris at `instant` (00:30 on 1 January in Paris is still 31 December UTC).
    public static func day(at instant: Date) -> Day {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Paris") ?? TimeZone(secondsFromGMT: 3600) ?? .current
        let c = calendar.dateComponents([.year, .month, .day], from: instant)
        return Day(year: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1) ?? Day(daysSinceEpoch: 0)
    }
}
