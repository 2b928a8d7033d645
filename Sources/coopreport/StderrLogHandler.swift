import CoopReport
import Foundation
import Logging

/// Writes `coopreport: message` lines on stderr: the run narrates itself there and keeps
/// stdout free. No level word: row problems are logged as compiler-style diagnostics
/// that already say `error:` or `warning:`. When stderr is not a terminal (cron, a log
/// file), each line starts with the date and time (`StderrLogHandler.clock`).
struct StderrLogHandler: LogHandler {
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]
    /// The clock the lines are dated with; nil: no date.
    var now: (@Sendable () -> Date)? = StderrLogHandler.clock

    /// The clock, read here at the edge, when stderr is not a terminal: a line in a log
    /// file says when it was written; on a terminal, the person watching knows.
    static let clock: (@Sendable () -> Date)? = isatty(STDERR_FILENO) == 1 ? nil : { @Sendable in Date() }

    /// Writes one line on stderr: `[date ]coopreport: message`, the message made one line.
    static func write(_ message: String, now: (@Sendable () -> Date)? = StderrLogHandler.clock) {
        let stamp = now.map { ParisCalendar.timestamp(at: $0()) + " " } ?? ""
        // `try?`: a closed stderr is not a reason to stop the run (EBADF, EPIPE).
        try? FileHandle.standardError.write(contentsOf: Data("\(stamp)coopreport: \(oneLine(message))\n".utf8))
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) { Self.write("\(event.message)", now: now) }

    /// A message as one line of plain text: input text quoted in it (a value, a header)
    /// cannot start a forged line (« \nsummary: … »), send the terminal escape sequences,
    /// nor turn the line around (U+202E and the other bidirectional controls). Control
    /// characters are written as `\n`, `\u{1B}`, `\u{202E}`…; past `maxLength` characters
    /// the line is cut and says how long it was (a 200 kB error stays readable).
    static func oneLine(_ message: String) -> String {
        let needsWork = message.unicodeScalars.contains(where: isEscaped) || message.utf8.count > maxLength
        guard needsWork else { return message }
        var out = ""
        var count = 0
        for s in message.unicodeScalars {
            guard count < maxLength else {
                out += "… (message tronqué : \(message.unicodeScalars.count) caractères)"
                break
            }
            switch s.value {
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case _ where isEscaped(s): out += "\\u{\(String(s.value, radix: 16, uppercase: true))}"
            default: out.unicodeScalars.append(s)
            }
            count += 1
        }
        return out
    }

    /// The longest line written, in characters.
    static let maxLength = 2_000

    /// C0 and C1 controls, DEL, and the bidirectional controls (U+061C, U+200E–U+200F,
    /// U+202A–U+202E, U+2066–U+2069) that reorder what the terminal shows.
    static func isEscaped(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0..<0x20, 0x7F, 0x80..<0xA0, 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}
