import SwiftUI

/// One row as the core reports it (metadata and the current code only).
struct CodeRow: Identifiable {
    let id: String
    let issuer: String
    let account: String
    let code: String
    let next: String
    let remaining: UInt64
    let period: UInt64
}

/// Refreshes every second from `Authenticator.codes(now:)`; no logic of its own.
final class CodeListModel: ObservableObject {
    @Published var rows: [CodeRow] = []
    private var timer: Timer?

    func start(refresh: @escaping () -> [CodeRow]) {
        timer?.invalidate()
        timer = Timer.scheduledTimer(withTimeInterval: 1, repeats: true) { [weak self] _ in
            self?.rows = refresh()
        }
    }

    func lock() {
        timer?.invalidate()
        rows = []
    }
}

struct CodeListView: View {
    @ObservedObject var model: CodeListModel

    var body: some View {
        NavigationView {
            List(model.rows) { row in
                HStack {
                    VStack(alignment: .leading) {
                        Text(row.issuer).font(.headline)
                        Text(row.account).font(.caption)
                    }
                    Spacer()
                    // Codes stay left-to-right inside the right-to-left layout.
                    Text(row.code)
                        .font(.system(.title, design: .monospaced))
                        .environment(\.layoutDirection, .leftToRight)
                    if row.period > 0 {
                        ProgressView(value: Double(row.remaining), total: Double(row.period))
                            .frame(width: 32)
                    }
                }
            }
            .navigationTitle(Text("codes_title"))
        }
    }
}
