import Testing

@testable import CoopReport

@Suite("ValueParser")
struct ValueParserTests {
    @Test(
        "dates in the four accepted shapes",
        arguments: [
            ("2022-06-30", "2022-06-30"), ("30/06/2022", "2022-06-30"), ("30/06/2022 14:05", "2022-06-30T14:05:00"),
            ("2022-06-30T14:05:09", "2022-06-30T14:05:09"), ("2022-06-30T14:05:09Z", "2022-06-30T14:05:09"),
            ("2022-06-30T14:05:09.250+02:00", "2022-06-30T14:05:09"), ("1/6/2022", "2022-06-01"),
            ("2022/06/30 3:49:23 PM UTC+1", "2022-06-30T15:49:23"), ("2022/06/30 12:05:00 AM UTC+2", "2022-06-30T00:05:00"),
            ("2022/06/30 12:05:00 PM GMT", "2022-06-30T12:05:00"), ("2022/06/30", "2022-06-30"),
        ])
    func dates(text: String, iso: String) {
        #expect(ValueParser.timestamp(text)?.iso == iso)
    }

    @Test(
        "impossible or unknown dates are refused",
        arguments: [
            "31/02/2022", "2022-13-01", "demain", "30/06/2022 25:10", "06-30-2022", "2022/06/30 13:00:00 PM UTC+1",
            "2022/06/30 3:49:23 PM UTC+x", "30/06/22",
        ])
    func badDates(text: String) {
        #expect(ValueParser.timestamp(text) == nil)
    }

    @Test("numbers with a decimal comma or point")
    func numbers() {
        #expect(ValueParser.number("3,5") == 3.5)
        #expect(ValueParser.number(" 7 ") == 7)
        #expect(ValueParser.number("7 h") == nil)
        #expect(ValueParser.number("nan") == nil)
        #expect(ValueParser.integer("4.0") == 4)
        #expect(ValueParser.integer("4,5") == nil)
    }

    @Test("scale answers: integers on the scale and the five French labels, any case or accent")
    func scale() {
        let s = Survey.standard.scale
        #expect(ValueParser.scaleAnswer("5", scale: s) == 5)
        #expect(ValueParser.scaleAnswer("TRÈS SATISFAIT", scale: s) == 5)
        #expect(ValueParser.scaleAnswer("tres satisfait", scale: s) == 5)
        #expect(ValueParser.scaleAnswer("Satisfait", scale: s) == 4)
        #expect(ValueParser.scaleAnswer("Moyennement satisfait", scale: s) == 3)
        #expect(ValueParser.scaleAnswer("Peu satisfait", scale: s) == 2)
        #expect(ValueParser.scaleAnswer("Pas du tout satisfait", scale: s) == 1)
        #expect(ValueParser.scaleAnswer("7", scale: s) == nil)
        #expect(ValueParser.scaleAnswer("0", scale: s) == nil)
        #expect(ValueParser.scaleAnswer("bof", scale: s) == nil)
    }

    @Test("statuses and attendance in English and French")
    func words() {
        #expect(ValueParser.status("Inscrit") == .registered)
        #expect(ValueParser.status("annulé") == .cancelled)
        #expect(ValueParser.status("Liste d'attente") == .waitlisted)
        #expect(ValueParser.status("peut-être") == nil)
        #expect(ValueParser.attendance("Présent") == .present)
        #expect(ValueParser.attendance("partiel") == .partial)
        #expect(ValueParser.attendance("ABSENT") == .absent)
        #expect(ValueParser.halfDay("présent") == true)
        #expect(ValueParser.halfDay("oui") == nil)
    }
}
