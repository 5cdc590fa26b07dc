package app.ramz.tests

import app.ramz.core.*

fun accountsSuite() {
    val key = Base32.encode(Rfc6238.sha1Key)

    Harness.test("rename, reorder, delete") {
        Authenticator.inMemory().use { auth ->
            val a = auth.addManual(totpEntry("A", "a"), key.toByteArray())
            val b = auth.addManual(totpEntry("B", "b"), key.toByteArray())
            val c = auth.addManual(totpEntry("C", "c"), key.toByteArray())
            val renamed = auth.rename(b.id, "بانک ملی", "6037-****-1234")
            assertEq("بانک ملی", renamed.issuer)
            assertEq(renamed, auth.accounts()[1])
            auth.reorder(listOf(c.id, a.id, b.id))
            assertEq(listOf(c.id, a.id, b.id), auth.accounts().map { it.id })
            assertEq(listOf(c.id, a.id, b.id), auth.codes(59uL).map { it.id })
            auth.delete(a.id)
            assertEq(listOf(c.id, b.id), auth.accounts().map { it.id })
            // Ids stay unique after a delete.
            val d = auth.addManual(totpEntry("D", "d"), key.toByteArray())
            check(d.id !in listOf(a.id, b.id, c.id)) { "fresh id" }
        }
    }

    Harness.test("errors map to typed Kotlin exceptions") {
        Authenticator.inMemory().use { auth ->
            val a = auth.addManual(totpEntry("A", "a"), key.toByteArray())
            assertEq(InputReason.SECRET, assertThrows<RamzException.InvalidInput> {
                auth.addManual(totpEntry("X", "x"), "not base32 0189!".toByteArray())
            }.reason)
            assertEq(InputReason.SECRET, assertThrows<RamzException.InvalidInput> {
                auth.addManual(totpEntry("X", "x"), byteArrayOf(0xff.toByte(), 0xfe.toByte()))
            }.reason)
            assertEq(InputReason.DIGITS, assertThrows<RamzException.InvalidInput> {
                auth.addManual(totpEntry("X", "x", digits = 11u), key.toByteArray())
            }.reason)
            assertEq(InputReason.PERIOD, assertThrows<RamzException.InvalidInput> {
                auth.addManual(totpEntry("X", "x", period = 0uL), key.toByteArray())
            }.reason)
            assertEq(InputReason.LABEL, assertThrows<RamzException.InvalidInput> {
                auth.rename(a.id, "two\nlines", "")
            }.reason)
            assertEq(InputReason.ORDER, assertThrows<RamzException.InvalidInput> {
                auth.reorder(listOf(a.id, a.id))
            }.reason)
            assertEq(InputReason.NOT_HOTP, assertThrows<RamzException.InvalidInput> { auth.hotpNext(a.id) }.reason)
            assertThrows<RamzException.NotFound> { auth.code(999uL, 0uL) }
            assertThrows<RamzException.NotFound> { auth.delete(999uL) }
            // Exceptions are ordinary Kotlin exceptions with a message that
            // names no secret.
            val e = assertThrows<RamzException> { auth.addManual(totpEntry("X", "x"), "QWERTYQWERTY1".toByteArray()) }
            check(!(e.message ?: "").contains("QWERTY")) { "no secret in ${e.message}" }
        }
    }

    Harness.test("lock wipes at once and everything then says Locked") {
        val auth = Authenticator.inMemory()
        auth.addManual(totpEntry("A", "a"), key.toByteArray())
        check(auth.isUnlocked()) { "starts unlocked" }
        auth.lock()
        check(!auth.isUnlocked()) { "locked" }
        assertThrows<RamzException.Locked> { auth.codes(59uL) }
        assertThrows<RamzException.Locked> { auth.accounts() }
        assertThrows<RamzException.Locked> { auth.addManual(totpEntry("B", "b"), key.toByteArray()) }
        auth.close()
    }

    Harness.test("clock: manual offset, server offset, warnings") {
        Authenticator.inMemory().use { auth ->
            val a = auth.addManual(totpEntry("RFC", "sha1", digits = 8u), key.toByteArray())
            val now = 1_800_000_000uL
            assertEq(ClockStatus(0L, null, null, null), auth.clockStatus(now))
            assertEq(ClockWarning.Implausible, auth.clockStatus(1000uL).warning)
            assertEq(-40L, auth.learnServerTime(now - 40uL, now))
            assertEq(ClockWarning.DriftFromServer(-40L), auth.clockStatus(now).warning)
            // Codes follow the corrected time: device 99 - 40 = 59.
            assertEq("94287082", auth.code(a.id, 99uL).code)
            auth.setManualOffset(1_111_111_109L - 59L)
            assertEq("07081804", auth.code(a.id, 59uL).code)
            assertEq(1_111_111_050L, auth.clockStatus(now).offset)
            auth.setManualOffset(null)
            assertEq(-40L, auth.clockStatus(now).offset)
        }
    }

    Harness.test("close() releases the object; calls after close fail cleanly") {
        val auth = Authenticator.inMemory()
        auth.close()
        auth.close() // idempotent
        assertThrows<IllegalStateException> { auth.isUnlocked() }
    }
}
