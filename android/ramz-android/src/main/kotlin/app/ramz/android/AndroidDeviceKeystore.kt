package app.ramz.android

import android.content.Context
import android.content.pm.PackageManager
import android.os.Build
import android.security.keystore.KeyGenParameterSpec
import android.security.keystore.KeyPermanentlyInvalidatedException
import android.security.keystore.KeyProperties
import android.security.keystore.StrongBoxUnavailableException
import android.security.keystore.UserNotAuthenticatedException
import app.ramz.core.DeviceKeystore
import app.ramz.core.KeystoreException
import app.ramz.core.KeystoreKey
import app.ramz.core.keystoreAlias
import java.security.KeyFactory
import java.security.KeyPairGenerator
import java.security.KeyStore
import java.security.PrivateKey
import java.security.PublicKey
import java.security.spec.MGF1ParameterSpec
import java.security.spec.X509EncodedKeySpec
import java.util.concurrent.atomic.AtomicReference
import javax.crypto.BadPaddingException
import javax.crypto.Cipher
import javax.crypto.IllegalBlockSizeException
import javax.crypto.KeyGenerator
import javax.crypto.SecretKey
import javax.crypto.spec.GCMParameterSpec
import javax.crypto.spec.OAEPParameterSpec
import javax.crypto.spec.PSource

/**
 * The vault's [DeviceKeystore] over the Android Keystore: one Keystore
 * entry per [KeystoreKey], under `ramz.` + [keystoreAlias].
 *
 * - `Device(id)` generations: AES-256-GCM, in StrongBox when the device
 *   has it, usable only while the device is unlocked
 *   (`setUnlockedDeviceRequired`), no user prompt (the PIN is the user
 *   check). `wrap` output is the Keystore-chosen 12-byte IV, then the
 *   ciphertext and tag; the alias is the associated data, so a blob made
 *   under one generation never opens under another.
 * - `Biometric`: an RSA-2048 OAEP (SHA-256) key pair whose private key
 *   needs a class-3 biometric for every use
 *   (`setUserAuthenticationRequired`) and is invalidated by a new
 *   enrolment (`setInvalidatedByBiometricEnrollment`), reported as
 *   [KeystoreException.KeyInvalidated]. Asymmetric on purpose: turning
 *   biometric unlock on (the vault wraps its master key, confirmed by the
 *   PIN) encrypts with the public key and needs no prompt, while every
 *   unlock decrypts with a [Cipher] that a BiometricPrompt authenticated
 *   as its CryptoObject: [biometricCipher], then [authorize], then the
 *   vault's unlock. An AES key bound to user authentication would need a
 *   prompt to encrypt as well, and its decrypting cipher needs the IV of
 *   the blob before the prompt.
 *
 * The vault's rotation and wipe rest on `create` replacing a key with a
 * new random one and `delete` removing it for good: both go straight to
 * the Keystore, which persists before returning; no key is ever cached,
 * exported or written to the app's files. A missing key is
 * [KeystoreException.KeyInvalidated] (what an older copy of the vault file
 * meets). Exceptions carry no message text from here, and nothing is
 * logged.
 */
class AndroidDeviceKeystore(context: Context) : DeviceKeystore {
    private val hasStrongBox =
        context.packageManager.hasSystemFeature(PackageManager.FEATURE_STRONGBOX_KEYSTORE)

    /** The cipher a BiometricPrompt authenticated, used by one unwrap. */
    private val authorized = AtomicReference<Cipher?>(null)

    override fun create(key: KeystoreKey) = guarded(key) {
        val alias = alias(key)
        val store = keyStore()
        if (store.containsAlias(alias)) store.deleteEntry(alias)
        if (key is KeystoreKey.Biometric) {
            authorized.set(null)
            generateBiometric(alias)
        } else {
            generateAes(alias)
        }
    }

    override fun delete(key: KeystoreKey) = guarded(key) {
        if (key is KeystoreKey.Biometric) authorized.set(null)
        val alias = alias(key)
        val store = keyStore()
        if (store.containsAlias(alias)) store.deleteEntry(alias)
    }

    override fun wrap(key: KeystoreKey, plaintext: ByteArray): ByteArray = guarded(key) {
        val alias = alias(key)
        try {
            if (key is KeystoreKey.Biometric) {
                val cipher = Cipher.getInstance(RSA_OAEP)
                cipher.init(Cipher.ENCRYPT_MODE, publicKey(alias), OAEP)
                cipher.doFinal(plaintext)
            } else {
                val cipher = Cipher.getInstance(AES_GCM)
                cipher.init(Cipher.ENCRYPT_MODE, secretKey(alias)) // the Keystore picks the IV
                cipher.updateAAD(alias.toByteArray(Charsets.UTF_8))
                val iv = cipher.iv
                if (iv == null || iv.size != IV_LEN) throw KeystoreException.Unavailable()
                iv + cipher.doFinal(plaintext)
            }
        } finally {
            plaintext.fill(0)
        }
    }

    override fun unwrap(key: KeystoreKey, wrapped: ByteArray): ByteArray = guarded(key) {
        val alias = alias(key)
        if (key is KeystoreKey.Biometric) {
            if (!keyStore().containsAlias(alias)) throw KeystoreException.KeyInvalidated()
            // No authenticated cipher: no prompt was passed for this unlock.
            val cipher = authorized.getAndSet(null) ?: throw KeystoreException.Cancelled()
            cipher.doFinal(wrapped)
        } else {
            val secret = secretKey(alias)
            if (wrapped.size < IV_LEN + TAG_BYTES) throw KeystoreException.WrongKey()
            val cipher = Cipher.getInstance(AES_GCM)
            cipher.init(Cipher.DECRYPT_MODE, secret, GCMParameterSpec(TAG_BYTES * 8, wrapped, 0, IV_LEN))
            cipher.updateAAD(alias.toByteArray(Charsets.UTF_8))
            cipher.doFinal(wrapped, IV_LEN, wrapped.size - IV_LEN)
        }
    }

    /**
     * The cipher to give BiometricPrompt as its CryptoObject before a
     * biometric unlock. Throws [KeystoreException.KeyInvalidated] when the
     * biometric key is gone or a new biometric was enrolled since it was
     * made.
     */
    fun biometricCipher(): Cipher = guarded(KeystoreKey.Biometric) {
        val privateKey = keyStore().getKey(alias(KeystoreKey.Biometric), null) as? PrivateKey
            ?: throw KeystoreException.KeyInvalidated()
        Cipher.getInstance(RSA_OAEP).apply { init(Cipher.DECRYPT_MODE, privateKey, OAEP) }
    }

    /**
     * Hands over the cipher of a passed BiometricPrompt
     * (`result.cryptoObject.cipher`): the vault's next unwrap of the
     * biometric key uses it, once.
     */
    fun authorize(cipher: Cipher) = authorized.set(cipher)

    /** Drops an authorisation not used yet (the app locked or left). */
    fun forgetAuthorization() = authorized.set(null)

    private fun generateAes(alias: String) = withStrongBox { strongBox ->
        val spec = KeyGenParameterSpec.Builder(
            alias,
            KeyProperties.PURPOSE_ENCRYPT or KeyProperties.PURPOSE_DECRYPT,
        )
            .setKeySize(256)
            .setBlockModes(KeyProperties.BLOCK_MODE_GCM)
            .setEncryptionPaddings(KeyProperties.ENCRYPTION_PADDING_NONE)
            .setRandomizedEncryptionRequired(true)
            .setUnlockedDeviceRequired(true)
            .setIsStrongBoxBacked(strongBox)
            .build()
        KeyGenerator.getInstance(KeyProperties.KEY_ALGORITHM_AES, ANDROID_KEYSTORE)
            .apply { init(spec) }
            .generateKey()
    }

    // Not in StrongBox: StrongBox implementations differ in which OAEP
    // MGF1 digests they take, and a key bound to biometrics lives in the
    // TEE with the biometric hardware's authentication tokens anyway.
    private fun generateBiometric(alias: String) {
        val builder = KeyGenParameterSpec.Builder(
            alias,
            KeyProperties.PURPOSE_ENCRYPT or KeyProperties.PURPOSE_DECRYPT,
        )
            .setKeySize(2048)
            .setDigests(KeyProperties.DIGEST_SHA256)
            .setEncryptionPaddings(KeyProperties.ENCRYPTION_PADDING_RSA_OAEP)
            .setUserAuthenticationRequired(true)
            .setInvalidatedByBiometricEnrollment(true)
            .setUnlockedDeviceRequired(true)
        if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.R) {
            // 0 seconds: every use needs its own authentication (a CryptoObject).
            builder.setUserAuthenticationParameters(0, KeyProperties.AUTH_BIOMETRIC_STRONG)
        }
        KeyPairGenerator.getInstance(KeyProperties.KEY_ALGORITHM_RSA, ANDROID_KEYSTORE)
            .apply { initialize(builder.build()) }
            .generateKeyPair()
    }

    private inline fun withStrongBox(generate: (Boolean) -> Unit) {
        if (hasStrongBox) {
            try {
                generate(true)
                return
            } catch (e: StrongBoxUnavailableException) {
                // Advertised but busy or unable: the TEE below.
            }
        }
        generate(false)
    }

    private fun secretKey(alias: String): SecretKey =
        keyStore().getKey(alias, null) as? SecretKey ?: throw KeystoreException.KeyInvalidated()

    // The public half, rebuilt outside the Keystore: encrypting with it
    // needs no authentication.
    private fun publicKey(alias: String): PublicKey {
        val certified = keyStore().getCertificate(alias)?.publicKey
            ?: throw KeystoreException.KeyInvalidated()
        return KeyFactory.getInstance(certified.algorithm).generatePublic(X509EncodedKeySpec(certified.encoded))
    }

    private fun keyStore(): KeyStore = KeyStore.getInstance(ANDROID_KEYSTORE).apply { load(null) }

    /** Maps platform exceptions to the four the vault acts on. */
    private inline fun <T> guarded(key: KeystoreKey, block: () -> T): T =
        try {
            block()
        } catch (e: KeystoreException) {
            throw e
        } catch (e: KeyPermanentlyInvalidatedException) {
            throw KeystoreException.KeyInvalidated()
        } catch (e: UserNotAuthenticatedException) {
            // Biometric key: no passed prompt. Device key: the phone is locked.
            throw if (key is KeystoreKey.Biometric) KeystoreException.Cancelled() else KeystoreException.Unavailable()
        } catch (e: BadPaddingException) { // includes AEADBadTagException
            throw KeystoreException.WrongKey()
        } catch (e: IllegalBlockSizeException) {
            throw KeystoreException.WrongKey()
        } catch (e: Exception) {
            throw KeystoreException.Unavailable()
        }

    private companion object {
        const val ANDROID_KEYSTORE = "AndroidKeyStore"
        const val PREFIX = "ramz."
        const val AES_GCM = "AES/GCM/NoPadding"
        const val RSA_OAEP = "RSA/ECB/OAEPWithSHA-256AndMGF1Padding"
        const val IV_LEN = 12
        const val TAG_BYTES = 16

        // SHA-256 for the label hash, SHA-1 for MGF1: the combination every
        // Android Keystore version accepts for an OAEP key with SHA-256.
        val OAEP = OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA1, PSource.PSpecified.DEFAULT)

        fun alias(key: KeystoreKey): String = PREFIX + keystoreAlias(key)
    }
}
