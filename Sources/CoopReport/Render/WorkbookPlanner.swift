/// The whole workbook as plans, in tab order (`reports.md`, "Workbook content").
public enum WorkbookPlanner {
    public static func plan(_ doc: ReportDocument) -> [SheetPlan] {
        let m = doc.metrics
        return [
            SummarySheet.plan(doc),
            GroupSheet.sessions(m),
            GroupSheet.programmes(m),
            GroupSheet.cooperatives(m),
            GroupSheet.months(m),
            SatisfactionSheet.plan(m),
            ObjectivesSheet.plan(m),
            ListSheets.comments(m),
            ListSheets.prerequisites(m),
            ListSheets.rejects(doc),
            ListSheets.warnings(doc),
            MethodSheet.plan(m),
        ]
    }
}
