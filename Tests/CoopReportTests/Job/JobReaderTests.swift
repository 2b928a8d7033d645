import Testing

@testable import CoopReport

@Suite("JobReader")
struct JobReaderTests {
    let full = """
        version: 1
        inputs:
          catalogue: ../input/catalogue.yml
          registrations:
            path: exports/inscriptions-*.csv
            separator: ";"
            encoding: windows-1252
            columns:
              "Événement": programme
              "État de l'inscription": status
            values:
              status: {"Confirmée": registered, "En attente": waitlisted}
              attendance: {"Venu(e)": present}
          evaluations:
            path: /data/survey.csv
            questions:
              - {header: "Êtes-vous satisfait(e) ?", column: overall, label: "Satisfaction globale"}
            answers: {"Plutôt satisfait(e)": 4}
        period: {from: 2022-06-01, to: 2022-06-30}
        output: ../output/june
        """

    @Test("reads inputs, mappings and period; paths resolve from the job's folder; defaults apply")
    func reads() throws {
        let job = try JobReader.parse(full, path: "/srv/coop/jobs/june.yml")
        #expect(job.catalogue == "/srv/coop/input/catalogue.yml")
        #expect(job.registrations.pattern == "/srv/coop/jobs/exports/inscriptions-*.csv")
        #expect(job.evaluations.pattern == "/data/survey.csv")
        #expect(job.output == "/srv/coop/output/june")
        let m = job.registrations.mapping
        #expect(m.separator == UInt8(ascii: ";"))
        #expect(m.encoding == .windows1252)
        #expect(m.columns == [TextKey.of("Événement"): "programme", TextKey.of("État de l'inscription"): "status"])
        #expect(m.status == ["confirmee": .registered, "enattente": .waitlisted])
        #expect(m.attendance == ["venue": .present])
        let e = job.evaluations.mapping
        #expect(e.questions == [Survey.Question(column: "overall", label: "Satisfaction globale")])
        #expect(e.columns[TextKey.of("Êtes-vous satisfait(e) ?")] == "overall")
        #expect(e.answers == ["plutotsatisfaite": 4])
        #expect(job.period == .fixed(Period(from: Fixtures.day("2022-06-01"), to: Fixtures.day("2022-06-30"))))
        #expect(job.minGroupSize == 3)
        #expect(job.maxRejectRate == 0.05)
        #expect(job.asOf == nil)
        let request = ReportRequest(job: job, asOf: nil, today: Fixtures.day("2026-11-27"))
        #expect(request.asOf == Fixtures.day("2022-06-30"))  // the period's end
    }

    @Test("an unknown key names its path, its line and the nearest valid key")
    func unknownKey() {
        let text = full.replacingOccurrences(of: "    columns:\n      \"Événement\"", with: "    colums:\n      \"Événement\"")
        #expect(
            throws: JobError.invalid(
                path: "j.yml", line: 8, keyPath: "inputs.registrations.colums",
                message:
                    "clé inconnue « colums » (vouliez-vous dire « columns » ?) ; attendu : l'une de path, sheet, separator, encoding, columns, values"
            )
        ) {
            try JobReader.parse(text, path: "j.yml")
        }
    }

    @Test("a rename to a column that does not exist is refused before anything runs")
    func badRename() throws {
        let text = full.replacingOccurrences(of: "\"État de l'inscription\": status", with: "\"État de l'inscription\": statut")
        let error = #expect(throws: JobError.self) { try JobReader.parse(text, path: "j.yml") }
        #expect(
            error?.description.contains(
                "inputs.registrations.columns.État de l'inscription : « État de l'inscription » est renommé en « statut », qui n'est pas une colonne de « registrations » (vouliez-vous dire « status » ?)"
            ) == true)
    }

    @Test(
        "version, values and period are checked",
        arguments: [
            ("version: 1", "version: 2", "la version 2 n'est pas prise en charge"),
            ("separator: \";\"", "separator: \"|\"", "« | » n'est pas un séparateur"),
            ("\"Confirmée\": registered", "\"Confirmée\": inscrit", "« inscrit » n'est pas un statut"),
            (
                "period: {from: 2022-06-01, to: 2022-06-30}", "period: {from: 2022-06-30, to: 2022-06-01}",
                "« to » (2022-06-01) est antérieur à « from »"
            ),
            (
                "period: {from: 2022-06-01, to: 2022-06-30}", "period: {programme: P, to: 2022-06-30}",
                "soit « programme », soit « from »/« to »"
            ),
            ("output: ../output/june", "", "clé « output » absente"),
        ])
    func checks(original: String, replacement: String, message: String) {
        let error = #expect(throws: JobError.self) {
            try JobReader.parse(full.replacingOccurrences(of: original, with: replacement), path: "j.yml")
        }
        #expect(error?.description.contains(message) == true, "\(error?.description ?? "")")
    }

    @Test("a programme period keeps only that programme's sessions")
    func programmePeriod() throws {
        let text = full.replacingOccurrences(of: "period: {from: 2022-06-01, to: 2022-06-30}", with: "period: {programme: Q}")
        let job = try JobReader.parse(text, path: "j.yml")
        let period = job.period.resolve(today: Fixtures.day("2026-11-27"))
        #expect(period.programme == "Q")
        let m = Fixtures.metrics([Fixtures.reg("P/A", "p1"), Fixtures.reg("Q/Q1", "p1")], period: period)
        #expect(m.sessions.map { $0.session.key.description } == ["Q/Q1"])
        #expect(m.programmes.map(\.programme.code) == ["Q"])
    }
}

@Suite("Targets in the job")
struct JobTargetTests {
    let base = Fixtures.jobHead

    @Test("targets: override the defaults; satisfaction follows target_satisfaction unless set")
    func targets() throws {
        let job = try JobReader.parse(
            base + "target_satisfaction: 0.75\ntargets: {attendance_rate: 0.95, dropout_rate: 0.1}\n", path: "/srv/j.yml")
        let o = job.options
        #expect(o.target(.attendanceRate) == 0.95)
        #expect(o.target(.dropoutRate) == 0.1)
        #expect(o.target(.satisfactionRate) == 0.75)
        #expect(o.target(.objectivesMetRate) == 0.75)
        #expect(o.target(.responseRate) == ReportOptions.defaultTargets[.responseRate])
        #expect(o.target(.participants) == nil)
        #expect(Metric.dropoutRate.targetIsCeiling && !Metric.attendanceRate.targetIsCeiling)
    }

    @Test("a target that is not a rate, or not a fraction, stops the job with its line")
    func badTargets() {
        for text in ["targets: {participants: 0.5}\n", "targets: {attendance_rate: 90}\n"] {
            #expect(throws: JobError.self) { try JobReader.parse(base + text, path: "/srv/j.yml") }
        }
    }
}
