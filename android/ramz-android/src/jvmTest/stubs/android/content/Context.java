package android.content;

import android.content.pm.PackageManager;
import java.io.File;

/** Stand-in: the two members ramz-android uses. */
public abstract class Context {
    public abstract PackageManager getPackageManager();

    public abstract File getNoBackupFilesDir();
}
