/// Journeys (`metrics.md`, « Journeys »): one per (programme, participant) with a
/// `registered` registration, for every programme with a session in the period, over all
/// of the programme's registrations whatever the period.
extension MetricsCalculator {
    struct Journeys {
        struct Group {
            var tally = JourneyTally()
            /// Distinct people.
            var participants = 0
        }
        var programmes: [(Programme, Group)] = []
        var overallParticipants = 0
        /// The « à vérifier » journeys: (programme, step code) → how many lack that step's attendance.
        var unverified: [(step: Session, count: Int)] = []
    }

    /// The journeys of `programmes`, each also counted in its cooperative's tally (journey
    /// counts, and `participants` as distinct people).
    func journeys(
        of programmes: [Programme], in data: Dataset, index: ParticipantIndex, into cooperatives: inout CooperativeTallies
    ) -> Journeys {
        var out = Journeys()
        var people = IDSet(capacity: data.pool.count)
        let journeyCount = programmes.reduce(0) { n, p in
            n + (data.sessions.programmeNumber(p.code).map { index.registered[Int($0)].count } ?? 0)
        }
        var coopPeople = IntMap(capacity: journeyCount)
        var steps: [JourneyStep.State] = []
        for p in programmes {
            guard let programme = data.sessions.programmeNumber(p.code) else { continue }
            let mandatory = p.mandatorySessions
            let numbers = mandatory.map { data.sessions.find($0.key) ?? -1 }
            let ended = p.hasEnded(at: asOf)
            var group = Journeys.Group()
            var unverifiedSteps = [Int](repeating: 0, count: numbers.count)
            for participant in index.registered[Int(programme)] {
                steps.removeAll(keepingCapacity: true)
                for n in numbers { steps.append(index.step(participant, session: n)) }
                let outcome = JourneyOutcome.of(steps, programmeEnded: ended)
                let coop = index.cooperative(of: participant, programme: programme) ?? -1
                group.tally.add(outcome, programmeEnded: ended)
                group.participants += 1
                if people.insert(participant) { out.overallParticipants += 1 }
                let new = coopPeople.insert(UInt64(UInt32(bitPattern: coop)) << 32 | UInt64(UInt32(bitPattern: participant)))
                cooperatives.update(coop) { t in
                    t.journeys = t.journeys ?? JourneyTally()
                    t.journeys?.add(outcome, programmeEnded: ended)
                    if new { t.participants += 1 }
                }
                if outcome == .unverified {
                    for (k, s) in steps.enumerated() where s == .unrecorded { unverifiedSteps[k] += 1 }
                }
            }
            out.programmes.append((p, group))
            for (k, count) in unverifiedSteps.enumerated() where count > 0 {
                out.unverified.append((mandatory[k], count))
            }
        }
        return out
    }
}
