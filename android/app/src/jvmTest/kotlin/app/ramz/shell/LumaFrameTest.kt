// The camera's Y plane as CameraX hands it over, turned into the app's
// CameraFrame: rows of `rowStride` bytes, a short last row, a pixel stride
// above 1.
package app.ramz.shell

import java.nio.ByteBuffer
import kotlin.test.Test
import kotlin.test.assertContentEquals
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith

class LumaFrameTest {
    /** A plane of `height` rows, `stride` apart, the last one only `width` long. */
    private fun plane(width: Int, height: Int, stride: Int, pixel: (Int, Int) -> Int): ByteBuffer {
        val bytes = ByteArray(stride * (height - 1) + width) { 0x55 }
        for (y in 0 until height) for (x in 0 until width) bytes[y * stride + x] = pixel(x, y).toByte()
        return ByteBuffer.wrap(bytes)
    }

    @Test
    fun keepsTheRowStrideAndFillsTheShortLastRow() {
        val buffer = plane(5, 3, 8) { x, y -> 10 * y + x }
        buffer.position(7) // CameraX may hand over a buffer not at its start
        val frame = lumaFrame(buffer, 5, 3, 8, 1)
        assertEquals(5u, frame.width)
        assertEquals(3u, frame.height)
        assertEquals(8u, frame.rowStride)
        assertEquals(8 * 3, frame.luma.size)
        for (y in 0 until 3) for (x in 0 until 5) assertEquals((10 * y + x).toByte(), frame.luma[y * 8 + x])
        // Row padding is copied as it was; the missing tail is zeros.
        assertEquals(0x55.toByte(), frame.luma[5])
        assertContentEquals(ByteArray(3), frame.luma.copyOfRange(2 * 8 + 5, 3 * 8))
        assertEquals(7, buffer.position(), "the camera's buffer is left as it was")
    }

    @Test
    fun packsAPixelStrideAboveOne() {
        val bytes = ByteArray(2 * 8) { (it * 3).toByte() }
        val frame = lumaFrame(ByteBuffer.wrap(bytes), 4, 2, 8, 2)
        assertEquals(4u, frame.rowStride)
        assertContentEquals(
            byteArrayOf(0, 6, 12, 18, 24, 30, 36, 42),
            frame.luma,
        )
    }

    @Test
    fun refusesAGeometryThatDoesNotFit() {
        assertFailsWith<IllegalArgumentException> { lumaFrame(ByteBuffer.allocate(64), 8, 8, 7, 1) }
        assertFailsWith<IllegalArgumentException> { lumaFrame(ByteBuffer.allocate(64), 0, 8, 8, 1) }
    }
}
