import Foundation
import ZIPFoundation

/// What a file given as a workbook really is, from its first bytes, for the message when
/// it cannot be read as an `.xlsx` (docs/decisions.md, « .xlsx inputs »): an empty file, a
/// password-protected workbook (an encrypted OOXML package is an OLE2 compound file, `D0 CF
/// 11 E0`, holding an `EncryptedPackage` stream), an old `.xls`, an `.ods` renamed, a page
/// of HTML or a CSV renamed, or a damaged zip.
enum WorkbookKind {
    /// The first `count` bytes of the file (fewer when it is shorter; empty when unreadable).
    static func firstBytes(_ path: String, _ count: Int) -> Data {
        guard let handle = FileHandle(forReadingAtPath: path) else { return Data() }
        defer { try? handle.close() }
        return (try? handle.read(upToCount: count)) ?? Data()
    }

    /// An OLE2 compound file: an old binary Office file (`.xls`) or an encrypted workbook.
    static func isOLE(_ path: String) -> Bool { firstBytes(path, 4) == Data([0xD0, 0xCF, 0x11, 0xE0]) }

    /// Whether an OLE2 file holds an `EncryptedPackage` stream (its name in UTF-16LE is in
    /// the compound file's directory), looked for in the first 64 MB.
    static func isEncrypted(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let name = Data("EncryptedPackage".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        var carry = Data()
        for _ in 0..<64 {
            guard let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty else { return false }
            let window = carry + chunk
            if window.range(of: name) != nil { return true }
            carry = window.suffix(name.count)
        }
        return false
    }

    /// The error for an OLE2 file given where a workbook is read.
    static func oleError(path: String) -> IngestError {
        if isEncrypted(path) {
            return .badWorkbook(
                path: path,
                reason:
                    "ce classeur est protégé par un mot de passe (chiffré) et ne peut pas être lu ; ouvrez-le dans Excel, retirez le mot de passe (Fichier > Informations > Protéger le classeur > Chiffrer avec mot de passe, puis effacez-le) et enregistrez-le, ou exportez-le en CSV"
            )
        }
        let named = URL(fileURLWithPath: path).pathExtension.lowercased() == "xls"
        return .unsupportedFormat(
            path: path, format: named ? "Excel 97-2003 (.xls)" : "Excel 97-2003 (.xls) et les classeurs protégés par mot de passe")
    }

    /// The error for a file named `.xlsx` that is not a zip archive.
    static func notZip(path: String) -> IngestError {
        let head = firstBytes(path, 512)
        if head.isEmpty {
            return .badWorkbook(
                path: path, reason: "le fichier est vide (0 octet) : l'export a échoué ou a été interrompu ; exportez-le de nouveau")
        }
        let text = String(decoding: head, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if text.hasPrefix("<") {
            return .badWorkbook(
                path: path,
                reason:
                    "ce n'est pas un classeur .xlsx mais une page HTML ou du XML (certains sites exportent ainsi un faux « Excel ») ; ouvrez-le dans Excel et enregistrez-le en « Classeur Excel (.xlsx) » ou en CSV"
            )
        }
        if !head.contains(0), !text.unicodeScalars.contains(where: { $0 == "\u{FFFD}" }) {
            return .badWorkbook(
                path: path,
                reason:
                    "ce n'est pas un classeur .xlsx mais du texte (\(quoted(String(text.prefix(40))))…) : si c'est un CSV, renommez-le en .csv"
            )
        }
        let hex = head.prefix(4).map { String(format: "%02X", $0) }.joined(separator: " ")
        return .badWorkbook(
            path: path,
            reason:
                "ce n'est ni un classeur .xlsx (une archive zip, PK…) ni un fichier Office connu (premiers octets : \(hex)) ; exportez-le de nouveau en .xlsx ou en CSV"
        )
    }

    /// The error for a zip archive that ZIPFoundation cannot open.
    static func unreadable(path: String) -> IngestError {
        .badWorkbook(
            path: path,
            reason:
                "l'archive zip du classeur est tronquée ou abîmée (sa table des fichiers, à la fin, manque) : le fichier a sans doute été coupé pendant un envoi ou un export ; exportez-le de nouveau"
        )
    }

    /// The error for a zip archive without `xl/workbook.xml`: an OpenDocument file renamed
    /// (`mimetype` says so, or it has `content.xml`), or some other zip.
    static func notWorkbook(path: String, archive: Archive) -> IngestError {
        var mimetype = Data()
        if let entry = archive["mimetype"], entry.uncompressedSize < 256 {
            _ = try? archive.extract(entry, skipCRC32: true) { mimetype.append($0) }
        }
        if String(decoding: mimetype, as: UTF8.self).contains("opendocument") || archive["content.xml"] != nil {
            return .unsupportedFormat(path: path, format: "OpenDocument (.ods), même renommés en .xlsx,")
        }
        return .badWorkbook(
            path: path,
            reason: "c'est une archive zip mais pas un classeur .xlsx (xl/workbook.xml manque) ; exportez-le de nouveau en .xlsx")
    }
}
