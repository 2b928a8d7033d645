/// The model of a run: the datasets the figures are computed from.
struct Datasets {
    /// The registrations and the (hot) evaluations, de-duplicated.
    let data: Dataset
    /// The cold evaluations, when the job gives them.
    let cold: Dataset?

    /// Rows dated after the as-of date, left out of every figure: the datasets', then the
    /// registers' (`ReadInputs.lateRegisterRows`).
    func lateRows(registers: [LateRows]) -> [LateRows] { data.late + (cold?.late ?? []) + registers }
}

extension Pipeline {
    /// [3/5] model: the datasets built. The builders' duplicate indexes go with them: only
    /// the datasets live on.
    func model(_ builders: consuming Builders, clock: inout StageClock) -> Datasets {
        let cold = builders.cold?.build()
        let data = (consume builders).data.build()
        logger.info(
            "[3/5] données : \(plural(data.registrations.count, "inscription")), \(plural(data.responses.count, "réponse")), \(plural(data.warnings.count, "alerte")) (doublons, champs illisibles) (\(clock.lap()))"
        )
        return Datasets(data: data, cold: cold)
    }
}
