package android.security.keystore;

import java.security.InvalidKeyException;

/** Stand-in. */
public class UserNotAuthenticatedException extends InvalidKeyException {
    public UserNotAuthenticatedException() { super(); }
}
