extension BPF {
    /// The BPF of the period (a calendar year): its sessions are those of `metrics`, taken
    /// by start date, so hours count in the year they were taught (docs/decisions.md, « BPF »).
    ///
    /// A trainee is one participant in one programme (an action) with hours followed in the
    /// period's sessions; one with none (only the project phase, absent) is left out and
    /// counted in `zeroHourTrainees`. Their F-1 line follows the role of their last row in
    /// that programme in the period, by (file, line).
    public static func compute(_ data: Dataset, metrics: MetricsResult, settings: Settings) -> BPF {
        var sessionOf = [Session?](repeating: nil, count: data.sessions.keys.count)
        for s in metrics.sessions { if let n = data.sessions.find(s.session.key) { sessionOf[Int(n)] = s.session } }

        struct Trainee {
            var row = RowPlace(file: .min, line: .min)
            var line = Line.a
            var hours = 0.0
            var remote = 0.0
        }
        struct Pair: Hashable {
            let programme: String
            let participant: Int32
        }
        var trainees: [Pair: Trainee] = [:]
        var lineOfRole: [Int32: Line] = [:]
        var revenue: [PayerLine: Double] = [:]
        var unassigned = 0.0
        var payersMet: [String: String] = [:]  // TextKey → first text met
        var rolesMet: Set<String> = []
        var payerOf: [UInt16: (text: String, key: String)] = [:]
        var remoteSessions: Set<Int32> = []
        // The attendance record, apart from F-1's trainees (`present`, `estimated`).
        var presentPairs: Set<Pair> = []
        var presentHours = 0.0
        var estimated = Count()
        for r in data.registrationRows {
            // A cancelled or waitlisted registration is neither a trainee nor invoiced.
            guard let session = sessionOf[Int(r.session)], r.status == .registered else { continue }
            let line =
                lineOfRole[r.role]
                ?? {
                    let role = TextKey.of(data.pool.string(r.role))
                    rolesMet.insert(role)
                    let found = settings.roles[role] ?? settings.defaultLine
                    lineOfRole[r.role] = found
                    return found
                }()
            let key = Pair(programme: session.programme, participant: r.participant)
            var t = trainees[key] ?? Trainee()
            // The last row by (file, line), as everywhere (`RowPlace`).
            if t.row <= RowPlace(r) {
                t.row = RowPlace(r)
                t.line = line
            }
            let hours = r.hoursTrainee(sessionHours: session.hours)
            t.hours += hours
            if r.isPresent && session.isTaught {
                presentPairs.insert(key)
                presentHours += hours
            }
            if r.hoursAreEstimated || r.hoursDropped { estimated = estimated + Count(trainees: 1, hours: hours) }
            if session.kind == .remote, hours > 0 {
                t.remote += hours
                remoteSessions.insert(r.session)
            }
            trainees[key] = t
            // C: the session's price per invoiced registration, on its payer's line.
            guard let price = session.priceHT, !settings.invoicePresentOnly || r.isPresent else { continue }
            // A handful of payers: each one's text and key made once, like the roles' lines.
            let (payer, payerKey) =
                payerOf[r.payer]
                ?? {
                    let text = data.payer(r)
                    payerOf[r.payer] = (text, TextKey.of(text))
                    return (text, TextKey.of(text))
                }()
            if !payer.isEmpty, payersMet[payerKey] == nil { payersMet[payerKey] = payer }
            if let target = payer.isEmpty ? settings.defaultPayer : settings.payers[payerKey] {
                revenue[target, default: 0] += price
            } else {
                unassigned += price
            }
        }

        let counted = trainees.filter { $0.value.hours > 0 }
        func count(_ group: some Collection<Trainee>) -> Count {
            Count(trainees: group.count, hours: group.reduce(0) { $0 + $1.hours })
        }
        let f1 = Line.allCases.map { line in (line: line, count: count(counted.values.filter { $0.line == line })) }
        let remote = counted.values.filter { $0.remote > 0 }
        let byProgramme = Dictionary(grouping: counted, by: \.key.programme).mapValues { count($0.map(\.value)) }
        let programmes = byProgramme.keys.sorted()

        let f3 = Objective.allCases.map { o in
            (line: o, count: programmes.filter { settings.objectives[$0] == o }.reduce(Count()) { $0 + (byProgramme[$1] ?? Count()) })
        }
        var specialities: [String: (label: String, count: Count)] = [:]
        var f4Missing: [String] = []
        for code in programmes {
            guard let nsf = data.catalogue.programme(code)?.nsf, let c = NSF.code(of: nsf) else {
                f4Missing.append(code)
                continue
            }
            let label = specialities[c]?.label.isEmpty == false ? specialities[c]?.label ?? "" : NSF.label(of: nsf)
            specialities[c] = (label, (specialities[c]?.count ?? Count()) + (byProgramme[code] ?? Count()))
        }
        // The five main specialities by hours (then code), the rest as « Autres spécialités ».
        let ranked = specialities.map { Speciality(code: $0.key, label: $0.value.label, count: $0.value.count) }
            .sorted { ($0.count.hours, $1.code) > ($1.count.hours, $0.code) }

        let payerKeys = Set(settings.payers.keys)
        return BPF(
            remoteSessions: remoteSessions.count,
            revenue: PayerLine.allCases.map { Revenue(line: $0, amount: revenue[$0] ?? 0) },
            revenueUnassigned: unassigned,
            unmappedPayers: payersMet.filter { !payerKeys.contains($0.key) }.map(\.value).sorted().map { value in
                (value, Nearest.match(value, in: settings.payers.keys.compactMap { settings.payerTexts[$0] }.sorted()))
            },
            unusedPayers: settings.payers.keys.filter { payersMet[$0] == nil }.compactMap { settings.payerTexts[$0] }.sorted(),
            unusedRoles: settings.roles.keys.filter { !rolesMet.contains($0) }.map { settings.roleTexts[$0] ?? $0 }.sorted(),
            presentOnly: settings.invoicePresentOnly, defaultLine: settings.defaultLine,
            trainers: trainerFrame(metrics, settings),
            f1: f1, f1Remote: Count(trainees: remote.count, hours: remote.reduce(0) { $0 + $1.remote }),
            periodHours: metrics.overall.tally.hoursTrainee,
            present: Count(trainees: presentPairs.count, hours: presentHours), estimated: estimated,
            zeroHourTrainees: trainees.count - counted.count,
            f2: settings.subcontracted, f3: f3, f3Missing: programmes.filter { settings.objectives[$0] == nil },
            f4: Array(ranked.prefix(5)), f4Others: ranked.dropFirst(5).reduce(Count()) { $0 + $1.count }, f4Missing: f4Missing,
            g: settings.entrusted)
    }

    /// E: each trainer of a taught session of the period that someone attended gives its
    /// hours (several trainers of one session each give them all: the face-to-face time),
    /// by status. A session nobody attended dispensed no hour.
    static func trainerFrame(_ metrics: MetricsResult, _ settings: Settings) -> [Trainers] {
        var hours: [String: Double] = [:]
        for s in metrics.sessions where s.session.kind != .action && s.session.hours > 0 && (s.figures.value(.present) ?? 0) > 0 {
            for name in s.session.trainers { hours[name, default: 0] += s.session.hours }
        }
        let statuses: [TrainerStatus?] = settings.trainers == nil ? [nil] : TrainerStatus.allCases.map { $0 }
        return statuses.map { status in
            let people = hours.filter { settings.trainers?[$0.key] == status }
            return Trainers(status: status, people: people.count, hours: people.values.reduce(0, +))
        }
    }
}
