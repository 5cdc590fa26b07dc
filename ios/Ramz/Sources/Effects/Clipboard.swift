import Foundation
import UIKit
import UniformTypeIdentifiers

/// `Effect.copyToClipboard`: the general pasteboard, local only (no
/// Universal Clipboard to the person's other devices) when the core marks
/// the text sensitive, and expiring after the time the core gives, which
/// iOS enforces even if the app is killed meanwhile.
final class Clipboard {
    func copy(_ text: String, sensitive: Bool, clearAfter seconds: TimeInterval) {
        var options: [UIPasteboard.OptionsKey: Any] = [
            .expirationDate: Date().addingTimeInterval(seconds),
        ]
        if sensitive { options[.localOnly] = true }
        UIPasteboard.general.setItems([[UTType.plainText.identifier: text]], options: options)
    }

    /// The pasteboard's text, for `Event.paste`, read only on the person's
    /// tap (iOS then asks for permission).
    func text() -> String? {
        UIPasteboard.general.string
    }
}
