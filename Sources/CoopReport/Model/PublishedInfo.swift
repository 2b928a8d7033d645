/// What indicator 1 asks a training organisation to publish about an offer, beside the
/// objectives, duration and price the catalogue gives anyway (Qualiopi, guide de lecture
/// V9: « prérequis, objectifs, durée, modalités et délais d'accès, tarifs, contacts,
/// méthodes mobilisées et modalités d'évaluation, accessibilité aux personnes
/// handicapées »): the catalogue's texts, per programme and, where a session says
/// otherwise, per session (docs/decisions.md, « Indicator 1 »).
public struct PublishedInfo: Sendable, Equatable {
    /// What a participant must know or have done before (« Aucun. » counts: it says so).
    public var prerequisites: String?
    /// How to get in: who may register and how (« modalités d'accès »).
    public var access: String?
    /// How long before the start one can still register or be admitted (« délais d'accès »).
    public var accessDelay: String?
    /// Whom to ask (a name, an e-mail, a phone): the organisation's contact, not the trainers.
    public var contacts: String?
    /// The teaching methods (« méthodes mobilisées »).
    public var methods: String?
    /// How what was learnt is evaluated (« modalités d'évaluation »).
    public var evaluation: String?
    /// How people with disabilities are received (« accessibilité aux personnes handicapées »).
    public var accessibility: String?

    public init(
        prerequisites: String? = nil, access: String? = nil, accessDelay: String? = nil, contacts: String? = nil,
        methods: String? = nil, evaluation: String? = nil, accessibility: String? = nil
    ) {
        self.prerequisites = prerequisites
        self.access = access
        self.accessDelay = accessDelay
        self.contacts = contacts
        self.methods = methods
        self.evaluation = evaluation
        self.accessibility = accessibility
    }

    /// The catalogue keys, for a programme and for a session alike, with where each goes.
    static var keys: [(key: String, field: WritableKeyPath<PublishedInfo, String?>)] {
        [
            ("prerequisites", \.prerequisites), ("access", \.access), ("access_delay", \.accessDelay), ("contacts", \.contacts),
            ("methods", \.methods), ("evaluation", \.evaluation), ("accessibility", \.accessibility),
        ]
    }

    /// Each text this one states (a session's), else `fallback`'s (its programme's). A
    /// blank text states nothing.
    public func over(_ fallback: PublishedInfo) -> PublishedInfo {
        var out = self
        for (_, field) in Self.keys where !Self.states(self[keyPath: field]) { out[keyPath: field] = fallback[keyPath: field] }
        return out
    }

    /// A text that says something (not nil, not blank).
    static func states(_ text: String?) -> Bool { !(text ?? "").allSatisfy(\.isWhitespace) }
}
