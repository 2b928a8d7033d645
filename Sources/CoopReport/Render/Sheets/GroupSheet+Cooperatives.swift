/// Below the Coopératives table: what its « Non renseignée » row holds, and the members of
/// the member list who sent nobody in the period (« Coopératives sans inscrit »).
extension GroupSheet {
    /// The title of the members who sent nobody, as the sheet and the tests name it.
    static let withoutRegistrationsTitle = "Coopératives sans inscrit"

    /// « Non renseignée » is not a cooperative: the responses that no registration ties to
    /// a cooperative and that name none (anonymous ones). Said under the table, so that
    /// the row does not read as a member with every count at zero.
    static func appendUnattributed(_ m: MetricsResult, to sheet: inout SheetPlan) {
        let unknown = Dimension.cooperative.unknownName
        guard let n = m.cooperatives.first(where: { $0.name == unknown })?.figures.tally.responses, n > 0 else { return }
        let (names, count) = n > 1 ? ("nomment", "elles comptent") : ("nomme", "elle compte")
        sheet.append([])
        sheet.append([
            .text(
                "\(unknown) : \(plural(n, "réponse")) qu'aucune inscription ne rattache à une coopérative et qui n'en \(names) aucune (sans identifiant ni courriel d'un inscrit, ni coopérative) ; \(count) dans les totaux, sous aucune coopérative."
            )
        ])
    }

    /// The members with no registered participant at a session of the period: name,
    /// department and region, no figure (they have none). Nothing without a member list:
    /// the exports alone do not say which cooperatives exist.
    static func appendWithoutRegistrations(_ m: MetricsResult, to sheet: inout SheetPlan) {
        guard let members = m.cooperativesWithoutRegistrations else { return }
        sheet.append([])
        sheet.append([.text("\(withoutRegistrationsTitle) (\(members.count))", .title)])
        guard !members.isEmpty else {
            sheet.append([.text("Aucune : chaque adhérent de la liste a au moins un inscrit à une session de la période.")])
            return
        }
        sheet.append([.text("Adhérents de la liste sans aucun inscrit (statut « inscrit ») à une session de la période.")])
        let headers = ["Coopérative", "Département", "Région"]
        let header = sheet.append(headers.map { Cell(.text($0), .header) })
        for member in members {
            sheet.append([.text(member.name, .wrap), .text(member.department), .text(member.region)])
        }
        sheet.tables.append(TablePlan(headerRow: header, firstColumn: 0, lastRow: sheet.rows.count - 1, headers: headers))
        // The figure columns are narrow (their headers read upwards): the department's is
        // widened to its texts; the region, last, runs on over the empty cells to its right.
        let longest = members.map(\.department.count).max() ?? 0
        sheet.columnWidths[1] = max(sheet.columnWidths[1], min(Double(max(longest, headers[1].count)) + 2, 24))
        sheet.fitRowHeights()
    }
}
