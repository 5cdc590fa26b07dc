package app.ramz.shell.android

import android.app.Activity
import android.content.ContentResolver
import android.content.Context
import android.content.Intent
import android.net.Uri
import androidx.activity.result.contract.ActivityResultContract
import java.io.IOException

/**
 * Backup files through the Storage Access Framework: the person picks
 * where to save or what to open; the app never sees other files and needs
 * no storage permission.
 */
object Documents {
    /** Largest file read for the app (a backup of thousands of accounts is far smaller). */
    const val MAX_BYTES = 16 * 1024 * 1024

    /** ACTION_CREATE_DOCUMENT with the suggested name and the MIME type of this save. */
    class Create : ActivityResultContract<Pair<String, String>, Uri?>() {
        override fun createIntent(context: Context, input: Pair<String, String>): Intent =
            Intent(Intent.ACTION_CREATE_DOCUMENT)
                .addCategory(Intent.CATEGORY_OPENABLE)
                .setType(input.second)
                .putExtra(Intent.EXTRA_TITLE, input.first)

        override fun parseResult(resultCode: Int, intent: Intent?): Uri? =
            if (resultCode == Activity.RESULT_OK) intent?.data else null
    }

    /** Writes `bytes` to the picked document; false when it could not. Blocking. */
    fun write(resolver: ContentResolver, uri: Uri, bytes: ByteArray): Boolean =
        try {
            val out = resolver.openOutputStream(uri, "wt") ?: return false
            out.use { it.write(bytes) }
            true
        } catch (e: IOException) {
            false
        } catch (e: SecurityException) {
            false
        }

    /** Reads the picked document, or null (unreadable or over [MAX_BYTES]). Blocking. */
    fun read(resolver: ContentResolver, uri: Uri): ByteArray? =
        try {
            resolver.openInputStream(uri)?.use { input ->
                val out = java.io.ByteArrayOutputStream()
                val chunk = ByteArray(64 * 1024)
                while (true) {
                    val n = input.read(chunk)
                    if (n < 0) break
                    out.write(chunk, 0, n)
                    if (out.size() > MAX_BYTES) return null
                }
                out.toByteArray()
            }
        } catch (e: IOException) {
            null
        } catch (e: SecurityException) {
            null
        }
}
