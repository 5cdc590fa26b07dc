package app.ramz.shell

import app.ramz.app.Lang
import app.ramz.app.Settings
import java.io.File
import java.io.IOException
import java.util.Properties

/**
 * The app's preferences (not secret: language, auto-lock delay, biometric
 * switch, backup bookkeeping), stored as a small properties file in the
 * app's noBackupFilesDir and written atomically (a temporary file renamed
 * over the old one), so a crash leaves the old or the new settings, never
 * half of them. A missing or unreadable file reads as `null`: the app
 * then starts with its defaults, as on a fresh install.
 */
class SettingsFile(private val file: File) {
    fun load(): Settings? {
        if (!file.isFile) return null
        return try {
            val p = Properties().apply { file.inputStream().use { load(it) } }
            Settings(
                lang = Lang.valueOf(p.getProperty("lang") ?: return null),
                autoLockSeconds = p.getProperty("autoLockSeconds")?.toUIntOrNull() ?: return null,
                biometrics = p.getProperty("biometrics")?.toBooleanStrictOrNull() ?: return null,
                lastBackupUnix = p.getProperty("lastBackupUnix")?.let { it.toULongOrNull() ?: return null },
                accountsAtLastBackup = p.getProperty("accountsAtLastBackup")?.toUIntOrNull() ?: return null,
                addedSinceBackup = p.getProperty("addedSinceBackup")?.toUIntOrNull() ?: return null,
            )
        } catch (e: IOException) {
            null
        } catch (e: IllegalArgumentException) {
            null
        }
    }

    fun save(settings: Settings) {
        val p = Properties()
        p.setProperty("lang", settings.lang.name)
        p.setProperty("autoLockSeconds", settings.autoLockSeconds.toString())
        p.setProperty("biometrics", settings.biometrics.toString())
        settings.lastBackupUnix?.let { p.setProperty("lastBackupUnix", it.toString()) }
        p.setProperty("accountsAtLastBackup", settings.accountsAtLastBackup.toString())
        p.setProperty("addedSinceBackup", settings.addedSinceBackup.toString())
        file.parentFile?.mkdirs()
        val tmp = File(file.path + ".tmp")
        tmp.outputStream().use { out ->
            p.store(out, null)
            out.fd.sync()
        }
        if (!tmp.renameTo(file)) throw IOException("could not replace the settings file")
    }
}
