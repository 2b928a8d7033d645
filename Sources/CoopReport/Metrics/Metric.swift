/// A figure of `metrics.md` (version 2). Each case owns its identifier (the JSON key), its
/// French label and definition, its unit, the groups that carry it, whether small groups
/// hide it, and the names of its numerator and denominator; `Figures` computes it from a
/// `Tally`. Sheets, metrics.json, the Qualiopi indicators, the highlights and the README
/// table all take a `Metric`, so a misspelt figure does not compile.
public enum Metric: String, CaseIterable, Sendable {
    case registered, cancelled, waitlisted
    case cancellationRate = "cancellation_rate"
    case present, absent, unrecorded
    case attendanceRate = "attendance_rate"
    case projectsDone = "projects_done"
    case projectsNotDone = "projects_not_done"
    case projectRate = "project_rate"
    case hoursTrainee = "hours_trainee"
    case fillRate = "fill_rate"
    case revenueHT = "revenue_ht"
    case prerequisiteViolations = "prerequisite_violations"
    case participants
    case responses
    case responseRate = "response_rate"
    case satisfactionRate = "satisfaction_rate"
    case objectivesMetRate = "objectives_met_rate"
    case nps
    case started, completed, dropped, unverified
    case completionRate = "completion_rate"
    case dropoutRate = "dropout_rate"

    /// How the value is shown.
    public enum Unit: Sendable {
        case count, rate, hours, euros
        /// Net Promoter Score (−100…100) or a mean on the survey scale.
        case score
    }

    /// Which groups carry the figure.
    public enum Scope: Sendable {
        /// Sessions, programmes, cooperatives, months and overall.
        case everyGroup
        /// Programmes, cooperatives and overall (participant journeys).
        case journeys
    }

    /// The JSON key and the Méthode sheet's identifier.
    public var id: String { rawValue }

    public var unit: Unit {
        switch self {
        case .attendanceRate, .projectRate, .fillRate, .responseRate, .satisfactionRate, .objectivesMetRate, .completionRate,
            .dropoutRate, .cancellationRate:
            .rate
        case .hoursTrainee: .hours
        case .revenueHT: .euros
        case .nps: .score
        case .registered, .cancelled, .waitlisted, .present, .absent, .unrecorded, .projectsDone, .projectsNotDone,
            .prerequisiteViolations, .participants, .responses, .started, .completed, .dropped, .unverified:
            .count
        }
    }

    public var scope: Scope {
        switch self {
        case .started, .completed, .dropped, .unverified, .completionRate, .dropoutRate: .journeys
        case .registered, .cancelled, .waitlisted, .present, .absent, .unrecorded, .attendanceRate, .projectsDone,
            .projectsNotDone, .projectRate, .hoursTrainee, .fillRate, .revenueHT, .prerequisiteViolations, .participants,
            .responses, .responseRate, .satisfactionRate, .objectivesMetRate, .nps, .cancellationRate:
            .everyGroup
        }
    }

    /// A satisfaction figure: hidden for a group with fewer responses than the minimum
    /// group size, and « sans questionnaire » for a group none of whose sessions has one.
    public var isSatisfaction: Bool { self == .satisfactionRate || self == .objectivesMetRate || self == .nps }

    /// Compared with the job's `target_satisfaction`: shown in red below it.
    public var hasTarget: Bool { self == .satisfactionRate || self == .objectivesMetRate }

    /// A rate whose target is a ceiling (flagged above it) rather than a floor.
    public var targetIsCeiling: Bool { self == .dropoutRate }

    public var label: String {
        switch self {
        case .registered: "Inscrits"
        case .cancelled: "Annulations"
        case .waitlisted: "Liste d'attente"
        case .cancellationRate: "Taux d'annulation"
        case .present: "Présents"
        case .absent: "Absents"
        case .unrecorded: "Présence non saisie"
        case .attendanceRate: "Taux de présence"
        case .projectsDone: "Projets réalisés"
        case .projectsNotDone: "Projets non réalisés"
        case .projectRate: "Taux de réalisation des projets"
        case .hoursTrainee: "Heures-stagiaires"
        case .fillRate: "Taux de remplissage"
        case .revenueHT: "Chiffre d'affaires HT"
        case .prerequisiteViolations: "Prérequis non respectés"
        case .participants: "Participants"
        case .responses: "Réponses"
        case .responseRate: "Taux de réponse"
        case .satisfactionRate: "Taux de satisfaction"
        case .objectivesMetRate: "Objectifs atteints"
        case .nps: "NPS"
        case .started: "Parcours commencés"
        case .completed: "Parcours terminés"
        case .dropped: "Abandons"
        case .unverified: "Parcours à vérifier"
        case .completionRate: "Taux d'achèvement"
        case .dropoutRate: "Taux d'abandon"
        }
    }

    public var definition: String {
        switch self {
        case .registered: "Inscriptions au statut « inscrit » (toutes sessions, phase projet comprise)."
        case .cancelled: "Inscriptions au statut « annulé »."
        case .waitlisted: "Inscriptions au statut « liste d'attente »."
        case .cancellationRate:
            "Annulations / toutes les inscriptions du groupe (inscrit, annulé, liste d'attente), phase projet comprise. Vide s'il n'y en a aucune."
        case .present: "Inscrits à une session animée (hors phase projet) dont la présence est « présent » ou « partiel »."
        case .absent: "Inscrits à une session animée dont la présence est « absent » (non venus)."
        case .unrecorded: "Inscrits à une session animée terminée à la date d'arrêté dont la présence n'est pas renseignée."
        case .attendanceRate: "Présents / (présents + absents), sur les sessions animées. Vide si aucun des deux."
        case .projectsDone: "Inscrits à la phase projet dont le projet est réalisé (présence « présent » ou « partiel »)."
        case .projectsNotDone: "Inscrits à la phase projet dont le projet n'est pas réalisé (présence « absent »)."
        case .projectRate: "Projets réalisés / (réalisés + non réalisés)."
        case .hoursTrainee:
            "Somme, sur les inscrits, des heures suivies quand elles sont saisies ; sinon la durée de la session si présent (× demi-journées / 2 en émargement par demi-journée), la moitié si partiel, 0 si absent ou non saisi."
        case .fillRate: "Inscrits / capacité, sur les sessions dont la capacité est connue. Vide sinon."
        case .revenueHT: "Inscrits × prix HT de la session, sur les sessions dont le prix est connu. Vide sinon."
        case .prerequisiteViolations:
            "Inscriptions (statut inscrit) à une session à prérequis dont le participant n'a pas suivi chaque session requise (projet réalisé pour la phase projet). Chacune est listée dans la feuille Alertes (« prérequis non respecté »)."
        case .participants:
            "Personnes distinctes : inscrites (statut inscrit) aux sessions du groupe ; pour un programme, une coopérative et l'ensemble, ayant un parcours (une personne inscrite à deux programmes compte une fois)."
        case .responses:
            "Réponses au questionnaire à chaud. Un identifiant de réponse répété, ou une personne identifiée qui répond deux fois à la même session, compte une fois (la dernière réponse l'emporte : soumise plus tard, sinon plus bas dans le fichier)."
        case .responseRate:
            "Réponses / présents, sur les sessions avec questionnaire. Peut dépasser 100 % (signalé comme anomalie). « sans questionnaire » si aucune session du groupe n'en a."
        case .satisfactionRate:
            "Part des réponses à la question « Satisfaction globale » égales ou supérieures au seuil de satisfaction (4 sur 5)."
        case .objectivesMetRate:
            "Part de toutes les réponses aux questions d'objectifs de la session égales ou supérieures au seuil de satisfaction."
        case .nps: "100 × (réponses 9–10 − réponses 0–6) / réponses à la question de recommandation."
        case .started: "Parcours dont la première étape (session obligatoire, par date) est suivie."
        case .completed: "Parcours commencés dont chaque étape est suivie (projet réalisé pour la phase projet)."
        case .dropped:
            "Parcours commencés d'un programme terminé à la date d'arrêté, non terminés, dont une étape manque pour une raison saisie : absent, projet non réalisé, inscription annulée ou en liste d'attente, pas d'inscription."
        case .unverified:
            "Parcours commencés d'un programme terminé, ni terminés ni abandonnés : chaque étape manquante est une inscription dont la présence n'est pas saisie (à vérifier)."
        case .completionRate: "Parcours terminés / parcours commencés."
        case .dropoutRate:
            "Abandons / parcours commencés, sur les programmes terminés à la date d'arrêté ; « en cours » tant qu'aucun ne l'est."
        }
    }

    /// The figure's rate parts in a group's tally (`value = numerator / denominator`), for a
    /// rate and the NPS; nil for a count or an amount. Suppression does not change them.
    func ratio(in t: Tally) -> Figures.Ratio? {
        func r(_ n: Int, _ d: Int) -> Figures.Ratio { Figures.Ratio(numerator: Double(n), denominator: Double(d)) }
        switch self {
        case .cancellationRate: return r(t.cancelled, t.cancelled + t.registered + t.waitlisted)
        case .attendanceRate: return r(t.present, t.present + t.absent)
        case .projectRate: return r(t.projectsDone, t.projectsDone + t.projectsNotDone)
        case .fillRate: return r(t.registeredWithCapacity, t.capacity)
        case .responseRate: return r(t.responses, t.presentSurveyed)
        case .satisfactionRate: return t.questions.first.map { r($0.satisfied, $0.n) }
        case .objectivesMetRate: return r(t.objectivesMet, t.objectiveAnswers)
        case .nps: return r(t.promoters - t.detractors, t.recommendAnswers)
        case .completionRate: return t.journeys.map { r($0.completed, $0.started) }
        case .dropoutRate: return t.journeys.map { r($0.dropped, $0.endedStarted) }
        case .registered, .cancelled, .waitlisted, .present, .absent, .unrecorded, .projectsDone, .projectsNotDone, .hoursTrainee,
            .revenueHT, .prerequisiteViolations, .participants, .responses, .started, .completed, .dropped, .unverified:
            return nil
        }
    }

    /// The value of a figure that is not a rate: a count, hours or euros (nil: no price known).
    func amount(in t: Tally) -> Double? {
        let j = t.journeys ?? JourneyTally()
        switch self {
        case .registered: return Double(t.registered)
        case .cancelled: return Double(t.cancelled)
        case .waitlisted: return Double(t.waitlisted)
        case .present: return Double(t.present)
        case .absent: return Double(t.absent)
        case .unrecorded: return Double(t.unrecorded)
        case .projectsDone: return Double(t.projectsDone)
        case .projectsNotDone: return Double(t.projectsNotDone)
        case .hoursTrainee: return t.hoursTrainee
        case .revenueHT: return t.priced ? t.revenueHT : nil
        case .prerequisiteViolations: return Double(t.prerequisiteViolations)
        case .participants: return Double(t.participants)
        case .responses: return Double(t.responses)
        case .started: return Double(j.started)
        case .completed: return Double(j.completed)
        case .dropped: return Double(j.dropped)
        case .unverified: return Double(j.unverified)
        case .attendanceRate, .projectRate, .fillRate, .responseRate, .satisfactionRate, .objectivesMetRate, .nps, .completionRate,
            .dropoutRate, .cancellationRate:
            return nil
        }
    }

    /// A rate's value from its parts: × 100 for the NPS (−100…100).
    func value(of r: Figures.Ratio) -> Double? { r.value.map { self == .nps ? $0 * 100 : $0 } }

    /// Still « en cours »: the dropout rate while none of the group's programmes has ended
    /// (a group with no journey at all just has no rate).
    func inProgress(_ t: Tally) -> Bool {
        guard self == .dropoutRate, let j = t.journeys else { return false }
        return !j.anyEnded && j.journeys > 0
    }

    /// Depends on the questionnaire: « sans questionnaire » for a group none of whose
    /// sessions has one (the satisfaction figures and the response rate).
    var needsSurvey: Bool { isSatisfaction || self == .responseRate }

    /// What the numerator and denominator count, for a rate (and the NPS).
    public var parts: (numerator: String, denominator: String)? {
        switch self {
        case .cancellationRate: ("Annulations", "Inscriptions (tous statuts)")
        case .attendanceRate: ("Présents", "Présents + absents")
        case .projectRate: ("Projets réalisés", "Réalisés + non réalisés")
        case .fillRate: ("Inscrits (sessions à capacité connue)", "Capacité")
        case .responseRate: ("Réponses", "Présents (sessions avec questionnaire)")
        case .satisfactionRate: ("Réponses satisfaites", "Réponses à la question")
        case .objectivesMetRate: ("Réponses « atteint »", "Réponses aux objectifs")
        case .nps: ("Promoteurs − détracteurs", "Réponses à la recommandation")
        case .completionRate: ("Terminés", "Commencés")
        case .dropoutRate: ("Abandons (programmes terminés)", "Commencés (programmes terminés)")
        case .registered, .cancelled, .waitlisted, .present, .absent, .unrecorded, .projectsDone, .projectsNotDone, .hoursTrainee,
            .revenueHT, .prerequisiteViolations, .participants, .responses, .started, .completed, .dropped, .unverified:
            nil
        }
    }

    /// The groups of the README table.
    public var groups: String { scope == .everyGroup ? "all" : "programmes, cooperatives, overall" }
}

/// The per-question figures of the Satisfaction sheet and of `questions` in the JSON.
public enum QuestionFigure: String, CaseIterable, Sendable {
    case n, mean, satisfied

    public var label: String {
        switch self {
        case .n: "Nombre de réponses (n)"
        case .mean: "Moyenne"
        case .satisfied: "Part de satisfaits"
        }
    }

    public var definition: String {
        switch self {
        case .n: "Réponses données à la question."
        case .mean: "Moyenne des réponses données, sur l'échelle du questionnaire."
        case .satisfied: "Part des réponses égales ou supérieures au seuil de satisfaction."
        }
    }

    public var isSatisfaction: Bool { self != .n }
    public var parts: (numerator: String, denominator: String)? { self == .satisfied ? ("Réponses satisfaites", "n") : nil }
}
