import Ramz
import RamzKit
import SwiftUI

/// The Ramz app for iOS: a renderer of ramz-app's view model. What the
/// app shows, what it accepts and where it goes next is decided in Rust
/// (`RamzApp.update(event:)`, `RamzApp.view()`); this target draws the
/// view model (Views/), performs the effects (Effects/) and reports the
/// platform's happenings as events:
///
/// - scene phase: `.background` locks at once (`Event.background`), and a
///   privacy cover replaces the screen whenever the scene is not active,
///   which is when iOS takes the app-switcher snapshot;
/// - a one-second timer while active (`Event.tick`), which also drives
///   auto-lock, countdowns and the codes.
@main
struct RamzMain: App {
    @Environment(\.scenePhase) private var phase
    @StateObject private var store = Store.launch()
    /// One publisher for the app's life (a new one per redraw would
    /// restart the second).
    private let ticks = Timer.publish(every: 1, on: .main, in: .common).autoconnect()

    var body: some Scene {
        WindowGroup {
            RootView(store: store)
                .overlay {
                    if phase != .active || store.screenCaptured { PrivacyCover() }
                }
                .onReceive(ticks) { _ in
                    if phase == .active { store.send(.tick(unix: Store.now())) }
                }
        }
        .onChange(of: phase) { newPhase in
            switch newPhase {
            case .background: store.send(.background(unix: Store.now()))
            case .active: store.send(.foreground(unix: Store.now()))
            default: break // .inactive: the cover is up; nothing locks yet
            }
        }
    }
}

/// Shown instead of the app in the app switcher and while the screen is
/// recorded or mirrored: no code, PIN pad or QR code is ever in the
/// snapshot. No text: only the app's colours and symbol.
struct PrivacyCover: View {
    var body: some View {
        ZStack {
            Color(uiColor: .systemBackground)
            Image(systemName: "lock.shield")
                .font(.system(size: 64))
                .foregroundStyle(.secondary)
                .accessibilityHidden(true)
        }
        .ignoresSafeArea()
    }
}
