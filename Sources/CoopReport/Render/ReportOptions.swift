/// What a report contains beyond the standard sheets, and how it presents people.
public struct ReportOptions: Sendable, Equatable {
    /// The Qualiopi evidence sheets: Indicateurs, Relevé d'assiduité, Parcours, Amélioration.
    public var evidence = false
    /// Relevé d'assiduité and Parcours only (`--detail`).
    public var detail = false
    /// Satisfied share below which a rate is flagged and a question is an improvement point.
    public var targetSatisfaction = 0.8
    /// The job's `targets:`, over `defaultTargets` (docs/jobs.md).
    public var targets: [Metric: Double] = [:]

    /// Targets of the key rates when the job sets none: the federation's own commitments
    /// as the training team stated them in its Qualiopi file (decision written in
    /// docs/jobs.md). Satisfaction and objectives follow `target_satisfaction`.
    public static let defaultTargets: [Metric: Double] = [
        .attendanceRate: 0.9, .responseRate: 0.7, .completionRate: 0.8, .dropoutRate: 0.15,
    ]

    /// The target of a rate (a floor; a ceiling for `Metric.targetIsCeiling`), or nil.
    public func target(_ metric: Metric) -> Double? {
        metric.hasTarget ? targetSatisfaction : targets[metric] ?? Self.defaultTargets[metric]
    }
    /// Names and identifiers replaced by pseudonyms.
    public var pseudonymise = false
    /// The secret the pseudonyms are keyed with (the file the job's `pseudonym_key` names):
    /// the same secret gives the same pseudonyms from one report to the next; nil draws one
    /// for the run (`Pipeline`), so that they differ each time. Never written anywhere.
    public var pseudonymKey: [UInt8]?
    /// The training organisation: the document's author (its name) and the identity the
    /// certificates state.
    public var organisation: Organisation = "CoopReport"
    /// The workbook is the certificates of completion (one A4 page per participant and
    /// programme), then Rejets and Alertes, instead of the report's sheets.
    public var certificates = false
    /// When set, a BPF sheet with F-1 split by these settings.
    public var bpf: BPF.Settings?
    /// The job's `trainers` block: each trainer's status (nil: not given).
    public var trainers: [String: BPF.TrainerStatus]?

    /// One workbook per member cooperative beside the report, in `cooperatives/`, and their
    /// index (`split: cooperative`, `--split cooperative`; `CooperativeParts`).
    public var splitCooperatives = false

    public init() {}

    /// Whether the participant-level sheets are written.
    public var participantSheets: Bool { evidence || detail }
}
