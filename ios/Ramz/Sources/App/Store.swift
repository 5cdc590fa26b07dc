import AVFoundation
import Foundation
import Ramz
import RamzKit
import SwiftUI
import UIKit

/// The one place the shell talks to the app core: `send` hands an event
/// to `RamzApp.update(event:)` and performs the effects it returns, in
/// order; `model` is the last `RamzApp.view()`, which the views draw.
///
/// `update` and `view` are quick (no Argon2id, disk or decoding: those
/// come back as `Effect.work`), so they run on the main thread, except for
/// camera frames, which are sent from the capture queue
/// (`sendFromCaptureQueue`); the core serialises its callers.
@MainActor
final class Store: ObservableObject {
    @Published private(set) var model: ViewModel
    /// The screen is being recorded, mirrored or shared: cover it.
    @Published private(set) var screenCaptured: Bool

    nonisolated let core: RamzApp
    /// The camera's session, shared by the effect runner's `Camera` (which
    /// starts and stops it) and the scan screen's preview.
    let captureSession = AVCaptureSession()
    let keystore: SecureEnclaveKeystore
    let settings: SettingsStore
    private var runner: EffectRunner?

    init(core: RamzApp, keystore: SecureEnclaveKeystore, settings: SettingsStore) {
        self.core = core
        self.keystore = keystore
        self.settings = settings
        model = core.view()
        screenCaptured = UIScreen.main.isCaptured
        runner = EffectRunner(store: self)
        NotificationCenter.default.addObserver(
            forName: UIScreen.capturedDidChangeNotification, object: nil, queue: .main
        ) { [weak self] _ in
            Task { @MainActor in self?.screenCaptured = UIScreen.main.isCaptured }
        }
    }

    /// Builds the app over the vault in Application Support and starts it.
    static func launch() -> Store {
        let storage: VaultDirectory
        do {
            storage = try VaultDirectory()
            try storage.prepare()
        } catch {
            // Application Support is part of the app's own container: if it
            // cannot be made, nothing can be stored at all.
            fatalError("Application Support is not writable")
        }
        // No prompt of the keystore's own: this app uses the biometric key
        // only right after the BiometricPrompt effect (the core's
        // localised reason), whose evaluated context is handed over.
        let keystore = SecureEnclaveKeystore(prompt: nil)
        if storage.isFreshInstall() && !storage.vaultExists {
            // Keychain items outlive an uninstall: an earlier install's keys.
            try? keystore.deleteAll()
        }
        storage.markInstalled()
        let settings = SettingsStore()
        let core = RamzApp(vaultPath: storage.vaultPath, keystore: keystore)
        let store = Store(core: core, keystore: keystore, settings: settings)
        store.send(.start(
            unix: now(),
            deviceLanguage: Locale.preferredLanguages.first ?? Locale.current.identifier,
            settings: settings.load(),
            biometricsAvailable: Biometrics.available()))
        return store
    }

    /// Device time, Unix seconds: the only clock the core sees.
    nonisolated static func now() -> UInt64 {
        UInt64(max(0, Date().timeIntervalSince1970))
    }

    /// Sends one event and performs what the core asks, in order.
    func send(_ event: Event) {
        perform(core.update(event: event))
    }

    /// For the camera's queue: a frame is copied there and handed to the
    /// core without a hop through the main thread; the effects (the decode
    /// work, a redraw) are performed on the main thread. Returns whether
    /// the core took the frame (asked for work to decode it).
    nonisolated func sendFromCaptureQueue(_ event: Event) -> Bool {
        let effects = core.update(event: event)
        Task { @MainActor in self.perform(effects) }
        return effects.contains { if case .work = $0 { return true } else { return false } }
    }

    private func perform(_ effects: [Effect]) {
        for effect in effects {
            runner?.perform(effect)
        }
    }

    /// Redraws from the core's view model (`Effect.render`).
    func render() {
        model = core.view()
    }
}
