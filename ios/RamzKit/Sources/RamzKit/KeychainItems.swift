import Foundation
import LocalAuthentication
import Security

/// Generic-password items of one Keychain service, named by account: the
/// only place the keystore keeps anything. Every item is
/// `kSecAttrAccessibleWhenUnlockedThisDeviceOnly` (never in a backup, never
/// migrated to another phone, unreadable while the phone is locked) and
/// not synchronised through iCloud Keychain.
struct KeychainItems {
    /// `kSecAttrService` of every item.
    let service: String

    /// Stores `data` under `account`, replacing any item of that name.
    /// `access`: an access control (biometry) for the item, or nil for
    /// `WhenUnlockedThisDeviceOnly` alone. Durable when it returns.
    func put(_ account: String, _ data: Data, access: SecAccessControl? = nil) throws {
        try remove(account)
        var item = base(account)
        item[kSecValueData] = data
        if let access {
            item[kSecAttrAccessControl] = access
        } else {
            item[kSecAttrAccessible] = kSecAttrAccessibleWhenUnlockedThisDeviceOnly
        }
        let status = SecItemAdd(item as CFDictionary, nil)
        guard status == errSecSuccess else { throw KeychainFailure(status: status) }
    }

    /// The item's bytes, or nil when there is none. `context`: an
    /// `LAContext` for an item behind biometry (an evaluated one does not
    /// prompt again).
    func get(_ account: String, context: LAContext? = nil) throws -> Data? {
        var query = base(account)
        query[kSecReturnData] = true
        query[kSecMatchLimit] = kSecMatchLimitOne
        if let context { query[kSecUseAuthenticationContext] = context }
        var out: CFTypeRef?
        let status = SecItemCopyMatching(query as CFDictionary, &out)
        switch status {
        case errSecSuccess:
            guard let data = out as? Data else { throw KeychainFailure(status: errSecDecode) }
            return data
        case errSecItemNotFound:
            return nil
        default:
            throw KeychainFailure(status: status)
        }
    }

    /// Deletes the item; a missing item is not an error. Durable when it
    /// returns.
    func remove(_ account: String) throws {
        let status = SecItemDelete(base(account) as CFDictionary)
        guard status == errSecSuccess || status == errSecItemNotFound else {
            throw KeychainFailure(status: status)
        }
    }

    /// The accounts of every item of the service (attributes only: no
    /// prompt, no secret read).
    func accounts() throws -> [String] {
        let query: [CFString: Any] = [
            kSecClass: kSecClassGenericPassword,
            kSecAttrService: service,
            kSecMatchLimit: kSecMatchLimitAll,
            kSecReturnAttributes: true,
        ]
        var out: CFTypeRef?
        let status = SecItemCopyMatching(query as CFDictionary, &out)
        switch status {
        case errSecSuccess:
            let items = out as? [[CFString: Any]] ?? []
            return items.compactMap { $0[kSecAttrAccount] as? String }.sorted()
        case errSecItemNotFound:
            return []
        default:
            throw KeychainFailure(status: status)
        }
    }

    private func base(_ account: String) -> [CFString: Any] {
        [
            kSecClass: kSecClassGenericPassword,
            kSecAttrService: service,
            kSecAttrAccount: account,
            kSecAttrSynchronizable: false,
            kSecUseDataProtectionKeychain: true,
        ]
    }
}

/// A Keychain call failed with `status` (an `OSStatus`, never a secret).
struct KeychainFailure: Error {
    let status: OSStatus
}
