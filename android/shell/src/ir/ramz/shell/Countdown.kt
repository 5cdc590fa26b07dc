package ir.ramz.shell

/**
 * The countdown ring beside a code. The list refreshes every second with
 * the core's `remaining`/`period`; this turns them into what the UI draws.
 */
data class Countdown(val remaining: Long, val period: Long) {
    init {
        require(period >= 0 && remaining >= 0) { "negative countdown" }
    }

    /** Fraction of the step left, 1.0 at the start, towards 0.0 at the end. */
    val fraction: Float get() = if (period == 0L) 0f else (remaining.coerceAtMost(period).toFloat() / period)

    /** Near the end of a step the next code is shown too (a card form may take longer to fill). */
    val showNext: Boolean get() = period > 0 && remaining <= NEXT_CODE_SECONDS

    /** The ring turns red in the last seconds. */
    val urgent: Boolean get() = period > 0 && remaining <= URGENT_SECONDS

    /** HOTP has no countdown. */
    val isCounterBased: Boolean get() = period == 0L

    companion object {
        const val NEXT_CODE_SECONDS = 10L
        const val URGENT_SECONDS = 5L
    }
}
