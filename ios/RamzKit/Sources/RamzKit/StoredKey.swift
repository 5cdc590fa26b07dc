import Foundation

/// What the Keychain keeps per alias (service `ir.ramz.vault`, account:
/// the alias). Nothing here is secret: the enclave key's
/// `dataRepresentation` is sealed by this phone's Secure Enclave and
/// useless anywhere else, and the Keychain form's AES key is a separate
/// item (service `ir.ramz.vault.aes`) behind the same access rules.
struct StoredKey: Codable, Equatable {
    enum Kind: String, Codable {
        /// A Secure Enclave P-256 key-agreement key.
        case enclave
        /// A random AES-256 key in a Keychain item (no enclave here).
        case keychain
    }

    var kind: Kind
    /// `SecureEnclave.P256.KeyAgreement.PrivateKey.dataRepresentation`.
    var enclaveKey: Data?
    /// Its public key, X9.63 (wrapping needs no enclave call, no prompt).
    var publicKey: Data?
    /// Biometric key: `LAContext.evaluatedPolicyDomainState` when it was
    /// made; another one later means a new Face ID / Touch ID enrolment.
    var domainState: Data?

    init(kind: Kind) {
        self.kind = kind
    }

    init?(decoding data: Data) {
        guard let value = try? PropertyListDecoder().decode(StoredKey.self, from: data) else { return nil }
        self = value
    }

    func encoded() throws -> Data {
        let encoder = PropertyListEncoder()
        encoder.outputFormat = .binary
        return try encoder.encode(self)
    }
}
