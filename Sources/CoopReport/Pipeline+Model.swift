/// The model of a run: the datasets the figures are computed from.
struct Datasets {
    /// The registrations and the (hot) evaluations, de-duplicated.
    let data: Dataset
    /// The cold evaluations, when the job gives them.
    let cold: Dataset?
    /// One alert per cooperative name of the exports that no member bears (`DatasetBuilder.match`).
    var unknownCooperatives: [Diagnostic] = []

    /// Rows dated after the as-of date, left out of every figure: the datasets', then the
    /// registers' (`ReadInputs.lateRegisterRows`).
    func lateRows(registers: [LateRows]) -> [LateRows] { data.late + (cold?.late ?? []) + registers }
}

extension Pipeline {
    /// [3/5] model: the datasets built, their cooperatives matched to the member list when
    /// the job gives one (`listName`: its file as a person reads it). The builders'
    /// duplicate indexes go with them: only the datasets live on.
    func model(_ builders: consuming Builders, members: MemberList?, listName: String, clock: inout StageClock) -> Datasets {
        let cold = builders.cold?.build()
        var builder = (consume builders).data
        let unknown = members.map { builder.match($0, listName: listName) } ?? []
        let data = builder.build()
        logger.info(
            "[3/5] données : \(plural(data.registrations.count, "inscription")), \(plural(data.responses.count, "réponse")), \(plural(data.warnings.count, "alerte")) (doublons, champs illisibles) (\(clock.lap()))"
        )
        if let members {
            logger.info(
                "[3/5] adhérents : \(plural(members.members.count, "adhérent")) dans \(listName), \(plural(unknown.count, "coopérative absente", "coopératives absentes")) de la liste"
            )
        }
        var datasets = Datasets(data: data, cold: cold)
        datasets.unknownCooperatives = unknown
        return datasets
    }
}
