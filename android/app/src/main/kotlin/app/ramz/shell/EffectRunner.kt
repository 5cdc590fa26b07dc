package app.ramz.shell

import app.ramz.app.Effect
import app.ramz.app.Event
import app.ramz.app.Settings
import app.ramz.app.ViewModel

/** The app core as the runner sees it (the generated `RamzApp` object). */
interface AppModel {
    fun update(event: Event): List<Effect>
    fun view(): ViewModel
}

/**
 * Sends events into the app and performs the effects it answers with:
 * the whole of the shell's behaviour, and none of the app's. Every event
 * enters on the main thread ([Threads.main]); slow work runs on the
 * worker thread and comes back as `WorkDone`; network and files on the io
 * thread; results of platform calls come back through [send].
 *
 * Plain Kotlin (no android.*): tested on the JVM against the real library
 * by scripts/checks/60-android-shell.sh.
 */
class EffectRunner(
    private val app: AppModel,
    private val platform: Platform,
    private val threads: Threads,
    private val http: HttpSender,
    private val settings: SettingsFile,
    private val clockMillis: () -> Long = System::currentTimeMillis,
) {
    /** The camera analyser takes it before copying a frame. */
    val frames = FrameGate()

    private var ticking: Cancellable? = null

    /** The app started: reads the stored settings (io thread), then `Start`. */
    fun start(deviceLanguage: String, biometricsAvailable: Boolean) = threads.io.execute {
        val stored: Settings? = settings.load()
        threads.main.execute { send(Event.Start(unix(), deviceLanguage, stored, biometricsAvailable)) }
    }

    /** The app is visible: `Foreground`, then a `Tick` at every second. */
    fun foreground() {
        send(Event.Foreground(unix()))
        if (ticking == null) scheduleTick()
    }

    /** The app left the screen (ON_STOP): no more ticks or frames; `Background` locks. */
    fun background() {
        ticking?.cancel()
        ticking = null
        frames.release()
        send(Event.Background(unix()))
    }

    /** A camera frame from the analyser thread (which took [frames] first). */
    fun frame(frame: Event.CameraFrame) = threads.main.execute {
        val effects = app.update(frame)
        frames.answeredBy(effects.firstNotNullOfOrNull { (it as? Effect.Work)?.v1 })
        effects.forEach(::perform)
    }

    /** One event, on the main thread. */
    fun send(event: Event) {
        app.update(event).forEach(::perform)
    }

    private fun perform(effect: Effect) {
        when (effect) {
            is Effect.Render -> platform.render(app.view())
            is Effect.Work -> {
                val work = effect.v1
                threads.worker.execute {
                    work.run()
                    threads.main.execute {
                        frames.workDone(work)
                        send(Event.WorkDone(work))
                    }
                }
            }
            is Effect.Camera -> {
                if (!effect.on) frames.release()
                platform.camera(effect.on)
            }
            is Effect.CopyToClipboard -> {
                // The text stays in this closure until the clipboard is
                // cleared: a one-time code, the same as on the clipboard.
                val text = effect.text
                platform.copyToClipboard(text, effect.sensitive)
                threads.schedule(effect.clearAfterSeconds.toLong() * 1000) { platform.clearClipboard(ifStill = text) }
            }
            is Effect.Http -> {
                val request = effect.v1
                threads.io.execute {
                    val answer = http.send(request)
                    threads.main.execute {
                        send(
                            when (answer) {
                                is HttpAnswer.Response -> Event.HttpResponse(answer.status.toUShort(), answer.body, unix())
                                is HttpAnswer.Failed -> Event.HttpFailed
                            },
                        )
                    }
                }
            }
            is Effect.SaveFile -> platform.saveFile(effect.name, effect.mime, effect.bytes)
            is Effect.PickFile -> platform.pickFile(effect.mime)
            is Effect.BiometricPrompt -> platform.biometricPrompt(effect.reason)
            is Effect.StoreSettings -> {
                val stored = effect.v1
                threads.io.execute {
                    // Not stored (disk full): the app keeps running with
                    // them and asks again with the next change.
                    try {
                        settings.save(stored)
                    } catch (e: java.io.IOException) {
                    }
                }
            }
        }
    }

    private fun scheduleTick() {
        val now = clockMillis()
        ticking = threads.schedule(1000 - now % 1000) {
            if (ticking != null) {
                send(Event.Tick(unix()))
                scheduleTick()
            }
        }
    }

    private fun unix(): ULong = (clockMillis() / 1000).toULong()
}
