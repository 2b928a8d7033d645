/// A Qualiopi indicator as the Indicateurs sheet shows it: its number, its text quoted
/// from the national reference (Référentiel national qualité, décret n° 2019-565, as the
/// guide de lecture V9 reprints it; sources in docs/decisions.md, « Indicateurs »), what
/// the data cannot evidence, and the figures the data gives for it.
struct QualiopiIndicator: Sendable {
    let number: Int
    /// The indicator's own wording, quoted, not paraphrased.
    let text: String
    /// What an auditor must find elsewhere: the data does not hold it.
    let cannotEvidence: String
    let figures: [IndicatorFigure]
}

/// One figure row of an indicator.
struct IndicatorFigure: Sendable {
    /// Where the value comes from.
    enum Source: Sendable {
        /// An overall figure of metrics.json. `n` is the figure whose value counts the
        /// population (a rate's denominator when it is a rate); nil for a rate: its own
        /// denominator.
        case metric(Metric, n: Metric?)
        /// A figure that is not one of metrics.md's (the catalogue check, the cold
        /// questionnaire, a register, the improvement plan): `EvidenceFigure` owns its
        /// texts and its computation.
        case evidence(EvidenceFigure)
    }

    let source: Source
    let population: String
    /// The sheets holding the detail, in order of preference: the link goes to the first
    /// the workbook has; a sheet the job does not write is named in a note instead.
    let evidence: [String]
    /// The data the figure rests on, whose dates the sheet states (one line each).
    let dates: [DataDates]
    /// What the figure is called here when metrics.md's label would claim more than it
    /// shows (indicator 8: the order of the steps, not a positioning).
    var label: String? = nil

    /// A figure of metrics.md, dated by what it counts: the responses for a satisfaction
    /// figure, the responses and the sessions' attendance for the response rate, the
    /// sessions and the as-of date for a journey figure, the sessions otherwise.
    static func metric(_ metric: Metric, n: Metric? = nil, population: String, evidence: [String]) -> IndicatorFigure {
        let dates: [DataDates] =
            switch metric {
            case _ where metric.scope == .journeys: [.sessions, .journeys]
            case _ where metric.isSatisfaction, .responses: [.responses]
            case .responseRate: [.responses, .sessions]
            default: [.sessions]
            }
        return IndicatorFigure(source: .metric(metric, n: n), population: population, evidence: evidence, dates: dates)
    }

    /// An evidence figure, dated by what it counts: the catalogue's sessions, the cold
    /// answers (and the sessions for the cold response rate), the register's entries, the
    /// answers that gave the improvement points, the actions' decisions.
    static func evidence(_ figure: EvidenceFigure, population: String, evidence: [String]) -> IndicatorFigure {
        let dates: [DataDates] =
            switch figure {
            case .catalogueComplete, .catalogueElements: [.catalogue]
            case .coldObjectivesApplied: [.cold]
            case .coldResponseRate: [.cold, .sessions]
            case .complaints, .complaintsOverdue: [.complaints]
            case .improvementPoints: [.responses]
            case .pointsWithoutAction: [.responses, .actions]
            case .lateActions: [.actions]
            }
        return IndicatorFigure(source: .evidence(figure), population: population, evidence: evidence, dates: dates)
    }
}

/// The data an indicator's figure rests on, and how its dates read: a register's figure
/// is dated by its entries, a cold figure by the cold answers, not by the sessions.
enum DataDates: Sendable {
    /// Registrations and attendance: the sessions' dates.
    case sessions
    /// Journeys: as they stand at the as-of date.
    case journeys
    /// The hot questionnaires: when they were submitted.
    case responses
    /// The cold questionnaires: when they were submitted.
    case cold
    /// The complaints register: the entries' dates.
    case complaints
    /// The improvement actions: when they were decided.
    case actions
    /// The catalogue's entries of the period's sessions.
    case catalogue

    /// One line of the « Dates des données » cell.
    func text(_ doc: ReportDocument) -> String {
        let m = doc.metrics
        func dated(_ noun: String, _ span: DateSpan, none: String) -> String { span.isEmpty ? none : "\(noun) \(span.french)" }
        switch self {
        case .sessions:
            return dated("sessions", DateSpan(m.sessions.flatMap { [$0.session.start, $0.session.end] }), none: "aucune session")
        case .journeys: return "parcours à la date d'arrêté du \(m.asOf.french)"
        case .responses: return dated("réponses", m.responseDates, none: "aucune réponse")
        case .cold:
            guard let cold = doc.cold else { return "questionnaire à froid non fourni" }
            return dated("réponses à froid", cold.dates, none: "aucune réponse à froid")
        case .complaints:
            guard let complaints = doc.registers?.complaints else { return "registre non fourni" }
            return dated("entrées", DateSpan(complaints.entries.map(\.date)), none: "aucune entrée")
        case .actions:
            guard let plan = doc.registers?.plan, plan.actionsGiven else { return "plan d'amélioration non fourni" }
            return dated("actions décidées", DateSpan(plan.actions.map(\.action.decidedOn)), none: "aucune action")
        case .catalogue:
            return dated(
                "catalogue des sessions",
                DateSpan(m.sessions.filter { $0.session.isTaught }.flatMap { [$0.session.start, $0.session.end] }),
                none: "aucune session")
        }
    }
}

extension ReportDocument {
    /// An evidence figure of this report, from what its stages computed.
    func value(_ figure: EvidenceFigure) -> EvidenceValue {
        figure.value(metrics: metrics, cold: cold, registers: registers, improvements: evidence?.improvements ?? [])
    }
}

extension QualiopiIndicator {
    /// Indicators 1, 2, 8, 11, 12, 30, 31 and 32 (`reports.md`, « Version 2 of the evidence
    /// report »).
    static let all: [QualiopiIndicator] = [
        QualiopiIndicator(
            number: 1,
            text:
                "« Le prestataire diffuse une information accessible au public, détaillée et vérifiable sur les prestations proposées : prérequis, objectifs, durée, modalités et délais d'accès, tarifs, contacts, méthodes mobilisées et modalités d'évaluation, accessibilité aux personnes handicapées. »",
            cannotEvidence:
                "La publication elle-même (site internet, plaquette diffusée), sa date et sa mise à jour, et la vérité de ce qu'elle dit : les données disent seulement quelles rubriques le catalogue renseigne pour chaque session, pas ce que le public a pu lire. Les mentions propres aux formations certifiantes (code RNCP ou RS, certificateur) ne sont pas vérifiées.",
            figures: [
                .evidence(.catalogueComplete, population: "Sessions animées de la période au catalogue", evidence: ["Catalogue"]),
                .evidence(.catalogueElements, population: "Éléments × sessions animées de la période", evidence: ["Catalogue"]),
            ]),
        QualiopiIndicator(
            number: 2,
            text:
                "« Le prestataire diffuse des indicateurs de résultats adaptés à la nature des prestations mises en œuvre et des publics accueillis. »",
            cannotEvidence:
                "La diffusion de ces résultats au public (site internet, plaquette) et le choix des indicateurs selon les publics : les données donnent les chiffres, pas leur publication.",
            figures: [
                .metric(.satisfactionRate, population: "Réponses à la question « Satisfaction globale »", evidence: ["Satisfaction"]),
                .metric(.attendanceRate, population: "Inscrits aux sessions animées dont la présence est saisie", evidence: ["Sessions"]),
                .metric(.completionRate, population: "Participants ayant commencé le parcours", evidence: ["Parcours"]),
                .metric(.participants, n: .participants, population: "Participants inscrits au programme", evidence: ["Parcours"]),
                .metric(
                    .hoursTrainee, n: .registered, population: "Inscriptions de la période (statut inscrit)",
                    evidence: ["Relevé d'assiduité"]),
            ]),
        QualiopiIndicator(
            number: 8,
            text:
                "« Le prestataire détermine les procédures de positionnement et d'évaluation des acquis à l'entrée de la prestation. »",
            cannotEvidence:
                "Le positionnement à l'entrée lui-même : ni test, ni entretien, ni questionnaire de positionnement, ni évaluation des acquis à l'entrée ne sont dans les données (les inscriptions ne disent ni le niveau, ni les besoins, ni les attentes du participant). Le chiffre ne vérifie que l'ordre des étapes du programme : chacun a suivi les sessions que le catalogue requiert avant la sienne.",
            figures: [
                IndicatorFigure(
                    source: .metric(.prerequisiteViolations, n: .registered),
                    population: "Inscriptions de la période (statut inscrit)",
                    evidence: ["Alertes"], dates: [.sessions],
                    label: stepOrderLabel)
            ]),
        QualiopiIndicator(
            number: 11,
            text: "« Le prestataire évalue l'atteinte par les publics bénéficiaires des objectifs de la prestation. »",
            cannotEvidence:
                "Les évaluations des acquis elles-mêmes (mises en situation, exercices, tests) : les chiffres sont l'avis des participants, objectif par objectif, à chaud et, quand le questionnaire à froid est fourni, quelques mois après. Une mise en œuvre déclarée à froid n'est pas une mise en œuvre constatée.",
            figures: [
                .metric(.objectivesMetRate, population: "Réponses aux questions d'objectifs", evidence: ["Objectifs"]),
                .evidence(.coldObjectivesApplied, population: "Réponses à froid aux questions d'objectifs", evidence: [ColdSheet.name]),
            ]),
        QualiopiIndicator(
            number: 12,
            text:
                "« Le prestataire décrit et met en œuvre les mesures pour favoriser l'engagement des bénéficiaires et prévenir les ruptures de parcours. »",
            cannotEvidence:
                "Les mesures décrites et mises en œuvre (relances, entretiens, suivi des projets) : le taux d'abandon en mesure l'issue, pas les mesures.",
            figures: [
                .metric(
                    .dropoutRate, population: "Participants ayant commencé un parcours terminé à la date d'arrêté", evidence: ["Parcours"])
            ]),
        QualiopiIndicator(
            number: 30,
            text:
                "« Le prestataire recueille les appréciations des parties prenantes : bénéficiaires, financeurs, équipes pédagogiques et entreprises concernées. »",
            cannotEvidence:
                "Les appréciations des financeurs, des équipes pédagogiques (formateurs) et des entreprises (coopératives employeurs), les relances et la libre expression : seuls les questionnaires des bénéficiaires (à chaud, et à froid quand il est fourni) sont dans les données.",
            figures: [
                .metric(
                    .responses, n: .responseRate, population: "Présents aux sessions avec questionnaire de la période",
                    evidence: ["Satisfaction"]),
                .metric(.responseRate, population: "Présents aux sessions avec questionnaire de la période", evidence: ["Satisfaction"]),
                .evidence(.coldResponseRate, population: "Présents aux sessions ayant des réponses à froid", evidence: [ColdSheet.name]),
            ]),
        QualiopiIndicator(
            number: 31,
            text:
                "« Le prestataire met en œuvre des modalités de traitement des difficultés rencontrées par les parties prenantes, des réclamations exprimées par ces dernières, des aléas survenus en cours de prestation. »",
            cannotEvidence:
                "La procédure de traitement elle-même et l'exhaustivité du registre : seules les entrées que l'équipe a enregistrées sont comptées ; sans registre fourni, aucun chiffre.",
            figures: [
                .evidence(.complaints, population: "Entrées du registre de la période", evidence: ["Réclamations et difficultés"]),
                .evidence(.complaintsOverdue, population: "Entrées du registre de la période", evidence: ["Réclamations et difficultés"]),
            ]),
        QualiopiIndicator(
            number: 32,
            text:
                "« Le prestataire met en œuvre des mesures d'amélioration à partir de l'analyse des appréciations et des réclamations. »",
            cannotEvidence:
                "L'analyse qui a conduit aux actions et leur mise en œuvre effective : le plan donne les actions déclarées par l'équipe et, quand une session ultérieure a répondu à la même question, l'effet mesuré ; sans plan fourni, seuls les points d'amélioration.",
            figures: [
                .evidence(
                    .improvementPoints, population: "Sessions avec questionnaire et au moins la taille minimale de réponses",
                    evidence: ["Plan d'amélioration"]),
                .evidence(.pointsWithoutAction, population: "Points d'amélioration de la période", evidence: ["Plan d'amélioration"]),
                .evidence(.lateActions, population: "Actions du plan d'amélioration de la période", evidence: ["Plan d'amélioration"]),
            ]),
    ]

    /// Indicator 8's figure, named for what it checks: the order of the programme's steps
    /// (`prerequisite_violations`), not a positioning at entry.
    static let stepOrderLabel = "Ordre des étapes du programme : prérequis non respectés (ce n'est pas un positionnement à l'entrée)"
}
