package app.ramz.shell

import app.ramz.app.AppWork
import java.util.concurrent.atomic.AtomicBoolean
import java.util.concurrent.atomic.AtomicReference

/**
 * One camera frame in flight (the app's contract): the analyser thread
 * takes the gate before copying a frame and drops frames while it is
 * taken; the runner gives it back when the app has answered the frame,
 * that is when the decode it started comes back (`WorkDone`), or at once
 * when the frame started none.
 */
class FrameGate {
    private val busy = AtomicBoolean(false)
    private val decode = AtomicReference<AppWork?>(null)

    /** Called on the analyser thread: true if this frame may be sent. */
    fun tryTake(): Boolean = busy.compareAndSet(false, true)

    /** The frame sent started `work` (null: it started nothing). */
    fun answeredBy(work: AppWork?) {
        if (work == null) release() else decode.set(work)
    }

    /** `work` came back: if it was the frame's decode, the next frame may go. */
    fun workDone(work: AppWork) {
        if (decode.compareAndSet(work, null)) busy.set(false)
    }

    /** Camera off, or the frame was never sent. */
    fun release() {
        decode.set(null)
        busy.set(false)
    }
}
