import Ramz
import SwiftUI

/// The code list: search, banners, the rows, add; the other top-level
/// places from the bar. A tap on a row sends `Event.tapAccount` (the core
/// copies the code, or makes the next HOTP code), a long press
/// `Event.openAccount`, a drag in edit mode `Event.moveAccount`.
struct CodesScreen: View {
    let view: CodesView
    let send: Send
    @State private var editMode = EditMode.inactive

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
            Section {
                if let empty = view.empty {
                    Text(empty).foregroundStyle(.secondary)
                }
                ForEach(view.rows, id: \.id) { row in
                    CodeRowView(row: row)
                        .contentShape(Rectangle())
                        .onTapGesture { send(.tapAccount(id: row.id)) }
                        .onLongPressGesture { send(.openAccount(id: row.id)) }
                        .accessibilityAction(.default) { send(.tapAccount(id: row.id)) }
                }
                .onMove { from, to in
                    // SwiftUI gives the place before removal; the core wants
                    // the final position.
                    guard let first = from.first, view.rows.indices.contains(first) else { return }
                    let position = to > first ? to - 1 : to
                    send(.moveAccount(id: view.rows[first].id, position: UInt32(position)))
                }
            }
            Section {
                ActionButton(button: view.add, event: .navigate(.scan), send: send)
            }
        }
        .environment(\.editMode, $editMode)
        .toolbar {
            ToolbarItemGroup(placement: .navigationBarTrailing) {
                SwiftUI.Button {
                    editMode = editMode == .active ? .inactive : .active
                } label: {
                    Image(systemName: editMode == .active ? "checkmark" : "arrow.up.arrow.down")
                }
                SymbolButton(symbol: "arrow.left.arrow.right.square", event: .navigate(.transfer), send: send)
                SymbolButton(symbol: "externaldrive", event: .navigate(.backup), send: send)
                SymbolButton(symbol: "gearshape", event: .navigate(.settings), send: send)
            }
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
