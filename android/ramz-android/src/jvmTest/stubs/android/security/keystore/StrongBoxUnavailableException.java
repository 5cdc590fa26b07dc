package android.security.keystore;

import java.security.ProviderException;

/** Stand-in. */
public class StrongBoxUnavailableException extends ProviderException {
    public StrongBoxUnavailableException() { super(); }
}
