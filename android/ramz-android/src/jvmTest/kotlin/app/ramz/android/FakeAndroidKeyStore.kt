// An emulated "AndroidKeyStore" JCA provider, so AndroidDeviceKeystore's
// own source runs on the JVM against the real vault. It keeps what the
// Android Keystore keeps that the vault relies on: one entry per alias,
// replaced by a new random key on generation and gone for good on delete;
// the KeyGenParameterSpec each key was made with (the tests check it);
// AES keys used through the JVM's AES/GCM (which, like the Keystore,
// picks the IV on encryption); RSA private keys that refuse to decrypt
// until "a BiometricPrompt passed" for that one cipher (passPrompt), once,
// and throw KeyPermanentlyInvalidatedException after a new enrolment;
// StrongBox that can be absent or refuse.
package app.ramz.android

import android.security.keystore.KeyGenParameterSpec
import android.security.keystore.KeyPermanentlyInvalidatedException
import android.security.keystore.StrongBoxUnavailableException
import java.io.InputStream
import java.io.OutputStream
import java.security.AlgorithmParameters
import java.security.InvalidKeyException
import java.security.Key
import java.security.KeyPair
import java.security.KeyPairGenerator
import java.security.KeyPairGeneratorSpi
import java.security.KeyStoreSpi
import java.security.PrivateKey
import java.security.Provider
import java.security.PublicKey
import java.security.SecureRandom
import java.security.Security
import java.security.cert.Certificate
import java.security.spec.AlgorithmParameterSpec
import java.util.Collections
import java.util.Date
import java.util.Enumeration
import java.util.concurrent.ConcurrentHashMap
import javax.crypto.Cipher
import javax.crypto.CipherSpi
import javax.crypto.IllegalBlockSizeException
import javax.crypto.KeyGenerator
import javax.crypto.KeyGeneratorSpi
import javax.crypto.SecretKey

object FakeAndroidKeyStore {
    class Entry(val spec: KeyGenParameterSpec, val secret: SecretKey?, val pair: KeyPair?, val strongBox: Boolean) {
        @Volatile var invalidated = false
    }

    val entries = ConcurrentHashMap<String, Entry>()
    @Volatile var strongBoxRefuses = false
    @Volatile private var lastBiometricCipher: GuardedRsaCipher? = null

    fun install() {
        if (Security.getProvider("AndroidKeyStore") == null) Security.addProvider(EmulatedProvider())
    }

    fun reset() {
        entries.clear()
        strongBoxRefuses = false
        lastBiometricCipher = null
    }

    /** The person passed the prompt shown with the last biometric cipher. */
    fun passPrompt() {
        lastBiometricCipher!!.authenticated = true
    }

    /** A new fingerprint: keys made with setInvalidatedByBiometricEnrollment stop working. */
    fun enrolNewBiometric() {
        entries.values.filter { it.spec.isUserAuthenticationRequired && it.spec.isInvalidatedByBiometricEnrollment }
            .forEach { it.invalidated = true }
    }

    class EmulatedProvider : Provider("AndroidKeyStore", "1.0", "emulated Android Keystore for JVM tests") {
        init {
            put("KeyStore.AndroidKeyStore", Store::class.java.name)
            put("KeyGenerator.AES", AesGenerator::class.java.name)
            put("KeyPairGenerator.RSA", RsaGenerator::class.java.name)
            put("Cipher.RSA/ECB/OAEPWithSHA-256AndMGF1Padding", GuardedRsaCipher::class.java.name)
        }
    }

    /** The private half of a biometric key: only this provider's cipher takes it. */
    class GuardedPrivateKey(val entry: Entry, val inner: PrivateKey) : PrivateKey {
        override fun getAlgorithm() = "RSA"
        override fun getFormat(): String? = null
        override fun getEncoded(): ByteArray? = null
    }

    class PublicCertificate(private val key: PublicKey) : Certificate("X.509") {
        override fun getEncoded() = key.encoded
        override fun verify(key: PublicKey) {}
        override fun verify(key: PublicKey, sigProvider: String) {}
        override fun toString() = "emulated certificate"
        override fun getPublicKey() = key
    }

    class Store : KeyStoreSpi() {
        override fun engineGetKey(alias: String, password: CharArray?): Key? {
            val e = entries[alias] ?: return null
            return e.secret ?: GuardedPrivateKey(e, e.pair!!.private)
        }

        override fun engineGetCertificate(alias: String): Certificate? =
            entries[alias]?.pair?.let { PublicCertificate(it.public) }

        override fun engineGetCertificateChain(alias: String): Array<Certificate>? =
            engineGetCertificate(alias)?.let { arrayOf(it) }

        override fun engineDeleteEntry(alias: String) {
            entries.remove(alias)
        }

        override fun engineContainsAlias(alias: String) = entries.containsKey(alias)
        override fun engineAliases(): Enumeration<String> = Collections.enumeration(entries.keys.toList())
        override fun engineSize() = entries.size
        override fun engineIsKeyEntry(alias: String) = entries.containsKey(alias)
        override fun engineIsCertificateEntry(alias: String) = false
        override fun engineGetCertificateAlias(cert: Certificate): String? = null
        override fun engineGetCreationDate(alias: String): Date? = null
        override fun engineSetKeyEntry(alias: String, key: Key, password: CharArray?, chain: Array<out Certificate>?) =
            throw UnsupportedOperationException("keys are only generated inside the Keystore")
        override fun engineSetKeyEntry(alias: String, key: ByteArray, chain: Array<out Certificate>?) =
            throw UnsupportedOperationException("keys are only generated inside the Keystore")
        override fun engineSetCertificateEntry(alias: String, cert: Certificate) = throw UnsupportedOperationException()
        override fun engineStore(stream: OutputStream?, password: CharArray?) {}
        override fun engineLoad(stream: InputStream?, password: CharArray?) {}
    }

    private fun strongBox(spec: KeyGenParameterSpec): Boolean {
        if (spec.isStrongBoxBacked && strongBoxRefuses) throw StrongBoxUnavailableException()
        return spec.isStrongBoxBacked
    }

    class AesGenerator : KeyGeneratorSpi() {
        private var spec: KeyGenParameterSpec? = null
        override fun engineInit(params: AlgorithmParameterSpec, random: SecureRandom?) {
            spec = params as KeyGenParameterSpec
        }
        override fun engineInit(random: SecureRandom?) = throw IllegalStateException("needs a KeyGenParameterSpec")
        override fun engineInit(keysize: Int, random: SecureRandom?) = throw IllegalStateException("needs a KeyGenParameterSpec")
        override fun engineGenerateKey(): SecretKey {
            val s = spec!!
            val inStrongBox = strongBox(s)
            val key = KeyGenerator.getInstance("AES", "SunJCE").apply { init(s.keySize) }.generateKey()
            entries[s.keystoreAlias] = Entry(s, key, null, inStrongBox)
            return key
        }
    }

    class RsaGenerator : KeyPairGeneratorSpi() {
        private var spec: KeyGenParameterSpec? = null
        override fun initialize(params: AlgorithmParameterSpec, random: SecureRandom?) {
            spec = params as KeyGenParameterSpec
        }
        override fun initialize(keysize: Int, random: SecureRandom?) = throw IllegalStateException("needs a KeyGenParameterSpec")
        override fun generateKeyPair(): KeyPair {
            val s = spec!!
            val inStrongBox = strongBox(s)
            val pair = KeyPairGenerator.getInstance("RSA", "SunRsaSign").apply { initialize(s.keySize) }.generateKeyPair()
            val entry = Entry(s, null, pair, inStrongBox)
            entries[s.keystoreAlias] = entry
            return KeyPair(pair.public, GuardedPrivateKey(entry, pair.private))
        }
    }

    /** Decrypts with a biometric key: only after passPrompt, once per prompt. */
    class GuardedRsaCipher : CipherSpi() {
        @Volatile var authenticated = false
        private var delegate: Cipher? = null
        private var entry: Entry? = null

        private fun start(key: Key?, params: AlgorithmParameterSpec?) {
            val guarded = key as? GuardedPrivateKey ?: throw InvalidKeyException("not a Keystore key")
            if (guarded.entry.invalidated || entries.values.none { it === guarded.entry }) {
                throw KeyPermanentlyInvalidatedException()
            }
            entry = guarded.entry
            authenticated = false
            delegate = Cipher.getInstance("RSA/ECB/OAEPWithSHA-256AndMGF1Padding", "SunJCE").apply {
                init(Cipher.DECRYPT_MODE, guarded.inner, params)
            }
            lastBiometricCipher = this
        }

        override fun engineInit(opmode: Int, key: Key?, random: SecureRandom?) = start(key, null)
        override fun engineInit(opmode: Int, key: Key?, params: AlgorithmParameterSpec?, random: SecureRandom?) =
            start(key, params)
        override fun engineInit(opmode: Int, key: Key?, params: AlgorithmParameters?, random: SecureRandom?) =
            throw UnsupportedOperationException()
        override fun engineSetMode(mode: String?) {}
        override fun engineSetPadding(padding: String?) {}
        override fun engineGetBlockSize() = 0
        override fun engineGetOutputSize(inputLen: Int) = 256
        override fun engineGetIV(): ByteArray? = null
        override fun engineGetParameters(): AlgorithmParameters? = null
        override fun engineUpdate(input: ByteArray?, offset: Int, len: Int): ByteArray? =
            throw UnsupportedOperationException()
        override fun engineUpdate(input: ByteArray?, offset: Int, len: Int, output: ByteArray?, outOffset: Int): Int =
            throw UnsupportedOperationException()

        override fun engineDoFinal(input: ByteArray, offset: Int, len: Int): ByteArray {
            // Android: an operation on an auth-bound key without its token fails.
            if (!authenticated || entry!!.invalidated) throw IllegalBlockSizeException("user not authenticated")
            authenticated = false // the authentication covered this one operation
            return delegate!!.doFinal(input, offset, len)
        }

        override fun engineDoFinal(input: ByteArray, offset: Int, len: Int, output: ByteArray, outOffset: Int): Int {
            val out = engineDoFinal(input, offset, len)
            out.copyInto(output, outOffset)
            return out.size
        }
    }
}
