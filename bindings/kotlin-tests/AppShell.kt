// A small Kotlin shell for the app (`RamzApp`, package app.ramz.app), as
// the Android shell runs it but without a screen: every effect is
// performed, slow work runs on a real worker thread, results come back as
// events on the calling ("UI") thread. HTTP goes to a Kotlin bank that
// speaks the activation protocol (KotlinBank in ActivationTest.kt).
package app.ramz.tests

import app.ramz.app.*
import app.ramz.core.DeviceKeystore
import app.ramz.core.RamzApp
import app.ramz.core.records.ActivationRequest
import java.io.File
import java.util.concurrent.Executors
import kotlin.test.assertTrue

class AppShell(
    val dir: File = tempDir(),
    val keystore: DeviceKeystore = SoftwareKeystore(),
    var now: ULong = NOW,
    language: String = "fa-IR",
) : AutoCloseable {
    val app = RamzApp(File(dir, "vault.ramz").path, keystore)
    private val worker = Executors.newSingleThreadExecutor { r -> Thread(r, "ramz-worker").apply { isDaemon = true } }

    var camera = false
    var clipboard: Triple<String, Boolean, UInt>? = null
    var settings: Settings? = null
    val saved = mutableListOf<Pair<String, ByteArray>>()
    var picks = 0
    var renders = 0
    var works = 0
    /** Works during which the view showed progress (all but the quiet ones). */
    var busyWorks = 0
    /** Answers HTTP effects (the bank); null: the request fails. */
    var bank: KotlinBank? = null
    /** What the person picks when the app asks for a file. */
    var fileToPick: ByteArray? = null

    init {
        send(Event.Start(now, language, null, false))
    }

    /** Sends one event and performs every effect, and the events they lead to. */
    fun send(event: Event) {
        for (effect in app.update(event)) perform(effect)
    }

    private fun perform(effect: Effect) {
        when (effect) {
            is Effect.Render -> renders++
            is Effect.Work -> {
                works++
                val work = effect.v1
                val running = worker.submit { work.run() }
                // The UI thread is free meanwhile: the view answers, with
                // progress except for the quiet works (a camera frame's
                // decode, the lock screen's status check).
                if (app.view().busy != null) busyWorks++
                running.get()
                send(Event.WorkDone(work))
                work.close()
            }
            is Effect.Camera -> camera = effect.on
            is Effect.CopyToClipboard -> clipboard = Triple(effect.text, effect.sensitive, effect.clearAfterSeconds)
            is Effect.Http -> {
                val r = effect.v1
                val answer = bank?.complete(ActivationRequest(r.url, r.method, r.contentType, r.body), now.toLong())
                if (answer == null) send(Event.HttpFailed)
                else send(Event.HttpResponse(answer.first.toUShort(), answer.second, now))
            }
            is Effect.SaveFile -> {
                saved.add(effect.name to effect.bytes)
                send(Event.FileSaved(true))
            }
            is Effect.PickFile -> {
                picks++
                fileToPick?.let { send(Event.FilePicked(it)) }
            }
            is Effect.BiometricPrompt -> send(Event.BiometricResult(BiometricOutcome.CANCELLED))
            is Effect.StoreSettings -> settings = effect.v1
        }
    }

    /** `seconds` ticks of the foreground clock. */
    fun tick(seconds: Int = 1) {
        repeat(seconds) {
            now += 1uL
            send(Event.Tick(now))
        }
    }

    /** A PIN typed on the system keyboard, as bytes the shell wipes. */
    fun typePin(text: String) {
        val bytes = text.toByteArray(Charsets.UTF_8)
        send(Event.PinText(bytes))
        bytes.fill(0)
    }

    /** A PIN typed on the app's pad, key by key. */
    fun padPin(digits: String) {
        for (c in digits) send(Event.PinKey(Character.digit(c, 10).toUByte()))
    }

    fun secret(field: SecretField, text: String) {
        val bytes = text.toByteArray(Charsets.UTF_8)
        send(Event.EditSecret(field, bytes))
        bytes.fill(0)
    }

    fun paste(text: String) = send(Event.Paste(text.toByteArray(Charsets.UTF_8)))

    fun view(): ViewModel = app.view()

    fun screen(): Screen = app.view().screen

    override fun close() {
        worker.shutdown()
        app.close()
    }
}

/** The code list, or a failure naming the screen shown instead. */
fun AppShell.codes(): CodesView =
    (screen() as? Screen.Codes)?.v1 ?: error("expected the code list, got ${screen()}")

/** The lock screen, or a failure naming the screen shown instead. */
fun AppShell.lockView(): LockView =
    (screen() as? Screen.Lock)?.v1 ?: error("expected the lock screen, got ${screen()}")

/** A code as the screen shows it ("\u2066۹۴۲۸ ۷۰۸۲\u2069"), in ASCII digits. */
fun asciiDigits(shown: String): String = buildString {
    for (c in shown) if (Character.isDigit(c)) append(Character.digit(c, 10))
}
