/// A way of grouping the rows (`metrics.md` v3, « Groupings »): every figure can be
/// computed per group of any dimension, or of two crossed. Each dimension owns its names
/// and how a row is attributed to its groups (`Attribution`); nothing else spells them.
/// `region` is the region of the row's cooperative in the member list (`inputs.members`).
public enum Dimension: String, CaseIterable, Sendable, Hashable {
    case session, programme, cooperative, month, role, trainer, kind, family, region

    /// The key naming a group in metrics.json and in `--by`/`--filter` (`role`).
    public var id: String { rawValue }

    /// The metrics.json array of the groups (`roles`).
    public var plural: String {
        switch self {
        case .session: "sessions"
        case .programme: "programmes"
        case .cooperative: "cooperatives"
        case .month: "months"
        case .role: "roles"
        case .trainer: "trainers"
        case .kind: "kinds"
        case .family: "families"
        case .region: "regions"
        }
    }

    /// The column header naming a group (« Fonction »).
    public var label: String {
        switch self {
        case .session: "Session"
        case .programme: "Programme"
        case .cooperative: "Coopérative"
        case .month: "Mois"
        case .role: "Fonction"
        case .trainer: "Formateur"
        case .kind: "Type de session"
        case .family: "Famille de programmes"
        case .region: "Région"
        }
    }

    /// « par fonction »: how a sheet or a log line names a breakdown.
    public var byLabel: String {
        switch self {
        case .session: "par session"
        case .programme: "par programme"
        case .cooperative: "par coopérative"
        case .month: "par mois"
        case .role: "par fonction"
        case .trainer: "par formateur"
        case .kind: "par type de session"
        case .family: "par famille de programmes"
        case .region: "par région"
        }
    }

    /// Decided by the session alone (its programme, month, trainers, kind, family): a
    /// registration and a response belong to the groups of their session. The others
    /// (cooperative, role, and region, its cooperative's) are decided by the row, or for a
    /// response by its respondent.
    public var isSessionAttribute: Bool {
        switch self {
        case .session, .programme, .month, .trainer, .kind, .family: true
        case .cooperative, .role, .region: false
        }
    }

    /// Whether a journey (a participant's whole programme) belongs to one group of the
    /// dimension: by programme and family, and by its last row's cooperative, role and
    /// region. A journey spans sessions, months and trainers, so those groups carry no
    /// journey figure.
    public var carriesJourneys: Bool {
        switch self {
        case .programme, .family, .cooperative, .role, .region: true
        case .session, .month, .trainer, .kind: false
        }
    }

    /// Groups overlap: a session with two trainers counts for each, so the groups' sum is
    /// not the total (said wherever the groups are shown).
    public var overlaps: Bool { self == .trainer }

    /// The name of the group of rows the dimension cannot attribute (a response with no
    /// registration and no cooperative, a registration without a role, a cooperative that
    /// no member bears or whose member has no region).
    public var unknownName: String {
        switch self {
        case .cooperative, .region: "Non renseignée"
        case .session, .programme, .month, .role, .trainer, .kind, .family: "Non renseigné"
        }
    }

    /// The dimension named `text` (its id or its plural, as `--by` and `filter:` take it).
    public static func named(_ text: String) -> Dimension? {
        let t = text.lowercased()
        return allCases.first { $0.id == t || $0.plural == t }
    }
}

/// One or two dimensions whose groups are computed together: `[]` is the overall line,
/// `[.role]` the roles, `[.role, .cooperative]` each role within each cooperative.
public struct Grouping: Hashable, Sendable, CustomStringConvertible {
    public let dimensions: [Dimension]

    public init(_ dimensions: [Dimension]) { self.dimensions = dimensions }

    public static let overall = Grouping([])

    /// Every dimension is decided by the session: the groups' tallies are sums of their
    /// sessions' (capacity and price included).
    public var bySession: Bool { dimensions.allSatisfy(\.isSessionAttribute) }
    /// Every dimension places a journey in one group.
    public var carriesJourneys: Bool { dimensions.allSatisfy(\.carriesJourneys) }

    /// The metrics.json array: `roles`, or `roles_by_cooperative` for two dimensions.
    public var jsonKey: String {
        dimensions.isEmpty ? "overall" : dimensions.count == 1 ? dimensions[0].plural : "\(dimensions[0].plural)_by_\(dimensions[1].id)"
    }

    public var description: String { dimensions.map(\.id).joined(separator: "×") }
}
