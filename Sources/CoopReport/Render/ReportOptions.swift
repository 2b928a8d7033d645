/// What a report contains beyond the standard sheets, and how it presents people.
public struct ReportOptions: Sendable, Equatable {
    /// The Qualiopi evidence sheets: Indicateurs, Émargement, Parcours, Amélioration.
    public var evidence = false
    /// Émargement and Parcours only (`--detail`).
    public var detail = false
    /// Satisfied share below which a rate is flagged and a question is an improvement point.
    public var targetSatisfaction = 0.8
    /// Names and identifiers replaced by stable pseudonyms.
    public var pseudonymise = false
    /// The author of the document (the federation).
    public var organisation = "CoopReport"
    /// When set, a BPF sheet with F-1 split by these settings.
    public var bpf: BPF.Settings?

    public init() {}

    /// Whether the participant-level sheets are written.
    public var participantSheets: Bool { evidence || detail }
}
