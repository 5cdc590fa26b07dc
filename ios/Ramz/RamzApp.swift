import SwiftUI

/// Thin iOS shell (needs Xcode; not built on the CI machines). It owns the
/// camera and the UI only: frames go to `Authenticator.scanFrame` as the
/// luma plane of the `CVPixelBuffer`, PINs go to the core as `Data` that is
/// wiped after the call, and every string comes from `Localizable.strings`
/// (`en`, `fa`; SwiftUI mirrors the layout for Persian).
@main
struct RamzApp: App {
    @Environment(\.scenePhase) private var scenePhase
    @StateObject private var model = CodeListModel()

    var body: some Scene {
        WindowGroup {
            CodeListView(model: model)
        }
        .onChange(of: scenePhase) { phase in
            // Lock on background: the core wipes its keys at once.
            if phase == .background { model.lock() }
        }
    }
}
