package android.security.keystore;

import java.security.spec.AlgorithmParameterSpec;

/** Stand-in with the builder methods ramz-android calls and getters for the emulated provider. */
public final class KeyGenParameterSpec implements AlgorithmParameterSpec {
    private final String alias;
    private final int purposes;
    private final int keySize;
    private final boolean strongBox;
    private final boolean userAuthentication;
    private final boolean unlockedDevice;
    private final boolean invalidatedByEnrollment;
    private final int authTimeout;
    private final int authTypes;

    private KeyGenParameterSpec(Builder b) {
        alias = b.alias;
        purposes = b.purposes;
        keySize = b.keySize;
        strongBox = b.strongBox;
        userAuthentication = b.userAuthentication;
        unlockedDevice = b.unlockedDevice;
        invalidatedByEnrollment = b.invalidatedByEnrollment;
        authTimeout = b.authTimeout;
        authTypes = b.authTypes;
    }

    public String getKeystoreAlias() { return alias; }
    public int getPurposes() { return purposes; }
    public int getKeySize() { return keySize; }
    public boolean isStrongBoxBacked() { return strongBox; }
    public boolean isUserAuthenticationRequired() { return userAuthentication; }
    public boolean isUnlockedDeviceRequired() { return unlockedDevice; }
    public boolean isInvalidatedByBiometricEnrollment() { return invalidatedByEnrollment; }
    public int getUserAuthenticationValidityDurationSeconds() { return authTimeout; }
    public int getUserAuthenticationType() { return authTypes; }

    public static final class Builder {
        private final String alias;
        private final int purposes;
        private int keySize = -1;
        private boolean strongBox;
        private boolean userAuthentication;
        private boolean unlockedDevice;
        private boolean invalidatedByEnrollment = true; // the platform's default
        private int authTimeout = -1;
        private int authTypes = KeyProperties.AUTH_BIOMETRIC_STRONG;

        public Builder(String keystoreAlias, int purposes) {
            this.alias = keystoreAlias;
            this.purposes = purposes;
        }

        public Builder setKeySize(int keySize) { this.keySize = keySize; return this; }
        public Builder setBlockModes(String... modes) { return this; }
        public Builder setEncryptionPaddings(String... paddings) { return this; }
        public Builder setDigests(String... digests) { return this; }
        public Builder setRandomizedEncryptionRequired(boolean required) { return this; }
        public Builder setUnlockedDeviceRequired(boolean required) { this.unlockedDevice = required; return this; }
        public Builder setIsStrongBoxBacked(boolean backed) { this.strongBox = backed; return this; }
        public Builder setUserAuthenticationRequired(boolean required) { this.userAuthentication = required; return this; }
        public Builder setInvalidatedByBiometricEnrollment(boolean invalidate) { this.invalidatedByEnrollment = invalidate; return this; }
        public Builder setUserAuthenticationParameters(int timeout, int type) { this.authTimeout = timeout; this.authTypes = type; return this; }
        public KeyGenParameterSpec build() { return new KeyGenParameterSpec(this); }
    }
}
