/// The two registers of the evidence report (`data-contract.md` §4), with the headers a
/// team's spreadsheet uses for them accepted without any mapping.
extension TableSchema {
    /// Difficulties, complaints and incidents (Qualiopi indicator 31).
    public static let complaints = TableSchema(
        kind: .complaints,
        columns: [
            Column(
                "date", aliases: ["date de l'entrée", "date de réception", "reçue le", "signalée le", "date du signalement"], required: true
            ),
            Column("source", aliases: ["émetteur", "provenance", "signalée par"]),
            Column("programme", aliases: ["formation", "program"]),
            Column("session"),
            Column("nature", aliases: ["type"], required: true),
            Column("description", aliases: ["objet", "descriptif", "faits"], required: true),
            Column("response", aliases: ["réponse", "réponse apportée", "traitement"]),
            Column("closed_on", aliases: ["date de clôture", "clôturée le", "close le", "clos le"]),
            Column("status", aliases: ["statut", "état"], required: true),
        ]
    )

    /// Improvement actions (Qualiopi indicator 32).
    public static let actions = TableSchema(
        kind: .actions,
        columns: [
            Column("id", aliases: ["identifiant", "numéro", "référence", "id action"], required: true),
            Column("decided_on", aliases: ["date de décision", "décidée le", "date"], required: true),
            Column("origin", aliases: ["origine", "source"]),
            Column("programme", aliases: ["formation", "program"]),
            Column("session"),
            Column("question", aliases: ["question ou objectif", "critère"]),
            Column("description", aliases: ["action", "intitulé", "descriptif"], required: true),
            Column("owner", aliases: ["responsable", "pilote", "porteur"]),
            Column("due_on", aliases: ["échéance", "date d'échéance", "date prévue"]),
            Column("status", aliases: ["statut", "état"], required: true),
            Column("effect", aliases: ["effet", "effet mesuré", "effet constaté", "résultat"]),
        ]
    )
}
