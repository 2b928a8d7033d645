import Foundation

/// Masks what looks like an e-mail address in a free text (a register's description, a
/// response): the reports never print one (`reports.md`).
enum EmailMask {
    static let replacement = "[courriel masqué]"

    /// The text with every `name@domain.tld` replaced by `[courriel masqué]`.
    static func masked(_ text: String) -> String {
        guard text.contains("@") else { return text }
        return text.replacingOccurrences(
            of: "[A-Za-z0-9._%+\\-]+@[A-Za-z0-9\\-]+(\\.[A-Za-z0-9\\-]+)+", with: replacement, options: .regularExpression)
    }
}
