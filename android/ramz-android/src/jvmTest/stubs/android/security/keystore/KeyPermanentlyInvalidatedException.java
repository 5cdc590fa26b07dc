package android.security.keystore;

import java.security.InvalidKeyException;

/** Stand-in. */
public class KeyPermanentlyInvalidatedException extends InvalidKeyException {
    public KeyPermanentlyInvalidatedException() { super(); }
}
