import Foundation
import Ramz

/// `Effect.storeSettings`: the app's preferences (not secret: language,
/// auto-lock delay, biometric unlock on/off, backup bookkeeping) in
/// `UserDefaults`, given back in `Event.start` at the next launch. Values
/// are stored as they are; the core checks what it reads back.
final class SettingsStore {
    private let defaults: UserDefaults
    private let key = "ir.ramz.settings"

    init(defaults: UserDefaults = .standard) {
        self.defaults = defaults
    }

    func save(_ settings: Ramz.Settings) {
        var plist: [String: Any] = [
            "lang": Self.tag(settings.lang),
            "autoLockSeconds": Int(settings.autoLockSeconds),
            "biometrics": settings.biometrics,
            "accountsAtLastBackup": Int(settings.accountsAtLastBackup),
            "addedSinceBackup": Int(settings.addedSinceBackup),
        ]
        if let last = settings.lastBackupUnix { plist["lastBackupUnix"] = NSNumber(value: last) }
        defaults.set(plist, forKey: key)
    }

    private static func tag(_ lang: Lang) -> String {
        switch lang {
        case .fa: return "fa"
        case .en: return "en"
        }
    }

    /// What the last `save` stored, or nil on a fresh install (or when
    /// what is there is not a complete record).
    func load() -> Ramz.Settings? {
        guard let plist = defaults.dictionary(forKey: key),
              let lang = plist["lang"] as? String,
              let autoLock = plist["autoLockSeconds"] as? Int,
              let biometrics = plist["biometrics"] as? Bool,
              let atLast = plist["accountsAtLastBackup"] as? Int,
              let added = plist["addedSinceBackup"] as? Int else { return nil }
        return Ramz.Settings(
            lang: lang == Self.tag(.en) ? .en : .fa,
            autoLockSeconds: UInt32(clamping: autoLock),
            biometrics: biometrics,
            lastBackupUnix: (plist["lastBackupUnix"] as? NSNumber)?.uint64Value,
            accountsAtLastBackup: UInt32(clamping: atLast),
            addedSinceBackup: UInt32(clamping: added))
    }
}
