/// A figure of `metrics.md` as data: its identifier (the JSON key), French label,
/// definition, and for a rate its numerator and denominator. The Méthode sheet, the
/// README table and the tests all read `MetricDefinition.all`.
public struct MetricDefinition: Sendable, Equatable {
    /// How the value is shown.
    public enum Unit: String, Sendable {
        case count, rate, hours, euros
        /// Net Promoter Score, −100…100.
        case score
    }

    /// Which groups carry the figure.
    public enum Scope: String, Sendable {
        /// Sessions, programmes, cooperatives, months and overall.
        case everyGroup
        /// Programmes, cooperatives and overall (participant journeys).
        case journeys
    }

    public let id: String
    public let label: String
    public let definition: String
    public let unit: Unit
    public let scope: Scope
    /// Hidden for groups with fewer responses than the minimum group size.
    public let suppressible: Bool
    public let numerator: String?
    public let denominator: String?

    init(
        _ id: String, _ label: String, _ definition: String, unit: Unit = .count, scope: Scope = .everyGroup,
        suppressible: Bool = false, numerator: String? = nil, denominator: String? = nil
    ) {
        self.id = id
        self.label = label
        self.definition = definition
        self.unit = unit
        self.scope = scope
        self.suppressible = suppressible
        self.numerator = numerator
        self.denominator = denominator
    }

    /// The definition with this identifier.
    public static func named(_ id: String) -> MetricDefinition? { all.first { $0.id == id } }
}

extension MetricDefinition {
    /// Every figure, in the order reports show them.
    public static let all: [MetricDefinition] = [
        .init("registered", "Inscrits", "Inscriptions au statut « inscrit »."),
        .init("cancelled", "Annulations", "Inscriptions au statut « annulé »."),
        .init("waitlisted", "Liste d'attente", "Inscriptions au statut « liste d'attente »."),
        .init("present", "Présents", "Inscrits dont la présence est « présent » ou « partiel »."),
        .init("absent", "Absents", "Inscrits dont la présence est « absent » (non venus)."),
        .init("unrecorded", "Présence non saisie", "Inscrits dont la présence n'est pas renseignée."),
        .init(
            "attendance_rate", "Taux de présence", "Présents / (présents + absents). Vide si aucun des deux.",
            unit: .rate, numerator: "Présents", denominator: "Présents + absents"),
        .init(
            "hours_trainee", "Heures-stagiaires",
            "Somme, sur les inscrits, des heures suivies quand elles sont saisies ; sinon la durée de la session si présent (× demi-journées / 2 en émargement par demi-journée), la moitié si partiel, 0 si absent ou non saisi.",
            unit: .hours),
        .init(
            "fill_rate", "Taux de remplissage",
            "Inscrits / capacité, sur les sessions dont la capacité est connue. Vide sinon.",
            unit: .rate, numerator: "Inscrits (sessions à capacité connue)", denominator: "Capacité"),
        .init(
            "revenue_ht", "Chiffre d'affaires HT", "Inscrits × prix HT de la session, sur les sessions dont le prix est connu. Vide sinon.",
            unit: .euros),
        .init(
            "prerequisite_violations", "Prérequis non respectés",
            "Inscriptions (statut inscrit) à une session à prérequis dont le participant n'a pas été présent à chaque session requise. Chacune est listée dans la feuille Prérequis."
        ),
        .init(
            "responses", "Réponses",
            "Réponses au questionnaire à chaud (un identifiant de réponse répété compte une fois, la dernière ligne l'emporte)."),
        .init(
            "response_rate", "Taux de réponse", "Réponses / présents. Peut dépasser 100 % (signalé comme anomalie).",
            unit: .rate, numerator: "Réponses", denominator: "Présents"),
        .init(
            "satisfaction_rate", "Taux de satisfaction",
            "Part des réponses à la question « Satisfaction globale » égales ou supérieures au seuil de satisfaction (4 sur 5).",
            unit: .rate, suppressible: true, numerator: "Réponses satisfaites", denominator: "Réponses à la question"),
        .init(
            "objectives_met_rate", "Objectifs atteints",
            "Part de toutes les réponses aux questions d'objectifs de la session égales ou supérieures au seuil de satisfaction.",
            unit: .rate, suppressible: true, numerator: "Réponses « atteint »", denominator: "Réponses aux objectifs"),
        .init(
            "nps", "NPS", "100 × (réponses 9–10 − réponses 0–6) / réponses à la question de recommandation.",
            unit: .score, suppressible: true, numerator: "Promoteurs − détracteurs", denominator: "Réponses à la recommandation"),
        .init(
            "participants", "Participants", "Participants distincts ayant au moins une inscription (statut inscrit) dans le programme.",
            scope: .journeys),
        .init(
            "started", "Parcours commencés", "Participants présents à la première session obligatoire du programme.",
            scope: .journeys),
        .init(
            "completed", "Parcours terminés", "Participants présents à toutes les sessions obligatoires du programme.",
            scope: .journeys),
        .init(
            "completion_rate", "Taux d'achèvement", "Parcours terminés / parcours commencés.",
            unit: .rate, scope: .journeys, numerator: "Terminés", denominator: "Commencés"),
        .init(
            "dropout_rate", "Taux d'abandon",
            "(Commencés − terminés) / commencés, sur les programmes dont la dernière session obligatoire est terminée à la date d'arrêté ; vide tant qu'ils sont en cours.",
            unit: .rate, scope: .journeys, numerator: "Commencés − terminés (programmes terminés)",
            denominator: "Commencés (programmes terminés)"),
    ]

    /// The per-question figures of the Satisfaction sheet and `questions` in the JSON.
    public static let questionFigures: [MetricDefinition] = [
        .init("n", "Nombre de réponses (n)", "Réponses données à la question."),
        .init("mean", "Moyenne", "Moyenne des réponses données, sur l'échelle du questionnaire.", unit: .score, suppressible: true),
        .init(
            "satisfied", "Part de satisfaits", "Part des réponses égales ou supérieures au seuil de satisfaction.",
            unit: .rate, suppressible: true, numerator: "Réponses satisfaites", denominator: "n"),
    ]
}
