// "Import from another app" through the bindings, on the fixtures of
// crates/ramz-import (written by an independent Python exporter): detect,
// preview (passphrase as bytes), commit once, duplicates on a second
// import, typed errors; and the way out, a plain Aegis export.
package app.ramz.tests

import app.ramz.core.*
import app.ramz.core.records.*
import java.io.File
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertNull
import kotlin.test.assertTrue

/** The fixtures' passphrase (crates/ramz-import/tests/make_fixtures.py). */
private fun passphrase(): ByteArray = "correct horse ۱۲۳ battery".toByteArray(Charsets.UTF_8)

/** A file of crates/ramz-import/tests/data, found from the repository root
 * (the suite's working directory) or from the fixtures directory. */
private fun importFixture(name: String): ByteArray {
    val roots = listOf(File("."), File(System.getProperty("ramz.fixtures") ?: "."), File("../.."), File("../../.."))
    for (root in roots) {
        val f = File(root, "crates/ramz-import/tests/data/$name")
        if (f.isFile) return f.readBytes()
    }
    val up = File(System.getProperty("ramz.fixtures") ?: ".", "../../crates/ramz-import/tests/data/$name")
    return up.readBytes()
}

class ImportTest {
    @Test
    fun `import - encrypted Aegis vault, preview then one commit`() {
        val file = importFixture("aegis_encrypted.json")
        val detected = detectImport(file)
        assertEquals(ImportDetected(ImportFormat.AEGIS, true), detected)
        newVault().use { auth ->
            val noPass = assertFailsWith<RamzException.Import> {
                auth.previewImport(file, null, ByteArray(0))
            }
            assertEquals(ImportReason.PassphraseRequired(ImportFormat.AEGIS), noPass.reason)
            val wrong = assertFailsWith<RamzException.Import> {
                auth.previewImport(file, null, "wrong".toByteArray())
            }
            assertEquals(ImportReason.WrongPassphrase, wrong.reason)

            val preview = auth.previewImport(file, ImportFormat.AEGIS, passphrase())
            assertEquals(ImportFormat.AEGIS, preview.format)
            assertTrue(preview.encrypted)
            assertEquals(6, preview.toAdd.size)
            assertEquals(5, preview.skipped.size, "every entry Ramz cannot take is listed")
            assertTrue(preview.skipped.all { it.detail.isNotEmpty() })
            assertTrue(preview.toAdd.any { it.issuer == "بانک ملت" }, "Persian labels survive")
            assertEquals(0, auth.accounts().size, "a preview changes nothing")

            val done = auth.commitImport(preview.pending, NOW)
            assertEquals(6, done.added.size)
            assertEquals(0u, done.duplicates)
            assertEquals(6, auth.accounts().size)
            // A preview commits once.
            assertFailsWith<RamzException.NotFound> { auth.commitImport(preview.pending, NOW) }
            // GitHub's entry is RFC 6238's SHA-1 seed: its code at t = 59.
            val github = auth.accounts().first { it.preview.issuer == "GitHub" }
            assertEquals("287082", auth.code(github.id, 59uL).code)

            // The same accounts again: all duplicates of stored ones.
            val again = auth.previewImport(importFixture("aegis_plain.json"), null, ByteArray(0))
            assertEquals(0, again.toAdd.size)
            assertEquals(6, again.duplicates.size)
            assertTrue(again.duplicates.all { it.existing != null })
            assertEquals(6u, auth.commitImport(again.pending, NOW).duplicates)
            assertEquals(6, auth.accounts().size)
        }
    }

    @Test
    fun `import - damaged and foreign files are typed errors`() {
        newVault().use { auth ->
            val plain = importFixture("aegis_plain.json")
            val cut = plain.copyOf(plain.size / 2)
            val damaged = assertFailsWith<RamzException.Import> { auth.previewImport(cut, null, ByteArray(0)) }
            assertEquals(ImportReason.Damaged, damaged.reason)
            val other = assertFailsWith<RamzException.Import> {
                auth.previewImport(plain, ImportFormat.TWO_FAS, ByteArray(0))
            }
            assertEquals(ImportReason.NotThisFormat(ImportFormat.TWO_FAS, ImportFormat.AEGIS), other.reason)
            val unknown = assertFailsWith<RamzException.Import> { detectImport("shopping list".toByteArray()) }
            assertEquals(ImportReason.UnknownFormat, unknown.reason)
            assertEquals(0, auth.accounts().size)
        }
    }

    @Test
    fun `import - 2FAS file round trips through a plain Aegis export`() {
        val (export, count) = newVault().use { old ->
            val p = old.previewImport(importFixture("twofas_plain.2fas"), null, ByteArray(0))
            old.commitImport(p.pending, NOW)
            Pair(old.exportAegis(), old.accounts().size)
        }
        assertTrue(count > 0)
        assertEquals(emptyList<String>(), export.leftOut)
        newVault().use { phone ->
            val p = phone.previewImport(export.file, ImportFormat.AEGIS, ByteArray(0))
            assertEquals(0, p.skipped.size)
            assertNull(p.duplicates.firstOrNull())
            assertEquals(count, phone.commitImport(p.pending, NOW).added.size)
        }
    }
}
