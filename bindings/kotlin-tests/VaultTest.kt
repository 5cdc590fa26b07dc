// The vault's life as an app drives it: create, open, unlock through a
// Kotlin DeviceKeystore, wrong PINs and lockout, PIN change, lock,
// biometric unlock, keystore failures, and close() releasing both sides.
package app.ramz.tests

import app.ramz.core.*
import app.ramz.core.records.*
import java.lang.ref.WeakReference
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertTrue
import kotlin.test.fail

class VaultTest {
    private val rfcKey = Rfc6238.sha1Key

    @Test
    fun `create, lock, reopen and unlock through the Kotlin keystore`() {
        val keystore = SoftwareKeystore()
        val path = vaultPath()
        val id = newVault(keystore, path).use { auth ->
            assertTrue(auth.isUnlocked(), "a new vault is unlocked")
            assertTrue(keystore.wraps.get() >= 1, "create wrapped the device secret with the Kotlin keystore")
            auth.addKey(totpEntry("RFC", "sha1", digits = 8u), rfcKey).id
        }
        assertFailsWith<RamzException.AlreadyExists> { newVault(keystore, path) }
        Authenticator.open(path, keystore).use { auth ->
            assertTrue(!auth.isUnlocked(), "open gives a locked vault")
            assertFailsWith<RamzException.Locked> { auth.codes(59uL) }
            assertEquals(LockState(0u, 10u, 0uL), auth.lockState(NOW))
            val before = keystore.unwraps.get()
            // Persian digits are the same PIN.
            assertEquals(UnlockResult.Unlocked, auth.unlock(pin("۴۸۰۹۱۳"), NOW))
            assertTrue(keystore.unwraps.get() > before, "unlock went through the Kotlin keystore")
            assertEquals("94287082", auth.code(id, 59uL).code)
        }
        assertFailsWith<RamzException.NoVault> { Authenticator.open(vaultPath(), keystore) }
    }

    @Test
    fun `the PIN buffer is the app's and weak or malformed PINs are refused`() {
        val p = pin()
        newVault().use { auth ->
            auth.changePin(p, p, NOW) // same PIN again is allowed
            assertEquals("480913", String(p), "Rust works on a copy; the app wipes its own array")
            assertEquals(InputReason.WEAK_PIN, assertFailsWith<RamzException.InvalidInput> { auth.changePin(pin(), pin("123456"), NOW) }.reason)
            assertEquals(InputReason.WEAK_PIN, assertFailsWith<RamzException.InvalidInput> { auth.changePin(pin(), pin("000000"), NOW) }.reason)
            assertEquals(InputReason.PIN, assertFailsWith<RamzException.InvalidInput> { auth.changePin(pin(), pin("12345"), NOW) }.reason)
            assertEquals(InputReason.PIN, assertFailsWith<RamzException.InvalidInput> { auth.changePin(pin(), pin("48091a"), NOW) }.reason)
        }
        assertEquals(InputReason.WEAK_PIN, assertFailsWith<RamzException.InvalidInput> {
            Authenticator.create(vaultPath(), pin("111111"), SoftwareKeystore(), NOW)
        }.reason)
    }

    @Test
    fun `wrong PINs - attempts left, waits, TryLater, then the wipe`() {
        val keystore = SoftwareKeystore()
        val path = vaultPath()
        newVault(keystore, path).close()
        Authenticator.open(path, keystore).use { auth ->
            var t = NOW
            var sawWait = false
            var lastLeft = UInt.MAX_VALUE
            for (attempt in 1..20) {
                when (val r = auth.unlock(pin("917253"), t)) {
                    is UnlockResult.WrongPin -> {
                        val left = r.attemptsLeft ?: error("the default policy wipes")
                        assertTrue(left < lastLeft, "attempts left goes down")
                        lastLeft = left
                        assertEquals(attempt.toUInt(), auth.lockState(t).failures)
                        if (r.waitSeconds > 0uL) {
                            sawWait = true
                            // Even the right PIN is not tried while waiting.
                            val early = auth.unlock(pin(), t)
                            assertTrue(early is UnlockResult.TryLater, "expected TryLater, got $early")
                        }
                        t += r.waitSeconds
                    }
                    UnlockResult.Wiped -> {
                        assertTrue(sawWait, "waits before the wipe")
                        assertEquals(10, attempt, "wiped on the tenth wrong PIN")
                        assertFailsWith<RamzException.NoVault> { auth.unlock(pin(), t) }
                        assertTrue(!java.io.File(path).exists(), "the vault file is gone")
                        return@use
                    }
                    else -> fail("unexpected $r")
                }
            }
            fail("never wiped")
        }
    }

    @Test
    fun `a right PIN after wrong ones resets the count`() {
        val keystore = SoftwareKeystore()
        val path = vaultPath()
        newVault(keystore, path).close()
        Authenticator.open(path, keystore).use { auth ->
            val wrong = auth.unlock(pin("917253"), NOW)
            assertEquals(UnlockResult.WrongPin(9u, 0uL), wrong)
            assertEquals(UnlockResult.Unlocked, auth.unlock(pin(), NOW))
            auth.lock()
            assertEquals(0u, auth.lockState(NOW).failures)
        }
    }

    @Test
    fun `change PIN - the old PIN stops working, the new one opens`() {
        val keystore = SoftwareKeystore()
        val path = vaultPath()
        newVault(keystore, path).use { auth ->
            auth.addKey(totpEntry("A", "a"), rfcKey)
            auth.changePin(pin(), pin("٧٣٩١٥٢"), NOW) // Arabic-Indic digits
            auth.lock()
            assertTrue(auth.unlock(pin(), NOW) is UnlockResult.WrongPin, "old PIN refused")
            assertEquals(UnlockResult.Unlocked, auth.unlock(pin("739152"), NOW))
            assertEquals(1, auth.accounts().size)
        }
    }

    @Test
    fun `lock wipes at once - every call says Locked, pending scans are gone`() {
        newVault().use { auth ->
            val a = auth.addKey(totpEntry("A", "a"), rfcKey)
            val scanned = auth.readText(otpauth("B", "b").toByteArray()) as Scanned.Account
            auth.lock()
            assertTrue(!auth.isUnlocked(), "locked")
            assertFailsWith<RamzException.Locked> { auth.codes(59uL) }
            assertFailsWith<RamzException.Locked> { auth.code(a.id, 59uL) }
            assertFailsWith<RamzException.Locked> { auth.accounts() }
            assertFailsWith<RamzException.Locked> { auth.addKey(totpEntry("B", "b"), rfcKey) }
            assertFailsWith<RamzException.Locked> { auth.readText("x".toByteArray()) }
            assertFailsWith<RamzException.Locked> { auth.hotpNext(a.id, NOW) }
            assertFailsWith<RamzException.Locked> { auth.hasDeviceUnlock() }
            assertFailsWith<RamzException.Locked> { auth.exportBackup(pin("passphrase"), null, NOW) }
            assertEquals(UnlockResult.Unlocked, auth.unlock(pin(), NOW))
            // The scan made before the lock is forgotten; the account stays.
            assertFailsWith<RamzException.NotFound> { auth.addScanned(scanned.pending, NOW) }
            assertEquals(listOf(a.id), auth.accounts().map { it.id })
            // Unlocking an unlocked vault is a no-op.
            assertEquals(UnlockResult.Unlocked, auth.unlock(pin("917253"), NOW))
        }
    }

    @Test
    fun `biometric unlock through the keystore's second key`() {
        val keystore = SoftwareKeystore()
        val path = vaultPath()
        newVault(keystore, path).use { auth ->
            assertTrue(!auth.hasDeviceUnlock(), "off by default")
            auth.setDeviceUnlock(true, pin(), NOW)
            assertTrue(auth.hasDeviceUnlock(), "on")
        }
        Authenticator.open(path, keystore).use { auth ->
            keystore.biometricOutcome = KeystoreException.Cancelled()
            val e = assertFailsWith<RamzException.Keystore> { auth.unlockWithDevice() }
            assertTrue(e.reason is KeystoreException.Cancelled, "reason ${e.reason}")
            assertTrue(!auth.isUnlocked(), "still locked")
            keystore.biometricOutcome = null
            auth.unlockWithDevice()
            assertTrue(auth.isUnlocked(), "unlocked by the biometric key")
            auth.setDeviceUnlock(false, null, NOW)
            auth.lock()
            assertFailsWith<RamzException.Unsupported> { auth.unlockWithDevice() }
        }
    }

    @Test
    fun `keystore failures - another device, and a keystore that throws`() {
        val path = vaultPath()
        newVault(SoftwareKeystore(), path).close()
        // The file copied to another phone: its keystore lacks the key.
        Authenticator.open(path, SoftwareKeystore()).use { auth ->
            val e = assertFailsWith<RamzException.Keystore> { auth.unlock(pin(), NOW) }
            assertTrue(e.reason is KeystoreException.KeyInvalidated, "reason ${e.reason}")
        }
        val broken = SoftwareKeystore().apply { failure = KeystoreException.Unavailable() }
        val e1 = assertFailsWith<RamzException.Keystore> { Authenticator.create(vaultPath(), pin(), broken, NOW) }
        assertTrue(e1.reason is KeystoreException.Unavailable, "reason ${e1.reason}")
        // An exception that is not a KeystoreException does not crash Rust.
        broken.failure = IllegalStateException("hardware on fire")
        val e2 = assertFailsWith<RamzException.Keystore> { Authenticator.create(vaultPath(), pin(), broken, NOW) }
        assertTrue(e2.reason is KeystoreException.Unavailable, "reason ${e2.reason}")
    }

    @Test
    fun `close() releases the Rust object and, with it, the Kotlin keystore`() {
        val (auth, keystoreRef) = vaultWithWeakKeystore()
        collectGarbage()
        assertTrue(keystoreRef.get() != null, "the open Authenticator keeps the keystore alive")
        auth.close()
        auth.close() // idempotent
        assertFailsWith<IllegalStateException> { auth.isUnlocked() }
        collectGarbage()
        assertTrue(keystoreRef.get() == null, "closing dropped Rust's handle on the Kotlin keystore")
    }
}

/** Kept out of the test's frame so no local variable holds the keystore. */
private fun vaultWithWeakKeystore(): Pair<Authenticator, WeakReference<SoftwareKeystore>> {
    val keystore = SoftwareKeystore()
    return Pair(newVault(keystore), WeakReference(keystore))
}

private fun collectGarbage() {
    repeat(3) {
        System.gc()
        Thread.sleep(20)
    }
}

fun otpauth(issuer: String, account: String, key: ByteArray = Rfc6238.sha1Key, extra: String = "") =
    "otpauth://totp/$issuer:$account?secret=${Base32.encode(key)}&issuer=$issuer$extra"
