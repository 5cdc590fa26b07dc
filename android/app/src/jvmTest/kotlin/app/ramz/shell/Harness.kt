// Deterministic threads and a recording platform for driving the real app
// core through the effect runner on the JVM: the main, worker and io
// queues run on the test's thread, in order, until nothing is left, and
// time moves only when the test says so.
package app.ramz.shell

import app.ramz.app.Event
import app.ramz.app.Screen
import app.ramz.app.ViewModel
import app.ramz.core.DeviceKeystore
import app.ramz.tests.SoftwareKeystore
import java.io.File
import java.nio.file.Files
import java.util.concurrent.Executor
import kotlin.test.assertIs
import kotlin.test.fail

class TestThreads : Threads {
    private val mainQ = ArrayDeque<Runnable>()
    private val workerQ = ArrayDeque<Runnable>()
    private val ioQ = ArrayDeque<Runnable>()
    private class Timer(val at: Long, val task: Runnable)
    private val timers = mutableListOf<Timer>()
    var nowMillis = 1_750_000_100_000L
    var workRuns = 0

    override val main = Executor { mainQ.addLast(it) }
    override val worker = Executor { workerQ.addLast(Runnable { workRuns++; it.run() }) }
    override val io = Executor { ioQ.addLast(it) }

    override fun schedule(delayMillis: Long, task: Runnable): Cancellable {
        val t = Timer(nowMillis + delayMillis, task)
        timers += t
        return Cancellable { timers.remove(t) }
    }

    val pendingTimers: List<Long> get() = timers.map { it.at - nowMillis }

    /** Runs every queued task (and those they queue) until all are empty. */
    fun settle() {
        var guard = 0
        while (mainQ.isNotEmpty() || workerQ.isNotEmpty() || ioQ.isNotEmpty()) {
            val next = mainQ.removeFirstOrNull() ?: ioQ.removeFirstOrNull() ?: workerQ.removeFirst()
            next.run()
            if (++guard > 10_000) fail("the runner never settles")
        }
    }

    /** Runs the main thread's tasks only: the work they start stays queued. */
    fun runMain() {
        while (mainQ.isNotEmpty()) mainQ.removeFirst().run()
    }

    /** Moves the clock, firing due timers in order. */
    fun advance(millis: Long) {
        val end = nowMillis + millis
        while (true) {
            val due = timers.filter { it.at <= end }.minByOrNull { it.at } ?: break
            timers.remove(due)
            nowMillis = due.at
            due.task.run()
            settle()
        }
        nowMillis = end
    }
}

/** Every platform call, in order. */
class RecordingPlatform : Platform {
    val calls = mutableListOf<String>()
    var view: ViewModel? = null
    var renders = 0
    var copied: Pair<String, Boolean>? = null
    var cleared = mutableListOf<String>()
    var saved: Triple<String, String, ByteArray>? = null
    var picked: String? = null
    var prompted: String? = null

    override fun render(view: ViewModel) { this.view = view; renders++ }
    override fun camera(on: Boolean) { calls += "camera $on" }
    override fun copyToClipboard(text: String, sensitive: Boolean) { copied = text to sensitive; calls += "copy" }
    override fun clearClipboard(ifStill: String) { cleared += ifStill; calls += "clear" }
    override fun saveFile(name: String, mime: String, bytes: ByteArray) { saved = Triple(name, mime, bytes); calls += "save" }
    override fun pickFile(mime: String) { picked = mime; calls += "pick" }
    override fun biometricPrompt(reason: String) { prompted = reason; calls += "biometric" }

    inline fun <reified T : Screen> screen(): T = assertIs<T>(view?.screen, "screen is ${view?.screen?.javaClass?.simpleName}")
}

/** One app over a vault in a fresh folder, driven through an [EffectRunner]. */
class Shell(
    val dir: File = Files.createTempDirectory("ramz-shell-").toFile().also { d ->
        Runtime.getRuntime().addShutdownHook(Thread { d.deleteRecursively() })
    },
    val keystore: DeviceKeystore = SoftwareKeystore(),
    val http: HttpSender = HttpSender(),
) {
    val threads = TestThreads()
    val platform = RecordingPlatform()
    /** As in the app: the runner talks to the relay, the relay to the screen. */
    val relay = PlatformRelay(threads.main).also { it.target = platform }
    val app = AppCore.open(File(dir, "vault.ramz").path, keystore)
    val settingsFile = File(dir, "settings.properties")
    val runner = EffectRunner(app, relay, threads, http, SettingsFile(settingsFile)) { threads.nowMillis }
        .also { relay.runner = it }

    fun send(event: Event) {
        runner.send(event)
        threads.settle()
    }

    fun start(language: String = "en-US", biometrics: Boolean = false) {
        runner.start(language, biometrics)
        threads.settle()
        runner.foreground()
        threads.settle()
    }

    fun typePin(pin: String = PIN) = pin.forEach { send(Event.PinKey((it - '0').toUByte())) }

    /** First run in English up to the code list. */
    fun firstRun(biometrics: Boolean = false): Shell {
        start("en-US", biometrics)
        platform.screen<Screen.FirstRun>()
        send(Event.Submit) // the language step: English is selected
        typePin()
        typePin()
        if (biometrics) send(Event.AcceptBiometrics(false))
        platform.screen<Screen.Codes>()
        return this
    }

    companion object {
        const val PIN = "480913"
    }
}
