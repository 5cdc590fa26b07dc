import Foundation

/// What the Keychain keeps per alias (service `ir.ramz.vault`, account:
/// the alias). Nothing here is secret: the enclave key's
/// `dataRepresentation` is sealed by this phone's Secure Enclave and
/// useless anywhere else, and without an enclave the private key is a
/// separate item (service `ir.ramz.vault.keys`) behind the same access
/// rules (biometry for the biometric key).
struct StoredKey: Codable, Equatable {
    enum Kind: String, Codable {
        /// A Secure Enclave P-256 key-agreement key.
        case enclave
        /// A P-256 key-agreement private key in a Keychain item (no enclave
        /// here).
        case keychain
    }

    var kind: Kind
    /// `SecureEnclave.P256.KeyAgreement.PrivateKey.dataRepresentation`.
    var enclaveKey: Data?
    /// The public key, X9.63 (wrapping needs no private key, no prompt).
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
