/// Comparison keys for what people type: headers and labels match trimmed, ignoring case,
/// accents and punctuation (`Date d'inscription` = `date_d_inscription`).
public enum TextKey {
    /// Lower-case letters and digits only, accents removed: `Après-midi` → `apresmidi`.
    public static func of(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if let plain = fold(scalar) {
                out.append(plain)
            }
        }
        return String(out)
    }

    /// The order names are listed in: lower-cased, accents removed, other characters
    /// kept, compared by code point (then the raw text breaks ties). Locale-free, so
    /// every machine sorts alike.
    public static func sortKey(_ text: String) -> String {
        // ASCII (the usual case): lower-case the bytes directly.
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            return String(decoding: text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 32 : $0 }, as: UTF8.self)
        }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar.value < 0x80 {
                out.append(scalar.value >= 0x41 && scalar.value <= 0x5A ? Unicode.Scalar(UInt8(scalar.value + 32)) : scalar)
            } else if scalar.value <= 0x24F, let plain = fold(scalar) {
                out.append(plain)
            } else {
                out.append(contentsOf: String(scalar).lowercased().unicodeScalars)
            }
        }
        return String(out)
    }

    /// Whether `a` is listed before `b` (see `sortKey`).
    public static func precedes(_ a: String, _ b: String) -> Bool {
        let ka = sortKey(a)
        let kb = sortKey(b)
        return ka != kb
            ? ka.unicodeScalars.lexicographicallyPrecedes(kb.unicodeScalars) : a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars)
    }

    private static func fold(_ s: Unicode.Scalar) -> Unicode.Scalar? {
        switch s.value {
        case 0x30...0x39, 0x61...0x7A: return s
        case 0x41...0x5A: return Unicode.Scalar(s.value + 32)
        case 0x80...0x24F:
            // Latin letters with accents: the base letter (a table, so no Foundation on this path).
            switch s {
            case "À", "Á", "Â", "Ã", "Ä", "Å", "à", "á", "â", "ã", "ä", "å", "Ā", "ā", "Ă", "ă", "Ą", "ą", "Ǎ", "ǎ", "Ǟ", "ǟ", "Ǡ", "ǡ",
                "Ǻ", "ǻ", "Ȁ", "ȁ", "Ȃ", "ȃ", "Ȧ", "ȧ":
                return "a"
            case "Ç", "ç", "Ć", "ć", "Ĉ", "ĉ", "Ċ", "ċ", "Č", "č": return "c"
            case "Ď", "ď": return "d"
            case "È", "É", "Ê", "Ë", "è", "é", "ê", "ë", "Ē", "ē", "Ĕ", "ĕ", "Ė", "ė", "Ę", "ę", "Ě", "ě", "Ȅ", "ȅ", "Ȇ", "ȇ", "Ȩ", "ȩ":
                return "e"
            case "Ĝ", "ĝ", "Ğ", "ğ", "Ġ", "ġ", "Ģ", "ģ", "Ǧ", "ǧ", "Ǵ", "ǵ": return "g"
            case "Ĥ", "ĥ", "Ȟ", "ȟ": return "h"
            case "Ì", "Í", "Î", "Ï", "ì", "í", "î", "ï", "Ĩ", "ĩ", "Ī", "ī", "Ĭ", "ĭ", "Į", "į", "İ", "Ǐ", "ǐ", "Ȉ", "ȉ", "Ȋ", "ȋ":
                return "i"
            case "Ĵ", "ĵ", "ǰ": return "j"
            case "Ķ", "ķ", "Ǩ", "ǩ": return "k"
            case "Ĺ", "ĺ", "Ļ", "ļ", "Ľ", "ľ": return "l"
            case "Ñ", "ñ", "Ń", "ń", "Ņ", "ņ", "Ň", "ň", "Ǹ", "ǹ": return "n"
            case "Ò", "Ó", "Ô", "Õ", "Ö", "ò", "ó", "ô", "õ", "ö", "Ō", "ō", "Ŏ", "ŏ", "Ő", "ő", "Ơ", "ơ", "Ǒ", "ǒ", "Ǫ", "ǫ", "Ǭ", "ǭ",
                "Ȍ", "ȍ", "Ȏ", "ȏ", "Ȫ", "ȫ", "Ȭ", "ȭ", "Ȯ", "ȯ", "Ȱ", "ȱ":
                return "o"
            case "Ŕ", "ŕ", "Ŗ", "ŗ", "Ř", "ř", "Ȑ", "ȑ", "Ȓ", "ȓ": return "r"
            case "Ś", "ś", "Ŝ", "ŝ", "Ş", "ş", "Š", "š", "Ș", "ș": return "s"
            case "Ţ", "ţ", "Ť", "ť", "Ț", "ț": return "t"
            case "Ù", "Ú", "Û", "Ü", "ù", "ú", "û", "ü", "Ũ", "ũ", "Ū", "ū", "Ŭ", "ŭ", "Ů", "ů", "Ű", "ű", "Ų", "ų", "Ư", "ư", "Ǔ", "ǔ",
                "Ǖ", "ǖ", "Ǘ", "ǘ", "Ǚ", "ǚ", "Ǜ", "ǜ", "Ȕ", "ȕ", "Ȗ", "ȗ":
                return "u"
            case "Ŵ", "ŵ": return "w"
            case "Ý", "ý", "ÿ", "Ŷ", "ŷ", "Ÿ", "Ȳ", "ȳ": return "y"
            case "Ź", "ź", "Ż", "ż", "Ž", "ž": return "z"
            case "œ", "Œ": return "o"
            case "æ", "Æ": return "a"
            case "ß": return "s"
            default: return nil
            }
        default:
            return nil
        }
    }
}
