package android.os;

/** Stand-in: the SDK level of the emulated device. */
public class Build {
    public static class VERSION {
        public static int SDK_INT = 34;
    }

    public static class VERSION_CODES {
        public static final int R = 30;
    }
}
