/// The words a register's closed columns accept (`data-contract.md` §4), French and
/// English, compared ignoring case, accents and punctuation; a job's `values:` map is
/// tried first.
enum RegisterWords {
    static let sources: [String: ComplaintEntry.Source] = keyed([
        "participant": .participant, "participante": .participant, "stagiaire": .participant, "apprenant": .participant,
        "cooperative": .cooperative, "coopérative": .cooperative, "coop": .cooperative, "structure": .cooperative,
        "trainer": .trainer, "formateur": .trainer, "formatrice": .trainer, "intervenant": .trainer,
        "funder": .funder, "financeur": .funder, "opco": .funder,
    ])
    static let natures: [String: ComplaintEntry.Nature] = keyed([
        "réclamation": .complaint, "complaint": .complaint, "plainte": .complaint,
        "difficulté": .difficulty, "difficulty": .difficulty,
        "incident": .incident,
        "aléa": .hazard, "hazard": .hazard,
    ])
    static let complaintStatuses: [String: ComplaintEntry.Status] = keyed([
        "ouverte": .open, "ouvert": .open, "open": .open,
        "en cours": .inProgress, "in progress": .inProgress,
        "close": .closed, "clos": .closed, "clôturée": .closed, "clôturé": .closed, "fermée": .closed, "closed": .closed,
    ])
    static let actionStatuses: [String: ImprovementAction.Status] = keyed([
        "prévue": .planned, "prévu": .planned, "planned": .planned, "à faire": .planned,
        "en cours": .inProgress, "in progress": .inProgress,
        "réalisée": .done, "réalisé": .done, "faite": .done, "done": .done,
        "abandonnée": .abandoned, "abandonné": .abandoned, "abandoned": .abandoned,
    ])

    /// The words each column accepts, for messages.
    static let expected: [String: String] = [
        "source": "participant, coopérative, formateur, financeur",
        "nature": "réclamation, difficulté, incident, aléa",
        "complaint status": "ouverte, en cours, close",
        "action status": "prévue, en cours, réalisée, abandonnée",
    ]

    /// A column's value: the job's map first (its target read with the built-in words),
    /// then the built-in words.
    static func read<T>(_ text: String, column: String, mapping: InputMapping, words: [String: T]) -> T? {
        let key = TextKey.of(text)
        if let target = mapping.words[column]?[key] { return words[TextKey.of(target)] }
        return words[key]
    }

    private static func keyed<T>(_ words: [String: T]) -> [String: T] {
        Dictionary(words.map { (TextKey.of($0.key), $0.value) }, uniquingKeysWith: { first, _ in first })
    }
}
