import Foundation
import Ramz
@testable import RamzKit
import XCTest

/// The app core through the Swift bindings with this package's keystore
/// and storage, as ios/Ramz drives it but without a screen: every effect
/// performed, slow work on a real worker queue. (The same journeys run in
/// Rust in crates/ramz-app/tests and in Kotlin in bindings/kotlin-tests.)
final class AppJourneyTests: XCTestCase {
    private var storage: VaultDirectory!
    private var keystore: SecureEnclaveKeystore!
    private var app: RamzApp!
    private var now: UInt64 = 1_800_000_000
    private var stored: Ramz.Settings?
    private var clipboard: (text: String, sensitive: Bool, seconds: UInt32)?
    private var camera = false

    override func setUpWithError() throws {
        storage = VaultDirectory(directory: FileManager.default.temporaryDirectory
            .appendingPathComponent(UUID().uuidString))
        try storage.prepare()
        keystore = SecureEnclaveKeystore(service: "ir.ramz.tests.\(UUID().uuidString)", prompt: nil)
        app = RamzApp(vaultPath: storage.vaultPath, keystore: keystore)
        send(.start(unix: now, deviceLanguage: "en-US", settings: nil, biometricsAvailable: false))
    }

    override func tearDownWithError() throws {
        try keystore.deleteAll()
        try storage.deleteAll()
    }

    private func send(_ event: Event) {
        for effect in app.update(event: event) {
            switch effect {
            case .render:
                _ = app.view()
            case .work(let work):
                let done = expectation(description: "work")
                DispatchQueue.global().async {
                    work.run()
                    done.fulfill()
                }
                wait(for: [done], timeout: 60)
                send(.workDone(work))
            case .camera(let on):
                camera = on
            case .copyToClipboard(let text, let sensitive, let seconds):
                clipboard = (text, sensitive, seconds)
            case .http:
                send(.httpFailed)
            case .saveFile:
                send(.fileSaved(ok: true))
            case .pickFile:
                send(.back)
            case .biometricPrompt:
                send(.biometricResult(outcome: .cancelled))
            case .storeSettings(let settings):
                stored = settings
            }
        }
    }

    private func pin(_ digits: String) {
        for c in digits { send(.pinKey(digit: UInt8(String(c))!)) }
    }

    func testFirstRunAddCopyLockUnlock() throws {
        guard case .firstRun(let first) = app.view().screen else { return XCTFail("\(app.view().screen)") }
        XCTAssertEqual(first.step, .language)
        XCTAssertFalse(app.view().rtl)
        send(.setLanguage(.fa))
        XCTAssertTrue(app.view().rtl, "Persian lays out right to left")
        send(.setLanguage(.en))
        send(.submit)
        pin("480913")
        pin("480913") // Argon2id with the production settings, on the worker queue
        guard case .firstRun(let offer) = app.view().screen else { return XCTFail("\(app.view().screen)") }
        XCTAssertEqual(offer.step, .biometrics)
        send(.acceptBiometrics(accept: false))
        guard case .codes = app.view().screen else { return XCTFail("\(app.view().screen)") }
        XCTAssertTrue(storage.vaultExists)
        XCTAssertEqual(try keystore.aliases().filter { $0.hasPrefix("device-") }.count, 1)

        // RFC 6238's SHA-1 secret, pasted as an otpauth URI.
        let uri = "otpauth://totp/RFC:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&digits=8&issuer=RFC"
        send(.paste(text: Data(uri.utf8)))
        guard case .confirm = app.view().screen else { return XCTFail("\(app.view().screen)") }
        send(.submit)
        now = 59
        send(.tick(unix: now))
        guard case .codes(let codes) = app.view().screen, let row = codes.rows.first else {
            return XCTFail("\(app.view().screen)")
        }
        send(.tapAccount(id: row.id))
        XCTAssertEqual(clipboard?.text, "94287082", "RFC 6238 at T = 59 s")
        XCTAssertEqual(clipboard?.sensitive, true)

        send(.background(unix: now))
        guard case .lock = app.view().screen else { return XCTFail("locks on background") }
        pin("480913")
        guard case .codes = app.view().screen else { return XCTFail("\(app.view().screen)") }
        XCTAssertNotNil(stored, "settings were handed to the shell to store")
    }
}
