/// « Plan d'amélioration » (Qualiopi indicator 32): every improvement point (`metrics.md`)
/// beside the actions of the register joined to it (`ImprovementPlan`); a point without
/// action, an action past due, and an action's measured effect are said in words. The
/// actions joined to no point follow. Without a register: « registre non fourni ».
enum ImprovementSheet {
    static let name = "Plan d'amélioration"

    static let headers = [
        "Programme", "Session", "Question ou objectif", "n", "Part de satisfaits ou d'atteinte",
        "Commentaires des réponses sous le seuil", "Action", "Responsable", "Échéance", "Statut", "Suivi", "Effet mesuré",
        "Effet constaté (registre)",
    ]

    static let noAction = "aucune action"
    static let late = "en retard"
    static let notGiven = "registre non fourni"
    static let noLaterScore = "non mesuré : aucune session ultérieure n'a noté la même question ou le même objectif"

    static func plan(_ doc: ReportDocument, points: [Evidence.ImprovementRow]) -> SheetPlan {
        var sheet = SheetPlan(name: name)
        let plan = doc.registers?.plan
        let given = plan?.actionsGiven ?? false
        sheet.append(headers.enumerated().map { Cell(.text($1), [3, 4, 8].contains($0) ? .numberHeader : .header) })
        let lines = plan?.points ?? points.map { ImprovementPlan.Point(point: $0, actions: []) }
        for line in lines {
            let p = line.point
            let pointCells: [Cell] = [
                .text(p.session.programme), .text(p.session.code), Cell(.text(p.label), .wrap), .int(p.n), .number(p.satisfied, .percent),
                Cell(.text(p.comments.map { "• " + $0 }.joined(separator: "\n")), .wrap),
            ]
            guard given else {
                sheet.append(pointCells + [.empty, .empty, .empty, .empty, .text(notGiven, .warning)])
                continue
            }
            guard !line.actions.isEmpty else {
                sheet.append(pointCells + [.empty, .empty, .empty, .empty, .text(noAction, .warning)])
                continue
            }
            for entry in line.actions {
                sheet.append(pointCells + actionCells(entry, before: p.satisfied))
            }
        }
        if lines.isEmpty {
            sheet.append([
                .text(
                    "Aucun point d'amélioration : chaque question et chaque objectif atteint la cible (ou son groupe est trop petit pour être montré).",
                    .label)
            ])
        }
        let last = sheet.rows.count - 1
        sheet.append([])
        sheet.append([.text("Actions rapprochées d'aucun point d'amélioration", .label)])
        let second = ["Programme", "Session", "Question ou objectif", "", "", "Origine"] + headers.suffix(7)
        sheet.append(second.enumerated().map { Cell(.text($1), $0 == 8 ? .numberHeader : .header) })
        if !given {
            sheet.append([
                .text(
                    "Registre non fourni : le fichier de tâche ne donne pas de registre des actions d'amélioration (clé « inputs.actions ») ; les points ci-dessus ne sont rapprochés d'aucune action.",
                    .warning)
            ])
        } else if let plan, !plan.unjoined.isEmpty {
            let survey = doc.metrics.survey
            for entry in plan.unjoined {
                let a = entry.action
                sheet.append(
                    [
                        .text(a.programme ?? ""), .text(a.session ?? ""), Cell(.text(targetLabel(a.target, survey: survey)), .wrap), .empty,
                        .empty,
                        Cell(.text(a.origin), .wrap),
                    ] + actionCells(entry, before: nil))
            }
        } else {
            sheet.append([.text("Aucune : chaque action du registre pour la période est rapprochée d'un point ci-dessus.")])
        }
        sheet.frozenRows = 1
        sheet.keyColumns = 2
        sheet.tables = [TablePlan(headerRow: 0, firstColumn: 0, lastRow: max(last, 1), headers: headers)]
        sheet.columnWidths = [11, 8, 28, 6, 10, 40, 36, 15, 11, 11, 12, 24, 24]
        sheet.fitRowHeights()
        sheet.rowHeights[0] = 60
        sheet.pagesWide = 1  // each point and its actions on the same page
        sheet.targetColumns = [4: .satisfactionRate]
        return sheet
    }

    /// Action, owner, due date, status, follow-up, measured effect, noted effect.
    static func actionCells(_ entry: ImprovementPlan.Entry, before: Double?) -> [Cell] {
        let a = entry.action
        var measured = ""
        if let effect = entry.effect, let before {
            measured =
                "effet mesuré : \(percent(before)) → \(percent(effect.satisfied)) (\(effect.place(from: a.programme)), \(effect.start.french))"
        } else if before != nil, a.status == .done {
            measured = noLaterScore
        }
        return [
            Cell(.text("\(a.id) (décidée le \(a.decidedOn.french)) : \(a.description)"), .wrap), Cell(.text(a.owner), .wrap),
            a.dueOn.map { Cell(.date($0)) } ?? .empty, .text(a.status.rawValue), .text(entry.late ? late : "", .warning),
            Cell(.text(measured), .wrap), Cell(.text(a.effect), .wrap),
        ]
    }

    /// « 72 % », as the sheets show a share.
    static func percent(_ x: Double) -> String { "\(Int((x * 100).rounded()))\u{00A0}%" }

    /// A question's label, « Objectif k », or nothing.
    static func targetLabel(_ target: ImprovementAction.Target?, survey: Survey) -> String {
        switch target {
        case .question(let i): survey.questions.indices.contains(i) ? survey.questions[i].label : ""
        case .objective(let k): "Objectif \(k)"
        case nil: ""
        }
    }
}

extension ImprovementPlan.Effect {
    /// The session that measured it: its code within the action's programme, else
    /// programme/session (a later edition).
    func place(from programme: String?) -> String { session.programme == programme ? session.session : session.description }
}
