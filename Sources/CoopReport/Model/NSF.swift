import Foundation

/// A speciality of the « nomenclature des spécialités de formation » (NSF, INSEE 1994) as a
/// catalogue writes it: `313`, `313m`, or the code followed by its label.
enum NSF {
    /// The code (`313`, `313m`), or nil when the text does not start with one.
    static func code(of text: String) -> String? {
        let chars = Array(text)
        guard chars.count >= 3, chars[0...2].allSatisfy({ $0.isASCII && $0.isNumber }), chars[0] != "0" else { return nil }
        var end = 3
        if chars.count > 3, chars[3].isASCII, chars[3].isLetter, chars[3].isLowercase { end = 4 }
        guard end == chars.count || chars[end] == " " || chars[end] == "\u{A0}" else { return nil }
        return String(chars[0..<end])
    }

    /// The label after the code, "" when none.
    static func label(of text: String) -> String {
        guard let code = code(of: text) else { return "" }
        return String(text.dropFirst(code.count)).trimmingCharacters(in: .whitespaces)
    }
}
