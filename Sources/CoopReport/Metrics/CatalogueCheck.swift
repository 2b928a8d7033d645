/// Indicator 1 read as a check of the catalogue: which of the elements the reference asks
/// a training organisation to publish (objectives, duration, price, dates, venue, access
/// conditions, prerequisites) a taught session's catalogue entry states, with its
/// programme's published prerequisites and access conditions (docs/decisions.md,
/// « Indicateurs »). The project phase is not a published session: it is not checked.
public struct CatalogueCheck: Sendable {
    /// An element of the published information, in the order the Catalogue sheet shows it.
    public enum Element: CaseIterable, Sendable {
        case objectives, duration, price, dates, venue, access, prerequisites

        /// The column header of the Catalogue sheet.
        public var label: String {
            switch self {
            case .objectives: "Objectifs"
            case .duration: "Durée (heures)"
            case .price: "Prix"
            case .dates: "Dates"
            case .venue: "Lieu"
            case .access: "Conditions d'accès"
            case .prerequisites: "Prérequis"
            }
        }
    }

    public let session: Session
    /// The elements the entry does not state, in `Element` order.
    public let missing: [Element]

    /// The check of one session's entry: objectives listed, hours above 0, a price, dates
    /// (always, the catalogue requires them), a venue that is not blank, access
    /// conditions published for its programme, and prerequisites stated — required
    /// sessions listed, or the programme's `prerequisites` text (« aucun » counts: it says so).
    public static func of(_ session: Session, in programme: Programme?) -> CatalogueCheck {
        let stated = { (text: String?) in !(text ?? "").allSatisfy(\.isWhitespace) }
        let missing = Element.allCases.filter { element in
            switch element {
            case .objectives: session.objectives.isEmpty
            case .duration: !(session.hours > 0)
            case .price: session.priceHT == nil
            case .dates: false
            case .venue: !stated(session.venue)
            case .access: !stated(programme?.access)
            case .prerequisites: session.requires.isEmpty && !stated(programme?.prerequisites)
            }
        }
        return CatalogueCheck(session: session, missing: missing)
    }

    /// The checks of the period's taught sessions (the project phase left out).
    public static func of(_ m: MetricsResult) -> [CatalogueCheck] {
        // Programmes by code, found once: eight thousand programmes are checked in linear time.
        let programmes = Dictionary(m.programmes.map { ($0.programme.code, $0.programme) }, uniquingKeysWith: { first, _ in first })
        return m.sessions.map(\.session).filter { $0.kind != .action }.map { s in of(s, in: programmes[s.programme]) }
    }

    public func states(_ element: Element) -> Bool { !missing.contains(element) }
    /// Every element stated.
    public var isComplete: Bool { missing.isEmpty }

    /// Sessions whose entry is complete, and sessions checked.
    public static func ratio(_ checks: [CatalogueCheck]) -> Figures.Ratio {
        Figures.Ratio(numerator: Double(checks.filter(\.isComplete).count), denominator: Double(checks.count))
    }
}
