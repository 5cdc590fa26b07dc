import Foundation
import LocalAuthentication
import Ramz

/// `Effect.biometricPrompt`: Face ID / Touch ID with the core's localised
/// reason. On success the evaluated `LAContext` is handed to the keystore
/// (`SecureEnclaveKeystore.useAuthenticated`), so the biometric key's
/// unwrap that follows does not prompt a second time; the answer goes
/// back as `Event.biometricResult` with its outcome. A key invalidated by a
/// new enrolment shows at that unwrap (the Secure Enclave key is bound to
/// the current biometric set), which the core explains itself.
final class Biometrics {
    /// The device can do biometric unlock now (enrolled, not locked out):
    /// `Event.start(biometricsAvailable:)`.
    static func available() -> Bool {
        var problem: NSError?
        return LAContext().canEvaluatePolicy(.deviceOwnerAuthenticationWithBiometrics, error: &problem)
    }

    func prompt(reason: String, answer: @escaping @MainActor (LAContext?, BiometricOutcome) -> Void) {
        let context = LAContext()
        // The PIN pad is the fallback, in the app: no "Enter Password" button.
        context.localizedFallbackTitle = ""
        context.evaluatePolicy(.deviceOwnerAuthenticationWithBiometrics, localizedReason: reason) { ok, error in
            let outcome = ok ? BiometricOutcome.success : Self.outcome(of: error)
            Task { @MainActor in answer(ok ? context : nil, outcome) }
        }
    }

    /// The person's own cancel (or "use PIN") is no failure; the rest is.
    private static func outcome(of error: Error?) -> BiometricOutcome {
        switch (error as? LAError)?.code {
        case .userCancel?, .appCancel?, .systemCancel?, .userFallback?:
            return .cancelled
        default:
            return .failed
        }
    }
}
