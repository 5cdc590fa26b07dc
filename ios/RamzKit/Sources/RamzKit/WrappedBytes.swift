import CryptoKit
import Foundation

/// How the keystore wraps a short secret: an ephemeral P-256 key agrees
/// with the alias's key-agreement public key (ECDH); HKDF-SHA256 (salt:
/// both public keys, info: the context below) gives an AES-256-GCM key
/// that seals the secret. Bytes: `01 ‖ ephemeral public key (X9.63, 65) ‖
/// nonce (12) ‖ ciphertext ‖ tag (16)`.
///
/// Wrapping needs only the public key: no enclave call, no prompt, even
/// for the biometric key. Unwrapping runs the key agreement with the
/// private key, inside the Secure Enclave where there is one (Face ID for
/// the biometric key), or with a private key read from a Keychain item
/// behind the same access rules where there is none (the simulator).
///
/// The key's alias is bound as associated data and HKDF info
/// (`ramz-keystore/v1/` + alias), so bytes wrapped under one alias never
/// open under another.
enum WrappedBytes {
    static let form: UInt8 = 0x01
    private static let publicKeyLength = 65
    private static let minimumSealed = 12 + 16

    static func context(alias: String) -> Data {
        Data("ramz-keystore/v1/\(alias)".utf8)
    }

    /// Seals `plaintext` to the key-agreement key whose public key is `recipient`.
    static func seal(_ plaintext: Data, recipient: P256.KeyAgreement.PublicKey, alias: String) throws -> Data {
        let ephemeral = P256.KeyAgreement.PrivateKey()
        let shared = try ephemeral.sharedSecretFromKeyAgreement(with: recipient)
        let key = derive(shared, ephemeral: ephemeral.publicKey, recipient: recipient, alias: alias)
        let box = try AES.GCM.seal(plaintext, using: key, authenticating: context(alias: alias))
        guard let sealed = box.combined else { throw WrapFailure.malformed }
        return Data([form]) + ephemeral.publicKey.x963Representation + sealed
    }

    /// The ephemeral public key of wrapped bytes (to agree with), or
    /// `WrapFailure.malformed`.
    static func ephemeralKey(of wrapped: Data) throws -> P256.KeyAgreement.PublicKey {
        let bytes = [UInt8](wrapped)
        guard bytes.count >= 1 + publicKeyLength + minimumSealed, bytes[0] == form else {
            throw WrapFailure.malformed
        }
        do {
            return try P256.KeyAgreement.PublicKey(x963Representation: bytes[1...publicKeyLength])
        } catch {
            throw WrapFailure.malformed
        }
    }

    /// Opens wrapped bytes with the secret `shared` that the private key
    /// agreed with their ephemeral key. `WrapFailure.wrongKey` when the
    /// bytes were not sealed to this key.
    static func open(_ wrapped: Data, shared: SharedSecret,
                     recipient: P256.KeyAgreement.PublicKey, alias: String) throws -> Data {
        let ephemeral = try ephemeralKey(of: wrapped)
        let key = derive(shared, ephemeral: ephemeral, recipient: recipient, alias: alias)
        return try openSealed(Data(wrapped.dropFirst(1 + publicKeyLength)), key: key, alias: alias)
    }

    private static func derive(_ shared: SharedSecret, ephemeral: P256.KeyAgreement.PublicKey,
                               recipient: P256.KeyAgreement.PublicKey, alias: String) -> SymmetricKey {
        shared.hkdfDerivedSymmetricKey(
            using: SHA256.self,
            salt: ephemeral.x963Representation + recipient.x963Representation,
            sharedInfo: context(alias: alias),
            outputByteCount: 32)
    }

    private static func openSealed(_ sealed: Data, key: SymmetricKey, alias: String) throws -> Data {
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
    /// Not bytes of this format (truncated, another version, garbage).
    case malformed
    /// Well-formed, but not sealed under this key (authentication failed).
    case wrongKey
}
