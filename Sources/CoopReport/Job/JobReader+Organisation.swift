import Foundation

extension JobReader {
    /// `organisation:`: a name (the old form), or a block `{name, siret, nda, address,
    /// signatory, signs_as}`. SIRET must be 14 digits and NDA 11 (spaces allowed); a bad value stops
    /// the run at its line.
    static func organisation(_ cursor: YAMLCursor) throws -> Organisation {
        if case .scalar = cursor.node { return Organisation(name: try nonEmpty(cursor, what: "le nom de l'organisme")) }
        let keys = try cursor.mapping(allowed: ["name", "siret", "nda", "address", "signatory", "signs_as"])
        guard let name = keys["name"] else { throw cursor.fail("clé « name » absente (la raison sociale de l'organisme)") }
        var organisation = Organisation(name: try nonEmpty(name, what: "la raison sociale de l'organisme"))
        if let s = keys["siret"] {
            let text = try s.string()
            guard let digits = Organisation.digits(text, count: 14) else {
                throw s.fail(
                    "\(quoted(text)) n'est pas un numéro SIRET (attendu : 14 chiffres, espaces permis, par exemple 123 456 789 00012)")
            }
            organisation.siret = digits
        }
        if let n = keys["nda"] {
            let text = try n.string()
            guard let digits = Organisation.digits(text, count: 11) else {
                throw n.fail(
                    "\(quoted(text)) n'est pas un numéro de déclaration d'activité (attendu : 11 chiffres, espaces permis, par exemple 11 75 12345 75)"
                )
            }
            organisation.nda = digits
        }
        if let a = keys["address"] { organisation.address = try nonEmpty(a, what: "l'adresse de l'organisme") }
        if let s = keys["signatory"] { organisation.signatory = try nonEmpty(s, what: "le nom et la fonction du signataire") }
        if let c = keys["signs_as"] {
            let text = try c.string()
            let words: [String: Organisation.Capacity] = [
                "representative": .representative, "representantlegal": .representative, "delegate": .delegate,
                "delegataire": .delegate, "delegation": .delegate,
            ]
            guard let capacity = words[TextKey.of(text)] else {
                throw c.fail(
                    "\(quoted(text)) n'est pas une qualité de signataire (attendu : representative — le représentant légal — ou delegate — par délégation du représentant légal)"
                )
            }
            organisation.signsAs = capacity
        }
        return organisation
    }

    /// `certificates: true` needs the organisation's whole identity: a certificate without
    /// SIRET, NDA, address or signatory cannot be sent to a funder.
    static func checkCertificates(_ top: [String: YAMLCursor], _ options: ReportOptions) throws {
        guard options.certificates, let flag = top["certificates"] else { return }
        guard let block = top["organisation"] else {
            throw flag.fail(
                "les certificats de réalisation demandent le bloc « organisation » (name, siret, nda, address, signatory, signs_as) : il est absent"
            )
        }
        let missing = options.organisation.missingForCertificates
        guard missing.isEmpty else {
            throw block.fail(
                "les certificats de réalisation (« certificates: true ») demandent \(missing.map { "« \($0) »" }.joined(separator: ", ")) dans le bloc « organisation »"
            )
        }
    }

    private static func nonEmpty(_ cursor: YAMLCursor, what: String) throws -> String {
        let text = try cursor.string().trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw cursor.fail("vide ; attendu : \(what)") }
        return text
    }
}
