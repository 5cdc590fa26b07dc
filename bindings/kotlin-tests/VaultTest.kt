// The vault's life as an app drives it: create, open, unlock through a
// Kotlin DeviceKeystore, wrong PINs and lockout, PIN change, lock,
// biometric unlock, keystore failures, and close() releasing both sides.
package app.ramz.tests

import app.ramz.core.*
import java.lang.ref.WeakReference

fun vaultSuite() {
    val rfcKey = Rfc6238.sha1Key

    Harness.test("create, lock, reopen and unlock through the Kotlin keystore") {
        val keystore = SoftwareKeystore()
        val path = vaultPath()
        val id = newVault(keystore, path).use { auth ->
            check(auth.isUnlocked()) { "a new vault is unlocked" }
            check(keystore.wraps.get() >= 1) { "create wrapped the device secret with the Kotlin keystore" }
            auth.addKey(totpEntry("RFC", "sha1", digits = 8u), rfcKey).id
        }
        assertThrows<RamzException.AlreadyExists> { newVault(keystore, path) }
        Authenticator.open(path, keystore).use { auth ->
            check(!auth.isUnlocked()) { "open gives a locked vault" }
            assertThrows<RamzException.Locked> { auth.codes(59uL) }
            assertEq(LockState(0u, 10u, 0uL), auth.lockState(NOW))
            val before = keystore.unwraps.get()
            // Persian digits are the same PIN.
            assertEq(UnlockResult.Unlocked, auth.unlock(pin("۴۸۰۹۱۳"), NOW))
            check(keystore.unwraps.get() > before) { "unlock went through the Kotlin keystore" }
            assertEq("94287082", auth.code(id, 59uL).code)
        }
        assertThrows<RamzException.NoVault> { Authenticator.open(vaultPath(), keystore) }
    }

    Harness.test("the PIN buffer is the app's and weak or malformed PINs are refused") {
        val p = pin()
        newVault().use { auth ->
            auth.changePin(p) // same PIN again is allowed
            assertEq("480913", String(p), "Rust works on a copy; the app wipes its own array")
            assertEq(InputReason.WEAK_PIN, assertThrows<RamzException.InvalidInput> { auth.changePin(pin("123456")) }.reason)
            assertEq(InputReason.WEAK_PIN, assertThrows<RamzException.InvalidInput> { auth.changePin(pin("000000")) }.reason)
            assertEq(InputReason.PIN, assertThrows<RamzException.InvalidInput> { auth.changePin(pin("12345")) }.reason)
            assertEq(InputReason.PIN, assertThrows<RamzException.InvalidInput> { auth.changePin(pin("48091a")) }.reason)
        }
        assertEq(InputReason.WEAK_PIN, assertThrows<RamzException.InvalidInput> {
            Authenticator.create(vaultPath(), pin("111111"), SoftwareKeystore(), NOW)
        }.reason)
    }

    Harness.test("wrong PINs: attempts left, waits, TryLater, then the wipe") {
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
                        check(left < lastLeft) { "attempts left goes down" }
                        lastLeft = left
                        assertEq(attempt.toUInt(), auth.lockState(t).failures)
                        if (r.waitSeconds > 0uL) {
                            sawWait = true
                            // Even the right PIN is not tried while waiting.
                            val early = auth.unlock(pin(), t)
                            check(early is UnlockResult.TryLater) { "expected TryLater, got $early" }
                        }
                        t += r.waitSeconds
                    }
                    UnlockResult.Wiped -> {
                        check(sawWait) { "waits before the wipe" }
                        assertEq(10, attempt, "wiped on the tenth wrong PIN")
                        assertThrows<RamzException.NoVault> { auth.unlock(pin(), t) }
                        check(!java.io.File(path).exists()) { "the vault file is gone" }
                        return@use
                    }
                    else -> throw AssertionFailed("unexpected $r")
                }
            }
            throw AssertionFailed("never wiped")
        }
    }

    Harness.test("a right PIN after wrong ones resets the count") {
        val keystore = SoftwareKeystore()
        val path = vaultPath()
        newVault(keystore, path).close()
        Authenticator.open(path, keystore).use { auth ->
            val wrong = auth.unlock(pin("917253"), NOW)
            assertEq(UnlockResult.WrongPin(9u, 0uL), wrong)
            assertEq(UnlockResult.Unlocked, auth.unlock(pin(), NOW))
            auth.lock()
            assertEq(0u, auth.lockState(NOW).failures)
        }
    }

    Harness.test("change PIN: the old PIN stops working, the new one opens") {
        val keystore = SoftwareKeystore()
        val path = vaultPath()
        newVault(keystore, path).use { auth ->
            auth.addKey(totpEntry("A", "a"), rfcKey)
            auth.changePin(pin("٧٣٩١٥٢")) // Arabic-Indic digits
            auth.lock()
            check(auth.unlock(pin(), NOW) is UnlockResult.WrongPin) { "old PIN refused" }
            assertEq(UnlockResult.Unlocked, auth.unlock(pin("739152"), NOW))
            assertEq(1, auth.accounts().size)
        }
    }

    Harness.test("lock wipes at once: every call says Locked, pending scans are gone") {
        newVault().use { auth ->
            val a = auth.addKey(totpEntry("A", "a"), rfcKey)
            val scanned = auth.readText(otpauth("B", "b").toByteArray()) as Scanned.Account
            auth.lock()
            check(!auth.isUnlocked()) { "locked" }
            assertThrows<RamzException.Locked> { auth.codes(59uL) }
            assertThrows<RamzException.Locked> { auth.code(a.id, 59uL) }
            assertThrows<RamzException.Locked> { auth.accounts() }
            assertThrows<RamzException.Locked> { auth.addKey(totpEntry("B", "b"), rfcKey) }
            assertThrows<RamzException.Locked> { auth.readText("x".toByteArray()) }
            assertThrows<RamzException.Locked> { auth.hotpNext(a.id, NOW) }
            assertThrows<RamzException.Locked> { auth.hasDeviceUnlock() }
            assertThrows<RamzException.Locked> { auth.exportBackup(pin("passphrase"), false, NOW) }
            assertEq(UnlockResult.Unlocked, auth.unlock(pin(), NOW))
            // The scan made before the lock is forgotten; the account stays.
            assertThrows<RamzException.NotFound> { auth.addScanned(scanned.pending, NOW) }
            assertEq(listOf(a.id), auth.accounts().map { it.id })
            // Unlocking an unlocked vault is a no-op.
            assertEq(UnlockResult.Unlocked, auth.unlock(pin("917253"), NOW))
        }
    }

    Harness.test("biometric unlock through the keystore's second key") {
        val keystore = SoftwareKeystore()
        val path = vaultPath()
        newVault(keystore, path).use { auth ->
            check(!auth.hasDeviceUnlock()) { "off by default" }
            auth.setDeviceUnlock(true)
            check(auth.hasDeviceUnlock()) { "on" }
        }
        Authenticator.open(path, keystore).use { auth ->
            keystore.biometricOutcome = KeystoreException.Cancelled()
            val e = assertThrows<RamzException.Keystore> { auth.unlockWithDevice() }
            check(e.reason is KeystoreException.Cancelled) { "reason ${e.reason}" }
            check(!auth.isUnlocked()) { "still locked" }
            keystore.biometricOutcome = null
            auth.unlockWithDevice()
            check(auth.isUnlocked()) { "unlocked by the biometric key" }
            auth.setDeviceUnlock(false)
            auth.lock()
            assertThrows<RamzException.Unsupported> { auth.unlockWithDevice() }
        }
    }

    Harness.test("keystore failures: another device, and a keystore that throws") {
        val path = vaultPath()
        newVault(SoftwareKeystore(), path).close()
        // The file copied to another phone: its keystore has other keys.
        Authenticator.open(path, SoftwareKeystore()).use { auth ->
            val e = assertThrows<RamzException.Keystore> { auth.unlock(pin(), NOW) }
            check(e.reason is KeystoreException.WrongKey) { "reason ${e.reason}" }
        }
        val broken = SoftwareKeystore().apply { failure = KeystoreException.Unavailable() }
        val e1 = assertThrows<RamzException.Keystore> { Authenticator.create(vaultPath(), pin(), broken, NOW) }
        check(e1.reason is KeystoreException.Unavailable) { "reason ${e1.reason}" }
        // An exception that is not a KeystoreException does not crash Rust.
        broken.failure = IllegalStateException("hardware on fire")
        val e2 = assertThrows<RamzException.Keystore> { Authenticator.create(vaultPath(), pin(), broken, NOW) }
        check(e2.reason is KeystoreException.Unavailable) { "reason ${e2.reason}" }
    }

    Harness.test("close() releases the Rust object and, with it, the Kotlin keystore") {
        val (auth, keystoreRef) = vaultWithWeakKeystore()
        collectGarbage()
        check(keystoreRef.get() != null) { "the open Authenticator keeps the keystore alive" }
        auth.close()
        auth.close() // idempotent
        assertThrows<IllegalStateException> { auth.isUnlocked() }
        collectGarbage()
        check(keystoreRef.get() == null) { "closing dropped Rust's handle on the Kotlin keystore" }
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
