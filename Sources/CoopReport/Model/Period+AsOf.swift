extension Period {
    /// Why `asOf` cannot close this period's figures: it falls before the period's first
    /// day, when nothing of the period has happened yet. Nil: it can.
    public func asOfProblem(_ asOf: Day) -> String? {
        guard let from, asOf < from else { return nil }
        return
            "la date d'arrêté \(asOf.french) est antérieure au premier jour de la période, le \(from.french) (\(french)) : aucun chiffre de la période n'existe encore à cette date"
    }
}
