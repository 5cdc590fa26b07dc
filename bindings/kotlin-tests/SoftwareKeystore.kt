// A DeviceKeystore as an app implements it, with the platform keystore
// replaced by software AES-256-GCM from javax.crypto (the JVM has no
// Android Keystore or Secure Enclave). Random 12-byte IV per wrap,
// prepended; the key slot's name is the associated data, so a blob made
// for one slot does not open under the other.
package app.ramz.tests

import app.ramz.core.*
import app.ramz.core.records.*
import java.security.SecureRandom
import java.util.concurrent.atomic.AtomicInteger
import javax.crypto.AEADBadTagException
import javax.crypto.Cipher
import javax.crypto.KeyGenerator
import javax.crypto.SecretKey
import javax.crypto.spec.GCMParameterSpec

class SoftwareKeystore : DeviceKeystore {
    private val random = SecureRandom()
    private val keys: Map<KeystoreKey, SecretKey> = KeystoreKey.values().associateWith {
        KeyGenerator.getInstance("AES").apply { init(256) }.generateKey()
    }

    /** Thrown by the next unwrap of the biometric key (a cancelled prompt). */
    @Volatile var biometricOutcome: KeystoreException? = null
    /** Thrown by every call, to simulate an unavailable keystore. */
    @Volatile var failure: Throwable? = null
    val wraps = AtomicInteger()
    val unwraps = AtomicInteger()

    override fun wrap(key: KeystoreKey, plaintext: ByteArray): ByteArray {
        failure?.let { throw it }
        wraps.incrementAndGet()
        val iv = ByteArray(IV_LEN).also(random::nextBytes)
        val cipher = Cipher.getInstance("AES/GCM/NoPadding")
        cipher.init(Cipher.ENCRYPT_MODE, keys.getValue(key), GCMParameterSpec(TAG_BITS, iv))
        cipher.updateAAD(key.name.toByteArray())
        val out = iv + cipher.doFinal(plaintext)
        plaintext.fill(0)
        return out
    }

    override fun unwrap(key: KeystoreKey, wrapped: ByteArray): ByteArray {
        failure?.let { throw it }
        if (key == KeystoreKey.BIOMETRIC) biometricOutcome?.let { throw it }
        unwraps.incrementAndGet()
        if (wrapped.size < IV_LEN + TAG_BITS / 8) throw KeystoreException.WrongKey()
        val cipher = Cipher.getInstance("AES/GCM/NoPadding")
        cipher.init(Cipher.DECRYPT_MODE, keys.getValue(key), GCMParameterSpec(TAG_BITS, wrapped, 0, IV_LEN))
        cipher.updateAAD(key.name.toByteArray())
        try {
            return cipher.doFinal(wrapped, IV_LEN, wrapped.size - IV_LEN)
        } catch (e: AEADBadTagException) {
            throw KeystoreException.WrongKey()
        }
    }

    private companion object {
        const val IV_LEN = 12
        const val TAG_BITS = 128
    }
}
