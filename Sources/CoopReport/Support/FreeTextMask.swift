import Foundation

/// The one masking rule for free text from the inputs (a comment, a cold comment, a
/// register's description or response, a rejected row): e-mail addresses and French phone
/// numbers are replaced, so that no report prints one (`metrics.md`, Small groups).
enum FreeTextMask {
    static let email = "[courriel masqué]"
    static let phone = "[téléphone masqué]"

    /// `name@domain.tld`.
    private static let emailPattern = "[A-Za-z0-9._%+\\-]+@[A-Za-z0-9\\-]+(\\.[A-Za-z0-9\\-]+)+"
    /// `06 12 34 56 78`, `06.12.34.56.78`, `06-12-34-56-78`, `0612345678`, `+33 6 12 34 56 78`,
    /// `+33 (0)6 12 34 56 78`, `0033 6…`: ten digits (or +33 and nine), pairs separated by
    /// nothing, a space, a dot or a dash, not inside a longer number.
    private static let phonePattern =
        "(?<![0-9A-Za-z+])(?:(?:\\+|00)33[ .\\-]?(?:\\(0\\)[ .\\-]?)?|0)[1-9](?:[ .\\-]?[0-9]{2}){4}(?![0-9])"

    /// The text with every e-mail address and phone number replaced.
    static func masked(_ text: String) -> String {
        guard mayHold(text.utf8) else { return text }
        var out = text
        if out.contains("@") { out = out.replacingOccurrences(of: emailPattern, with: email, options: .regularExpression) }
        return out.replacingOccurrences(of: phonePattern, with: phone, options: .regularExpression)
    }

    /// Whether the bytes may hold an address or a number (an `@`, or nine digits): the
    /// cheap test before the patterns, for the hundred thousand comments that hold neither.
    static func mayHold<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        var digits = 0
        for b in bytes {
            if b == UInt8(ascii: "@") { return true }
            if b >= 0x30 && b <= 0x39 {
                digits += 1
                if digits >= 9 { return true }
            }
        }
        return false
    }
}
