import Foundation

/// Turns the text of one field into a typed value; nil when it cannot be read. Pure.
public enum ValueParser {
    /// Dates as `2022-06-30`, `30/06/2022`, `30/06/2022 14:05`, ISO date-times
    /// (`2022-06-30T14:05:00`, with optional fraction, `Z` or offset), and survey-tool
    /// timestamps (`2022/06/30 3:49:23 PM UTC+1`). The offset is dropped: times are kept
    /// as the wall-clock time written.
    public static func timestamp(_ text: String) -> Timestamp? {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard !t.isEmpty else { return nil }
        var datePart = Substring(t)
        var rest: Substring?
        if let sep = t.firstIndex(where: { $0 == "T" || $0 == " " }) {
            datePart = t[..<sep]
            rest = t[t.index(after: sep)...]
        }
        guard let day = date(datePart) else { return nil }
        guard let rest else { return Timestamp(day: day) }
        guard let seconds = time(rest) else { return nil }
        return Timestamp(day: day, secondsOfDay: seconds)
    }

    /// `2022-06-30`, `30/06/2022` (day first, as in France) or `2022/06/30` (year first).
    private static func date(_ text: Substring) -> Day? {
        guard text.contains("/") else { return Day(iso: String(text)) }
        let p = text.split(separator: "/", omittingEmptySubsequences: false)
        guard p.count == 3, p.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }) else { return nil }
        if p[0].count == 4, (1...2).contains(p[1].count), (1...2).contains(p[2].count),
            let y = Int(p[0]), let m = Int(p[1]), let d = Int(p[2])
        {
            return Day(year: y, month: m, day: d)
        }
        guard p[2].count == 4, (1...2).contains(p[0].count), (1...2).contains(p[1].count),
            let d = Int(p[0]), let m = Int(p[1]), let y = Int(p[2])
        else { return nil }
        return Day(year: y, month: m, day: d)
    }

    /// `14:05`, `14:05:09`, `14:05:09.123`, optionally followed by `Z`, `±HH:MM`, ` AM`/` PM`
    /// and a zone such as ` UTC+1` or ` GMT+02:00`.
    private static func time(_ text: Substring) -> Int? {
        var tokens = text.split(separator: " ")
        guard !tokens.isEmpty else { return nil }
        if let last = tokens.last, last.hasPrefix("UTC") || last.hasPrefix("GMT"), tokens.count > 1 {
            let offset = last.dropFirst(3)
            guard offset.isEmpty || isOffset(offset) else { return nil }
            tokens.removeLast()
        }
        var meridiem: Substring?
        if tokens.count == 2, ["AM", "PM"].contains(tokens[1].uppercased()) {
            meridiem = tokens[1]
            tokens.removeLast()
        }
        guard tokens.count == 1 else { return nil }
        var body = tokens[0]
        if body.hasSuffix("Z") { body = body.dropLast() }
        if let sign = body.lastIndex(where: { $0 == "+" || $0 == "-" }) {
            guard isOffset(body[sign...]) else { return nil }
            body = body[..<sign]
        }
        if let dot = body.firstIndex(of: ".") {
            guard body[body.index(after: dot)...].allSatisfy(\.isNumber) else { return nil }
            body = body[..<dot]
        }
        let p = body.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(p.count), p.allSatisfy({ (1...2).contains($0.count) && $0.allSatisfy(\.isNumber) }),
            var h = Int(p[0]), let m = Int(p[1])
        else { return nil }
        let s = p.count == 3 ? Int(p[2]) ?? 99 : 0
        if let meridiem {
            guard (1...12).contains(h) else { return nil }
            h = h % 12 + (meridiem.uppercased() == "PM" ? 12 : 0)
        }
        guard h < 24, m < 60, s < 60 else { return nil }
        return h * 3600 + m * 60 + s
    }

    /// `+1`, `-02`, `+02:00`, `+0200`.
    private static func isOffset(_ text: Substring) -> Bool {
        guard let sign = text.first, sign == "+" || sign == "-" else { return false }
        let digits = text.dropFirst()
        return (1...5).contains(digits.count) && digits.allSatisfy { $0.isNumber || $0 == ":" }
    }

    /// A number written with a decimal point or a decimal comma (`3,5`); finite only.
    public static func number(_ text: String) -> Double? {
        let t = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")
        guard !t.isEmpty, t.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-" || $0 == "+") }),
            let v = Double(t), v.isFinite
        else { return nil }
        return v
    }

    /// An integer, allowing `4.0`/`4,0` as spreadsheets write it; nil for `4.5`.
    public static func integer(_ text: String) -> Int? {
        if let i = Int(text.trimmingCharacters(in: .whitespaces)) { return i }
        guard let v = number(text), v.rounded() == v, abs(v) < 1e9 else { return nil }
        return Int(v)
    }

    /// `registered`/`inscrit`, `cancelled`/`annulé`, `waitlisted`/`liste d'attente`.
    public static func status(_ text: String, words: [String: Registration.Status] = [:]) -> Registration.Status? {
        let key = TextKey.of(text)
        return words[key] ?? statusWords[key]
    }

    /// `present`/`présent`, `partial`/`partiel`, `absent`.
    public static func attendance(_ text: String, words: [String: Registration.Attendance] = [:]) -> Registration.Attendance? {
        let key = TextKey.of(text)
        return words[key] ?? attendanceWords[key]
    }

    /// A half-day sign-in: `present` (true) or `absent` (false), in English or French.
    public static func halfDay(_ text: String, words: [String: Registration.Attendance] = [:]) -> Bool? {
        switch attendance(text, words: words) {
        case .present: true
        case .absent: false
        case .partial, nil: nil
        }
    }

    /// A scale answer: an integer within `scale`, or one of the five French labels
    /// (mapped onto a 1–5 scale). nil when unreadable or off the scale.
    public static func scaleAnswer(_ text: String, scale: Survey.Scale, labels: [String: Int] = [:]) -> Int? {
        if let i = integer(text) { return (scale.min...scale.max).contains(i) ? i : nil }
        let key = TextKey.of(text)
        guard let label = labels[key] ?? satisfactionLabels[key] else { return nil }
        return (scale.min...scale.max).contains(label) ? label : nil
    }

    private static let statusWords: [String: Registration.Status] = [
        "registered": .registered, "inscrit": .registered, "inscrite": .registered,
        "cancelled": .cancelled, "canceled": .cancelled, "annule": .cancelled, "annulee": .cancelled,
        "waitlisted": .waitlisted, "listedattente": .waitlisted, "enattente": .waitlisted, "waitinglist": .waitlisted,
    ]

    private static let attendanceWords: [String: Registration.Attendance] = [
        "present": .present, "presente": .present, "partial": .partial, "partiel": .partial,
        "partielle": .partial, "absent": .absent, "absente": .absent,
    ]

    /// The five labels of `data-contract.md`.
    static let satisfactionLabels: [String: Int] = [
        "tressatisfait": 5, "satisfait": 4, "moyennementsatisfait": 3, "peusatisfait": 2, "pasdutoutsatisfait": 1,
    ]
}
