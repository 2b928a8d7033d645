import Foundation
import Logging

/// Writes `coopreport: message` lines on stderr: the run narrates itself there and keeps
/// stdout free. No level word: row problems are logged as compiler-style diagnostics
/// that already say `error:` or `warning:`.
struct StderrLogHandler: LogHandler {
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        // `try?`: a closed stderr is not a reason to stop the run (EBADF, EPIPE).
        try? FileHandle.standardError.write(contentsOf: Data("coopreport: \(Self.oneLine("\(event.message)"))\n".utf8))
    }

    /// A message as one line of plain text: input text quoted in it (a value, a header)
    /// cannot start a forged line (« \nsummary: … ») nor send the terminal escape
    /// sequences. Control characters are written as `\n`, `\u{1B}`…
    static func oneLine(_ message: String) -> String {
        guard message.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || (0x80..<0xA0).contains($0.value) }) else {
            return message
        }
        var out = ""
        for s in message.unicodeScalars {
            switch s.value {
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0..<0x20, 0x7F, 0x80..<0xA0: out += "\\u{\(String(s.value, radix: 16, uppercase: true))}"
            default: out.unicodeScalars.append(s)
            }
        }
        return out
    }
}
