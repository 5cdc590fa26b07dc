package ir.ramz.shell

/**
 * The 6-digit PIN pad. Keys may be Persian, Arabic-Indic or ASCII digits;
 * the PIN is kept as ASCII bytes in a buffer the shell wipes, and it leaves
 * this class only as a fresh `ByteArray` the caller passes to the core and
 * wipes right after (never as a `String`, which the JVM cannot wipe).
 */
class PinEntry(private val length: Int = 6) {
    private val buffer = ByteArray(length)
    private var count = 0

    /** Number of digits entered, for the dots. */
    val entered: Int get() = count

    val isComplete: Boolean get() = count == length

    /** Adds a typed key; returns false (and ignores it) if it is not a digit or the PIN is full. */
    fun press(key: Char): Boolean {
        val d = Digits.asciiDigit(key) ?: return false
        if (count == length) return false
        buffer[count++] = d.code.toByte()
        return true
    }

    fun backspace() {
        if (count > 0) buffer[--count] = 0
    }

    /** A copy of the PIN as ASCII bytes; the caller must `fill(0)` it after use. Null until complete. */
    fun take(): ByteArray? = if (isComplete) buffer.copyOf() else null

    /** Wipes the buffer (call on every exit from the PIN screen). */
    fun wipe() {
        buffer.fill(0)
        count = 0
    }
}

/** New-PIN flow: enter twice; a mismatch starts over. */
class NewPinFlow {
    enum class Step { FIRST, CONFIRM, DONE, MISMATCH }

    private var first: ByteArray? = null
    var step: Step = Step.FIRST
        private set

    /** Feeds a completed entry; returns the confirmed PIN bytes once both entries match. */
    fun submit(entry: PinEntry): ByteArray? {
        val pin = entry.take() ?: return null
        entry.wipe()
        val previous = first
        return if (previous == null) {
            first = pin
            step = Step.CONFIRM
            null
        } else if (java.security.MessageDigest.isEqual(previous, pin)) {
            previous.fill(0)
            first = null
            step = Step.DONE
            pin
        } else {
            previous.fill(0)
            pin.fill(0)
            first = null
            step = Step.MISMATCH
            null
        }
    }
}
