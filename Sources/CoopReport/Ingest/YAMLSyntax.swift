import Foundation

/// A YAML syntax error told in French: the line and column Yams found, and the line
/// itself, instead of the parser's English (« did not find expected ',' »).
enum YAMLSyntax {
    /// The 1-based line of the error (0 when unknown) and a French message.
    static func describe(_ error: Error, in text: String) -> (line: Int, message: String) {
        // Yams describes its errors as `5:1: error: parser: …`.
        let described = String(describing: error)
        let numbers = described.prefix { $0.isNumber || $0 == ":" }.split(separator: ":").compactMap { Int($0) }
        guard numbers.count >= 2, numbers[0] > 0 else {
            return (0, "syntaxe YAML invalide : vérifiez les guillemets, les deux-points et l'indentation")
        }
        let (line, column) = (numbers[0], numbers[1])
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let shown = lines.indices.contains(line - 1) ? String(lines[line - 1].prefix(80)) : ""
        let quotedLine = shown.trimmingCharacters(in: .whitespaces).isEmpty ? "" : " dans « \(shown.trimmingCharacters(in: .whitespaces)) »"
        return (
            line,
            "syntaxe YAML invalide à la colonne \(column)\(quotedLine) : vérifiez les guillemets, les crochets ou accolades, les deux-points et l'indentation"
        )
    }
}
