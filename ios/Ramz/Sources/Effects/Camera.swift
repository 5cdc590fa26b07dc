import AVFoundation
import CoreVideo
import Foundation
import Ramz

/// `Effect.camera(on:)`: the back camera through an `AVCaptureSession`
/// whose `AVCaptureVideoDataOutput` delivers bi-planar YUV
/// (`420YpCbCr8BiPlanarFullRange`). Of each frame only plane 0, the luma
/// (Y) plane, is copied, with its bytes-per-row, and sent as
/// `Event.cameraFrame` from the capture queue, never the main thread.
/// One frame is in flight at a time: the next is sent only after the core
/// answered the last one (its decode work came back) or refused it.
final class Camera: NSObject, AVCaptureVideoDataOutputSampleBufferDelegate, @unchecked Sendable {
    private unowned let store: Store
    private let session: AVCaptureSession
    /// Session configuration and start/stop (blocking calls).
    private let sessionQueue = DispatchQueue(label: "ir.ramz.camera.session")
    /// Frames arrive here.
    private let frameQueue = DispatchQueue(label: "ir.ramz.camera.frames", qos: .userInitiated)
    private let lock = NSLock()
    private var inFlight = false
    private var configured = false

    @MainActor
    init(store: Store) {
        self.store = store
        session = store.captureSession
        super.init()
    }

    @MainActor
    func start() {
        AVCaptureDevice.requestAccess(for: .video) { granted in
            // Refused: the scan screen still offers paste and typing.
            guard granted else { return }
            self.sessionQueue.async {
                if !self.configured { self.configured = self.configure() }
                if self.configured && !self.session.isRunning { self.session.startRunning() }
            }
        }
    }

    @MainActor
    func stop() {
        sessionQueue.async {
            if self.session.isRunning { self.session.stopRunning() }
        }
        setInFlight(false)
    }

    /// The core answered the frame in flight (a work came back).
    @MainActor
    func answered() {
        setInFlight(false)
    }

    private func configure() -> Bool {
        guard let device = AVCaptureDevice.default(.builtInWideAngleCamera, for: .video, position: .back),
              let input = try? AVCaptureDeviceInput(device: device) else { return false }
        session.beginConfiguration()
        defer { session.commitConfiguration() }
        // A QR code needs no more than 720p; fewer bytes to copy per frame.
        if session.canSetSessionPreset(.hd1280x720) { session.sessionPreset = .hd1280x720 }
        guard session.canAddInput(input) else { return false }
        session.addInput(input)
        let output = AVCaptureVideoDataOutput()
        output.videoSettings = [
            kCVPixelBufferPixelFormatTypeKey as String: kCVPixelFormatType_420YpCbCr8BiPlanarFullRange,
        ]
        output.alwaysDiscardsLateVideoFrames = true
        output.setSampleBufferDelegate(self, queue: frameQueue)
        guard session.canAddOutput(output) else { return false }
        session.addOutput(output)
        if device.isFocusModeSupported(.continuousAutoFocus), (try? device.lockForConfiguration()) != nil {
            device.focusMode = .continuousAutoFocus
            device.unlockForConfiguration()
        }
        return true
    }

    func captureOutput(_ output: AVCaptureOutput, didOutput sampleBuffer: CMSampleBuffer,
                       from connection: AVCaptureConnection) {
        guard !isInFlight(), let buffer = CMSampleBufferGetImageBuffer(sampleBuffer) else { return }
        guard CVPixelBufferGetPlaneCount(buffer) >= 2 else { return } // not the bi-planar format asked for
        CVPixelBufferLockBaseAddress(buffer, .readOnly)
        defer { CVPixelBufferUnlockBaseAddress(buffer, .readOnly) }
        guard let base = CVPixelBufferGetBaseAddressOfPlane(buffer, 0) else { return }
        let width = CVPixelBufferGetWidthOfPlane(buffer, 0)
        let height = CVPixelBufferGetHeightOfPlane(buffer, 0)
        let stride = CVPixelBufferGetBytesPerRowOfPlane(buffer, 0)
        // The Y plane as it is in memory: `height` rows of `stride` bytes
        // (row padding included; the core skips it).
        let luma = Data(bytes: base, count: stride * height)
        setInFlight(true)
        let taken = store.sendFromCaptureQueue(.cameraFrame(
            luma: luma, width: UInt32(width), height: UInt32(height), rowStride: UInt32(stride)))
        if !taken { setInFlight(false) }
    }

    private func isInFlight() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return inFlight
    }

    private func setInFlight(_ value: Bool) {
        lock.lock()
        inFlight = value
        lock.unlock()
    }
}
