package app.ramz.shell.android

import android.app.Application
import app.ramz.android.AndroidDeviceKeystore
import app.ramz.android.VaultFiles
import app.ramz.shell.AppCore
import app.ramz.shell.EffectRunner
import app.ramz.shell.HttpSender
import app.ramz.shell.PlatformRelay
import app.ramz.shell.SettingsFile
import java.io.File

/**
 * The process's one app core and effect runner. They outlive the activity
 * (a recreated activity attaches to [relay] and draws the current view),
 * so slow work that finishes while no activity is shown is not lost.
 */
class RamzApplication : Application() {
    val keystore: AndroidDeviceKeystore by lazy { AndroidDeviceKeystore(this) }
    val files: VaultFiles by lazy { VaultFiles(this) }
    val threads = AndroidThreads()
    val relay = PlatformRelay(threads.main)
    val core: AppCore by lazy { AppCore.open(files.vault.path, keystore) }
    val runner: EffectRunner by lazy {
        EffectRunner(core, relay, threads, HttpSender(), SettingsFile(File(files.dir, "settings.properties")))
            .also { relay.runner = it }
    }

    /** `Start` was sent (once per process). */
    var started = false
}
