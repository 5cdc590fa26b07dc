package app.ramz.shell

import app.ramz.app.Effect
import app.ramz.app.Event
import app.ramz.app.ViewModel
import app.ramz.core.DeviceKeystore
import app.ramz.core.RamzApp

/** The generated `RamzApp` (ramz-ffi) as the runner's [AppModel]. */
class AppCore(private val app: RamzApp) : AppModel {
    override fun update(event: Event): List<Effect> = app.update(event)

    override fun view(): ViewModel = app.view()

    companion object {
        /** The app over the vault file at `vaultPath`, its keys in `keystore`. */
        fun open(vaultPath: String, keystore: DeviceKeystore): AppCore = AppCore(RamzApp(vaultPath, keystore))
    }
}
