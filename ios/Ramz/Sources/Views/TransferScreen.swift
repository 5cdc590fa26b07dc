import Ramz
import SwiftUI

/// Transfer to a new phone: the PIN, then one migration QR code at a time
/// ("code 2 of 3", previous/next), and the bank cards that stay.
struct TransferScreen: View {
    let view: TransferView
    let send: Send

    var body: some View {
        ScrollView {
            VStack(spacing: 16) {
                if let pad = view.pin { PinPad(pad: pad, send: send) }
                Text(view.hint).multilineTextAlignment(.center)
                if let part = view.part { Text(part).font(.headline) }
                if let code = view.code {
                    QrCode(modules: code)
                        .frame(maxWidth: 320)
                        .accessibilityHidden(true)
                }
                HStack {
                    if let previous = view.previous {
                        ActionButton(button: previous, event: .choose(.previousCode), send: send, prominent: false)
                    }
                    if let next = view.next {
                        ActionButton(button: next, event: .choose(.nextCode), send: send)
                    }
                }
                if let stayTitle = view.stayTitle {
                    VStack(alignment: .leading, spacing: 4) {
                        Text(stayTitle).font(.headline)
                        ForEach(0..<view.stay.count, id: \.self) { i in Text(view.stay[i]) }
                    }
                }
            }
            .padding()
        }
    }
}

/// A QR code from the core's modules (1 dark, 0 light, row by row), with
/// the 4-module light margin, drawn dark on white whatever the theme (a
/// camera needs the contrast), never mirrored.
struct QrCode: View {
    let modules: QrModules

    var body: some View {
        Canvas { context, size in
            let n = Int(modules.size)
            guard n > 0, modules.dark.count >= n * n else { return }
            let side = min(size.width, size.height) / CGFloat(n + 8)
            context.fill(Path(CGRect(origin: .zero, size: size)), with: .color(.white))
            var dark = Path()
            for y in 0..<n {
                for x in 0..<n where modules.dark[modules.dark.startIndex + y * n + x] != 0 {
                    dark.addRect(CGRect(x: CGFloat(x + 4) * side, y: CGFloat(y + 4) * side, width: side, height: side))
                }
            }
            context.fill(dark, with: .color(.black))
        }
        .aspectRatio(1, contentMode: .fit)
        .environment(\.layoutDirection, .leftToRight)
    }
}
