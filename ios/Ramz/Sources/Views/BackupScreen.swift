import Ramz
import SwiftUI

/// Backups: export (a passphrase twice, its strength, bank cards with the
/// PIN), and verify or restore a file picked through the document picker
/// (`Effect.pickFile`), then its passphrase and the file's button.
struct BackupScreen: View {
    let view: BackupView
    let send: Send

    var body: some View {
        Form {
            Section {
                Text(view.lastBackup)
                if let reminder = view.reminder { Text(reminder).font(.footnote) }
            }
            Section {
                SecretInput(field: view.passphrase, id: .passphrase, send: send)
                if let again = view.passphraseAgain {
                    SecretInput(field: again, id: .passphraseAgain, send: send)
                }
                if let strength = view.strength {
                    ProgressView(value: Double(strength), total: 4)
                        .accessibilityHidden(true)
                }
                if let text = view.strengthText { Text(text).font(.footnote) }
                if let cards = view.includeBankCards {
                    SwitchRow(toggle: cards, event: { .choose(.includeBankCards($0)) }, send: send)
                }
                if let pad = view.pad { PinPad(pad: pad, send: send) }
                if let submit = view.submit { ActionButton(button: submit, event: .submit, send: send) }
                ActionButton(button: view.export, event: .choose(.export), send: send)
            }
            Section {
                ActionButton(button: view.verify, event: .choose(.verify), send: send, prominent: false)
                ActionButton(button: view.restore, event: .choose(.restore), send: send, prominent: false)
                ForEach(0..<view.report.count, id: \.self) { i in Text(view.report[i]).font(.footnote) }
                ProblemText(text: view.error)
            }
        }
    }
}
