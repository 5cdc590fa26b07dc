// Encrypted backups through the bindings: export on one phone, verify,
// import on another (another vault, another keystore).
package app.ramz.tests

import app.ramz.core.*
import app.ramz.core.records.*
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertTrue

class BackupTest {
    @Test
    fun `backup - export, verify, import on a new phone`() {
        val passphrase = "کلید-backup-۲۰۲۶"
        val (export, ids) = newVault().use { old ->
            val a = old.addKey(totpEntry("GitHub", "me", digits = 8u), Rfc6238.sha1Key)
            val b = old.addKey(totpEntry("Nobitex", "me"), Rfc6238.sha256Key)
            val ids = listOf(a.id, b.id)
            val export = old.exportBackup(passphrase.toByteArray(), null, NOW)
            assertEquals(2u, export.included)
            assertEquals(emptyList<String>(), export.leftOut)
            assertTrue(export.file.size > 64, "a file")
            assertTrue(!String(export.file, Charsets.ISO_8859_1).contains("GitHub"), "encrypted, labels included")
            val same = old.verifyBackup(export.file, passphrase.toByteArray())
            assertEquals(BackupCheck(true, 2u, emptyList(), emptyList(), emptyList(), 0u), same)
            old.rename(b.id, "Nobitex", "renamed", NOW)
            val changed = old.verifyBackup(export.file, passphrase.toByteArray())
            assertTrue(!changed.matches, "a rename is a difference")
            assertEquals(listOf(b.id), changed.differing)
            Pair(export, ids)
        }
        newVault(SoftwareKeystore()).use { phone ->
            val imported = phone.importBackup(export.file, passphrase.toByteArray(), NOW)
            assertEquals(ids, imported.added.map { it.id })
            assertEquals(0u, imported.duplicates)
            assertEquals("94287082", phone.code(ids[0], 59uL).code)
            val again = phone.importBackup(export.file, passphrase.toByteArray(), NOW)
            assertEquals(0, again.added.size)
            assertEquals(2u, again.duplicates)
        }
    }

    @Test
    fun `backup errors - short or wrong passphrase, damaged file`() {
        newVault().use { auth ->
            auth.addKey(totpEntry("GitHub", "me"), Rfc6238.sha1Key)
            assertEquals(InputReason.PASSPHRASE, assertFailsWith<RamzException.InvalidInput> {
                auth.exportBackup("short".toByteArray(), null, NOW)
            }.reason)
            val file = auth.exportBackup("long enough".toByteArray(), pin(), NOW).file
            assertEquals(InputReason.PASSPHRASE, assertFailsWith<RamzException.InvalidInput> {
                auth.verifyBackup(file, "not the one".toByteArray())
            }.reason)
            val damaged = file.copyOf().also { it[it.size - 1] = (it[it.size - 1].toInt() xor 1).toByte() }
            assertEquals(InputReason.BACKUP, assertFailsWith<RamzException.InvalidInput> {
                auth.importBackup(damaged, "long enough".toByteArray(), NOW)
            }.reason)
            assertEquals(InputReason.BACKUP, assertFailsWith<RamzException.InvalidInput> {
                auth.verifyBackup("not a backup".toByteArray(), "long enough".toByteArray())
            }.reason)
            assertEquals(1, auth.accounts().size)
        }
    }
}
