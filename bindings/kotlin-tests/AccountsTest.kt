// Account management and the clock, as the list and settings screens use
// them; errors as typed Kotlin exceptions.
package app.ramz.tests

import app.ramz.core.*
import app.ramz.core.records.*
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertTrue

class AccountsTest {
    private val key = Rfc6238.sha1Key

    @Test
    fun `rename, move, reorder, delete - kept across lock and unlock`() {
        newVault().use { auth ->
            // Four credentials (one secret twice would be a duplicate).
            val a = auth.addKey(totpEntry("A", "a"), key)
            val b = auth.addKey(totpEntry("B", "b"), distinctKey(1))
            val c = auth.addKey(totpEntry("C", "c"), distinctKey(2))
            val renamed = auth.rename(b.id, " بانک ملی ", "6037-****-1234", NOW)
            assertEquals("بانک ملی", renamed.preview.issuer)
            assertEquals(b.id, renamed.id, "ids survive renames")
            assertEquals(renamed, auth.accounts()[1])
            auth.reorder(listOf(c.id, a.id, b.id), NOW)
            assertEquals(listOf(c.id, a.id, b.id), auth.accounts().map { it.id })
            assertEquals(listOf(c.id, a.id, b.id), auth.codes(59uL).map { it.id })
            auth.moveAccount(c.id, 99u, NOW) // past the end: last
            assertEquals(listOf(a.id, b.id, c.id), auth.accounts().map { it.id })
            auth.moveAccount(b.id, 0u, NOW)
            assertEquals(listOf(b.id, a.id, c.id), auth.accounts().map { it.id })
            auth.delete(a.id)
            assertEquals(listOf(b.id, c.id), auth.accounts().map { it.id })
            val d = auth.addKey(totpEntry("D", "d"), distinctKey(3))
            assertTrue(d.id !in listOf(a.id, b.id, c.id), "fresh id")
            assertTrue(d.id.length == 32 && d.id.all { it in "0123456789abcdef" }, "id ${d.id}")
            auth.lock()
            assertEquals(UnlockResult.Unlocked, auth.unlock(pin(), NOW))
            assertEquals(listOf(b.id, c.id, d.id), auth.accounts().map { it.id })
            assertEquals("بانک ملی", auth.accounts()[0].preview.issuer)
        }
    }

    @Test
    fun `errors map to typed Kotlin exceptions with no secret in them`() {
        newVault().use { auth ->
            val a = auth.addKey(totpEntry("A", "a"), key)
            val cases: List<Pair<InputReason, () -> Unit>> = listOf(
                InputReason.SECRET to { auth.addManual(totpEntry("X", "x"), "not base32 0189!".toByteArray(), NOW) },
                InputReason.SECRET to { auth.addManual(totpEntry("X", "x"), byteArrayOf(0xff.toByte(), 0xfe.toByte()), NOW) },
                InputReason.SECRET to { auth.addManual(totpEntry("X", "x"), ByteArray(0), NOW) },
                InputReason.DIGITS to { auth.addKey(totpEntry("X", "x", digits = 11u), key) },
                InputReason.PERIOD to { auth.addKey(totpEntry("X", "x", period = 0uL), key) },
                InputReason.LABEL to { auth.rename(a.id, "two\nlines", "", NOW) },
                InputReason.LABEL to { auth.addKey(totpEntry("x".repeat(500), "x"), distinctKey(9)) },
                InputReason.ORDER to { auth.reorder(listOf(a.id, a.id), NOW) },
                InputReason.ORDER to { auth.reorder(listOf("not an id"), NOW) },
                InputReason.NOT_HOTP to { auth.hotpNext(a.id, NOW) },
            )
            for ((reason, call) in cases) assertEquals(reason, assertFailsWith<RamzException.InvalidInput> { call() }.reason)
            val missing = "0".repeat(32)
            assertFailsWith<RamzException.NotFound> { auth.code(missing, NOW) }
            assertFailsWith<RamzException.NotFound> { auth.delete(missing) }
            assertFailsWith<RamzException.NotFound> { auth.rename("zz", "i", "a", NOW) }
            assertFailsWith<RamzException.NotFound> { auth.moveAccount(missing, 0u, NOW) }
            // Ordinary Kotlin exceptions: catchable as Exception, with a
            // message that names no secret.
            val e: Exception = assertFailsWith<RamzException> {
                auth.addManual(totpEntry("X", "x"), "QWERTYQWERTY1".toByteArray(), NOW)
            }
            assertTrue(!(e.message ?: "").contains("QWERTY"), "no secret in ${e.message}")
            assertEquals(1, auth.accounts().size, "failed adds add nothing")
        }
    }

    @Test
    fun `clock - manual offset, server offset, warnings`() {
        newVault().use { auth ->
            val a = auth.addKey(totpEntry("RFC", "sha1", digits = 8u), key)
            val now = 1_800_000_000uL
            assertEquals(ClockStatus(0L, null, null, null), auth.clockStatus(now))
            assertEquals(ClockWarning.Implausible, auth.clockStatus(1000uL).warning)
            assertEquals(-40L, auth.learnServerTime(now - 40uL, now))
            assertEquals(ClockWarning.DriftFromServer(-40L), auth.clockStatus(now).warning)
            // Codes follow the corrected time: device 99 - 40 = 59.
            assertEquals("94287082", auth.code(a.id, 99uL).code)
            auth.setManualOffset(1_111_111_109L - 59L)
            assertEquals("07081804", auth.code(a.id, 59uL).code)
            assertEquals(1_111_111_050L, auth.clockStatus(now).offset)
            assertEquals(-40L, auth.clockStatus(now).serverOffset)
            auth.setManualOffset(null)
            assertEquals(-40L, auth.clockStatus(now).offset)
            assertEquals(0L, auth.learnServerTime(now, now))
            assertEquals(null, auth.clockStatus(now).warning)
        }
    }
}
