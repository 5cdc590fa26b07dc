import Foundation

/// Where the vault file lives on iOS: its own directory in Application
/// Support (not Documents: never shown in the Files app), with
///
/// - **file protection complete**: the directory is created with
///   `FileProtectionType.complete`, so the files in it are encrypted with
///   a key iOS discards ten seconds after the phone locks. The vault
///   replaces its file by writing `vault.ramz.tmp` and renaming it, so the
///   protection is set on the directory, whose new files take its class,
///   and re-applied to what is in it at every `prepare()`; an app should
///   also set the `com.apple.developer.default-data-protection`
///   entitlement to `NSFileProtectionComplete` (ios/Ramz does).
/// - **excluded from backup**: on the directory, which covers every file
///   renamed into it later (a per-file flag would be lost at the first
///   rename). Restored onto another phone the vault could not open
///   anyway: its keys are `ThisDeviceOnly`. The portable backup is the
///   app's encrypted export.
///
/// The path goes to the core as a string (`Authenticator.create(path:...)`
/// and `open(path:...)`, or the app's `VaultPlace`).
public struct VaultDirectory: Sendable {
    /// The vault's directory.
    public let directory: URL

    /// The vault file.
    public var vaultFile: URL { directory.appendingPathComponent("vault.ramz", isDirectory: false) }

    /// What the core takes.
    public var vaultPath: String { vaultFile.path }

    /// - Parameter name: the directory's name in Application Support.
    public init(name: String = "Ramz") throws {
        let support = try FileManager.default.url(
            for: .applicationSupportDirectory, in: .userDomainMask, appropriateFor: nil, create: true)
        self.init(directory: support.appendingPathComponent(name, isDirectory: true))
    }

    /// A vault directory at `directory` (tests).
    public init(directory: URL) {
        self.directory = directory
    }

    /// Creates the directory when missing and (re)applies protection and
    /// the backup exclusion to it and to every file in it. Call before
    /// handing the path to the core.
    public func prepare() throws {
        let files = FileManager.default
        try files.createDirectory(
            at: directory, withIntermediateDirectories: true,
            attributes: [.protectionKey: FileProtectionType.complete])
        try files.setAttributes([.protectionKey: FileProtectionType.complete], ofItemAtPath: directory.path)
        var excluded = URLResourceValues()
        excluded.isExcludedFromBackup = true
        var dir = directory
        try dir.setResourceValues(excluded)
        for name in try files.contentsOfDirectory(atPath: directory.path) {
            let path = directory.appendingPathComponent(name).path
            try files.setAttributes([.protectionKey: FileProtectionType.complete], ofItemAtPath: path)
        }
    }

    /// A vault file is there.
    public var vaultExists: Bool {
        FileManager.default.fileExists(atPath: vaultFile.path)
    }

    /// Deletes the vault directory (the person deleted the vault; delete
    /// its keys too: `SecureEnclaveKeystore.deleteAll()`).
    public func deleteAll() throws {
        guard FileManager.default.fileExists(atPath: directory.path) else { return }
        try FileManager.default.removeItem(at: directory)
    }

    /// True on the first launch after an install. iOS deletes an app's
    /// files and preferences when it is removed but keeps its Keychain
    /// items, so keys of an earlier install are still there: a fresh
    /// install with no vault should `deleteAll()` the keystore. The marker
    /// is in `defaults`; `markInstalled(in:)` sets it.
    public func isFreshInstall(in defaults: UserDefaults = .standard) -> Bool {
        !defaults.bool(forKey: Self.installedKey)
    }

    /// Records that this install has started once.
    public func markInstalled(in defaults: UserDefaults = .standard) {
        defaults.set(true, forKey: Self.installedKey)
    }

    private static let installedKey = "ir.ramz.installed"
}
