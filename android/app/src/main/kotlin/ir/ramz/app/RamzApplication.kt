package ir.ramz.app

import android.app.Application

/** Holds the one `Authenticator` handle for the process (see docs/integration-android.md). */
class RamzApplication : Application() {
    /** Created after the vault is opened; `lock()` on background, `close()` on exit. */
    var authenticator: uniffi.ramz_ffi.Authenticator? = null
}
