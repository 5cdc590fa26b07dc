import Foundation
import Ramz
@testable import RamzKit
import XCTest

/// The keystore's contract, on whatever the test runs on: the Secure
/// Enclave form on a device, the Keychain form on the simulator (and,
/// forced, on both). Run: ios/RamzKit/README.md, "Tests".
final class KeystoreTests: XCTestCase {
    private var stores: [SecureEnclaveKeystore] = []

    override func tearDownWithError() throws {
        for store in stores { try store.deleteAll() }
    }

    private func keystore(enclave: Bool) -> SecureEnclaveKeystore {
        let store = SecureEnclaveKeystore(service: "ir.ramz.tests.\(UUID().uuidString)",
                                          prompt: "test", preferEnclave: enclave)
        stores.append(store)
        return store
    }

    private let device = KeystoreKey.device(id: String(repeating: "a5", count: 16))
    private let secret = Data((0..<32).map { UInt8($0) })

    func testRoundTripRandomisedAndBoundToTheAlias() throws {
        for enclave in [true, false] {
            let store = keystore(enclave: enclave)
            try store.create(key: device)
            let a = try store.wrap(key: device, plaintext: secret)
            let b = try store.wrap(key: device, plaintext: secret)
            XCTAssertNotEqual(a, b, "wrap must use a fresh nonce / ephemeral key")
            XCTAssertEqual(try store.unwrap(key: device, wrapped: a), secret)
            XCTAssertEqual(try store.unwrap(key: device, wrapped: b), secret)
            // Another alias is another key, even within one keystore.
            let other = KeystoreKey.device(id: String(repeating: "5a", count: 16))
            try store.create(key: other)
            XCTAssertThrowsError(try store.unwrap(key: other, wrapped: a)) {
                XCTAssertEqual($0 as? KeystoreError, .WrongKey)
            }
        }
    }

    func testDeletedKeyIsInvalidatedAndDeleteIsIdempotent() throws {
        let store = keystore(enclave: true)
        try store.create(key: device)
        let wrapped = try store.wrap(key: device, plaintext: secret)
        try store.delete(key: device)
        try store.delete(key: device) // a missing key deletes fine
        XCTAssertThrowsError(try store.unwrap(key: device, wrapped: wrapped)) {
            XCTAssertEqual($0 as? KeystoreError, .KeyInvalidated)
        }
        XCTAssertThrowsError(try store.wrap(key: device, plaintext: secret)) {
            XCTAssertEqual($0 as? KeystoreError, .KeyInvalidated)
        }
        XCTAssertEqual(try store.aliases(), [])
    }

    func testCreateReplacesTheKey() throws {
        let store = keystore(enclave: true)
        try store.create(key: device)
        let old = try store.wrap(key: device, plaintext: secret)
        try store.create(key: device)
        XCTAssertThrowsError(try store.unwrap(key: device, wrapped: old)) {
            XCTAssertEqual($0 as? KeystoreError, .WrongKey, "a re-created key must be a new random key")
        }
    }

    func testForeignAndTamperedBytesAreWrongKey() throws {
        for enclave in [true, false] {
            let store = keystore(enclave: enclave)
            try store.create(key: device)
            var wrapped = try store.wrap(key: device, plaintext: secret)
            wrapped[wrapped.count - 1] ^= 1
            for bytes in [wrapped, Data(), Data([1, 2, 3]), Data(repeating: 7, count: 200)] {
                XCTAssertThrowsError(try store.unwrap(key: device, wrapped: bytes)) {
                    XCTAssertEqual($0 as? KeystoreError, .WrongKey)
                }
            }
            // Another phone's (another keystore's) bytes.
            let elsewhere = keystore(enclave: enclave)
            try elsewhere.create(key: device)
            let foreign = try elsewhere.wrap(key: device, plaintext: secret)
            XCTAssertThrowsError(try store.unwrap(key: device, wrapped: foreign)) {
                XCTAssertEqual($0 as? KeystoreError, .WrongKey)
            }
        }
    }

    func testLegacyKeyNeverExistsHere() throws {
        let store = keystore(enclave: true)
        XCTAssertThrowsError(try store.unwrap(key: .legacyDevice, wrapped: Data(repeating: 1, count: 60))) {
            XCTAssertEqual($0 as? KeystoreError, .KeyInvalidated)
        }
        try store.delete(key: .legacyDevice)
    }

    func testDeleteAllRemovesEveryKey() throws {
        let store = keystore(enclave: false)
        try store.create(key: device)
        try store.create(key: .device(id: String(repeating: "0f", count: 16)))
        XCTAssertEqual(try store.aliases().count, 2)
        try store.deleteAll()
        XCTAssertEqual(try store.aliases(), [])
    }

    /// The vault's rollback protection, end to end through the Rust core:
    /// every wrong PIN makes a new device key and deletes the previous one,
    /// so a copy of the vault file taken earlier no longer opens.
    func testOlderCopyOfTheVaultDoesNotOpen() throws {
        let store = keystore(enclave: true)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        let storage = VaultDirectory(directory: dir)
        try storage.prepare()
        defer { try? storage.deleteAll() }
        let now: UInt64 = 1_800_000_000
        let pin = Data("274916".utf8)
        _ = try Authenticator.create(path: storage.vaultPath, pin: pin, keystore: store, deviceUnix: now)
        let copy = try Data(contentsOf: storage.vaultFile)
        let auth = try Authenticator.open(path: storage.vaultPath, keystore: store)
        for i in 0..<3 {
            _ = try auth.unlock(pin: Data("111111".utf8), deviceUnix: now + UInt64(i) * 10_000)
        }
        XCTAssertEqual(try store.aliases().filter { $0.hasPrefix("device-") }.count, 1)
        try copy.write(to: storage.vaultFile)
        let old = try Authenticator.open(path: storage.vaultPath, keystore: store)
        XCTAssertThrowsError(try old.unlock(pin: pin, deviceUnix: now + 50_000)) {
            XCTAssertEqual($0 as? RamzError, .Keystore(reason: .KeyInvalidated))
        }
    }
}
