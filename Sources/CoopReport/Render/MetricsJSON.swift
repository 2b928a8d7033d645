/// `metrics.json` (schema in docs/metrics-json.md): the workbook's figures, keyed by the
/// identifiers of `metrics.md`.
public enum MetricsJSON {
    public static let schemaVersion = 3

    public static func document(_ doc: ReportDocument) -> JSONValue {
        let m = doc.metrics
        return .object(
            [
                ("schema_version", .int(schemaVersion)),
                ("tool_version", .string(doc.toolVersion)),
                (
                    "period",
                    .object([
                        ("from", m.period.from.map { .string($0.iso) } ?? .null),
                        ("to", m.period.to.map { .string($0.iso) } ?? .null),
                        ("programme", m.period.programme.map(JSONValue.string) ?? .null),
                    ])
                ),
                ("as_of", .string(m.asOf.iso)),
                ("min_group_size", .int(m.minGroupSize)),
                (
                    "survey",
                    .object([
                        (
                            "scale",
                            .object([
                                ("min", .int(m.survey.scale.min)), ("max", .int(m.survey.scale.max)),
                                ("satisfied_from", .int(m.survey.scale.satisfiedFrom)),
                            ])
                        ),
                        ("questions", .array(m.survey.questions.map { .string($0.column) })),
                    ])
                ),
                ("overall", group([], m.overall, survey: m.survey)),
                (
                    "sessions",
                    .array(
                        m.sessions.map {
                            group(
                                [
                                    ("programme", .string($0.session.programme)), ("session", .string($0.session.code)),
                                    ("title", .string($0.session.title)), ("start", .string($0.session.start.iso)),
                                ], $0.figures, survey: m.survey)
                        })
                ),
                (
                    "programmes",
                    .array(m.programmes.map { group([("programme", .string($0.programme.code))], $0.figures, survey: m.survey) })
                ),
                ("cooperatives", .array(m.cooperatives.map { group([("cooperative", .string($0.name))], $0.figures, survey: m.survey) })),
            ] + withoutRegistrations(m) + [
                ("months", .array(m.months.map { group([("month", .string($0.month))], $0.figures, survey: m.survey) }))
            ] + analysis(doc) + [
                ("rejects", .object([InputKind.registrations, .evaluations].map { ($0.rawValue, .int(doc.rejected($0))) })),
                ("warnings", .int(doc.warnings.count)),
                ("registers", registers(doc)),
                ("cold", cold(doc.cold, rejected: doc.rejected(.cold))),
            ])
    }

    /// « Coopératives sans inscrit » (docs/metrics-json.md): each member with no registered
    /// participant in the period, with its department and region; absent without a member
    /// list, which alone says which cooperatives exist.
    static func withoutRegistrations(_ m: MetricsResult) -> [(String, JSONValue)] {
        guard let members = m.cooperativesWithoutRegistrations else { return [] }
        return [
            (
                "cooperatives_without_registrations",
                .array(
                    members.map {
                        .object([("name", .string($0.name)), ("department", .string($0.department)), ("region", .string($0.region))])
                    })
            )
        ]
    }

    /// The groupings every document has: a breakdown by one of them is that array already.
    static let standardArrays: Set<String> = ["sessions", "programmes", "cooperatives", "months"]

    /// What the run asked beyond the standard report (docs/metrics-json.md, « Analyses »):
    /// the filter and the responses it could not attribute, one array per breakdown (named
    /// by the dimension's plural, each group named by the dimension's id, with every figure
    /// key of `overall`), and the other period's overall figures.
    static func analysis(_ doc: ReportDocument) -> [(String, JSONValue)] {
        let m = doc.metrics
        var members: [(String, JSONValue)] = [
            (
                "filter",
                .object(m.filter.conditions.map { ($0.dimension.id, .array($0.values.map(JSONValue.string))) })
            ),
            ("left_out", .object([("responses", .int(m.leftOut.responses))])),
        ]
        for table in m.breakdowns where !standardArrays.contains(table.grouping.jsonKey) {
            members.append((table.grouping.jsonKey, breakdown(table, survey: m.survey)))
        }
        members.append(
            (
                "comparison",
                doc.compared.map { c in
                    .object([
                        (
                            "period",
                            .object([
                                ("from", c.period.from.map { .string($0.iso) } ?? .null),
                                ("to", c.period.to.map { .string($0.iso) } ?? .null),
                                ("programme", c.period.programme.map(JSONValue.string) ?? .null),
                            ])
                        ),
                        ("overall", group([], c.overall, survey: m.survey)),
                    ])
                } ?? .null
            ))
        return members
    }

    /// A breakdown's groups: each named under its dimensions' ids (`role`, `cooperative`).
    static func breakdown(_ table: FigureTable, survey: Survey) -> JSONValue {
        .array(
            table.groups.map { g in
                group(zip(table.grouping.dimensions, g.names).map { ($0.id, .string($1)) }, g.figures, survey: survey)
            })
    }

    /// The cold evaluations (docs/metrics-json.md, « cold »): `null` when the job gives none.
    /// Each rate is followed by its numerator and denominator; a hidden share (fewer cold
    /// responses than `min_group_size`) is `null` with its numerator, its denominator stays.
    static func cold(_ report: ColdReport?, rejected: Int) -> JSONValue {
        guard let report else { return .null }
        func rate(_ id: String, _ r: Figures.Ratio, hidden: Bool = false, empty: Bool = false) -> [(String, JSONValue)] {
            [
                (id, .number(hidden || empty ? nil : r.value)), (id + "_numerator", .number(hidden || empty ? nil : r.numerator)),
                (id + "_denominator", .number(empty ? nil : r.denominator)),
            ]
        }
        let sessions: [JSONValue] = report.sessions.map { s in
            let objectives: [JSONValue] = s.objectives.map { o in
                .object([
                    ("number", .int(o.number)), ("hot_n", .int(o.hotN)), ("hot_met", s.hotHidden ? .null : .int(o.hotMet)),
                    ("hot_met_rate", .number(s.hotHidden || o.hotN == 0 ? nil : Double(o.hotMet) / Double(o.hotN))),
                    ("cold_n", .int(o.coldN)), ("cold_applied", s.coldSuppressed || !s.answered ? .null : .int(o.coldApplied)),
                    ("cold_applied_rate", .number(s.coldSuppressed || o.coldN == 0 ? nil : Double(o.coldApplied) / Double(o.coldN))),
                ])
            }
            return .object(
                [
                    ("programme", .string(s.session.programme)), ("session", .string(s.session.code)), ("present", .int(s.present)),
                    ("cold_responses", .int(s.responses)), ("answered", .bool(s.answered)),
                ] + rate("cold_response_rate", s.responseRate, empty: !s.answered)
                    + rate("cold_objectives_applied_rate", s.appliedRate, hidden: s.coldSuppressed, empty: !s.answered) + [
                        ("suppressed", .bool(s.coldSuppressed)), ("objectives", .array(objectives)),
                    ])
        }
        return .object(
            [("cold_responses", .int(report.responses)), ("present", .int(report.present))]
                + rate("cold_response_rate", report.responseRate)
                + rate("cold_objectives_applied_rate", report.appliedRate, hidden: report.suppressed) + [
                    ("suppressed", .bool(report.suppressed)), ("rejected", .int(rejected)), ("sessions", .array(sessions)),
                ])
    }

    /// The registers of indicators 31 and 32 (docs/metrics-json.md, « registers »): `null`
    /// for a register the job does not give.
    static func registers(_ doc: ReportDocument) -> JSONValue {
        func counts(_ c: ComplaintSummary.Counts) -> [(String, JSONValue)] {
            [
                ("entries", .int(c.entries)), ("open", .int(c.open)), ("closed", .int(c.closed)),
                ("open_over_30_days", .int(c.overdue)), ("median_days_to_close", .number(c.medianDaysToClose)),
                ("mean_days_to_close", .number(c.meanDaysToClose)),
            ]
        }
        let complaints: JSONValue =
            doc.registers?.complaints.map { summary in
                .object(
                    counts(summary.total) + [
                        ("by_nature", .object(summary.byNature.map { (Self.natureID($0.nature), .object(counts($0.counts))) })),
                        ("rejected", .int(doc.rejected(.complaints))),
                    ])
            } ?? .null
        let plan = doc.registers?.plan
        let actions: JSONValue =
            plan.map { plan in
                guard plan.actionsGiven else { return .null }
                let all = plan.actions
                return .object([
                    ("actions", .int(all.count)), ("late", .int(plan.lateActions)),
                    ("done", .int(all.filter { $0.action.status == .done }.count)),
                    ("joined_to_points", .int(all.count - plan.unjoined.count)),
                    ("effects_measured", .int(plan.points.flatMap(\.actions).filter { $0.effect != nil }.count)),
                    ("rejected", .int(doc.rejected(.actions))),
                ])
            } ?? .null
        return .object([
            ("complaints", complaints), ("actions", actions), ("improvement_points", .int(plan?.points.count ?? 0)),
            ("points_without_action", plan?.actionsGiven == true ? .int(plan?.pointsWithoutAction ?? 0) : .null),
        ])
    }

    /// A nature's identifier in metrics.json.
    static func natureID(_ nature: ComplaintEntry.Nature) -> String {
        switch nature {
        case .complaint: "complaint"
        case .difficulty: "difficulty"
        case .incident: "incident"
        case .hazard: "hazard"
        }
    }

    /// One group: its keys, then each applicable figure (null when empty or hidden); a rate
    /// (and the NPS) is followed by its `…_numerator` and `…_denominator`, so that groups
    /// can be summed and the rate recomputed (null where the workbook hides them).
    static func group(_ keys: [(String, JSONValue)], _ f: Figures, survey: Survey) -> JSONValue {
        var members = keys
        for metric in Metric.allCases where f.applies(metric) {
            let v = f.value(metric)
            members.append((metric.id, metric.unit == .count ? v.map { .int(Int($0)) } ?? .null : .number(v)))
            if metric.parts != nil {
                let parts = f.shownParts(metric)
                members.append((metric.id + "_numerator", .number(parts?.numerator)))
                members.append((metric.id + "_denominator", .number(parts?.denominator)))
            }
        }
        members.append(
            (
                "questions",
                .object(
                    survey.questions.enumerated().map { i, q in
                        let (n, mean, satisfied) = f.question(i)
                        let satisfiedCount = f.questionSatisfied(i).map(JSONValue.int) ?? .null
                        return (
                            q.column,
                            .object([
                                ("n", .int(n)), ("mean", .number(mean)), ("satisfied", .number(satisfied)),
                                ("satisfied_numerator", satisfiedCount),
                            ])
                        )
                    })
            ))
        members.append(("surveyed", .bool(f.surveyed)))
        members.append(("suppressed", .bool(f.suppressed)))
        members.append(("suppressed_by", f.suppression.map { .string($0.rawValue) } ?? .null))
        return .object(members)
    }
}
