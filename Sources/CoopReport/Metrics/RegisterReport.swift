/// The two registers as the report uses them (indicators 31 and 32): the complaints
/// register summarised, and the improvement plan. Built once, read by the sheets,
/// metrics.json and Indicateurs.
public struct RegisterReport: Sendable {
    /// nil: the job gives no complaints register (« registre non fourni »).
    public let complaints: ComplaintSummary?
    public let plan: ImprovementPlan

    /// The registers in the report's scope, joined to the improvement points; an effect is
    /// never measured on a session of `hidden` (its figures hidden by complementary
    /// suppression, although it has enough responses).
    public init(
        _ registers: Registers, points: [Evidence.ImprovementRow], data: Dataset, period: Period, asOf: Day, minGroupSize: Int,
        hidden: Set<SessionKey> = []
    ) {
        let scope = RegisterScope(period: period, catalogue: data.catalogue, asOf: asOf)
        complaints = registers.complaints.map { ComplaintSummary($0, scope: scope) }
        plan = ImprovementPlan(
            points: points, actions: registers.actions, scope: scope, data: data, minGroupSize: minGroupSize, hidden: hidden)
    }
}
