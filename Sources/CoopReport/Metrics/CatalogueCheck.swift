/// Indicator 1 read as a check of the catalogue: which of the elements the reference asks
/// a training organisation to publish (objectives, duration, price, dates, venue, access
/// conditions, prerequisites) a session's catalogue entry states. The catalogue has no
/// access conditions (`data-contract.md` §1): that element is always missing, so no entry
/// is complete until the catalogue says them (docs/decisions.md, « Indicateurs »).
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

        /// Whether the element can be stated in the catalogue at all.
        public var inCatalogue: Bool { self != .access }
    }

    public let session: Session
    /// The elements the entry does not state, in `Element` order.
    public let missing: [Element]

    /// The check of one session's entry: objectives listed, hours above 0, a price, dates
    /// (always, the catalogue requires them), a venue that is not blank, required sessions
    /// listed (an empty `requires` cannot be told from « not stated »: counted missing),
    /// and access conditions, which the catalogue does not hold.
    public static func of(_ session: Session) -> CatalogueCheck {
        let missing = Element.allCases.filter { element in
            switch element {
            case .objectives: session.objectives.isEmpty
            case .duration: !(session.hours > 0)
            case .price: session.priceHT == nil
            case .dates: false
            case .venue: (session.venue ?? "").allSatisfy(\.isWhitespace)
            case .access: true
            case .prerequisites: session.requires.isEmpty
            }
        }
        return CatalogueCheck(session: session, missing: missing)
    }

    public func states(_ element: Element) -> Bool { !missing.contains(element) }
    /// Every element stated.
    public var isComplete: Bool { missing.isEmpty }

    /// Sessions whose entry is complete, and sessions checked.
    public static func ratio(_ checks: [CatalogueCheck]) -> Figures.Ratio {
        Figures.Ratio(numerator: Double(checks.filter(\.isComplete).count), denominator: Double(checks.count))
    }
}
