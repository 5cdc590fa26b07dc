import Foundation
import LocalAuthentication

/// `Effect.biometricPrompt`: Face ID / Touch ID with the core's localised
/// reason. On success the evaluated `LAContext` is handed to the keystore
/// (`SecureEnclaveKeystore.useAuthenticated`), so the biometric key's
/// unwrap that follows does not prompt a second time; the answer goes
/// back as `Event.biometricResult`.
final class Biometrics {
    /// The device can do biometric unlock now (enrolled, not locked out):
    /// `Event.start(biometricsAvailable:)`.
    static func available() -> Bool {
        var problem: NSError?
        return LAContext().canEvaluatePolicy(.deviceOwnerAuthenticationWithBiometrics, error: &problem)
    }

    func prompt(reason: String, answer: @escaping @MainActor (LAContext?) -> Void) {
        let context = LAContext()
        // The PIN pad is the fallback, in the app: no "Enter Password" button.
        context.localizedFallbackTitle = ""
        context.evaluatePolicy(.deviceOwnerAuthenticationWithBiometrics, localizedReason: reason) { ok, _ in
            Task { @MainActor in answer(ok ? context : nil) }
        }
    }
}
