// The runner on real threads, as on a phone: the app's work runs on the
// worker thread and comes back to the main thread, which alone calls the
// app; the UI never waits for Argon2id.
package app.ramz.shell

import app.ramz.app.Event
import app.ramz.app.Screen
import app.ramz.app.ViewModel
import app.ramz.tests.SoftwareKeystore
import java.io.File
import java.nio.file.Files
import java.util.concurrent.Executors
import java.util.concurrent.LinkedBlockingQueue
import java.util.concurrent.ScheduledExecutorService
import java.util.concurrent.TimeUnit
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertIs
import kotlin.test.assertNotNull
import kotlin.test.assertTrue

class RealThreadsTest {
    private class ExecutorThreads : Threads {
        val mainThread = Executors.newSingleThreadScheduledExecutor { Thread(it, "main").apply { isDaemon = true } }
        override val main = mainThread as ScheduledExecutorService
        override val worker = Executors.newSingleThreadExecutor { Thread(it, "work").apply { isDaemon = true } }
        override val io = Executors.newSingleThreadExecutor { Thread(it, "io").apply { isDaemon = true } }
        override fun schedule(delayMillis: Long, task: Runnable): Cancellable {
            val f = mainThread.schedule(task, delayMillis, TimeUnit.MILLISECONDS)
            return Cancellable { f.cancel(false) }
        }
    }

    @Test
    fun workRunsOffTheMainThreadAndComesBackToIt() {
        val dir = Files.createTempDirectory("ramz-threads-").toFile()
        Runtime.getRuntime().addShutdownHook(Thread { dir.deleteRecursively() })
        val threads = ExecutorThreads()
        val views = LinkedBlockingQueue<ViewModel>()
        val renderThreads = mutableSetOf<String>()
        val platform = object : Platform {
            override fun render(view: ViewModel) { renderThreads += Thread.currentThread().name; views.put(view) }
            override fun camera(on: Boolean) {}
            override fun copyToClipboard(text: String, sensitive: Boolean) {}
            override fun clearClipboard(ifStill: String) {}
            override fun saveFile(name: String, mime: String, bytes: ByteArray) {}
            override fun pickFile(mime: String) {}
            override fun biometricPrompt(reason: String) {}
        }
        val app = AppCore.open(File(dir, "vault.ramz").path, SoftwareKeystore())
        val runner = EffectRunner(app, platform, threads, HttpSender(), SettingsFile(File(dir, "settings.properties")))
        fun await(done: (ViewModel) -> Boolean): ViewModel {
            while (true) {
                val v = assertNotNull(views.poll(60, TimeUnit.SECONDS), "no render within a minute")
                if (done(v)) return v
            }
        }
        runner.start("fa-IR", false)
        threads.main.execute { runner.foreground() }
        val first = await { it.screen is Screen.FirstRun && it.busy == null }
        assertTrue(first.rtl, "a Persian device starts right to left")
        threads.main.execute {
            runner.send(Event.Submit)
            repeat(2) { "480913".forEach { runner.send(Event.PinKey((it - '0').toUByte())) } }
        }
        // While the vault is being made the view says so; then the codes.
        val busy = await { it.busy != null }
        assertNotNull(busy.busy)
        assertIs<Screen.Codes>(await { it.screen is Screen.Codes && it.busy == null }.screen)
        assertEquals(setOf("main"), renderThreads.toSet(), "every render on the main thread")
        threads.main.shutdownNow()
        threads.worker.shutdownNow()
        threads.io.shutdownNow()
    }
}
