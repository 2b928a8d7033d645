/// The domain rules of a journey (`metrics.md`, « Journeys »), written once and used by
/// the figures (`MetricsCalculator`) and the evidence sheets (`EvidenceBuilder`) alike.

/// What the registrations say of one step (a mandatory session) of a journey.
public enum JourneyStep: Sendable, Equatable {
    /// Present or partial (for the project phase: project carried out).
    case done
    /// Registered, attendance not typed in yet.
    case unrecorded
    /// Not done for a recorded reason.
    case missed(Reason)

    public enum Reason: Sendable, Equatable {
        /// Registered and absent (for the project phase: project not carried out).
        case absent
        case cancelled, waitlisted
        /// No registration to the step at all.
        case notRegistered
    }

    /// The step as the participant's registration to it records it (nil: none).
    init(seat: RegistrationRow?) {
        guard let seat else {
            self = .missed(.notRegistered)
            return
        }
        switch seat.status {
        case .cancelled: self = .missed(.cancelled)
        case .waitlisted: self = .missed(.waitlisted)
        case .registered:
            switch seat.attendance {
            case .present, .partial: self = .done
            case .absent: self = .missed(.absent)
            case nil: self = .unrecorded
            }
        }
    }

    /// Done, unrecorded or missed: all the outcome rule needs.
    public var state: State {
        switch self {
        case .done: .done
        case .unrecorded: .unrecorded
        case .missed: .missed
        }
    }

    public enum State: UInt8, Sendable, Equatable { case done, unrecorded, missed }

    /// Why the step is not done, in words (Parcours), or nil when it is done.
    public func french(_ session: Session) -> String? {
        switch self {
        case .done: nil
        case .unrecorded: session.isTaught ? "présence \(session.code) non saisie" : "réalisation du projet \(session.code) non saisie"
        case .missed(.absent): session.isTaught ? "\(session.code) : absent" : "\(session.code) non réalisée"
        case .missed(.cancelled): "\(session.code) : inscription annulée"
        case .missed(.waitlisted): "\(session.code) : en liste d'attente"
        case .missed(.notRegistered): "\(session.code) : non inscrit"
        }
    }
}

/// What became of a journey at the as-of date.
public enum JourneyOutcome: UInt8, Sendable, Equatable {
    case completed, dropped, unverified, inProgress, notStarted

    /// The outcome of a journey whose steps, in order, are `steps`: not started unless
    /// the first step is done; completed when every step is; otherwise « en cours » while
    /// the programme runs, then dropped when a step is missed for a recorded reason, else
    /// « à vérifier » (every missing step only lacks its attendance).
    public static func of(_ steps: [JourneyStep.State], programmeEnded: Bool) -> JourneyOutcome {
        guard steps.first == .done else { return .notStarted }
        if steps.allSatisfy({ $0 == .done }) { return .completed }
        guard programmeEnded else { return .inProgress }
        return steps.contains(.missed) ? .dropped : .unverified
    }

    public var french: String {
        switch self {
        case .completed: "terminé"
        case .dropped: "abandon"
        case .unverified: "à vérifier"
        case .inProgress: "en cours"
        case .notStarted: "non commencé"
        }
    }
}

extension Programme {
    /// Whether every step (mandatory session) has ended at `asOf`; a programme with no
    /// mandatory session has not.
    func hasEnded(at asOf: Day) -> Bool { mandatorySessions.map(\.end).max().map { $0 <= asOf } ?? false }
}
