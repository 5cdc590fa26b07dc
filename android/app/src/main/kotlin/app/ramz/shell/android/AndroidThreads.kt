package app.ramz.shell.android

import android.os.Handler
import android.os.Looper
import app.ramz.shell.Cancellable
import app.ramz.shell.Threads
import java.util.concurrent.Executor
import java.util.concurrent.ExecutorService
import java.util.concurrent.Executors

/** The runner's threads on Android: the main looper and two background threads. */
class AndroidThreads : Threads {
    private val handler = Handler(Looper.getMainLooper())
    override val main: Executor = Executor { handler.post(it) }
    override val worker: ExecutorService = Executors.newSingleThreadExecutor { Thread(it, "ramz-work") }
    override val io: ExecutorService = Executors.newSingleThreadExecutor { Thread(it, "ramz-io") }

    override fun schedule(delayMillis: Long, task: Runnable): Cancellable {
        handler.postDelayed(task, delayMillis)
        return Cancellable { handler.removeCallbacks(task) }
    }
}
