/// The training organisation as the job names it (`organisation:`, docs/jobs.md): the
/// workbook's author, and the identity a certificate of completion states. The old form
/// `organisation: "Fédération …"` gives the name alone.
public struct Organisation: Sendable, Equatable, ExpressibleByStringLiteral {
    /// Legal name (raison sociale).
    public var name: String
    /// SIRET: 14 digits, kept without spaces; nil when not given.
    public var siret: String?
    /// Declaration number (numéro de déclaration d'activité, NDA): 11 digits, kept without spaces.
    public var nda: String?
    /// Postal address, as written (a comma or a line break between its parts).
    public var address: String?
    /// Name and function of the person who signs the certificates (« Marie Dupont, directrice »).
    public var signatory: String?
    /// In what capacity the signatory signs (`signs_as`): the ministry's model certificate
    /// names the legal representative, or the person they delegated.
    public var signsAs: Capacity?

    /// `signs_as`: the organisation's legal representative, or a delegate of them.
    public enum Capacity: String, Sendable, CaseIterable {
        case representative, delegate
    }

    public init(
        name: String, siret: String? = nil, nda: String? = nil, address: String? = nil, signatory: String? = nil,
        signsAs: Capacity? = nil
    ) {
        self.name = name
        self.siret = siret
        self.nda = nda
        self.address = address
        self.signatory = signatory
        self.signsAs = signsAs
    }

    public init(stringLiteral name: String) { self.init(name: name) }

    /// « 123 456 789 00012 »: SIREN in threes, then the establishment's five digits.
    public var siretShown: String? { siret.map { Self.grouped($0, [3, 3, 3, 5]) } }
    /// « 11 75 12345 75 », as the prefecture's receipt writes it.
    public var ndaShown: String? { nda.map { Self.grouped($0, [2, 2, 5, 2]) } }

    /// The town of the address: the words after its five-digit postcode (« 75011 Paris » →
    /// « Paris »), for « Fait à … »; nil when the address has no postcode.
    public var town: String? {
        guard let address, let range = address.range(of: #"\b[0-9]{5}[ \u00A0]+[^,\n0-9]+"#, options: .regularExpression) else {
            return nil
        }
        let town = address[range].dropFirst(5).trimmingCharacters(in: .whitespaces.union(["\u{00A0}"]))
        return town.isEmpty ? nil : town
    }

    /// What a certificate needs and the block lacks (keys as the job spells them).
    public var missingForCertificates: [String] {
        [("siret", siret), ("nda", nda), ("address", address), ("signatory", signatory), ("signs_as", signsAs?.rawValue)].filter {
            $0.1 == nil
        }.map(\.0)
    }

    /// The digits of a number typed with spaces (« 123 456 789 00012 »), or nil when
    /// anything else than digits and spaces is there or the count is not `count`.
    static func digits(_ text: String, count: Int) -> String? {
        let kept = text.filter { $0 != " " && $0 != "\u{00A0}" && $0 != "\u{202F}" }
        guard kept.count == count, kept.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return kept
    }

    static func grouped(_ digits: String, _ sizes: [Int]) -> String {
        var parts: [String] = []
        var rest = Substring(digits)
        for size in sizes where !rest.isEmpty {
            parts.append(String(rest.prefix(size)))
            rest = rest.dropFirst(size)
        }
        if !rest.isEmpty { parts.append(String(rest)) }
        return parts.joined(separator: " ")
    }
}
