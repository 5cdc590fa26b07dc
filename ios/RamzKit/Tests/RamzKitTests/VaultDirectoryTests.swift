import Foundation
@testable import RamzKit
import XCTest

final class VaultDirectoryTests: XCTestCase {
    func testDirectoryIsProtectedAndExcludedFromBackup() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        let storage = VaultDirectory(directory: dir)
        defer { try? storage.deleteAll() }
        try storage.prepare()
        // A file renamed into the directory later, as the vault writes.
        let tmp = dir.appendingPathComponent("vault.ramz.tmp")
        try Data([1, 2, 3]).write(to: tmp)
        try FileManager.default.moveItem(at: tmp, to: storage.vaultFile)
        try storage.prepare()
        XCTAssertTrue(storage.vaultExists)
        let values = try dir.resourceValues(forKeys: [.isExcludedFromBackupKey])
        XCTAssertEqual(values.isExcludedFromBackup, true)
        let attributes = try FileManager.default.attributesOfItem(atPath: storage.vaultPath)
        // The simulator has no data protection and reports none.
        #if !targetEnvironment(simulator)
        XCTAssertEqual(attributes[.protectionKey] as? FileProtectionType, .complete)
        #endif
        _ = attributes
        try storage.deleteAll()
        XCTAssertFalse(storage.vaultExists)
    }

    func testFreshInstallMarker() throws {
        let defaults = try XCTUnwrap(UserDefaults(suiteName: UUID().uuidString))
        let storage = VaultDirectory(directory: FileManager.default.temporaryDirectory)
        XCTAssertTrue(storage.isFreshInstall(in: defaults))
        storage.markInstalled(in: defaults)
        XCTAssertFalse(storage.isFreshInstall(in: defaults))
    }
}
