/// The exit-code contract, in one place (README, "Exit codes"; pinned by tests).
public enum ExitStatus: Int32, CaseIterable, Sendable {
    /// The report was written (rejected rows included, unless `--strict`).
    case written = 0
    /// Any other failure (a bug, or libxlsxwriter refusing a value).
    case failure = 1
    /// Bad command line or job file (sysexits EX_USAGE).
    case usage = 64
    /// `--strict` and a row was rejected, or more rows rejected than `max_reject_rate` (EX_DATAERR).
    case dataErrors = 65
    /// An input file is missing, unreadable, empty or lacks a required column (EX_NOINPUT).
    case inputMissing = 66
    /// The output folder or a file in it cannot be written (EX_CANTCREAT).
    case outputNotWritable = 73
    /// Another run holds the output folder and did not finish in time (EX_TEMPFAIL: try later).
    case locked = 75

    /// The status for an error that stopped the run.
    public static func forError(_ error: Error) -> ExitStatus {
        switch error {
        case is IngestError: .inputMissing
        case is JobError: .usage
        case is RejectRateError: .dataErrors
        case is LockedError: .locked
        case let e as OutputError:
            if case .notWritable = e { .outputNotWritable } else { .failure }
        case is StrictModeError: .dataErrors
        default: .failure
        }
    }
}

/// `--strict` was given and rows were rejected: the outputs are written, the run fails.
public struct StrictModeError: Error, Equatable, CustomStringConvertible {
    public let rejected: Int
    public init(rejected: Int) { self.rejected = rejected }
    public var description: String {
        "erreur : \(rejected) \(rejected > 1 ? "lignes écartées" : "ligne écartée") avec --strict ; voir le fichier CSV des rejets, corriger les entrées et relancer"
    }
}
