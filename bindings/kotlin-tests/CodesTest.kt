// Codes against the RFCs' known answers, through add_manual, codes() and
// code(), and HOTP through hotp_next.
package app.ramz.tests

import app.ramz.core.*
import app.ramz.core.records.*
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertTrue

class CodesTest {
    @Test
    fun `RFC 6238 vectors through add_manual and codes()`() {
        newVault().use { auth ->
            val a1 = auth.addKey(totpEntry("RFC", "sha1", Algorithm.SHA1, 8u), Rfc6238.sha1Key)
            val a2 = auth.addKey(totpEntry("RFC", "sha256", Algorithm.SHA256, 8u), Rfc6238.sha256Key)
            val a3 = auth.addKey(totpEntry("RFC", "sha512", Algorithm.SHA512, 8u), Rfc6238.sha512Key)
            assertEquals(Algorithm.SHA256, a2.preview.algorithm)
            for ((t, c1, rest) in Rfc6238.table) {
                val codes = auth.codes(t.toULong())
                assertEquals(listOf(a1.id, a2.id, a3.id), codes.map { it.id }, "order")
                assertEquals(c1, codes[0].code, "sha1 at $t")
                assertEquals(rest.first, codes[1].code, "sha256 at $t")
                assertEquals(rest.second, codes[2].code, "sha512 at $t")
                assertEquals((30 - t % 30).toULong(), codes[0].secondsLeft, "seconds left at $t")
                assertEquals(30uL, codes[0].period)
                // The "next" code is the code of the following step.
                assertEquals(auth.code(a1.id, (t + 30).toULong()).code, codes[0].next, "next at $t")
            }
        }
    }

    @Test
    fun `single code() matches codes() and period 60 counts down`() {
        newVault().use { auth ->
            val a = auth.addKey(totpEntry("Bank", "card", period = 60uL), Rfc6238.sha1Key)
            assertEquals(AccountKind.Totp(60uL), a.preview.kind)
            val one = auth.code(a.id, 1_700_000_001uL)
            assertEquals(auth.codes(1_700_000_001uL).single(), one)
            assertEquals(60uL, one.period)
            assertEquals((60 - 1_700_000_001L % 60).toULong(), one.secondsLeft)
            // An independent TOTP in Kotlin (javax.crypto HMAC) agrees.
            assertEquals(KotlinTotp.code(Rfc6238.sha1Key, 1_700_000_001L / 60, 6), one.code)
            assertEquals(KotlinTotp.code(Rfc6238.sha1Key, 1_700_000_001L / 60 + 1, 6), one.next)
        }
    }

    @Test
    fun `HOTP - RFC 4226 vectors, counter saved before the code is shown`() {
        val keystore = SoftwareKeystore()
        val path = vaultPath()
        val id = newVault(keystore, path).use { auth ->
            val entry = ManualEntry("RFC", "hotp", hotp = true, period = 0uL, digits = 6u, algorithm = Algorithm.SHA1)
            val a = auth.addKey(entry, Rfc6238.sha1Key)
            assertEquals(AccountKind.Hotp(0uL), a.preview.kind)
            val row = auth.codes(NOW).single()
            assertEquals(CodeEntry(a.id, "", "", 0uL, 0uL), row, "HOTP code hidden until asked")
            for (expected in Rfc4226.codes.take(5)) assertEquals(expected, auth.hotpNext(a.id, NOW))
            assertEquals(AccountKind.Hotp(5uL), auth.accounts().single().preview.kind)
            a.id
        }
        Authenticator.open(path, keystore).use { auth ->
            assertEquals(UnlockResult.Unlocked, auth.unlock(pin(), NOW))
            for (expected in Rfc4226.codes.drop(5)) assertEquals(expected, auth.hotpNext(id, NOW))
        }
    }

    @Test
    fun `manual entry accepts what people type`() {
        newVault().use { auth ->
            val typed = Base32.encode(Rfc6238.sha1Key).lowercase().chunked(4).joinToString(" ")
            val a = auth.addManual(totpEntry("  GitHub ", "me@example.com", digits = 8u), typed.toByteArray(), NOW)
            assertEquals("GitHub", a.preview.issuer)
            assertEquals("94287082", auth.code(a.id, 59uL).code)
            assertTrue(!a.preview.weakSecret, "160-bit secret is not weak")
            assertTrue(a.exportable, "TOTP accounts are exportable")
            assertEquals(null, a.bankName)
            val weak = auth.addManual(totpEntry("Old", "x"), "JBSWY3DPEHPK3PXP".toByteArray(), NOW)
            assertTrue(weak.preview.weakSecret, "80-bit secret is weak")
        }
    }
}

/** RFC 6238 TOTP computed with javax.crypto, independent of Ramz. */
object KotlinTotp {
    fun code(key: ByteArray, step: Long, digits: Int, alg: String = "HmacSHA1"): String {
        val mac = javax.crypto.Mac.getInstance(alg)
        mac.init(javax.crypto.spec.SecretKeySpec(key, alg))
        val h = mac.doFinal(java.nio.ByteBuffer.allocate(8).putLong(step).array())
        val o = h[h.size - 1].toInt() and 0x0f
        val bin = ((h[o].toInt() and 0x7f) shl 24) or ((h[o + 1].toInt() and 0xff) shl 16) or
            ((h[o + 2].toInt() and 0xff) shl 8) or (h[o + 3].toInt() and 0xff)
        var mod = 1
        repeat(digits) { mod *= 10 }
        return (bin % mod).toString().padStart(digits, '0')
    }
}
