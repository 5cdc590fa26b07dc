import Ramz
import SwiftUI

/// Settings: language, biometric unlock, auto-lock, the clock, the PIN
/// pad while the core asks for a PIN, about.
struct SettingsScreen: View {
    let view: SettingsView
    let send: Send

    var body: some View {
        Form {
            if let pad = view.pad {
                Section { PinPad(pad: pad, send: send) }
            }
            Section(header: Text(view.languageLabel)) {
                LanguageList(languages: view.languages, send: send)
            }
            Section {
                if let biometrics = view.biometrics {
                    SwitchRow(toggle: biometrics, event: { .choose(.biometrics($0)) }, send: send)
                }
                ActionButton(button: view.changePin, event: .choose(.changePin), send: send, prominent: false)
            }
            Section(header: Text(view.autoLockLabel)) {
                ForEach(0..<view.autoLock.count, id: \.self) { i in
                    let choice = view.autoLock[i]
                    SwiftUI.Button { send(.choose(.autoLock(choice.seconds))) } label: {
                        HStack {
                            Text(choice.label)
                            Spacer()
                            if choice.selected { Image(systemName: "checkmark") }
                        }
                    }
                    .accessibilityAddTraits(choice.selected ? .isSelected : [])
                }
            }
            Section {
                Text(view.clock)
                FormField(field: view.clockOffset, id: .clockOffset, send: send, keyboard: .numbersAndPunctuation)
                ActionButton(button: view.clockApply, event: .choose(.manualClock(true)), send: send, prominent: false)
                if let clear = view.clockClear {
                    ActionButton(button: clear, event: .choose(.manualClock(false)), send: send, prominent: false)
                }
            }
            Section {
                ProblemText(text: view.error)
                Text(view.about).font(.footnote).foregroundStyle(.secondary)
            }
        }
    }
}
