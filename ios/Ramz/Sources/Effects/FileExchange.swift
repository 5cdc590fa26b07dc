import Foundation
import UIKit
import UniformTypeIdentifiers

/// `Effect.saveFile` and `Effect.pickFile` through the system document
/// picker: export writes the bytes (an encrypted backup) to a temporary
/// file, lets the person choose where a copy goes (Files, iCloud Drive, a
/// USB drive...) and deletes the temporary file; import copies the chosen
/// file into the app's sandbox, reads it and deletes the copy.
@MainActor
final class FileExchange: NSObject, UIDocumentPickerDelegate {
    private var pending: ((URL?) -> Void)?

    func save(name: String, mime: String, bytes: Data, answer: @escaping (Bool) -> Void) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString, isDirectory: true)
        // The core's suggested name, reduced to a file name.
        let file = dir.appendingPathComponent((name as NSString).lastPathComponent, isDirectory: false)
        do {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            try bytes.write(to: file, options: [.atomic, .completeFileProtection])
        } catch {
            answer(false)
            return
        }
        let picker = UIDocumentPickerViewController(forExporting: [file], asCopy: true)
        present(picker) { chosen in
            try? FileManager.default.removeItem(at: dir)
            answer(chosen != nil)
        }
    }

    func pick(mime: String, answer: @escaping (Data?) -> Void) {
        let types = [UTType(mimeType: mime) ?? .data]
        let picker = UIDocumentPickerViewController(forOpeningContentTypes: types, asCopy: true)
        present(picker) { chosen in
            guard let chosen else { return answer(nil) }
            let bytes = try? Data(contentsOf: chosen)
            try? FileManager.default.removeItem(at: chosen)
            answer(bytes)
        }
    }

    private func present(_ picker: UIDocumentPickerViewController, then: @escaping (URL?) -> Void) {
        guard pending == nil, let top = Self.topController() else {
            then(nil)
            return
        }
        pending = then
        picker.delegate = self
        picker.allowsMultipleSelection = false
        top.present(picker, animated: true)
    }

    nonisolated func documentPicker(_ controller: UIDocumentPickerViewController, didPickDocumentsAt urls: [URL]) {
        Task { @MainActor in self.finish(urls.first) }
    }

    nonisolated func documentPickerWasCancelled(_ controller: UIDocumentPickerViewController) {
        Task { @MainActor in self.finish(nil) }
    }

    private func finish(_ url: URL?) {
        let then = pending
        pending = nil
        then?(url)
    }

    private static func topController() -> UIViewController? {
        let scene = UIApplication.shared.connectedScenes
            .compactMap { $0 as? UIWindowScene }
            .first { $0.activationState == .foregroundActive } ?? UIApplication.shared.connectedScenes
            .compactMap { $0 as? UIWindowScene }.first
        var top = scene?.windows.first { $0.isKeyWindow }?.rootViewController
        while let presented = top?.presentedViewController { top = presented }
        return top
    }
}
