import Foundation

/// Turns the text of one field into a typed value; nil when it cannot be read. Pure.
public enum ValueParser {
    /// Dates as `2022-06-30`, `30/06/2022`, `30/06/2022 14:05`, or ISO date-times
    /// (`2022-06-30T14:05:00`, with optional fraction, `Z` or offset — the offset is dropped).
    public static func timestamp(_ text: String) -> Timestamp? {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard !t.isEmpty else { return nil }
        var datePart = Substring(t)
        var timePart: Substring?
        if let sep = t.firstIndex(where: { $0 == "T" || $0 == " " }) {
            datePart = t[..<sep]
            timePart = t[t.index(after: sep)...].drop { $0 == " " }
        }
        let day: Day?
        if datePart.contains("/") {
            let p = datePart.split(separator: "/", omittingEmptySubsequences: false)
            guard p.count == 3, p[2].count == 4, (1...2).contains(p[0].count), (1...2).contains(p[1].count),
                let d = Int(p[0]), let m = Int(p[1]), let y = Int(p[2])
            else { return nil }
            day = Day(year: y, month: m, day: d)
        } else {
            day = Day(iso: String(datePart))
        }
        guard let day else { return nil }
        guard let timePart else { return Timestamp(day: day) }
        guard let seconds = time(timePart) else { return nil }
        return Timestamp(day: day, secondsOfDay: seconds)
    }

    /// `14:05`, `14:05:09`, `14:05:09.123`, each optionally followed by `Z` or `±HH:MM`.
    private static func time(_ text: Substring) -> Int? {
        var body = text
        if body.hasSuffix("Z") { body = body.dropLast() }
        if let sign = body.lastIndex(where: { $0 == "+" || $0 == "-" }) {
            let offset = body[body.index(after: sign)...]
            guard offset.count == 5 || offset.count == 4 || offset.count == 2,
                offset.allSatisfy({ $0.isNumber || $0 == ":" })
            else { return nil }
            body = body[..<sign]
        }
        if let dot = body.firstIndex(of: ".") {
            guard body[body.index(after: dot)...].allSatisfy(\.isNumber) else { return nil }
            body = body[..<dot]
        }
        let p = body.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(p.count), p.allSatisfy({ (1...2).contains($0.count) && $0.allSatisfy(\.isNumber) }),
            let h = Int(p[0]), let m = Int(p[1])
        else { return nil }
        let s = p.count == 3 ? Int(p[2]) ?? 99 : 0
        guard h < 24, m < 60, s < 60 else { return nil }
        return h * 3600 + m * 60 + s
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
    public static func status(_ text: String) -> Registration.Status? { statusWords[TextKey.of(text)] }

    /// `present`/`présent`, `partial`/`partiel`, `absent`.
    public static func attendance(_ text: String) -> Registration.Attendance? { attendanceWords[TextKey.of(text)] }

    /// A half-day sign-in: `present` (true) or `absent` (false), in English or French.
    public static func halfDay(_ text: String) -> Bool? {
        switch attendanceWords[TextKey.of(text)] {
        case .present: true
        case .absent: false
        case .partial, nil: nil
        }
    }

    /// A scale answer: an integer within `scale`, or one of the five French labels
    /// (mapped onto a 1–5 scale). nil when unreadable or off the scale.
    public static func scaleAnswer(_ text: String, scale: Survey.Scale) -> Int? {
        if let i = integer(text) { return (scale.min...scale.max).contains(i) ? i : nil }
        guard let label = satisfactionLabels[TextKey.of(text)] else { return nil }
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
