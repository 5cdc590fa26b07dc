import Ramz
import SwiftUI

/// Typing an account in. The core checks every field and labels every
/// switch and choice.
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
                SwitchRow(toggle: view.advanced, event: { .choose(.advanced($0)) }, send: send)
                if view.advanced.on {
                    SwitchRow(toggle: view.hotp, event: { .choose(.hotp($0)) }, send: send)
                    FormField(field: view.digits, id: .digits, send: send, keyboard: .numberPad)
                    if view.hotp.on {
                        FormField(field: view.counter, id: .counter, send: send, keyboard: .numberPad)
                    } else {
                        FormField(field: view.period, id: .period, send: send, keyboard: .numberPad)
                    }
                    Picker(view.algorithmLabel, selection: Binding(
                        get: { view.algorithms.first(where: \.selected)?.value ?? .sha1 },
                        set: { send(.choose(.algorithm($0))) }
                    )) {
                        ForEach(0..<view.algorithms.count, id: \.self) { i in
                            Text(view.algorithms[i].label).tag(view.algorithms[i].value)
                        }
                    }
                }
            }
            Section {
                ActionButton(button: view.submit, event: .submit, send: send)
            }
        }
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

/// Another app's export: what to do, where it is from, its password while
/// the file waits for it, the accounts with checkboxes (those already in
/// the vault marked), every entry left out with its reason, add, and
/// "choose another file".
struct ImportScreen: View {
    let view: ImportView
    let send: Send

    var body: some View {
        Form {
            Section {
                Text(view.hint)
                if let source = view.source { Text(source).font(.footnote) }
                if let passphrase = view.passphrase {
                    SecretInput(field: passphrase, id: .passphrase, send: send)
                }
            }
            if !view.entries.isEmpty {
                Section {
                    ForEach(0..<view.entries.count, id: \.self) { i in
                        let entry = view.entries[i]
                        SwiftUI.Button { send(.toggleBatchEntry(index: UInt32(i))) } label: {
                            HStack {
                                Image(systemName: entry.checked ? "checkmark.square" : "square")
                                    .accessibilityHidden(true)
                                VStack(alignment: .leading) {
                                    Text(entry.label)
                                    if let duplicate = entry.duplicate { Text(duplicate).font(.footnote) }
                                }
                            }
                        }
                        .accessibilityAddTraits(entry.checked ? .isSelected : [])
                    }
                }
            }
            if !view.skipped.isEmpty {
                Section {
                    ForEach(0..<view.skipped.count, id: \.self) { i in Text(view.skipped[i]).font(.footnote) }
                }
            }
            Section {
                ProblemText(text: view.error)
                if let submit = view.submit { ActionButton(button: submit, event: .submit, send: send) }
                ActionButton(button: view.pick, event: .choose(.retry), send: send, prominent: false)
            }
        }
    }
}
