/// A registration as the dataset stores it: texts as `TextPool` ids, the session as its
/// `SessionTable` number; 56 bytes (pinned by a test), so a million of them fit in memory.
struct RegistrationRow {
    var session: Int32
    var participant: Int32, email: Int32, lastName: Int32, firstName: Int32, cooperative: Int32, role: Int32
    var line: Int32
    /// Index in `Dataset.files`.
    var file: Int16
    /// Who pays the registration (`payer` column, the BPF's frame C): its number in
    /// `Dataset.payers`, 0 when not given. Two bytes, so that a row stays 56.
    var payer: UInt16 = 0
    var status: Registration.Status
    var attendance: Registration.Attendance?
    /// The half-day sign-ins, one byte in the padding before `hours`.
    var halfDays: HalfDays
    var identifiedByEmail: Bool
    /// Explicit hours, NaN when not given, `droppedHours` when given but unusable.
    var hours: Double
    var registeredAt: StoredTimestamp

    /// Registered and attended, fully or partly (`metrics.md`: present).
    var isPresent: Bool { status == .registered && (attendance == .present || attendance == .partial) }

    /// `hours` of a row whose `hours_attended` was unreadable, negative or more than the
    /// session lasts: dropped with an alert (docs/decisions.md, « Which field each figure
    /// needs »); the row counts the hours of its attendance, which a certificate leaves to complete.
    static let droppedHours = -1.0

    /// An `hours_attended` was given but dropped (`droppedHours`).
    var hoursDropped: Bool { hours < 0 }

    /// « partiel » with neither `hours_attended` nor half-days: its `hours_trainee` (half the
    /// session) is an estimate, which a certificate does not certify.
    var hoursAreEstimated: Bool { status == .registered && attendance == .partial && !(hours >= 0) && halfDays.present == nil }

    /// This registration's share of `hours_trainee`: `hours_attended` when given and usable, else the
    /// session's hours when present (× half-days / 2 when signed by half-day), half of
    /// them when partial, 0 when absent, unrecorded or not registered.
    @inline(__always) func hoursTrainee(sessionHours: Double) -> Double {
        guard status == .registered else { return 0 }
        if hours >= 0 { return hours }  // NaN (not given) and `droppedHours` fall to the default
        if let halves = halfDays.present { return sessionHours * Double(halves) / 2 }
        switch attendance {
        case .present: return sessionHours
        case .partial: return sessionHours / 2
        case .absent, nil: return 0
        }
    }
}

/// A response as the dataset stores it (see `RegistrationRow`). Its answers sit in
/// `Dataset.answers` from `answers` on (one per survey question, `Int16.min` = none),
/// its objectives in `Dataset.objectives` (`objectiveCount` pairs of k and answer).
struct ResponseRow {
    var session: Int32
    /// 0 when absent (the pool's empty text).
    var responseID: Int32, participantID: Int32, email: Int32, cooperative: Int32, comment: Int32
    var line: Int32
    var file: Int16
    var objectiveCount: UInt16
    /// 0–10, −1 when not given.
    var recommend: Int8
    var answers: Int32
    var objectives: Int32
    var submittedAt: StoredTimestamp
}

/// A `Timestamp` in 8 bytes: days since 1970 (`Int32.min` = none) and seconds of the day
/// (−1 = no time).
struct StoredTimestamp {
    var days: Int32
    var seconds: Int32

    static let none = StoredTimestamp(days: .min, seconds: -1)

    init(days: Int32, seconds: Int32) {
        self.days = days
        self.seconds = seconds
    }

    init(_ t: Timestamp?) {
        guard let t else {
            self = .none
            return
        }
        days = Int32(t.day.daysSinceEpoch)
        seconds = Int32(t.secondsOfDay ?? -1)
    }

    var timestamp: Timestamp? {
        days == .min ? nil : Timestamp(day: Day(daysSinceEpoch: Int(days)), secondsOfDay: seconds < 0 ? nil : Int(seconds))
    }
}
