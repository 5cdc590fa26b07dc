import CryptoKit
import Foundation

/// How the keystore wraps a short secret, in one of two forms (the first
/// byte says which):
///
/// - `0x01` **enclave**: an ephemeral P-256 key agrees with the Secure
///   Enclave key's public key (ECDH); HKDF-SHA256 (salt: both public keys,
///   info: the context below) gives an AES-256-GCM key that seals the
///   secret. Bytes: `01 ‖ ephemeral public key (X9.63, 65) ‖ nonce (12) ‖
///   ciphertext ‖ tag (16)`. Wrapping needs only the public key (no
///   prompt); unwrapping runs the key agreement inside the enclave (Face
///   ID for the biometric key).
/// - `0x02` **keychain**: AES-256-GCM under a random key kept as a
///   Keychain item (devices or simulators without a Secure Enclave).
///   Bytes: `02 ‖ nonce (12) ‖ ciphertext ‖ tag (16)`.
///
/// Both bind the key's alias as associated data (`ramz-keystore/v1/` +
/// alias), so bytes wrapped under one alias never open under another.
enum WrappedBytes {
    static let enclaveForm: UInt8 = 0x01
    static let keychainForm: UInt8 = 0x02
    private static let publicKeyLength = 65
    private static let minimumSealed = 12 + 16

    static func context(alias: String) -> Data {
        Data("ramz-keystore/v1/\(alias)".utf8)
    }

    // MARK: enclave form

    /// Seals `plaintext` to the enclave key whose public key is `recipient`.
    static func sealToEnclave(_ plaintext: Data, recipient: P256.KeyAgreement.PublicKey, alias: String) throws -> Data {
        let ephemeral = P256.KeyAgreement.PrivateKey()
        let shared = try ephemeral.sharedSecretFromKeyAgreement(with: recipient)
        let key = derive(shared, ephemeral: ephemeral.publicKey, recipient: recipient, alias: alias)
        let box = try AES.GCM.seal(plaintext, using: key, authenticating: context(alias: alias))
        guard let sealed = box.combined else { throw WrapFailure.malformed }
        return Data([enclaveForm]) + ephemeral.publicKey.x963Representation + sealed
    }

    /// The ephemeral public key of enclave-form bytes (to agree with it
    /// inside the enclave), or `WrapFailure.malformed`.
    static func ephemeralKey(of wrapped: Data) throws -> P256.KeyAgreement.PublicKey {
        let bytes = [UInt8](wrapped)
        guard bytes.count >= 1 + publicKeyLength + minimumSealed, bytes[0] == enclaveForm else {
            throw WrapFailure.malformed
        }
        do {
            return try P256.KeyAgreement.PublicKey(x963Representation: bytes[1...publicKeyLength])
        } catch {
            throw WrapFailure.malformed
        }
    }

    /// Opens enclave-form bytes with the secret `shared` that the enclave
    /// key agreed with their ephemeral key. `WrapFailure.wrongKey` when the
    /// bytes were not sealed to this key.
    static func openFromEnclave(_ wrapped: Data, shared: SharedSecret,
                                recipient: P256.KeyAgreement.PublicKey, alias: String) throws -> Data {
        let ephemeral = try ephemeralKey(of: wrapped)
        let key = derive(shared, ephemeral: ephemeral, recipient: recipient, alias: alias)
        return try open(Data(wrapped.dropFirst(1 + publicKeyLength)), key: key, alias: alias)
    }

    // MARK: keychain form

    static func sealWithKey(_ plaintext: Data, key: SymmetricKey, alias: String) throws -> Data {
        let box = try AES.GCM.seal(plaintext, using: key, authenticating: context(alias: alias))
        guard let sealed = box.combined else { throw WrapFailure.malformed }
        return Data([keychainForm]) + sealed
    }

    static func openWithKey(_ wrapped: Data, key: SymmetricKey, alias: String) throws -> Data {
        guard wrapped.count >= 1 + minimumSealed, wrapped.first == keychainForm else {
            throw WrapFailure.malformed
        }
        return try open(Data(wrapped.dropFirst()), key: key, alias: alias)
    }

    // MARK: shared

    private static func derive(_ shared: SharedSecret, ephemeral: P256.KeyAgreement.PublicKey,
                               recipient: P256.KeyAgreement.PublicKey, alias: String) -> SymmetricKey {
        shared.hkdfDerivedSymmetricKey(
            using: SHA256.self,
            salt: ephemeral.x963Representation + recipient.x963Representation,
            sharedInfo: context(alias: alias),
            outputByteCount: 32)
    }

    private static func open(_ sealed: Data, key: SymmetricKey, alias: String) throws -> Data {
        let box: AES.GCM.SealedBox
        do {
            box = try AES.GCM.SealedBox(combined: sealed)
        } catch {
            throw WrapFailure.malformed
        }
        do {
            return try AES.GCM.open(box, using: key, authenticating: context(alias: alias))
        } catch {
            throw WrapFailure.wrongKey
        }
    }
}

/// Why wrapped bytes did not open (never carries the bytes).
enum WrapFailure: Error {
    /// Not bytes of this format (truncated, another form, garbage).
    case malformed
    /// Well-formed, but not sealed under this key (authentication failed).
    case wrongKey
}
