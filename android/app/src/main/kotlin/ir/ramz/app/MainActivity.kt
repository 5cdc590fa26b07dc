package ir.ramz.app

import android.app.Activity
import android.os.Bundle
import android.view.WindowManager

/**
 * Thin Android shell (needs the Android SDK; not built on the CI machines).
 * It owns the camera and the UI only: frames go to `Authenticator.scanFrame`
 * as luma bytes, PINs go to the core as `ByteArray` from `ir.ramz.shell.PinEntry`,
 * and every string comes from res/values{,-fa}. The platform-free logic it
 * uses lives in android/shell and is tested on the JVM.
 */
class MainActivity : Activity() {
    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        // Codes and secrets must not appear in screenshots or the task switcher.
        window.setFlags(WindowManager.LayoutParams.FLAG_SECURE, WindowManager.LayoutParams.FLAG_SECURE)
        title = getString(R.string.app_name)
    }

    override fun onStop() {
        super.onStop()
        // Lock on background: the core wipes its keys at once (see docs/integration-android.md).
        (application as? RamzApplication)?.authenticator?.lock()
    }
}
