import Foundation
import Yams

/// A YAML syntax error told in French: the line and column Yams found, and the line
/// itself, instead of the parser's English (« did not find expected ',' »).
enum YAMLSyntax {
    /// The 1-based line of the error (0 when unknown) and a French message.
    static func describe(_ error: Error, in text: String) -> (line: Int, message: String) {
        if case YamlError.duplicatedKeysInMapping(let keys, let context) = error {
            return duplicated(keys, at: context.mark.line, in: text)
        }
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

    /// A key written twice in one table: Yams gives the first one's line; the second is
    /// the next line, as indented, that starts with the same key.
    static func duplicated(_ keys: [String], at line: Int, in text: String) -> (line: Int, message: String) {
        let key = keys.sorted().first ?? ""
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var second: Int?
        if lines.indices.contains(line - 1) {
            let first = lines[line - 1]
            let indent = first.prefix { $0 == " " || $0 == "-" }.count
            let starts = [key + ":", "\"\(key)\":", "'\(key)':"]
            second =
                lines.indices.dropFirst(line).first { i in
                    let l = lines[i]
                    return l.prefix { $0 == " " || $0 == "-" }.count == indent && starts.contains { l.dropFirst(indent).hasPrefix($0) }
                }.map { $0 + 1 }
        }
        let place = second.map { "lignes \(line) et \($0)" } ?? "ligne \(line)"
        return (
            second ?? line,
            "la clé \(quoted(key)) apparaît deux fois dans la même table (\(place)) ; gardez-en une"
        )
    }
}
