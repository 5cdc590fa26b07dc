package app.ramz.shell.android

import android.content.ClipData
import android.content.ClipboardManager
import android.content.Context
import android.os.PersistableBundle

/**
 * The clipboard for codes: marked sensitive (Android 13+ hides it from the
 * clipboard preview and keyboards' history; `EXTRA_IS_SENSITIVE`, spelled
 * out for older releases that honour the same key), and cleared later
 * unless something else was copied since.
 */
class SensitiveClipboard(private val context: Context) {
    private val manager = context.getSystemService(ClipboardManager::class.java)

    fun copy(text: String, sensitive: Boolean) {
        val clip = ClipData.newPlainText("", text)
        if (sensitive) {
            clip.description.extras = PersistableBundle().apply { putBoolean(EXTRA_IS_SENSITIVE, true) }
        }
        manager.setPrimaryClip(clip)
    }

    /**
     * Clears the clipboard if it still holds `text`. In the background
     * Android 10+ hides the clipboard from the app (null): it is cleared
     * then too, since a left-over code is the worse outcome.
     */
    fun clearIfStill(text: String) {
        val clip = manager.primaryClip
        val current = clip?.takeIf { it.itemCount > 0 }?.getItemAt(0)?.text?.toString()
        if (clip == null || current == text) manager.clearPrimaryClip()
    }

    /** The clipboard's text, for the app's "paste" (UTF-8 bytes). */
    fun read(): ByteArray? {
        val clip = manager.primaryClip?.takeIf { it.itemCount > 0 } ?: return null
        return clip.getItemAt(0).coerceToText(context)?.toString()?.toByteArray(Charsets.UTF_8)
    }

    private companion object {
        // ClipDescription.EXTRA_IS_SENSITIVE (API 33); the same key earlier.
        const val EXTRA_IS_SENSITIVE = "android.content.extra.IS_SENSITIVE"
    }
}
