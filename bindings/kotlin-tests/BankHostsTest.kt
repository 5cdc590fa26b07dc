// The allow-list of bank hosts, as an app for known banks would set it: a
// forged activation code naming another server is refused before the SMS
// code is asked for, and again before a request is made.
package app.ramz.tests

import app.ramz.core.*
import app.ramz.core.records.*
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertTrue

class BankHostsTest {
    @Test
    fun `bank hosts - only listed servers, matched on whole labels`() {
        val bank = KotlinBank(smsCode = "4821", expiresAt = NOW.toLong() + 300)
        newVault().use { auth ->
            // A code read before the list is set cannot begin once it is.
            val early = auth.readText(bank.qr().toByteArray()) as Scanned.BankActivation
            assertEquals("otp.bank.example", early.server)
            auth.setBankHosts(listOf("evilbank.example"))
            val late = assertFailsWith<RamzException.HostNotAllowed> {
                auth.beginActivation(early.pending, "4821".toByteArray())
            }
            assertEquals("otp.bank.example", late.host)

            // A malformed entry is refused and the list in force stays.
            for (bad in listOf("https://bank.example", "bank.example:443", "bank.example/otp", "*.bank.example")) {
                assertEquals(InputReason.BANK_HOST, assertFailsWith<RamzException.InvalidInput> {
                    auth.setBankHosts(listOf("bank.example", bad))
                }.reason, bad)
            }
            assertFailsWith<RamzException.HostNotAllowed> { auth.readText(bank.qr().toByteArray()) }

            auth.setBankHosts(listOf("bank.example"))
            val offer = auth.readText(bank.qr().toByteArray()) as Scanned.BankActivation
            val req = auth.beginActivation(offer.pending, "4821".toByteArray())
            assertTrue(req.url.startsWith("https://otp.bank.example/"), req.url)
            for (forged in listOf("otp.evilbank.example", "otp.bank.example.evil.example")) {
                val qr = bank.qr().replace("otp.bank.example", forged)
                val e = assertFailsWith<RamzException.HostNotAllowed> { auth.readText(qr.toByteArray()) }
                assertEquals(forged, e.host)
            }

            // No list: every server is allowed again.
            auth.setBankHosts(null)
            val qr = bank.qr().replace("otp.bank.example", "otp.evilbank.example")
            assertEquals("otp.evilbank.example", (auth.readText(qr.toByteArray()) as Scanned.BankActivation).server)
        }
    }
}
