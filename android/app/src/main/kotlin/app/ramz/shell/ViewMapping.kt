package app.ramz.shell

import app.ramz.app.CodeRow
import app.ramz.app.QrModules

/**
 * The few view-model → widget mappings that are arithmetic rather than
 * layout, kept out of the Compose code so the JVM tests cover them.
 */
object ViewMapping {
    /** The light margin the app's QR codes need around them, in modules. */
    const val QR_MARGIN = 4

    /** Modules per side of the drawn QR code, margins included. */
    fun qrSide(code: QrModules): Int = code.size.toInt() + 2 * QR_MARGIN

    /**
     * Whether the module at (`x`, `y`) of the drawn code (margins
     * included) is dark. Outside the code, and for a matrix shorter than
     * `size * size`, light.
     */
    fun qrDark(code: QrModules, x: Int, y: Int): Boolean {
        val size = code.size.toInt()
        val cx = x - QR_MARGIN
        val cy = y - QR_MARGIN
        if (cx !in 0 until size || cy !in 0 until size) return false
        val i = cy * size + cx
        return i < code.dark.size && code.dark[i] == 1.toByte()
    }

    /** Share of the step left, 0..1, for a row's countdown ring (0 for HOTP). */
    fun stepLeft(row: CodeRow): Float =
        if (row.period == 0u) 0f else (row.secondsLeft.toFloat() / row.period.toFloat()).coerceIn(0f, 1f)

    /** The digit a PIN key sends: the pad's keys are 0 to 9 in order. */
    fun pinDigit(keyIndex: Int): UByte = keyIndex.toUByte()
}
