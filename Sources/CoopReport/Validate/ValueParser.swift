import Foundation

/// Turns the text of one field into a typed value; nil when it cannot be read. Pure.
public enum ValueParser {
    /// Dates as `2022-06-30`, `30/06/2022`, `30/06/2022 14:05`, ISO date-times
    /// (`2022-06-30T14:05:00`, with optional fraction, `Z` or offset), and survey-tool
    /// timestamps (`2022/06/30 3:49:23 PM UTC+1`). The offset is dropped: times are kept
    /// as the wall-clock time written. Read on the bytes: it runs for every row.
    public static func timestamp(_ text: String) -> Timestamp? {
        var copy = text
        return copy.withUTF8 { bytes in
            var scanner = TimestampScanner(bytes: bytes)
            return scanner.parse()
        }
    }

    /// A number written with a decimal point or a decimal comma (`3,5`); finite only.
    public static func number(_ text: String) -> Double? {
        let t = String(text.trimmedSpaces.map { $0 == "," ? "." : $0 })
        guard !t.isEmpty, t.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-" || $0 == "+") }),
            let v = Double(t), v.isFinite
        else { return nil }
        return v
    }

    /// An integer, allowing `4.0`/`4,0` as spreadsheets write it; nil for `4.5`.
    public static func integer(_ text: String) -> Int? {
        if let i = Int(text.trimmedSpaces) { return i }
        guard let v = number(text), v.rounded() == v, abs(v) < 1e9 else { return nil }
        return Int(v)
    }

    /// `registered`/`inscrit`, `cancelled`/`annulé`, `waitlisted`/`liste d'attente`.
    public static func status(_ text: String, words: [String: Registration.Status] = [:]) -> Registration.Status? {
        if words.isEmpty, let exact = statusWords[text] { return exact }  // canonical words: no key to build
        let key = TextKey.of(text)
        return words[key] ?? statusWords[key]
    }

    /// `present`/`présent`, `partial`/`partiel`, `absent`.
    public static func attendance(_ text: String, words: [String: Registration.Attendance] = [:]) -> Registration.Attendance? {
        if words.isEmpty, let exact = attendanceWords[text] { return exact }
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
