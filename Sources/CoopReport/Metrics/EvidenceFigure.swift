/// A figure of the Qualiopi evidence report that is not one of `metrics.md`'s: the
/// catalogue check (indicator 1), the cold questionnaire (11 and 30), the complaints
/// register (31) and the improvement plan (32). Like `Metric`, each case owns its
/// identifier, French label and definition, unit, parts, whether a small group hides it,
/// the note it shows when it has no value, and how it is computed from what the metrics
/// and evidence stages built; Indicateurs and Méthode take an `EvidenceFigure`. The cold
/// and register figures are those of metrics.json's `cold` and `registers` blocks.
public enum EvidenceFigure: String, CaseIterable, Sendable {
    case catalogueComplete = "catalogue_complete_rate"
    case catalogueElements = "catalogue_elements_rate"
    case coldObjectivesApplied = "cold_objectives_applied_rate"
    case coldResponseRate = "cold_response_rate"
    case complaints = "complaints_entries"
    case complaintsOverdue = "complaints_open_over_30_days"
    case improvementPoints = "improvement_points"
    case pointsWithoutAction = "points_without_action"
    case lateActions = "late_actions"

    /// The identifier in the Méthode sheet (snake_case, the key of metrics.json where it
    /// has one).
    public var id: String { rawValue }

    /// The optional input a figure reads: without it, the figure has no value and says why.
    public enum Input: Sendable {
        /// The cold questionnaire (`inputs.cold`).
        case cold
        /// The complaints register (`inputs.complaints`).
        case complaints
        /// The improvement actions (`inputs.actions`).
        case actions
    }

    /// The input without which the figure has no value; nil: it always has one (the
    /// catalogue and the answers are always given).
    public var input: Input? {
        switch self {
        case .catalogueComplete, .catalogueElements, .improvementPoints: nil
        case .coldObjectivesApplied, .coldResponseRate: .cold
        case .complaints, .complaintsOverdue: .complaints
        case .pointsWithoutAction, .lateActions: .actions
        }
    }

    /// A rate (a fraction shown in per cent, with its parts) or a count.
    public var unit: Metric.Unit {
        switch self {
        case .catalogueComplete, .catalogueElements, .coldObjectivesApplied, .coldResponseRate: .rate
        case .complaints, .complaintsOverdue, .improvementPoints, .pointsWithoutAction, .lateActions: .count
        }
    }

    /// Hidden when fewer than `min_group_size` cold responses give it (its denominator,
    /// a count of answers, stays).
    public var hidesSmallGroups: Bool {
        switch self {
        case .coldObjectivesApplied: true
        case .catalogueComplete, .catalogueElements, .coldResponseRate, .complaints, .complaintsOverdue, .improvementPoints,
            .pointsWithoutAction, .lateActions:
            false
        }
    }

    public var label: String {
        switch self {
        case .catalogueComplete: "Sessions au catalogue complet"
        case .catalogueElements: "Éléments renseignés au catalogue"
        case .coldObjectivesApplied: "Objectifs appliqués à froid"
        case .coldResponseRate: "Taux de réponse à froid"
        case .complaints: "Réclamations, difficultés et aléas enregistrés"
        case .complaintsOverdue: "Entrées ouvertes depuis plus de 30 jours"
        case .improvementPoints: "Points d'amélioration"
        case .pointsWithoutAction: "Points d'amélioration sans action"
        case .lateActions: "Actions en retard"
        }
    }

    /// How the figure is computed: the Méthode column of Indicateurs and the definition of
    /// Méthode.
    public var definition: String {
        switch self {
        case .catalogueComplete:
            "Sessions dont l'entrée du catalogue (ou, à défaut, celle de son programme) renseigne les dix éléments de l'indicateur : prérequis, objectifs, durée, modalités d'accès, délais d'accès, tarif, contacts, méthodes mobilisées, modalités d'évaluation, accessibilité aux personnes handicapées / sessions animées de la période. Le lieu et les dates n'en font pas partie."
        case .catalogueElements:
            "Éléments de l'indicateur renseignés / (sessions animées de la période × 10 éléments), détaillés session par session dans la feuille Catalogue."
        case .coldObjectivesApplied:
            "Réponses du questionnaire à froid qui disent l'objectif appliqué (note au moins égale au seuil de satisfaction) / réponses à froid aux questions d'objectifs, sessions de la période."
        case .coldResponseRate:
            "Réponses au questionnaire à froid / présents, sur les sessions de la période qui ont au moins une réponse à froid."
        case .complaints: "Entrées du registre des réclamations et difficultés de la période, ouvertes et closes."
        case .complaintsOverdue: "Entrées non closes à la date d'arrêté, enregistrées plus de 30 jours avant elle."
        case .improvementPoints:
            "Sessions × questions dont la part de satisfaits, et sessions × objectifs dont la part d'atteinte, sont sous la cible de satisfaction (groupes d'au moins la taille minimale)."
        case .pointsWithoutAction: "Points d'amélioration auxquels aucune action du plan d'amélioration n'est rattachée."
        case .lateActions: "Actions prévues ou en cours dont l'échéance est passée à la date d'arrêté."
        }
    }

    /// What the numerator and denominator count, for a rate.
    public var parts: (numerator: String, denominator: String)? {
        switch self {
        case .catalogueComplete: ("Sessions au catalogue complet", "Sessions animées de la période")
        case .catalogueElements: ("Éléments renseignés", "Sessions animées × 10 éléments")
        case .coldObjectivesApplied: ("Réponses à froid « appliqué »", "Réponses à froid aux objectifs")
        case .coldResponseRate: ("Réponses à froid", "Présents (sessions ayant des réponses à froid)")
        case .complaints, .complaintsOverdue, .improvementPoints, .pointsWithoutAction, .lateActions: nil
        }
    }

    /// What the value cell says when the job does not give the figure's input.
    public var notGivenNote: String? {
        switch input {
        case .cold: "questionnaire à froid non fourni"
        case .complaints, .actions: "registre non fourni"
        case nil: nil
        }
    }

    /// What the value cell says when the figure is hidden (`hidesSmallGroups`).
    public static func hiddenNote(minGroupSize: Int) -> String { "masqué (< \(minGroupSize) réponses)" }
}

/// An evidence figure's value, its parts and the size of its population, or the note
/// saying why it has none.
public struct EvidenceValue: Sendable, Equatable {
    /// A fraction for a rate (nil: an empty rate, 0 / 0), a count otherwise; nil when
    /// `note` stands in its place.
    public var value: Double?
    public var numerator: Double? = nil
    public var denominator: Double? = nil
    /// The size of the population: a rate's denominator, the entries of a register…
    public var n: Double? = nil
    /// Shown instead of the value: « registre non fourni », « masqué (< 3 réponses) ».
    public var note: String? = nil
    /// Said after the definition: what the figure found missing (indicator 1's elements).
    public var remark: String? = nil
}

extension EvidenceFigure {
    /// The figure from what the stages computed: the period's figures, the cold report and
    /// the registers when the job gives them (nil: not given), the improvement points.
    /// Pure: the rules are those of `CatalogueCheck`, `ColdReport`, `ComplaintSummary` and
    /// `ImprovementPlan`, read here, not written again.
    public func value(
        metrics: MetricsResult, cold: ColdReport?, registers: RegisterReport?, improvements: [Evidence.ImprovementRow]
    ) -> EvidenceValue {
        func rate(_ r: Figures.Ratio, remark: String? = nil) -> EvidenceValue {
            EvidenceValue(value: r.value, numerator: r.numerator, denominator: r.denominator, n: r.denominator, remark: remark)
        }
        func count(_ value: Int, n: Int) -> EvidenceValue { EvidenceValue(value: Double(value), n: Double(n)) }
        let notGiven = EvidenceValue(value: nil, note: notGivenNote)
        // A cold share, hidden (its denominator stays) when the figure hides small groups
        // and the cold responses are fewer than `min_group_size`.
        func coldRate(_ r: Figures.Ratio, suppressed: Bool) -> EvidenceValue {
            guard hidesSmallGroups && suppressed else { return rate(r) }
            return EvidenceValue(
                value: nil, denominator: r.denominator, n: r.denominator, note: Self.hiddenNote(minGroupSize: metrics.minGroupSize))
        }
        switch self {
        case .catalogueComplete:
            return rate(CatalogueCheck.ratio(CatalogueCheck.of(metrics)))
        case .catalogueElements:
            let checks = CatalogueCheck.of(metrics)
            let missing = CatalogueCheck.missingText(checks)
            return rate(CatalogueCheck.elements(checks), remark: missing.isEmpty ? nil : "Non renseignés : \(missing).")
        case .coldObjectivesApplied:
            return cold.map { coldRate($0.appliedRate, suppressed: $0.suppressed) } ?? notGiven
        case .coldResponseRate:
            return cold.map { coldRate($0.responseRate, suppressed: $0.suppressed) } ?? notGiven
        case .complaints:
            return registers?.complaints.map { count($0.total.entries, n: $0.total.entries) } ?? notGiven
        case .complaintsOverdue:
            return registers?.complaints.map { count($0.total.overdue, n: $0.total.entries) } ?? notGiven
        case .improvementPoints:
            // Among the sessions whose answers are shown.
            let shown = metrics.sessions.filter { $0.figures.surveyed && !$0.figures.suppressed }
            return count(improvements.count, n: shown.count)
        case .pointsWithoutAction:
            guard let plan = registers?.plan, plan.actionsGiven else { return notGiven }
            return count(plan.pointsWithoutAction, n: plan.points.count)
        case .lateActions:
            guard let plan = registers?.plan, plan.actionsGiven else { return notGiven }
            return count(plan.lateActions, n: plan.actions.count)
        }
    }
}
