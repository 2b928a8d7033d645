import Foundation

extension ParisCalendar {
    /// `instant` in ISO 8601 with the Europe/Paris offset of that instant, to the second:
    /// `2022-07-02T06:00:03+02:00` in summer, `2022-12-02T06:00:03+01:00` in winter. What a
    /// log line starts with when nobody watches it.
    public static func timestamp(at instant: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "Europe/Paris") ?? TimeZone(secondsFromGMT: 3600) ?? .current
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: instant)
    }
}
