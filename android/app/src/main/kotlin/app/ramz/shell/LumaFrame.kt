package app.ramz.shell

import app.ramz.app.Event
import java.nio.ByteBuffer

/**
 * The camera's luma (Y) plane as the app's `CameraFrame` event: `height`
 * rows of `rowStride` bytes, copied out of CameraX's buffer so the image
 * can be closed at once.
 *
 * CameraX's Y plane has a pixel stride of 1 and a row stride of at least
 * the width; its buffer may end right after the last row's pixels, short
 * of a full stride: the missing tail is left as zeros (it lies outside the
 * picture). A pixel stride above 1 (not seen for Y, allowed by the API)
 * is packed to 1 with a row stride of `width`.
 */
fun lumaFrame(plane: ByteBuffer, width: Int, height: Int, rowStride: Int, pixelStride: Int): Event.CameraFrame {
    require(width > 0 && height > 0 && pixelStride >= 1 && rowStride >= (width - 1) * pixelStride + 1) {
        "bad plane geometry"
    }
    val src = plane.duplicate().apply { rewind() }
    if (pixelStride == 1) {
        val luma = ByteArray(rowStride * height)
        src.get(luma, 0, minOf(luma.size, src.remaining()))
        return Event.CameraFrame(luma, width.toUInt(), height.toUInt(), rowStride.toUInt())
    }
    val luma = ByteArray(width * height)
    for (y in 0 until height) {
        for (x in 0 until width) {
            val at = y * rowStride + x * pixelStride
            if (at < src.limit()) luma[y * width + x] = src.get(at)
        }
    }
    return Event.CameraFrame(luma, width.toUInt(), height.toUInt(), width.toUInt())
}
