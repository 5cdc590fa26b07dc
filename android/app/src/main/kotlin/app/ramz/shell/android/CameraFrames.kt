package app.ramz.shell.android

import android.content.Context
import androidx.camera.core.CameraSelector
import androidx.camera.core.ImageAnalysis
import androidx.camera.core.Preview
import androidx.camera.lifecycle.ProcessCameraProvider
import androidx.camera.view.PreviewView
import androidx.core.content.ContextCompat
import androidx.lifecycle.LifecycleOwner
import app.ramz.shell.EffectRunner
import app.ramz.shell.lumaFrame
import java.util.concurrent.Executors

/**
 * CameraX for the scan screen: a preview, and an ImageAnalysis whose
 * frames' Y plane (with its row stride) goes to the app as `CameraFrame`,
 * copied on a background executor, one frame in flight ([EffectRunner.frames]);
 * frames arriving meanwhile are closed unread.
 */
class CameraFrames(
    private val context: Context,
    private val owner: LifecycleOwner,
    private val runner: EffectRunner,
) {
    private val analysisThread = Executors.newSingleThreadExecutor { Thread(it, "ramz-camera") }
    private var provider: ProcessCameraProvider? = null

    /** Starts the camera into `view`. */
    fun bind(view: PreviewView) {
        val future = ProcessCameraProvider.getInstance(context)
        future.addListener({
            val cameras = future.get()
            provider = cameras
            val preview = Preview.Builder().build().also { it.setSurfaceProvider(view.surfaceProvider) }
            val analysis = ImageAnalysis.Builder()
                .setBackpressureStrategy(ImageAnalysis.STRATEGY_KEEP_ONLY_LATEST)
                .setOutputImageFormat(ImageAnalysis.OUTPUT_IMAGE_FORMAT_YUV_420_888)
                .build()
            analysis.setAnalyzer(analysisThread) { image ->
                image.use {
                    if (runner.frames.tryTake()) {
                        val y = image.planes[0]
                        try {
                            runner.frame(lumaFrame(y.buffer, image.width, image.height, y.rowStride, y.pixelStride))
                        } catch (e: IllegalArgumentException) {
                            runner.frames.release()
                        }
                    }
                }
            }
            cameras.unbindAll()
            cameras.bindToLifecycle(owner, CameraSelector.DEFAULT_BACK_CAMERA, preview, analysis)
        }, ContextCompat.getMainExecutor(context))
    }

    /** Stops the camera. */
    fun unbind() {
        provider?.unbindAll()
        runner.frames.release()
    }
}
