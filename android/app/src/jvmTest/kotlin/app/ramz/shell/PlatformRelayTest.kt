// Between a destroyed activity and the next one there is no screen: the
// relay answers what needs one as a cancel, so the app is never left
// waiting, and the next activity draws the current view.
package app.ramz.shell

import app.ramz.app.Choice
import app.ramz.app.Destination
import app.ramz.app.Event
import app.ramz.app.Screen
import app.ramz.app.SecretField
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertIs
import kotlin.test.assertNotNull
import kotlin.test.assertNull

class PlatformRelayTest {
    @Test
    fun withoutAScreenRequestsAreAnsweredAsCancelled() {
        val shell = Shell().firstRun()
        shell.send(Event.Paste("otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP&issuer=A".toByteArray()))
        shell.send(Event.Submit)
        shell.send(Event.Navigate(Destination.BACKUP))
        val passphrase = "Correct horse 9 battery".toByteArray()
        shell.send(Event.EditSecret(SecretField.PASSPHRASE, passphrase.copyOf()))
        shell.send(Event.EditSecret(SecretField.PASSPHRASE_AGAIN, passphrase.copyOf()))
        val rendersBefore = shell.platform.renders

        shell.relay.target = null // the activity is gone
        shell.send(Event.Choose(Choice.Export))
        assertNull(shell.platform.saved, "no screen was asked")
        assertEquals(rendersBefore, shell.platform.renders, "no screen was drawn")
        assertNull(SettingsFile(shell.settingsFile).load()?.lastBackupUnix, "answered FileSaved(false): no backup recorded")
        shell.send(Event.Choose(Choice.Restore)) // PickFile: answered Back
        shell.send(Event.UnlockWithBiometrics)

        shell.relay.target = shell.platform // the next activity
        shell.platform.render(shell.app.view())
        assertIs<Screen.Codes>(shell.platform.view?.screen, "Back left the backup screen")
        assertNotNull(shell.platform.view)
    }
}
