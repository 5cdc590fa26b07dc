import Ramz
import SwiftUI

/// How a view reports what the person did: one ramz-app `Event`.
typealias Send = (Event) -> Void

/// Sends a secret typed or pasted (a passphrase, a base32 secret, an SMS
/// code, pasted text) as UTF-8 bytes, and overwrites this side's copy of
/// them once the core has its own (Swift's `String` it came from cannot be
/// wiped; the bytes can).
func sendSecret(_ text: String, _ send: Send, as event: (Data) -> Event) {
    var bytes = Data(text.utf8)
    send(event(bytes))
    bytes.resetBytes(in: 0..<bytes.count)
}

/// A view-model button (`Ramz.Button`: label and enabled state) that sends
/// one event.
struct ActionButton: View {
    let button: Ramz.Button
    let event: Event
    let send: Send
    var prominent = true

    var body: some View {
        if prominent {
            SwiftUI.Button { send(event) } label: { Text(button.label).frame(maxWidth: .infinity) }
                .buttonStyle(.borderedProminent)
                .disabled(!button.enabled)
        } else {
            SwiftUI.Button { send(event) } label: { Text(button.label).frame(maxWidth: .infinity) }
                .buttonStyle(.bordered)
                .disabled(!button.enabled)
        }
    }
}

/// A view-model button drawn as an SF Symbol (navigation, the bar): the
/// view model's label is what VoiceOver says.
struct SymbolButton: View {
    let symbol: String
    let button: Ramz.Button
    let event: Event
    let send: Send

    var body: some View {
        SwiftUI.Button { send(event) } label: { Image(systemName: symbol) }
            .disabled(!button.enabled)
            .accessibilityLabel(Text(button.label))
    }
}

/// A view-model switch (`Ramz.Switch`: label and state); a change sends
/// the event made from the new state.
struct SwitchRow: View {
    let toggle: Ramz.Switch
    let event: (Bool) -> Event
    let send: Send

    var body: some View {
        Toggle(toggle.label, isOn: Binding(get: { toggle.on }, set: { send(event($0)) }))
    }
}

/// An error or warning line of the view model.
struct ProblemText: View {
    let text: String?

    var body: some View {
        if let text {
            Text(text).font(.footnote).foregroundStyle(.red).fixedSize(horizontal: false, vertical: true)
        }
    }
}

/// A plain text field: shows the view model's value, sends every change
/// as `Event.edit`, and the keyboard's return key as `Event.submit`.
struct FormField: View {
    let field: FieldView
    let id: Field
    let send: Send
    var keyboard: UIKeyboardType = .default

    var body: some View {
        VStack(alignment: .leading, spacing: 4) {
            TextField(field.label, text: Binding(get: { field.value },
                                                 set: { send(.edit(field: id, text: $0)) }))
                .keyboardType(keyboard)
                .textInputAutocapitalization(.never)
                .autocorrectionDisabled()
                .onSubmit { send(.submit) }
            ProblemText(text: field.error)
        }
    }
}

/// A secret field (base32 secret, passphrase, SMS code): the view model
/// never echoes it, so the text stays in this view's state, goes to the
/// core as UTF-8 bytes (`Event.editSecret`) on every change, and is
/// dropped when the view goes away.
struct SecretInput: View {
    let field: FieldView
    let id: SecretField
    let send: Send
    var keyboard: UIKeyboardType = .default
    var content: UITextContentType? = nil
    @State private var text = ""

    var body: some View {
        VStack(alignment: .leading, spacing: 4) {
            SecureField(field.label, text: $text)
                .keyboardType(keyboard)
                .textContentType(content)
                .textInputAutocapitalization(.never)
                .autocorrectionDisabled()
                .onChange(of: text) { sendSecret($0, send) { .editSecret(field: id, bytes: $0) } }
                .onSubmit { send(.submit) }
            ProblemText(text: field.error)
        }
        .onDisappear { text = "" }
    }
}

/// The PIN pad: the prompt, one dot per digit, the ten keys labelled by
/// the view model (Persian digits in Persian), delete. Keys send
/// `Event.pinKey`; the core counts, checks and clears.
struct PinPad: View {
    let pad: PinPadView
    let send: Send

    /// Phone keypad order, the same in both languages.
    private let rows: [[Int?]] = [[1, 2, 3], [4, 5, 6], [7, 8, 9], [nil, 0, -1]]

    var body: some View {
        VStack(spacing: 20) {
            Text(pad.prompt).font(.headline).multilineTextAlignment(.center)
            HStack(spacing: 14) {
                ForEach(0..<Int(pad.length), id: \.self) { i in
                    Circle()
                        .strokeBorder(Color.primary, lineWidth: 1.5)
                        .background(Circle().fill(i < Int(pad.filled) ? Color.primary : Color.clear))
                        .frame(width: 14, height: 14)
                }
            }
            .accessibilityHidden(true)
            ProblemText(text: pad.error)
            VStack(spacing: 12) {
                ForEach(0..<rows.count, id: \.self) { r in
                    HStack(spacing: 24) {
                        ForEach(0..<rows[r].count, id: \.self) { c in key(rows[r][c]) }
                    }
                }
            }
            .environment(\.layoutDirection, .leftToRight)
            .disabled(!pad.enabled)
        }
    }

    @ViewBuilder
    private func key(_ digit: Int?) -> some View {
        if let digit, digit >= 0, pad.keys.indices.contains(digit) {
            SwiftUI.Button { send(.pinKey(digit: UInt8(digit))) } label: {
                Text(pad.keys[digit]).font(.title).frame(width: 72, height: 56)
            }
            .buttonStyle(.bordered)
        } else if digit == -1 {
            SwiftUI.Button { send(.pinBackspace) } label: {
                Image(systemName: "delete.left").font(.title2).frame(width: 72, height: 56)
            }
            .disabled(!pad.backspace.enabled)
            .accessibilityLabel(Text(pad.backspace.label))
        } else {
            Color.clear.frame(width: 72, height: 56)
        }
    }
}
