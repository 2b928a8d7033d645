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
        FileHandle.standardError.write(Data("coopreport: \(event.message)\n".utf8))
    }
}
