/// The member list (`inputs.members`, data-contract.md §4, version 3), with the headers a
/// team's spreadsheet uses for it accepted without any mapping.
extension TableSchema {
    /// One row per member cooperative; `aliases` holds several spellings separated by `|`.
    public static let members = TableSchema(
        kind: .members,
        columns: [
            Column("name", aliases: ["coopérative", "nom de la coopérative", "raison sociale", "adhérent"], required: true),
            Column("aliases", aliases: ["alias", "autres orthographes", "autres noms", "variantes", "orthographes"]),
            Column("department", aliases: ["département", "dept", "n° de département"]),
            Column("region", aliases: ["région"]),
            Column("address", aliases: ["adresse", "adresse postale", "siège"]),
            Column("email", aliases: ["courriel", "e-mail", "mail", "adresse e-mail", "courriel de contact", "e-mail de contact"]),
        ]
    )
}
