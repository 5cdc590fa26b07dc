// A DeviceKeystore as an app implements it, with the platform keystore
// replaced by software AES-256-GCM from javax.crypto (the JVM has no
// Android Keystore or Secure Enclave). One key per alias
// (keystoreAlias(key)): `create` replaces it with a fresh random key,
// `delete` removes it for good, and wrap/unwrap on a missing key throw
// KeyInvalidated, as the trait's contract asks. Random 12-byte IV per
// wrap, prepended; the alias is the associated data, so a blob made for
// one key does not open under another. Keys live in this object's memory,
// never in the vault's files: restoring files cannot bring a deleted key
// back (the property the vault's rollback protection rests on).
package app.ramz.tests

import app.ramz.core.*
import app.ramz.core.records.*
import java.security.SecureRandom
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.atomic.AtomicInteger
import javax.crypto.AEADBadTagException
import javax.crypto.Cipher
import javax.crypto.KeyGenerator
import javax.crypto.SecretKey
import javax.crypto.spec.GCMParameterSpec

class SoftwareKeystore : DeviceKeystore {
    private val random = SecureRandom()
    private val keys = ConcurrentHashMap<String, SecretKey>()

    /** Thrown by the next unwrap of the biometric key (a cancelled prompt). */
    @Volatile var biometricOutcome: KeystoreException? = null
    /** Thrown by every call, to simulate an unavailable keystore. */
    @Volatile var failure: Throwable? = null
    val wraps = AtomicInteger()
    val unwraps = AtomicInteger()
    val creates = AtomicInteger()
    val deletes = AtomicInteger()

    /** The aliases that have a key now. */
    fun aliases(): Set<String> = keys.keys.toSet()

    /** A new enrolment invalidates the biometric key (as Android and iOS do). */
    fun enrolNewFingerprint() {
        keys.remove(keystoreAlias(KeystoreKey.Biometric))
    }

    override fun create(key: KeystoreKey) {
        failure?.let { throw it }
        creates.incrementAndGet()
        keys[keystoreAlias(key)] = KeyGenerator.getInstance("AES").apply { init(256, random) }.generateKey()
    }

    override fun delete(key: KeystoreKey) {
        failure?.let { throw it }
        deletes.incrementAndGet()
        keys.remove(keystoreAlias(key))
    }

    override fun wrap(key: KeystoreKey, plaintext: ByteArray): ByteArray {
        failure?.let { throw it }
        wraps.incrementAndGet()
        val alias = keystoreAlias(key)
        val secret = keys[alias] ?: throw KeystoreException.KeyInvalidated()
        val iv = ByteArray(IV_LEN).also(random::nextBytes)
        val cipher = Cipher.getInstance("AES/GCM/NoPadding")
        cipher.init(Cipher.ENCRYPT_MODE, secret, GCMParameterSpec(TAG_BITS, iv))
        cipher.updateAAD(alias.toByteArray())
        val out = iv + cipher.doFinal(plaintext)
        plaintext.fill(0)
        return out
    }

    override fun unwrap(key: KeystoreKey, wrapped: ByteArray): ByteArray {
        failure?.let { throw it }
        if (key == KeystoreKey.Biometric) biometricOutcome?.let { throw it }
        unwraps.incrementAndGet()
        val alias = keystoreAlias(key)
        val secret = keys[alias] ?: throw KeystoreException.KeyInvalidated()
        if (wrapped.size < IV_LEN + TAG_BITS / 8) throw KeystoreException.WrongKey()
        val cipher = Cipher.getInstance("AES/GCM/NoPadding")
        cipher.init(Cipher.DECRYPT_MODE, secret, GCMParameterSpec(TAG_BITS, wrapped, 0, IV_LEN))
        cipher.updateAAD(alias.toByteArray())
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
