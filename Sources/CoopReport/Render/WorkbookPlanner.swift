/// The whole workbook as plans, in tab order (`reports.md`, "Workbook content"; the
/// evidence sheets of the Qualiopi report when the options ask for them).
public enum WorkbookPlanner {
    public static func plan(_ doc: ReportDocument) -> [SheetPlan] {
        let m = doc.metrics
        let options = doc.options
        // The certificates' workbook: the pages to print, then what to check before sending them.
        if options.certificates, let certificates = doc.certificates {
            return CertificatesSheet.plans(certificates, doc) + ListSheets.rejects(doc) + ListSheets.warnings(doc)
        }
        // The longest lists (rejected rows, alerts) are laid out on the other core meanwhile.
        let lists = Background { ListSheets.rejects(doc) + ListSheets.warnings(doc) }
        let people = People(options)
        var sheets = [SummarySheet.plan(doc)]
        sheets += [
            GroupSheet.sessions(m), GroupSheet.programmes(m), GroupSheet.cooperatives(m), GroupSheet.months(m, options),
            SatisfactionSheet.plan(m), ObjectivesSheet.plan(m),
        ]
        // The cooperatives' own workbooks, listed and linked, after the Coopératives sheet.
        if let parts = doc.cooperativeParts { sheets.insert(CooperativeWorkbook.list(parts, doc), at: 4) }
        // Analyse: the breakdown and the comparison the run asked for, beside the standard sheets.
        if let analysis = AnalysisSheet.plan(doc) { sheets.insert(analysis, at: 1) }
        // À froid: whenever the job gives cold evaluations, and in the evidence report
        // without them too (« non fourni »).
        if doc.cold != nil || options.evidence { sheets.append(ColdSheet.plan(doc)) }
        let comments = ListSheets.comments(m)
        sheets += comments
        SummarySheet.noteSplits(comments, in: &sheets[0])
        if let e = doc.evidence, options.participantSheets {
            let detail = EvidenceSheets.attendance(e, people: people, paths: doc.paths) + EvidenceSheets.journeys(e, people: people)
            sheets += detail
            SummarySheet.noteSplits(detail, in: &sheets[0])
            if options.evidence {
                sheets += [ComplaintsSheet.plan(doc), ImprovementSheet.plan(doc, points: e.improvements)]
            }
        }
        if options.evidence { sheets.append(CatalogueSheet.plan(m)) }
        if let bpf = doc.bpf { sheets.append(BPFSheet.plan(bpf, doc)) }
        let listPlans = lists.take()
        sheets += listPlans
        SummarySheet.noteSplits(listPlans, in: &sheets[0])
        sheets.append(MethodSheet.plan(m, evidenceFigures: options.evidence))
        // Indicateurs comes second but is planned last: it links only to sheets that exist.
        if options.evidence { sheets.insert(IndicatorsSheet.plan(doc, sheetNames: sheets.map(\.name)), at: 1) }
        // A rate that misses its target shows at a glance, wherever it is.
        for i in sheets.indices { sheets[i].highlightTargets(options) }
        return sheets
    }
}
