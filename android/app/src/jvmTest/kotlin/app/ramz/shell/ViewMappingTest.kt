// The arithmetic between the view model and the widgets: QR modules with
// their margin, a row's countdown, the algorithm chip, the PIN keys.
package app.ramz.shell

import app.ramz.app.CodeRow
import app.ramz.app.QrModules
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlin.test.assertTrue

class ViewMappingTest {
    @Test
    fun qrCodeIsDrawnWithAFourModuleLightMargin() {
        // 2x2: dark, light / light, dark.
        val code = QrModules(2u, byteArrayOf(1, 0, 0, 1))
        assertEquals(10, ViewMapping.qrSide(code))
        val dark = (0 until 10).flatMap { y -> (0 until 10).map { x -> x to y } }.filter { (x, y) -> ViewMapping.qrDark(code, x, y) }
        assertEquals(listOf(4 to 4, 5 to 5), dark)
        // A matrix shorter than size*size draws light, it does not crash.
        assertFalse(ViewMapping.qrDark(QrModules(3u, byteArrayOf(1)), 6, 6))
        assertTrue(ViewMapping.qrDark(QrModules(3u, byteArrayOf(1)), 4, 4))
    }

    private fun row(secondsLeft: UInt, period: UInt) = CodeRow(
        id = "a", issuer = "i", account = "a", badge = null, code = "123 456", next = null,
        secondsLeft = secondsLeft, period = period, secondsText = "", counter = null, a11y = "",
        tap = "", moveUp = null, moveDown = null,
    )

    @Test
    fun countdownIsTheShareOfTheStepLeft() {
        assertEquals(0.5f, ViewMapping.stepLeft(row(15u, 30u)))
        assertEquals(1f, ViewMapping.stepLeft(row(40u, 30u)))
        assertEquals(0f, ViewMapping.stepLeft(row(0u, 0u)), "HOTP has no countdown")
    }

    @Test
    fun pinKeyIndexIsItsDigit() {
        assertEquals((0..9).map { it.toUByte() }, (0..9).map(ViewMapping::pinDigit))
    }
}
