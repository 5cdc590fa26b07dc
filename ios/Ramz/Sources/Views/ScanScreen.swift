import AVFoundation
import Ramz
import SwiftUI
import UIKit

/// The viewfinder: the camera's picture (frames go to the core from the
/// effect runner's `Camera`, not from here), the core's hint, progress and
/// error, and the two other ways in: paste and typing.
struct ScanScreen: View {
    let view: ScanView
    let session: AVCaptureSession
    let send: Send

    var body: some View {
        VStack(spacing: 0) {
            ZStack(alignment: .bottom) {
                CameraPreview(session: session)
                    .accessibilityHidden(true)
                VStack(spacing: 6) {
                    Text(view.hint)
                    if let progress = view.progress { Text(progress).bold() }
                    ProblemText(text: view.error)
                }
                .padding(12)
                .background(.regularMaterial, in: RoundedRectangle(cornerRadius: 12))
                .padding()
            }
            HStack(spacing: 12) {
                // Read on the person's tap only (iOS asks to allow it);
                // the text goes to the core as bytes, which classifies it.
                SwiftUI.Button {
                    if let text = Clipboard().text() { sendSecret(text, send) { .paste(text: $0) } }
                } label: {
                    Text(view.paste.label).frame(maxWidth: .infinity)
                }
                .buttonStyle(.bordered)
                .disabled(!view.paste.enabled)
                ActionButton(button: view.manual, event: .navigate(.manualEntry), send: send, prominent: false)
                ActionButton(button: view.`import`, event: .navigate(.`import`), send: send, prominent: false)
            }
            .padding()
        }
    }
}

/// The capture session's picture, filling its frame.
struct CameraPreview: UIViewRepresentable {
    let session: AVCaptureSession

    final class PreviewView: UIView {
        override class var layerClass: AnyClass { AVCaptureVideoPreviewLayer.self }
        var preview: AVCaptureVideoPreviewLayer {
            // layerClass above makes the backing layer a preview layer.
            layer as! AVCaptureVideoPreviewLayer
        }
    }

    func makeUIView(context: Context) -> PreviewView {
        let view = PreviewView()
        view.preview.session = session
        view.preview.videoGravity = .resizeAspectFill
        return view
    }

    func updateUIView(_ uiView: PreviewView, context: Context) {}
}
