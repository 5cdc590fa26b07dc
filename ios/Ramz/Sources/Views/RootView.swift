import Ramz
import SwiftUI

/// Draws `Store.model`, the view model of ramz-app: the title, one screen,
/// the busy overlay and the toast, laid out right to left when the view
/// model says so (Persian) whatever the phone's language.
///
/// scripts/checks/61-ios-shell.sh fails when ramz-app has a screen this
/// `switch` does not draw (ios/tools/shell_coverage.py).
struct RootView: View {
    @ObservedObject var store: Store

    var body: some View {
        let model = store.model
        NavigationView {
            screen(model.screen)
                // Under the bar: "back" still works while the core is busy.
                .overlay { BusyOverlay(text: model.busy) }
                .navigationTitle(model.title)
                .navigationBarTitleDisplayMode(.inline)
                .toolbar {
                    ToolbarItem(placement: .navigationBarLeading) {
                        // The core says whether there is a way back here;
                        // "leave the app" has no button on iOS.
                        if case .back(let button) = model.back {
                            SymbolButton(symbol: "chevron.backward", button: button, event: .back, send: send)
                        }
                    }
                }
        }
        .navigationViewStyle(.stack)
        .overlay(alignment: .bottom) { Toast(text: model.toast) }
        .environment(\.layoutDirection, model.rtl ? .rightToLeft : .leftToRight)
        .environment(\.locale, locale(model.lang))
    }

    /// Number and date formatting by the app's language (the texts come
    /// formatted from the core; this is for system controls).
    private func locale(_ lang: Lang) -> Locale {
        switch lang {
        case .fa: return Locale(identifier: "fa_IR")
        case .en: return Locale(identifier: "en_US")
        }
    }

    private func send(_ event: Event) {
        store.send(event)
    }

    @ViewBuilder
    private func screen(_ screen: Screen) -> some View {
        switch screen {
        case .starting:
            ProgressView()
        case .firstRun(let view):
            FirstRunScreen(view: view, send: send)
        case .lock(let view):
            LockScreen(view: view, send: send)
        case .codes(let view):
            CodesScreen(view: view, send: send)
        case .scan(let view):
            ScanScreen(view: view, session: store.captureSession, send: send)
        case .manualEntry(let view):
            ManualEntryScreen(view: view, send: send)
        case .confirm(let view):
            ConfirmScreen(view: view, send: send)
        case .batch(let view):
            BatchScreen(view: view, send: send)
        case .`import`(let view):
            ImportScreen(view: view, send: send)
        case .activation(let view):
            ActivationScreen(view: view, send: send)
        case .account(let view):
            AccountScreen(view: view, send: send)
        case .backup(let view):
            BackupScreen(view: view, send: send)
        case .settings(let view):
            SettingsScreen(view: view, send: send)
        case .transfer(let view):
            TransferScreen(view: view, send: send)
        case .notice(let view):
            NoticeScreen(view: view, send: send)
        }
    }
}

/// Slow work in progress: the screen takes no input at once, and the
/// core's text with a spinner appears if the work lasts (a camera frame's
/// decode or a file write is over before it would only flash).
struct BusyOverlay: View {
    let text: String?
    @State private var shown = false

    var body: some View {
        if let text {
            ZStack {
                // Nearly clear still catches every tap.
                Color.black.opacity(shown ? 0.25 : 0.001).ignoresSafeArea()
                if shown {
                    VStack(spacing: 12) {
                        ProgressView()
                        Text(text).multilineTextAlignment(.center)
                    }
                    .padding(24)
                    .background(.regularMaterial, in: RoundedRectangle(cornerRadius: 16))
                    .accessibilityElement(children: .combine)
                }
            }
            .task {
                do {
                    try await Task.sleep(nanoseconds: 400_000_000)
                    shown = true
                } catch {
                    // Cancelled: the work ended first.
                }
            }
            .onDisappear { shown = false }
        }
    }
}

/// A short message (copied, saved...), for as long as the view model has it.
struct Toast: View {
    let text: String?

    var body: some View {
        if let text {
            Text(text)
                .padding(.horizontal, 16).padding(.vertical, 10)
                .background(.thinMaterial, in: Capsule())
                .padding(.bottom, 24)
                .accessibilityAddTraits(.isStaticText)
        }
    }
}
