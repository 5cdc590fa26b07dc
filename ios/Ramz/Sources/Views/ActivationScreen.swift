import Ramz
import SwiftUI

/// A bank card activation: the bank, the masked card and the server to
/// check, the countdown, the SMS code (offered by iOS from the message:
/// `.oneTimeCode`), activate and retry.
struct ActivationScreen: View {
    let view: ActivationView
    let send: Send

    var body: some View {
        Form {
            Section {
                Text(view.bank).font(.headline)
                Text(view.card).font(.system(.body, design: .monospaced))
                Text(view.server).font(.footnote).foregroundStyle(.secondary)
                Text(view.expires).monospacedDigit()
            }
            Section {
                SecretInput(field: view.smsCode, id: .smsCode, send: send, keyboard: .numberPad, content: .oneTimeCode)
                ProblemText(text: view.error)
            }
            Section {
                ActionButton(button: view.submit, event: .submit, send: send)
                if let retry = view.retry {
                    ActionButton(button: retry, event: .choose(.retry), send: send, prominent: false)
                }
            }
        }
    }
}

/// One account: rename, its details (never a secret), delete with a
/// confirmation, and the PIN for a bank card's deletion.
struct AccountScreen: View {
    let view: AccountView
    let send: Send

    var body: some View {
        Form {
            Section {
                FormField(field: view.issuer, id: .issuer, send: send)
                FormField(field: view.account, id: .account, send: send)
                ActionButton(button: view.rename, event: .choose(.rename), send: send, prominent: false)
            }
            Section {
                ForEach(0..<view.details.count, id: \.self) { i in
                    HStack {
                        Text(view.details[i].label).foregroundStyle(.secondary)
                        Spacer()
                        Text(view.details[i].value)
                    }
                }
            }
            Section {
                if let pad = view.pad {
                    PinPad(pad: pad, send: send)
                } else if let confirm = view.confirmDelete {
                    Text(confirm)
                    if let yes = view.confirm {
                        ActionButton(button: yes, event: .choose(.confirmDelete), send: send)
                            .tint(.red)
                    }
                } else {
                    ActionButton(button: view.delete, event: .choose(.delete), send: send, prominent: false)
                        .tint(.red)
                }
            }
        }
    }
}
