// AndroidDeviceKeystore's own source, run on the JVM against the real
// vault (libramz_ffi) with the Android Keystore emulated
// (FakeAndroidKeyStore): the keys it asks for, the wrap format, the error
// mapping, the rotation a wrong PIN causes, and biometric unlock through
// an authenticated cipher.
package app.ramz.android

import android.content.Context
import android.content.pm.PackageManager
import android.security.keystore.KeyProperties
import app.ramz.core.Authenticator
import app.ramz.core.KeystoreException
import app.ramz.core.KeystoreKey
import app.ramz.core.RamzException
import app.ramz.tests.NOW
import app.ramz.tests.newVault
import app.ramz.tests.pin
import app.ramz.tests.tempDir
import app.ramz.tests.vaultPath
import java.io.File
import kotlin.test.BeforeTest
import kotlin.test.Test
import kotlin.test.assertContentEquals
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertIs
import kotlin.test.assertTrue

/** A phone, as far as ramz-android asks: StrongBox or not, and its no-backup folder. */
class TestContext(private val strongBox: Boolean, private val noBackup: File = tempDir()) : Context() {
    override fun getPackageManager(): PackageManager = object : PackageManager() {
        override fun hasSystemFeature(name: String) = strongBox && name == FEATURE_STRONGBOX_KEYSTORE
    }

    override fun getNoBackupFilesDir(): File = noBackup
}

class AndroidDeviceKeystoreTest {
    private val keys get() = FakeAndroidKeyStore.entries
    private fun deviceAliases() = keys.keys.filter { it.startsWith("ramz.device-") }

    @BeforeTest
    fun emulator() {
        FakeAndroidKeyStore.install()
        FakeAndroidKeyStore.reset()
    }

    @Test
    fun deviceKeysAreAes256InStrongBoxUsableOnlyUnlocked() {
        val keystore = AndroidDeviceKeystore(TestContext(strongBox = true))
        newVault(keystore).close()
        val alias = deviceAliases().single()
        assertTrue(alias.matches(Regex("ramz\\.device-[0-9a-f]{32}")), alias)
        val key = keys.getValue(alias)
        assertEquals(256, key.spec.keySize)
        assertEquals(KeyProperties.PURPOSE_ENCRYPT or KeyProperties.PURPOSE_DECRYPT, key.spec.purposes)
        assertTrue(key.strongBox, "in StrongBox when the phone has it")
        assertTrue(key.spec.isUnlockedDeviceRequired)
        assertFalse(key.spec.isUserAuthenticationRequired, "no prompt: the PIN is the user check")
    }

    @Test
    fun strongBoxThatRefusesFallsBackToTheTee() {
        FakeAndroidKeyStore.strongBoxRefuses = true
        val keystore = AndroidDeviceKeystore(TestContext(strongBox = true))
        newVault(keystore).use { assertTrue(it.isUnlocked()) }
        assertFalse(keys.getValue(deviceAliases().single()).strongBox)
        val noStrongBox = AndroidDeviceKeystore(TestContext(strongBox = false))
        FakeAndroidKeyStore.reset()
        newVault(noStrongBox).close()
        assertFalse(keys.getValue(deviceAliases().single()).spec.isStrongBoxBacked, "not asked for without the feature")
    }

    @Test
    fun wrapIsIvThenCiphertextBoundToItsAliasAndErrorsAreTyped() {
        val keystore = AndroidDeviceKeystore(TestContext(strongBox = false))
        val a = KeystoreKey.Device("0".repeat(32))
        val b = KeystoreKey.Device("1".repeat(32))
        keystore.create(a)
        keystore.create(b)
        val secret = ByteArray(32) { it.toByte() }
        val plaintext = secret.copyOf()
        val wrapped = keystore.wrap(a, plaintext)
        assertContentEquals(ByteArray(32), plaintext, "the plaintext handed over is wiped")
        assertEquals(12 + 32 + 16, wrapped.size, "IV, ciphertext, tag")
        assertFalse(keystore.wrap(a, secret.copyOf()).contentEquals(wrapped), "a fresh IV every time")
        assertContentEquals(secret, keystore.unwrap(a, wrapped))

        assertFailsWith<KeystoreException.WrongKey> { keystore.unwrap(b, wrapped) }
        val flipped = wrapped.copyOf().also { it[20] = (it[20].toInt() xor 1).toByte() }
        assertFailsWith<KeystoreException.WrongKey> { keystore.unwrap(a, flipped) }
        assertFailsWith<KeystoreException.WrongKey> { keystore.unwrap(a, wrapped.copyOf(20)) }

        // create replaces: the old blob no longer opens.
        keystore.create(a)
        assertFailsWith<KeystoreException.WrongKey> { keystore.unwrap(a, wrapped) }
        keystore.delete(a)
        keystore.delete(a) // deleting a missing key succeeds
        assertFailsWith<KeystoreException.KeyInvalidated> { keystore.unwrap(a, wrapped) }
        assertFailsWith<KeystoreException.KeyInvalidated> { keystore.wrap(a, secret.copyOf()) }
    }

    @Test
    fun anOlderCopyOfTheVaultFileDoesNotOpen() {
        val keystore = AndroidDeviceKeystore(TestContext(strongBox = true))
        val path = vaultPath()
        newVault(keystore, path).close()
        val copy = File(path).readBytes()
        val before = deviceAliases().single()
        Authenticator.open(path, keystore).use { auth ->
            repeat(3) { auth.unlock(pin("135790"), NOW + 10_000uL * it.toULong()) }
            assertEquals(3u, auth.lockState(NOW + 30_000uL).failures)
        }
        val after = deviceAliases().single()
        assertTrue(before != after, "every counted wrong PIN made a new generation and deleted the old one")
        File(path).writeBytes(copy)
        Authenticator.open(path, keystore).use { auth ->
            val e = assertFailsWith<RamzException.Keystore> { auth.unlock(pin(), NOW + 40_000uL) }
            assertIs<KeystoreException.KeyInvalidated>(e.reason)
        }
    }

    @Test
    fun biometricUnlockTakesAPassedPromptOncePerUnlock() {
        val keystore = AndroidDeviceKeystore(TestContext(strongBox = true))
        val path = vaultPath()
        newVault(keystore, path).use { auth ->
            auth.setDeviceUnlock(true, pin(), NOW) // wraps with the public key: no prompt
            val key = keys.getValue("ramz.biometric")
            assertEquals(2048, key.spec.keySize)
            assertTrue(key.spec.isUserAuthenticationRequired)
            assertTrue(key.spec.isInvalidatedByBiometricEnrollment)
            assertEquals(0, key.spec.userAuthenticationValidityDurationSeconds, "every use authenticated")
            assertEquals(KeyProperties.AUTH_BIOMETRIC_STRONG, key.spec.userAuthenticationType)
            auth.lock()

            // No prompt passed: the vault's unwrap is refused as cancelled.
            val e = assertFailsWith<RamzException.Keystore> { auth.unlockWithDevice() }
            assertIs<KeystoreException.Cancelled>(e.reason)
            assertFalse(auth.isUnlocked())

            // A prompt shown with the cipher but not passed: still refused.
            keystore.authorize(keystore.biometricCipher())
            assertFailsWith<RamzException.Keystore> { auth.unlockWithDevice() }

            // Passed: the authenticated cipher opens the vault, once.
            val cipher = keystore.biometricCipher()
            FakeAndroidKeyStore.passPrompt()
            keystore.authorize(cipher)
            auth.unlockWithDevice()
            assertTrue(auth.isUnlocked())
            auth.lock()
            assertFailsWith<RamzException.Keystore> { auth.unlockWithDevice() }

            // A dropped authorisation (the app went to the background) is gone.
            val dropped = keystore.biometricCipher()
            FakeAndroidKeyStore.passPrompt()
            keystore.authorize(dropped)
            keystore.forgetAuthorization()
            assertFailsWith<RamzException.Keystore> { auth.unlockWithDevice() }

            // A new fingerprint invalidates the key before any prompt.
            FakeAndroidKeyStore.enrolNewBiometric()
            assertFailsWith<KeystoreException.KeyInvalidated> { keystore.biometricCipher() }
            auth.unlock(pin(), NOW + 1uL)
            assertTrue(auth.isUnlocked(), "the PIN still opens the vault")
        }
    }

    @Test
    fun theVaultLivesInNoBackupFilesDir() {
        val noBackup = tempDir()
        val files = VaultFiles(TestContext(strongBox = false, noBackup = noBackup))
        assertEquals(File(noBackup, "ramz/vault.ramz"), files.vault)
        assertTrue(files.dir.isDirectory)
        val auth = Authenticator.create(files.vault.path, pin(), AndroidDeviceKeystore(TestContext(false)), NOW)
        auth.close()
        assertTrue(files.vault.isFile)
    }
}
