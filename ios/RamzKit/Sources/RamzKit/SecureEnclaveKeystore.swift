import CryptoKit
import Foundation
import LocalAuthentication
import Ramz
import Security

/// The vault's `DeviceKeystore` on iOS: one P-256 key-agreement key per
/// alias the vault names (`keystoreAlias(key:)`), made and used inside this
/// phone's Secure Enclave, or, where there is none (the simulator), kept as
/// a Keychain item; wrapping is ECDH + HKDF + AES-256-GCM (`WrappedBytes`).
///
/// - `.device(id:)`: one generation of the key that wraps the vault's
///   device secret. The vault creates a new one on every counted wrong
///   PIN, PIN change and wipe and deletes the previous one right after;
///   each `create`/`delete` is one synchronous Keychain write, durable
///   when it returns, so an older copy of the vault file meets a deleted
///   key (`.KeyInvalidated`) and does not open. No prompt: the PIN is the
///   user check.
/// - `.biometric`: the enclave key is made with `.biometryCurrentSet`, so
///   every unwrap needs Face ID / Touch ID, and a new enrolment
///   invalidates it for good; the domain state at creation is kept with
///   it and a changed one is reported as `.KeyInvalidated` before the
///   enclave is even asked.
/// - `.legacyDevice`: the fixed key of vaults made before key rotation.
///   No earlier iOS app shipped, so there is never one here: unwrap
///   reports `.KeyInvalidated` and delete succeeds (the vault then
///   deletes the alias, as its upgrade path does).
///
/// Everything lives in the Keychain as `WhenUnlockedThisDeviceOnly`
/// items, never in the app's files: neither in a backup nor on another
/// phone, and restoring files cannot bring a deleted key back. Keychain
/// items outlive an uninstall; call `deleteAll()` when a new install
/// finds no vault (`VaultDirectory.isFreshInstall`), or when the vault is
/// deleted.
///
/// Thread safety: the vault calls it from its worker thread with its own
/// lock held; the only mutable state (a handed-over `LAContext`) is
/// behind a lock.
public final class SecureEnclaveKeystore: DeviceKeystore, @unchecked Sendable {
    /// Keychain service of the key records.
    public static let defaultService = "ir.ramz.vault"

    private let records: KeychainItems
    private let secrets: KeychainItems
    private let useEnclave: Bool
    private let prompt: String?
    private let lock = NSLock()
    private var handedOver: LAContext?

    /// - Parameters:
    ///   - service: the Keychain service name (one per vault).
    ///   - prompt: what the Face ID / Touch ID sheet says when an unwrap
    ///     of the biometric key must ask by itself (no evaluated context
    ///     was handed over with `useAuthenticated(_:)`): localise it. nil:
    ///     never prompt from here; such an unwrap fails `.Unavailable`
    ///     (an app that always prompts first, like ios/Ramz).
    ///   - preferEnclave: false forces the Keychain form (tests).
    public init(service: String = defaultService, prompt: String?, preferEnclave: Bool = true) {
        records = KeychainItems(service: service)
        secrets = KeychainItems(service: service + ".keys")
        useEnclave = preferEnclave && SecureEnclave.isAvailable
        self.prompt = prompt
    }

    /// Hands over an `LAContext` on which the person just passed
    /// `evaluatePolicy(.deviceOwnerAuthenticationWithBiometrics, ...)`:
    /// the next unwrap of the biometric key uses it instead of prompting a
    /// second time. Used once.
    public func useAuthenticated(_ context: LAContext) {
        lock.lock()
        defer { lock.unlock() }
        handedOver = context
    }

    /// Aliases of the keys kept now (for tests and diagnostics; the
    /// aliases are not secret).
    public func aliases() throws -> [String] {
        do {
            return try records.accounts()
        } catch {
            throw KeystoreError.Unavailable
        }
    }

    /// Deletes every key of this keystore: the vault was deleted, or a
    /// fresh install found keys of an earlier install.
    public func deleteAll() throws {
        do {
            for alias in try records.accounts() { try records.remove(alias) }
            for alias in try secrets.accounts() { try secrets.remove(alias) }
        } catch {
            throw KeystoreError.Unavailable
        }
    }

    // MARK: DeviceKeystore

    public func create(key: KeystoreKey) throws {
        let alias = keystoreAlias(key: key)
        let biometric = key == .biometric
        try delete(key: key) // a new random key, never the old one again
        do {
            let access = try accessControl(biometric: biometric, enclave: useEnclave)
            var record = StoredKey(kind: useEnclave ? .enclave : .keychain)
            if biometric { record.domainState = Self.currentDomainState() }
            if useEnclave {
                let privateKey = try SecureEnclave.P256.KeyAgreement.PrivateKey(accessControl: access)
                record.enclaveKey = privateKey.dataRepresentation
                record.publicKey = privateKey.publicKey.x963Representation
            } else {
                let privateKey = P256.KeyAgreement.PrivateKey()
                try secrets.put(alias, privateKey.rawRepresentation, access: biometric ? access : nil)
                record.publicKey = privateKey.publicKey.x963Representation
            }
            try records.put(alias, try record.encoded())
        } catch {
            try? delete(key: key) // nothing half-made stays behind
            throw KeystoreFailures.map(error, unwrapping: false)
        }
    }

    public func delete(key: KeystoreKey) throws {
        let alias = keystoreAlias(key: key)
        do {
            try records.remove(alias)
            try secrets.remove(alias)
        } catch {
            throw KeystoreError.Unavailable
        }
    }

    /// Seals to the alias's public key: no enclave call and no prompt,
    /// for the biometric key too.
    public func wrap(key: KeystoreKey, plaintext: Data) throws -> Data {
        let alias = keystoreAlias(key: key)
        let record = try stored(alias)
        do {
            let recipient = try P256.KeyAgreement.PublicKey(x963Representation: record.publicKey ?? Data())
            return try WrappedBytes.seal(plaintext, recipient: recipient, alias: alias)
        } catch {
            throw KeystoreFailures.map(error, unwrapping: false)
        }
    }

    /// Agrees with the bytes' ephemeral key using the private key: inside
    /// the enclave (which shows Face ID for the biometric key unless an
    /// evaluated context was handed over), or read from its Keychain item.
    /// Blocks: the vault calls it on its worker thread, never the main one.
    public func unwrap(key: KeystoreKey, wrapped: Data) throws -> Data {
        let alias = keystoreAlias(key: key)
        let record = try stored(alias)
        do {
            let context: LAContext? = try key == .biometric ? authenticationContext(record) : nil
            let ephemeral = try WrappedBytes.ephemeralKey(of: wrapped)
            let shared: SharedSecret
            let recipient: P256.KeyAgreement.PublicKey
            switch record.kind {
            case .enclave:
                let privateKey = try SecureEnclave.P256.KeyAgreement.PrivateKey(
                    dataRepresentation: record.enclaveKey ?? Data(), authenticationContext: context)
                shared = try privateKey.sharedSecretFromKeyAgreement(with: ephemeral)
                recipient = privateKey.publicKey
            case .keychain:
                guard let raw = try secrets.get(alias, context: context) else { throw KeystoreError.KeyInvalidated }
                let privateKey = try P256.KeyAgreement.PrivateKey(rawRepresentation: raw)
                shared = try privateKey.sharedSecretFromKeyAgreement(with: ephemeral)
                recipient = privateKey.publicKey
            }
            return try WrappedBytes.open(wrapped, shared: shared, recipient: recipient, alias: alias)
        } catch {
            throw KeystoreFailures.map(error, unwrapping: true)
        }
    }

    // MARK: private

    /// The record of `alias`; a missing one is a deleted or never-made key.
    private func stored(_ alias: String) throws -> StoredKey {
        let data: Data?
        do {
            data = try records.get(alias)
        } catch let failure as KeychainFailure {
            throw KeystoreFailures.map(failure, unwrapping: false)
        }
        guard let data else { throw KeystoreError.KeyInvalidated }
        guard let record = StoredKey(decoding: data) else { throw KeystoreError.KeyInvalidated }
        return record
    }

    /// The context for a biometric use: the handed-over one, or a new one
    /// that prompts with `prompt` (or may not prompt). A biometric set changed since the key
    /// was made means the key is gone for good.
    private func authenticationContext(_ record: StoredKey) throws -> LAContext {
        lock.lock()
        let handed = handedOver
        handedOver = nil
        lock.unlock()
        let context: LAContext
        if let handed {
            context = handed
        } else {
            context = LAContext()
            if let prompt {
                context.localizedReason = prompt
            } else {
                context.interactionNotAllowed = true
            }
        }
        var problem: NSError?
        // Fills evaluatedPolicyDomainState (the enrolled set's fingerprint).
        _ = context.canEvaluatePolicy(.deviceOwnerAuthenticationWithBiometrics, error: &problem)
        if let then = record.domainState, let now = context.evaluatedPolicyDomainState, then != now {
            throw KeystoreError.KeyInvalidated
        }
        return context
    }

    private func accessControl(biometric: Bool, enclave: Bool) throws -> SecAccessControl {
        var flags: SecAccessControlCreateFlags = []
        if enclave { flags.insert(.privateKeyUsage) }
        if biometric { flags.insert(.biometryCurrentSet) }
        var error: Unmanaged<CFError>?
        guard let access = SecAccessControlCreateWithFlags(
            nil, kSecAttrAccessibleWhenUnlockedThisDeviceOnly, flags, &error) else {
            throw KeystoreError.Unavailable
        }
        return access
    }

    private static func currentDomainState() -> Data? {
        let context = LAContext()
        var problem: NSError?
        guard context.canEvaluatePolicy(.deviceOwnerAuthenticationWithBiometrics, error: &problem) else {
            return nil
        }
        return context.evaluatedPolicyDomainState
    }
}
