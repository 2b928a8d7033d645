import Foundation

/// Why the system refused a file operation, in French: the C library and Foundation say it
/// in English (`Permission denied`), and a person reads it in an error that stops the run.
enum SystemReason {
    /// The reason for an `errno` value: the common ones in French, the others as the
    /// system words them.
    static func of(errno code: Int32) -> String {
        switch code {
        case EACCES, EPERM: "permission refusée"
        case ENOENT: "fichier ou dossier introuvable"
        case ENOTDIR: "un élément du chemin n'est pas un dossier"
        case EISDIR: "c'est un dossier"
        case EROFS: "système de fichiers en lecture seule"
        case ENOSPC: "plus de place sur le disque"
        case EDQUOT: "quota de disque dépassé"
        case EEXIST: "existe déjà"
        case ELOOP: "lien symbolique"
        case ENAMETOOLONG: "nom de fichier trop long"
        case EMFILE, ENFILE: "trop de fichiers ouverts"
        case EIO: "erreur d'entrée-sortie du disque"
        default: String(cString: strerror(code))
        }
    }

    /// The reason for a thrown error: its POSIX code when it carries one, else its own words.
    static func of(_ error: Error) -> String {
        let ns = error as NSError
        if ns.domain == NSPOSIXErrorDomain { return of(errno: Int32(ns.code)) }
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return of(errno: Int32(underlying.code))
        }
        switch CocoaError.Code(rawValue: ns.code) {
        case .fileNoSuchFile, .fileReadNoSuchFile: return of(errno: ENOENT)
        case .fileReadNoPermission, .fileWriteNoPermission: return of(errno: EACCES)
        case .fileWriteVolumeReadOnly: return of(errno: EROFS)
        case .fileWriteOutOfSpace: return of(errno: ENOSPC)
        default: return ns.localizedDescription
        }
    }
}
