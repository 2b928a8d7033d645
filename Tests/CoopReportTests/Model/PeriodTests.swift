import Foundation
import Testing

@testable import CoopReport

@Suite("Period")
struct PeriodTests {
    let d = Fixtures.day

    @Test(
        "the previous month of a run date, across the year boundary and in leap years",
        arguments: [
            ("2023-01-01", "2022-12-01", "2022-12-31"), ("2022-12-31", "2022-11-01", "2022-11-30"),
            ("2022-03-31", "2022-02-01", "2022-02-28"), ("2024-03-01", "2024-02-01", "2024-02-29"),
            ("2022-07-15", "2022-06-01", "2022-06-30"),
        ])
    func previousMonth(run: String, from: String, to: String) {
        #expect(Period.previousMonth(of: d(run)) == Period(from: d(from), to: d(to)))
    }

    @Test("the run date is read in Paris: 23:30 UTC on 31 December is already January there")
    func parisDate() throws {
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = try #require(TimeZone(identifier: "UTC"))
        let newYearsEve = try #require(utc.date(from: DateComponents(year: 2022, month: 12, day: 31, hour: 23, minute: 30)))
        #expect(ParisCalendar.day(at: newYearsEve) == d("2023-01-01"))
        #expect(PeriodRule.previousMonth.resolve(today: ParisCalendar.day(at: newYearsEve)) == Period.month(of: d("2022-12-01")))
        let summer = try #require(utc.date(from: DateComponents(year: 2022, month: 6, day: 30, hour: 22, minute: 30)))  // UTC+2
        #expect(ParisCalendar.day(at: summer) == d("2022-07-01"))
    }

    @Test("--period overrides the rule; labels name folders and files")
    func overrideAndLabels() {
        #expect(PeriodRule.previousMonth.resolve(today: d("2026-11-27"), month: d("2022-06-01")) == Period.month(of: d("2022-06-15")))
        #expect(Period.month(of: d("2022-06-15")).label == "2022-06")
        #expect(Period(from: d("2022-06-01"), to: d("2022-06-15")).label == "2022-06-01_2022-06-15")
        #expect(Period(programme: "FVC-2122").label == "FVC-2122")
        #expect(Period(from: d("2022-01-01"), to: d("2022-12-31")).label == "2022")  // a calendar year
        #expect(Period(from: d("2022-01-01"), to: d("2023-12-31")).label == "2022-01-01_2023-12-31")
        #expect(Period().label == "tout")
    }

    @Test("the trend covers twelve months ending with the reported one")
    func trend() {
        #expect(Period.trailingMonths(12, endingAt: d("2022-06-30")) == Period(from: d("2021-07-01"), to: d("2022-06-30")))
        #expect(Period.trailingMonths(12, endingAt: d("2023-01-31")) == Period(from: d("2022-02-01"), to: d("2023-01-31")))
    }

    @Test("a monthly job names its folder and files after the month and shows a twelve-month trend")
    func monthlyRequest() throws {
        let job = try JobReader.parse(
            """
            version: 1
            inputs: {catalogue: c.yml, registrations: r.csv, evaluations: e.csv}
            period: previous_month
            name: rapport-mensuel
            trend_months: 12
            output: out/{period}
            """, path: "/srv/jobs/monthly.yml")
        let request = ReportRequest(job: job, asOf: nil, today: d("2023-01-01"))
        #expect(request.period == Period(from: d("2022-12-01"), to: d("2022-12-31")))
        #expect(request.asOf == d("2022-12-31"))
        #expect(request.outputDirectory == "/srv/jobs/out/2022-12")
        #expect(request.names.workbook == "rapport-mensuel-2022-12.xlsx")
        #expect(request.names.manifest == "rapport-mensuel-2022-12-manifest.json")
        #expect(request.trend == Period(from: d("2022-01-01"), to: d("2022-12-31")))
        let m = Fixtures.metrics([Fixtures.reg("P/A", "p1")], period: Period.month(of: d("2022-04-01")))
        #expect(m.months.map(\.month) == ["2022-04"])  // no trend: the period's months only
        let trended = MetricsCalculator(
            period: Period.month(of: d("2022-04-01")), asOf: d("2022-04-30"),
            trend: Period.trailingMonths(12, endingAt: d("2022-04-30"))
        )
        .compute(Dataset(catalogue: Fixtures.catalogue, registrations: [Fixtures.reg("P/A", "p1")], responses: []))
        #expect(trended.months.count == 12)
        #expect(trended.months.first { $0.month == "2022-01" }?.figures.value(.registered) == 1)  // A, outside April
        #expect(trended.overall.value(.registered) == 0)  // but not in the April figures
    }
}
