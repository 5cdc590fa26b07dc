package app.ramz.android

import android.content.Context
import java.io.File

/**
 * Where the vault lives: a folder of the app's `noBackupFilesDir`, which
 * Android never copies to a cloud backup or a new device. (The vault
 * cannot open without its Keystore keys anyway; the portable copy is the
 * vault's own encrypted backup.) The app's manifest should still exclude
 * its files from backups and device transfer (`dataExtractionRules`), as
 * the Ramz app does.
 */
class VaultFiles(context: Context) {
    /** The folder, created when missing. */
    val dir: File = File(context.noBackupFilesDir, "ramz").apply { mkdirs() }

    /** The vault file: give its `path` to `Authenticator.create`/`open`. */
    val vault: File get() = File(dir, "vault.ramz")
}
