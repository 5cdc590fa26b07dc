import Ramz
import SwiftUI

/// Typing an account in. The core checks every field; the switches it has
/// no label for are SF Symbols.
struct ManualEntryScreen: View {
    let view: ManualEntryView
    let send: Send

    var body: some View {
        Form {
            Section {
                FormField(field: view.issuer, id: .issuer, send: send)
                FormField(field: view.account, id: .account, send: send)
                SecretInput(field: view.secret, id: .secret, send: send, keyboard: .asciiCapable)
            }
            Section {
                HStack {
                    SymbolButton(symbol: view.advanced ? "chevron.up" : "slider.horizontal.3",
                                 event: .choose(.advanced(!view.advanced)), send: send)
                    Spacer()
                }
                if view.advanced {
                    Toggle(isOn: Binding(get: { view.hotp }, set: { send(.choose(.hotp($0))) })) {
                        Image(systemName: "number")
                    }
                    FormField(field: view.digits, id: .digits, send: send, keyboard: .numberPad)
                    if view.hotp {
                        FormField(field: view.counter, id: .counter, send: send, keyboard: .numberPad)
                    } else {
                        FormField(field: view.period, id: .period, send: send, keyboard: .numberPad)
                    }
                    SwiftUI.Button { send(.choose(.algorithm(Self.after(view.algorithm)))) } label: {
                        Text(view.algorithm).font(.system(.body, design: .monospaced))
                    }
                }
            }
            Section {
                ActionButton(button: view.submit, event: .submit, send: send)
            }
        }
    }

    /// A tap on the algorithm's name moves to the next one; the core names
    /// it (`algorithm`) and owns the value.
    private static func after(_ shown: String) -> Algorithm {
        let all: [Algorithm] = [.sha1, .sha256, .sha512]
        let digits = shown.filter(\.isNumber)
        let current = all.firstIndex { "\($0)".filter(\.isNumber) == digits } ?? 0
        return all[(current + 1) % all.count]
    }
}

/// One scanned or pasted account before it is added: labels to edit, what
/// it is, duplicate and weak-secret warnings.
struct ConfirmScreen: View {
    let view: ConfirmView
    let send: Send

    var body: some View {
        Form {
            Section {
                FormField(field: view.issuer, id: .issuer, send: send)
                FormField(field: view.account, id: .account, send: send)
                Text(view.details).font(.footnote).foregroundStyle(.secondary)
                ProblemText(text: view.duplicate)
                ProblemText(text: view.warning)
            }
            Section {
                ActionButton(button: view.submit, event: .submit, send: send)
            }
        }
    }
}

/// A Google Authenticator export: tick the accounts to add.
struct BatchScreen: View {
    let view: BatchView
    let send: Send

    var body: some View {
        List {
            Section {
                Text(view.part).font(.headline)
                ProblemText(text: view.rejected)
            }
            Section {
                ForEach(0..<view.entries.count, id: \.self) { i in
                    let entry = view.entries[i]
                    SwiftUI.Button { send(.toggleBatchEntry(index: UInt32(i))) } label: {
                        HStack {
                            Image(systemName: entry.checked ? "checkmark.square.fill" : "square")
                            VStack(alignment: .leading) {
                                Text(entry.label)
                                if let duplicate = entry.duplicate {
                                    Text(duplicate).font(.caption).foregroundStyle(.secondary)
                                }
                            }
                        }
                    }
                    .accessibilityAddTraits(entry.checked ? .isSelected : [])
                }
            }
            Section {
                ActionButton(button: view.submit, event: .submit, send: send)
            }
        }
    }
}
