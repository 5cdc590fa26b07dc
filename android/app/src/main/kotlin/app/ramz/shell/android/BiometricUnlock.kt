package app.ramz.shell.android

import androidx.biometric.BiometricManager
import androidx.biometric.BiometricManager.Authenticators.BIOMETRIC_STRONG
import androidx.biometric.BiometricPrompt
import androidx.core.content.ContextCompat
import androidx.fragment.app.FragmentActivity
import app.ramz.android.AndroidDeviceKeystore
import app.ramz.app.BiometricOutcome
import app.ramz.core.KeystoreException

/**
 * The app's `BiometricPrompt` effect: a class-3 biometric prompt whose
 * CryptoObject is the biometric key's decrypting cipher. A passed prompt
 * hands that authenticated cipher to the keystore, where the vault's
 * biometric unlock (the work the app starts on `BiometricResult(true)`)
 * uses it once. A key invalidated by a new enrolment (the cipher cannot
 * be made: `KeyPermanentlyInvalidatedException`, a missing key) is
 * `KEY_INVALIDATED`, which the app explains; the person's cancel or "use
 * PIN" is `CANCELLED`; any other error `FAILED`.
 */
object BiometricUnlock {
    /** Whether the device can do class-3 biometrics now (for `Start`). */
    fun available(activity: FragmentActivity): Boolean =
        BiometricManager.from(activity).canAuthenticate(BIOMETRIC_STRONG) == BiometricManager.BIOMETRIC_SUCCESS

    /** `title` and `cancel`: platform strings (res/values*), the app's name and the PIN button. */
    fun prompt(
        activity: FragmentActivity,
        keystore: AndroidDeviceKeystore,
        title: String,
        reason: String,
        cancel: String,
        done: (BiometricOutcome) -> Unit,
    ) {
        val cipher = try {
            keystore.biometricCipher()
        } catch (e: KeystoreException.KeyInvalidated) {
            done(BiometricOutcome.KEY_INVALIDATED)
            return
        } catch (e: KeystoreException) {
            done(BiometricOutcome.FAILED)
            return
        }
        val callback = object : BiometricPrompt.AuthenticationCallback() {
            override fun onAuthenticationSucceeded(result: BiometricPrompt.AuthenticationResult) {
                val authenticated = result.cryptoObject?.cipher
                if (authenticated != null) keystore.authorize(authenticated)
                done(if (authenticated != null) BiometricOutcome.SUCCESS else BiometricOutcome.FAILED)
            }

            override fun onAuthenticationError(errorCode: Int, errString: CharSequence) = done(outcomeOf(errorCode))
            // onAuthenticationFailed: one attempt failed; the prompt stays up.
        }
        val info = BiometricPrompt.PromptInfo.Builder()
            .setTitle(title)
            .setSubtitle(reason)
            .setNegativeButtonText(cancel)
            .setAllowedAuthenticators(BIOMETRIC_STRONG)
            .setConfirmationRequired(false)
            .build()
        BiometricPrompt(activity, ContextCompat.getMainExecutor(activity), callback)
            .authenticate(info, BiometricPrompt.CryptoObject(cipher))
    }

    /** The person's own cancel is no failure; the rest is. */
    private fun outcomeOf(errorCode: Int): BiometricOutcome = when (errorCode) {
        BiometricPrompt.ERROR_USER_CANCELED,
        BiometricPrompt.ERROR_NEGATIVE_BUTTON,
        BiometricPrompt.ERROR_CANCELED,
        -> BiometricOutcome.CANCELLED
        else -> BiometricOutcome.FAILED
    }
}
