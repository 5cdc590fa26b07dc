import CryptoKit
import CryptoTokenKit
import Foundation
import LocalAuthentication
import Ramz
import Security

/// Maps what Security, LocalAuthentication, CryptoTokenKit (the Secure
/// Enclave) and CryptoKit throw to the four answers the vault acts on.
/// Routed by type and code only, never by message text.
enum KeystoreFailures {
    static func map(_ error: Error, unwrapping: Bool) -> KeystoreError {
        switch error {
        case let known as KeystoreError:
            return known
        case let wrap as WrapFailure:
            // Bytes that do not open under this key were not made by it.
            switch wrap {
            case .malformed, .wrongKey: return unwrapping ? .WrongKey : .Unavailable
            }
        case let keychain as KeychainFailure:
            return fromStatus(keychain.status)
        case let la as LAError:
            return fromLocalAuthentication(la.code)
        case let token as TKError:
            return fromToken(token.code)
        case is CryptoKitError:
            // A stored public key or enclave blob CryptoKit refuses: the
            // record is unusable for good.
            return .KeyInvalidated
        default:
            let ns = error as NSError
            switch ns.domain {
            case LAErrorDomain:
                return LAError.Code(rawValue: ns.code).map(fromLocalAuthentication) ?? .Unavailable
            case TKErrorDomain:
                return TKError.Code(rawValue: ns.code).map(fromToken) ?? .Unavailable
            case NSOSStatusErrorDomain:
                return fromStatus(OSStatus(truncatingIfNeeded: ns.code))
            default:
                return .Unavailable
            }
        }
    }

    static func fromStatus(_ status: OSStatus) -> KeystoreError {
        switch status {
        case errSecItemNotFound: return .KeyInvalidated
        case errSecUserCanceled: return .Cancelled
        // Device locked, wrong face, no UI allowed: try again later.
        default: return .Unavailable
        }
    }

    static func fromLocalAuthentication(_ code: LAError.Code) -> KeystoreError {
        switch code {
        case .userCancel, .appCancel, .systemCancel, .userFallback:
            return .Cancelled
        // Every enrolled face / finger removed: a .biometryCurrentSet key
        // is invalid for good.
        case .biometryNotEnrolled:
            return .KeyInvalidated
        default:
            return .Unavailable
        }
    }

    static func fromToken(_ code: TKError.Code) -> KeystoreError {
        switch code {
        case .canceledByUser: return .Cancelled
        case .objectNotFound, .corruptedData: return .KeyInvalidated
        default: return .Unavailable
        }
    }
}
