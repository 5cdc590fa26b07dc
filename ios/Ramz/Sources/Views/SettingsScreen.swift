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
            Section {
                LanguageList(languages: view.languages, send: send)
            }
            Section {
                if let biometrics = view.biometrics {
                    Toggle(biometrics.label, isOn: Binding(get: { biometrics.on },
                                                           set: { send(.choose(.biometrics($0))) }))
                }
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
                HStack {
                    Image(systemName: "key")
                    Spacer()
                    SymbolButton(symbol: "arrow.triangle.2.circlepath", event: .choose(.changePin), send: send)
                }
            }
            Section {
                Text(view.clock)
                HStack {
                    FormField(field: view.clockOffset, id: .clockOffset, send: send, keyboard: .numbersAndPunctuation)
                    SymbolButton(symbol: "checkmark.circle", event: .choose(.manualClock(true)), send: send)
                    SymbolButton(symbol: "xmark.circle", event: .choose(.manualClock(false)), send: send)
                }
            }
            Section {
                ProblemText(text: view.error)
                Text(view.about).font(.footnote).foregroundStyle(.secondary)
            }
        }
    }
}
