import Foundation
import Ramz

/// Performs each `Effect` of ramz-app with the platform, and reports the
/// result as the event the effect names. Nothing here decides anything:
/// every case maps one effect to one platform call (see the table in
/// crates/ramz-app/README.md, "The shell's contract").
///
/// scripts/checks/61-ios-shell.sh fails when ramz-app has an effect this
/// `switch` does not handle (ios/tools/shell_coverage.py).
@MainActor
final class EffectRunner {
    private unowned let store: Store
    private let camera: Camera
    private let http = Http()
    private let clipboard = Clipboard()
    private let files = FileExchange()
    private let biometrics = Biometrics()
    /// Slow work (Argon2id, the vault file, QR decoding) runs here, one
    /// at a time, in the order the core asked for it.
    private let worker = DispatchQueue(label: "ir.ramz.work", qos: .userInitiated)

    init(store: Store) {
        self.store = store
        camera = Camera(store: store)
    }

    func perform(_ effect: Effect) {
        switch effect {
        case .render:
            store.render()
        case .work(let work):
            worker.async {
                work.run()
                Task { @MainActor in
                    self.store.send(.workDone(work))
                    self.camera.answered()
                }
            }
        case .camera(let on):
            if on { camera.start() } else { camera.stop() }
        case .copyToClipboard(let text, let sensitive, let clearAfterSeconds):
            clipboard.copy(text, sensitive: sensitive, clearAfter: TimeInterval(clearAfterSeconds))
        case .http(let request):
            http.send(request) { [store] event in store.send(event) }
        case .saveFile(let name, let mime, let bytes):
            files.save(name: name, mime: mime, bytes: bytes) { [store] ok in store.send(.fileSaved(ok: ok)) }
        case .pickFile(let mime):
            files.pick(mime: mime) { [store] bytes in
                // Cancelled: the core treats it as "back".
                store.send(bytes.map { .filePicked(bytes: $0) } ?? .back)
            }
        case .biometricPrompt(let reason):
            biometrics.prompt(reason: reason) { [store] context, outcome in
                if let context { store.keystore.useAuthenticated(context) }
                store.send(.biometricResult(outcome: outcome))
            }
        case .storeSettings(let settings):
            store.settings.save(settings)
        }
    }
}
