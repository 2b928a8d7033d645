/// Indicator 1 read as a check of the catalogue: which of the elements the guide de
/// lecture (V9) lists for it — prerequisites, objectives, duration, access modalities and
/// delays, prices, contacts, teaching methods, evaluation modalities, accessibility for
/// people with disabilities — a taught session's catalogue entry states, its programme's
/// texts standing in where the session says nothing (`PublishedInfo.over`). The venue and
/// the dates are not among them (docs/decisions.md, « Indicator 1 »). The project phase is
/// not a published session: it is not checked.
public struct CatalogueCheck: Sendable {
    /// An element of the published information, in the guide's order (the Catalogue
    /// sheet's columns).
    public enum Element: CaseIterable, Sendable {
        case prerequisites, objectives, duration, access, accessDelay, price, contacts, methods, evaluation, accessibility

        /// The column header of the Catalogue sheet.
        public var label: String {
            switch self {
            case .prerequisites: "Prérequis"
            case .objectives: "Objectifs"
            case .duration: "Durée (heures)"
            case .access: "Modalités d'accès"
            case .accessDelay: "Délais d'accès"
            case .price: "Tarif"
            case .contacts: "Contacts"
            case .methods: "Méthodes mobilisées"
            case .evaluation: "Modalités d'évaluation"
            case .accessibility: "Accessibilité (handicap)"
            }
        }

        /// The catalogue key that states it (README, « Catalogue »).
        public var key: String {
            switch self {
            case .prerequisites: "prerequisites (ou requires)"
            case .objectives: "objectives"
            case .duration: "hours"
            case .access: "access"
            case .accessDelay: "access_delay"
            case .price: "price_ht"
            case .contacts: "contacts"
            case .methods: "methods"
            case .evaluation: "evaluation"
            case .accessibility: "accessibility"
            }
        }
    }

    public let session: Session
    /// The elements the entry does not state, in `Element` order.
    public let missing: [Element]

    /// The check of one session's entry: prerequisites stated (required sessions listed, or
    /// a `prerequisites` text: « Aucun. » counts, it says so), objectives listed, hours
    /// above 0, a price, and each text of indicator 1 not blank — the session's own, else
    /// its programme's.
    public static func of(_ session: Session, in programme: Programme?) -> CatalogueCheck {
        let info = session.published.over(programme?.published ?? PublishedInfo())
        let stated = PublishedInfo.states
        let missing = Element.allCases.filter { element in
            switch element {
            case .prerequisites: session.requires.isEmpty && !stated(info.prerequisites)
            case .objectives: session.objectives.isEmpty
            case .duration: !(session.hours > 0)
            case .access: !stated(info.access)
            case .accessDelay: !stated(info.accessDelay)
            case .price: session.priceHT == nil
            case .contacts: !stated(info.contacts)
            case .methods: !stated(info.methods)
            case .evaluation: !stated(info.evaluation)
            case .accessibility: !stated(info.accessibility)
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

    /// (session, element) pairs stated, and pairs checked: how much of the information is
    /// published, where `ratio` only counts the entries with all of it.
    public static func elements(_ checks: [CatalogueCheck]) -> Figures.Ratio {
        let all = checks.count * Element.allCases.count
        return Figures.Ratio(numerator: Double(all - checks.reduce(0) { $0 + $1.missing.count }), denominator: Double(all))
    }

    /// The elements some session lacks, each with how many: « contacts (3 sessions) ».
    public static func missingText(_ checks: [CatalogueCheck]) -> String {
        Element.allCases.compactMap { e -> String? in
            let n = checks.filter { !$0.states(e) }.count
            return n == 0 ? nil : "\(e.label.lowercased()) (\(plural(n, "session")))"
        }.joined(separator: ", ")
    }
}
