/// The kind of an input file, as the job names it under `inputs:`. The raw value is that
/// key, which metrics.json, manifest.json (`role`) and rejects.csv (`role`) write.
/// The cases are in the job's order, which is also the order inputs are read and listed.
public enum InputKind: String, CaseIterable, Sendable {
    case catalogue, registrations, evaluations, complaints, actions, cold, members

    /// The kind as a person reads it (Synthèse): « inscriptions », « évaluations »…
    public var french: String {
        switch self {
        case .catalogue: "catalogue"
        case .registrations: "inscriptions"
        case .evaluations: "évaluations"
        case .cold: "évaluations à froid"
        case .complaints: "réclamations"
        case .actions: "actions d'amélioration"
        case .members: "liste des adhérents"
        }
    }

    /// A questionnaire export (the evaluations, hot or cold): mapped with `questions` and
    /// `answers`, and read with the same columns, `objective_N` included.
    public var isSurvey: Bool {
        switch self {
        case .evaluations, .cold: true
        case .catalogue, .registrations, .complaints, .actions, .members: false
        }
    }

    /// A hand-kept register (indicators 31 and 32): not held to `max_reject_rate` (a few
    /// rows, each bad one listed), and its sessions named by `programme` and `session` only.
    public var isRegister: Bool {
        switch self {
        case .complaints, .actions: true
        case .catalogue, .registrations, .evaluations, .cold, .members: false
        }
    }

    /// An export whose rejected share of rows the job's `max_reject_rate` bounds.
    public var isHeldToRejectRate: Bool {
        switch self {
        case .registrations, .evaluations, .cold: true
        case .catalogue, .complaints, .actions, .members: false
        }
    }

    /// The alert for a file of this kind with a header and no row, when that is allowed
    /// (the surveys: no answer yet); nil when it is not said (a registrations export with
    /// no row stops the run, `IngestError.noRows`).
    var emptyFileWarning: String? {
        switch self {
        case .evaluations:
            "aucune réponse dans ce fichier (un en-tête et aucune ligne) : tous les chiffres de satisfaction sont vides"
        case .cold: "aucune réponse dans ce fichier (un en-tête et aucune ligne) : tous les chiffres à froid sont vides"
        case .members:
            "aucun adhérent dans ce fichier (un en-tête et aucune ligne) : chaque coopérative des exports est signalée comme absente de la liste"
        case .catalogue, .registrations, .complaints, .actions: nil
        }
    }

    /// The value maps (`values:`) a job may give for this kind: the session maps, then the
    /// words of its own columns. None for the member list: its columns are free text.
    var valueMaps: [String] {
        switch self {
        case .catalogue, .members: []
        case .registrations: ["programme", "session", "event", "status", "attendance", "role"]
        case .evaluations, .cold: ["programme", "session", "event"]
        case .complaints: ["programme", "session", "source", "nature", "status"]
        case .actions: ["programme", "session", "status"]
        }
    }
}
