package android.content.pm;

/** Stand-in: feature queries. */
public abstract class PackageManager {
    public static final String FEATURE_STRONGBOX_KEYSTORE = "android.hardware.strongbox_keystore";

    public abstract boolean hasSystemFeature(String name);
}
