// The app's preferences file: what is saved is loaded; a missing or
// damaged file reads as none (fresh-install defaults), never a crash.
package app.ramz.shell

import app.ramz.app.Lang
import app.ramz.app.Settings
import java.io.File
import java.nio.file.Files
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlin.test.assertNull

class SettingsFileTest {
    private val dir: File = Files.createTempDirectory("ramz-settings-").toFile().also { it.deleteOnExit() }

    @Test
    fun savedSettingsLoadBack() {
        val file = SettingsFile(File(dir, "a/settings.properties"))
        assertNull(file.load(), "no file yet")
        val settings = Settings(Lang.FA, 300u, true, 1_750_000_000uL, 7u, 2u)
        file.save(settings)
        assertEquals(settings, file.load())
        val never = settings.copy(lang = Lang.EN, lastBackupUnix = null)
        file.save(never)
        assertEquals(never, file.load())
        assertFalse(File(dir, "a/settings.properties.tmp").exists(), "the temporary file was renamed over")
    }

    @Test
    fun damagedFileReadsAsNone() {
        val path = File(dir, "damaged.properties")
        val file = SettingsFile(path)
        file.save(Settings(Lang.EN, 60u, false, null, 0u, 0u))
        path.writeText(path.readText().replace("lang=EN", "lang=KLINGON"))
        assertNull(file.load())
        path.writeText("autoLockSeconds=-5\n")
        assertNull(file.load())
        path.writeBytes(byteArrayOf(0, -1, 0x5c, 0x75)) // a broken \u escape
        assertNull(file.load())
    }
}
