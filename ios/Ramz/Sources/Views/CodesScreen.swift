import Ramz
import SwiftUI

/// The code list: search, banners, the rows, add; the other top-level
/// places from the bar. A tap on a row sends `Event.tapAccount` (the core
/// copies the code, or makes the next HOTP code: `row.tap`); its menu
/// (long press, or VoiceOver's actions) opens the account and moves it up
/// or down to the positions the row gives (`Event.moveAccount`).
struct CodesScreen: View {
    let view: CodesView
    let send: Send

    var body: some View {
        List {
            Section {
                TextField(view.searchHint, text: Binding(get: { view.search },
                                                         set: { send(.edit(field: .search, text: $0)) }))
                    .textInputAutocapitalization(.never)
                    .autocorrectionDisabled()
                ForEach(0..<view.banners.count, id: \.self) { i in
                    Label { Text(view.banners[i]) } icon: { Image(systemName: "exclamationmark.triangle") }
                        .font(.footnote)
                }
            }
            if let offer = view.biometricsOffer {
                Section {
                    Text(offer.text)
                    ActionButton(button: offer.accept, event: .acceptBiometrics(accept: true), send: send)
                    ActionButton(button: offer.decline, event: .acceptBiometrics(accept: false), send: send, prominent: false)
                }
            }
            Section {
                if let empty = view.empty {
                    Text(empty).foregroundStyle(.secondary)
                }
                ForEach(view.rows, id: \.id) { row in
                    CodeRowView(row: row)
                        .contentShape(Rectangle())
                        .onTapGesture { send(.tapAccount(id: row.id)) }
                        .accessibilityAction(.default) { send(.tapAccount(id: row.id)) }
                        .accessibilityHint(Text(row.tap))
                        .contextMenu { rowMenu(row) }
                        .accessibilityActions { rowMenu(row) }
                }
            }
            Section {
                ActionButton(button: view.add, event: .navigate(.scan), send: send)
            }
        }
        .toolbar {
            ToolbarItemGroup(placement: .navigationBarTrailing) {
                SymbolButton(symbol: "arrow.left.arrow.right.square", button: view.transfer, event: .navigate(.transfer), send: send)
                SymbolButton(symbol: "externaldrive", button: view.backup, event: .navigate(.backup), send: send)
                SymbolButton(symbol: "gearshape", button: view.settings, event: .navigate(.settings), send: send)
            }
        }
    }

    /// A row's menu: details, and a move to the position the row gives
    /// (none during a search, or at the list's end).
    @ViewBuilder
    private func rowMenu(_ row: CodeRow) -> some View {
        SwiftUI.Button(view.openAccount.label) { send(.openAccount(id: row.id)) }
            .disabled(!view.openAccount.enabled)
        if let up = row.moveUp {
            SwiftUI.Button(view.moveUp.label) { send(.moveAccount(id: row.id, position: up)) }
                .disabled(!view.moveUp.enabled)
        }
        if let down = row.moveDown {
            SwiftUI.Button(view.moveDown.label) { send(.moveAccount(id: row.id, position: down)) }
                .disabled(!view.moveDown.enabled)
        }
    }
}

/// One account: labels, the code (grouped, already isolated left to
/// right by the core), the next code near a step's end, the seconds left
/// as a ring, or the HOTP counter. VoiceOver reads the core's `a11y` text.
struct CodeRowView: View {
    let row: CodeRow

    var body: some View {
        HStack(spacing: 12) {
            VStack(alignment: .leading, spacing: 2) {
                Text(row.issuer).font(.headline)
                Text(row.account).font(.subheadline).foregroundStyle(.secondary)
                if let badge = row.badge {
                    Text(badge).font(.caption2).padding(.horizontal, 6).padding(.vertical, 2)
                        .background(Color.accentColor.opacity(0.15), in: Capsule())
                }
            }
            Spacer()
            VStack(alignment: .trailing, spacing: 2) {
                Text(row.code).font(.system(.title2, design: .monospaced)).bold()
                if let next = row.next {
                    Text(next).font(.system(.caption, design: .monospaced)).foregroundStyle(.secondary)
                }
                if let counter = row.counter { Text(counter).font(.caption).foregroundStyle(.secondary) }
            }
            if row.period > 0 {
                ZStack {
                    Circle().stroke(Color.secondary.opacity(0.3), lineWidth: 3)
                    Circle()
                        .trim(from: 0, to: CGFloat(row.secondsLeft) / CGFloat(max(row.period, 1)))
                        .stroke(row.next == nil ? Color.accentColor : Color.orange, lineWidth: 3)
                        .rotationEffect(.degrees(-90))
                    Text(row.secondsText).font(.caption2).monospacedDigit()
                }
                .frame(width: 32, height: 32)
            }
        }
        .padding(.vertical, 4)
        .accessibilityElement(children: .ignore)
        .accessibilityLabel(Text(row.a11y))
    }
}
