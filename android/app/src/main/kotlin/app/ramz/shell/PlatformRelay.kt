package app.ramz.shell

import app.ramz.app.BiometricOutcome
import app.ramz.app.Event
import app.ramz.app.ViewModel
import java.util.concurrent.Executor

/**
 * Forwards the runner's platform calls to the activity on screen. With
 * none (between a destroyed activity and its successor), a render waits
 * for the next activity (which draws the current view when it attaches),
 * and a request that needs a screen is answered as its platform answers a
 * cancel: `FileSaved(false)`, `Back`, `BiometricResult(CANCELLED)`.
 */
class PlatformRelay(private val main: Executor) : Platform {
    @Volatile var target: Platform? = null
    lateinit var runner: EffectRunner

    override fun render(view: ViewModel) {
        target?.render(view)
    }

    override fun camera(on: Boolean) {
        target?.camera(on)
    }

    override fun copyToClipboard(text: String, sensitive: Boolean) {
        target?.copyToClipboard(text, sensitive)
    }

    override fun clearClipboard(ifStill: String) {
        target?.clearClipboard(ifStill)
    }

    override fun saveFile(name: String, mime: String, bytes: ByteArray) {
        target?.saveFile(name, mime, bytes) ?: answer(Event.FileSaved(false))
    }

    override fun pickFile(mime: String) {
        target?.pickFile(mime) ?: answer(Event.Back)
    }

    override fun biometricPrompt(reason: String) {
        target?.biometricPrompt(reason) ?: answer(Event.BiometricResult(BiometricOutcome.CANCELLED))
    }

    private fun answer(event: Event) = main.execute { runner.send(event) }
}
