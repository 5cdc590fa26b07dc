package app.ramz.shell

import app.ramz.app.ViewModel
import java.util.concurrent.Executor

/**
 * The platform calls the effect runner makes: each one is a single
 * Android API call (or a launch of one), implemented by `MainActivity`.
 * Nothing here decides anything; results come back as events through
 * [EffectRunner.send].
 */
interface Platform {
    /** Draw this view model. */
    fun render(view: ViewModel)

    /** Start or stop camera frames ([EffectRunner.frame] receives them). */
    fun camera(on: Boolean)

    /** Put `text` on the clipboard, marked sensitive when asked. */
    fun copyToClipboard(text: String, sensitive: Boolean)

    /** Clear the clipboard if it still holds `text`. */
    fun clearClipboard(ifStill: String)

    /** Ask where to save a file (Storage Access Framework); answer `FileSaved`. */
    fun saveFile(name: String, mime: String, bytes: ByteArray)

    /** Ask for a file to open (Storage Access Framework); answer `FilePicked` or `Back`. */
    fun pickFile(mime: String)

    /** Show the biometric prompt with this (localised) reason; answer `BiometricResult`. */
    fun biometricPrompt(reason: String)
}

/** The threads the runner uses. */
interface Threads {
    /** The UI thread: every call into the app happens here. */
    val main: Executor

    /** One background thread for the app's slow work, in order. */
    val worker: Executor

    /** Network and small files. */
    val io: Executor

    /** Runs `task` on the main thread after `delayMillis`. */
    fun schedule(delayMillis: Long, task: Runnable): Cancellable
}

/** A scheduled task that can be called off. */
fun interface Cancellable {
    fun cancel()
}
