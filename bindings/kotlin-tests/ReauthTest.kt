// Vault format 3 as an app meets it through the bindings: sensitive
// changes take the current PIN in the same call (PIN change, biometric
// unlock on, exporting bank cards), older copies of the vault file never
// open again (the device key is rotated in the Kotlin keystore), and
// damage is `Damaged`, never a wrong PIN.
package app.ramz.tests

import app.ramz.core.*
import app.ramz.core.records.*
import java.io.File
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertTrue

class ReauthTest {
    private val wrong = "917253"

    @Test
    fun `change PIN takes the current PIN - a wrong one counts and changes nothing`() {
        val keystore = SoftwareKeystore()
        val path = vaultPath()
        newVault(keystore, path).use { auth ->
            val e = assertFailsWith<RamzException.WrongPin> { auth.changePin(pin(wrong), pin("739152"), NOW) }
            assertEquals(9u, e.attemptsLeft)
            assertEquals(1u, auth.lockState(NOW).failures, "counted like a wrong PIN at unlock")
            assertTrue(auth.isUnlocked(), "still unlocked")
            auth.changePin(pin("۴۸۰۹۱۳"), pin("739152"), NOW)
            assertEquals(0u, auth.lockState(NOW).failures, "the right PIN reset the count")
            auth.lock()
            assertTrue(auth.unlock(pin(), NOW) is UnlockResult.WrongPin, "old PIN refused")
            assertEquals(UnlockResult.Unlocked, auth.unlock(pin("739152"), NOW))
        }
    }

    @Test
    fun `biometric unlock on takes the PIN, a new enrolment invalidates it`() {
        val keystore = SoftwareKeystore()
        val path = vaultPath()
        newVault(keystore, path).use { auth ->
            assertEquals(InputReason.PIN, assertFailsWith<RamzException.InvalidInput> {
                auth.setDeviceUnlock(true, null, NOW)
            }.reason)
            assertFailsWith<RamzException.WrongPin> { auth.setDeviceUnlock(true, pin(wrong), NOW) }
            assertTrue(!auth.hasDeviceUnlock(), "not turned on by a wrong PIN")
            auth.setDeviceUnlock(true, pin(), NOW)
            assertTrue(auth.hasDeviceUnlock())
            assertTrue(keystoreAlias(KeystoreKey.Biometric) in keystore.aliases())
            auth.lock()
            keystore.enrolNewFingerprint()
            val e = assertFailsWith<RamzException.Keystore> { auth.unlockWithDevice() }
            assertTrue(e.reason is KeystoreException.KeyInvalidated, "reason ${e.reason}")
            assertEquals(UnlockResult.Unlocked, auth.unlock(pin(), NOW), "the PIN still opens")
        }
    }

    @Test
    fun `exporting bank cards takes the PIN`() {
        val bank = KotlinBank(smsCode = "4821", expiresAt = NOW.toLong() + 300)
        newVault().use { auth ->
            auth.addKey(totpEntry("GitHub", "me"), Rfc6238.sha1Key)
            val offer = auth.readText(bank.qr().toByteArray()) as Scanned.BankActivation
            val req = auth.beginActivation(offer.pending, "4821".toByteArray())
            val (status, body) = bank.complete(req, now = NOW.toLong())
            val card = auth.completeActivation(status.toUShort(), body, NOW)
            val passphrase = "long enough".toByteArray()
            val plain = auth.exportBackup(passphrase, null, NOW)
            assertEquals(1u, plain.included)
            assertEquals(listOf(card.id), plain.leftOut)
            val e = assertFailsWith<RamzException.WrongPin> { auth.exportBackup(passphrase, pin(wrong), NOW) }
            assertEquals(9u, e.attemptsLeft)
            val all = auth.exportBackup(passphrase, pin(), NOW)
            assertEquals(2u, all.included)
            assertEquals(emptyList<String>(), all.leftOut)
            assertEquals(0u, auth.lockState(NOW).failures)
        }
    }

    @Test
    fun `an older copy of the vault file gives no attempts back`() {
        val keystore = SoftwareKeystore()
        val path = vaultPath()
        newVault(keystore, path).close()
        val copy = File(path).readBytes()
        Authenticator.open(path, keystore).use { auth ->
            repeat(4) { auth.unlock(pin(wrong), NOW + 10_000uL * it.toULong()) }
            assertEquals(4u, auth.lockState(NOW + 40_000uL).failures)
            // One device-key generation is left: every wrong PIN made a new
            // one and deleted the one before.
            assertEquals(1, keystore.aliases().count { it.startsWith("device-") })
        }
        File(path).writeBytes(copy)
        Authenticator.open(path, keystore).use { auth ->
            val e = assertFailsWith<RamzException.Keystore> { auth.unlock(pin(), NOW + 50_000uL) }
            assertTrue(e.reason is KeystoreException.KeyInvalidated, "reason ${e.reason}")
            assertFailsWith<RamzException.Keystore> { auth.lockState(NOW + 50_000uL) }
        }
    }

    @Test
    fun `damage is Damaged with the right PIN and never counts or wipes`() {
        val keystore = SoftwareKeystore()
        val path = vaultPath()
        newVault(keystore, path).close()
        val file = File(path)
        val good = file.readBytes()
        // A byte of the PIN slot's salt (docs/vault-format.md: offset 31).
        file.writeBytes(good.copyOf().also { it[31] = (it[31].toInt() xor 1).toByte() })
        Authenticator.open(path, keystore).use { auth ->
            repeat(12) { assertFailsWith<RamzException.Damaged> { auth.unlock(pin(), NOW) } }
            assertTrue(file.exists(), "never wiped")
        }
        // The last byte is the body's tag: found only after the right PIN,
        // which still resets the count.
        file.writeBytes(good)
        Authenticator.open(path, keystore).use { auth ->
            assertTrue(auth.unlock(pin(wrong), NOW) is UnlockResult.WrongPin)
        }
        val counted = file.readBytes()
        file.writeBytes(counted.copyOf().also { it[it.size - 1] = (it[it.size - 1].toInt() xor 1).toByte() })
        Authenticator.open(path, keystore).use { auth ->
            repeat(2) { assertFailsWith<RamzException.Damaged> { auth.unlock(pin(), NOW) } }
            assertEquals(0u, auth.lockState(NOW).failures, "the right PIN reset the count")
            assertTrue(file.exists(), "never wiped")
        }
    }
}
