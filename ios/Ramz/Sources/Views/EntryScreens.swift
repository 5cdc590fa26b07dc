import Ramz
import SwiftUI

/// First run: language, a new PIN twice, the biometric offer.
struct FirstRunScreen: View {
    let view: FirstRunView
    let send: Send

    var body: some View {
        ScrollView {
            VStack(spacing: 24) {
                Text(view.heading).font(.title3).multilineTextAlignment(.center)
                switch view.step {
                case .language:
                    LanguageList(languages: view.languages, send: send)
                    ActionButton(button: view.next, event: .submit, send: send)
                case .pin, .pinAgain:
                    if let pad = view.pad { PinPad(pad: pad, send: send) }
                case .biometrics:
                    if let offer = view.biometrics {
                        Text(offer.text).multilineTextAlignment(.center)
                        ActionButton(button: offer.accept, event: .acceptBiometrics(accept: true), send: send)
                        ActionButton(button: offer.decline, event: .acceptBiometrics(accept: false), send: send,
                                     prominent: false)
                    }
                }
            }
            .padding()
        }
    }
}

/// The languages, each named in itself; a tap sends `Event.setLanguage`.
struct LanguageList: View {
    let languages: [LanguageChoice]
    let send: Send

    var body: some View {
        VStack(spacing: 8) {
            ForEach(0..<languages.count, id: \.self) { i in
                let choice = languages[i]
                SwiftUI.Button { send(.setLanguage(choice.lang)) } label: {
                    HStack {
                        Text(choice.name)
                        Spacer()
                        if choice.selected { Image(systemName: "checkmark") }
                    }
                    .padding(.vertical, 8)
                }
                .accessibilityAddTraits(choice.selected ? .isSelected : [])
            }
        }
    }
}

/// The lock screen: the PIN pad, attempts left, the wait, biometrics.
struct LockScreen: View {
    let view: LockView
    let send: Send

    var body: some View {
        ScrollView {
            VStack(spacing: 16) {
                PinPad(pad: view.pad, send: send)
                if let attempts = view.attempts { Text(attempts).font(.footnote) }
                if let wait = view.wait { Text(wait).font(.headline).monospacedDigit() }
                if let biometrics = view.biometrics {
                    ActionButton(button: biometrics, event: .unlockWithBiometrics, send: send, prominent: false)
                }
            }
            .padding()
        }
    }
}

/// A full-screen explanation (vault wiped, damaged, not a code, done) and
/// the way forward.
struct NoticeScreen: View {
    let view: NoticeView
    let send: Send

    var body: some View {
        ScrollView {
            VStack(spacing: 20) {
                Text(view.heading).font(.title2).bold().multilineTextAlignment(.center)
                Text(view.body).multilineTextAlignment(.leading)
                ActionButton(button: view.action, event: .submit, send: send)
            }
            .padding()
        }
    }
}
