package app.ramz.shell.ui

import androidx.compose.foundation.Canvas
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.aspectRatio
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.selection.selectable
import androidx.compose.material3.LinearProgressIndicator
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.RadioButton
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.geometry.Offset
import androidx.compose.ui.geometry.Size
import androidx.compose.ui.graphics.Color
import androidx.compose.ui.semantics.Role
import androidx.compose.ui.text.input.KeyboardType
import app.ramz.app.BackupView
import app.ramz.app.Choice
import app.ramz.app.Event
import app.ramz.app.Field
import app.ramz.app.QrModules
import app.ramz.app.SecretField
import app.ramz.app.SettingsView
import app.ramz.app.TransferView
import app.ramz.shell.ViewMapping

/**
 * Backups: export under a passphrase typed twice (bank cards with the
 * PIN), verify and restore a file: after a file is picked, its button
 * (`submit`) sends `Submit`.
 */
@Composable
fun BackupScreen(v: BackupView, send: (Event) -> Unit) = Page {
    Body(v.lastBackup)
    v.reminder?.let { ErrorText(it) }
    SecretInput(v.passphrase, SecretField.PASSPHRASE, send)
    v.passphraseAgain?.let { SecretInput(it, SecretField.PASSPHRASE_AGAIN, send) }
    v.strength?.let { LinearProgressIndicator(progress = { it.toFloat() / 4f }, modifier = Modifier.fillMaxWidth()) }
    v.strengthText?.let { Body(it) }
    v.includeBankCards?.let { switch -> SwitchRow(switch) { send(Event.Choose(Choice.IncludeBankCards(it))) } }
    v.pad?.let { PinPad(it, send) }
    v.submit?.let { submit -> Action(submit) { send(Event.Submit) } }
    Action(v.export) { send(Event.Choose(Choice.Export)) }
    SecondaryAction(v.verify) { send(Event.Choose(Choice.Verify)) }
    SecondaryAction(v.restore) { send(Event.Choose(Choice.Restore)) }
    for (line in v.report) Body(line)
    ErrorText(v.error)
}

/** Settings: language, biometric unlock, auto-lock, clock, PIN, about. */
@Composable
fun SettingsScreen(v: SettingsView, send: (Event) -> Unit) = Page {
    Text(v.languageLabel, style = MaterialTheme.typography.labelLarge)
    Languages(v.languages, send)
    v.biometrics?.let { switch -> SwitchRow(switch) { send(Event.Choose(Choice.Biometrics(it))) } }
    Text(v.autoLockLabel, style = MaterialTheme.typography.labelLarge)
    for (choice in v.autoLock) {
        Row(
            Modifier
                .fillMaxWidth()
                .selectable(selected = choice.selected, role = Role.RadioButton) {
                    send(Event.Choose(Choice.AutoLock(choice.seconds)))
                },
            verticalAlignment = Alignment.CenterVertically,
        ) {
            RadioButton(selected = choice.selected, onClick = null)
            Text(choice.label)
        }
    }
    Body(v.clock)
    TextInput(v.clockOffset, Field.CLOCK_OFFSET, send, KeyboardType.Number)
    SecondaryAction(v.clockApply) { send(Event.Choose(Choice.ManualClock(true))) }
    v.clockClear?.let { clear -> SecondaryAction(clear) { send(Event.Choose(Choice.ManualClock(false))) } }
    SecondaryAction(v.changePin) { send(Event.Choose(Choice.ChangePin)) }
    v.pad?.let { PinPad(it, send) }
    ErrorText(v.error)
    Text(v.about, style = MaterialTheme.typography.bodySmall)
}

/** Transfer to a new phone: the PIN, then the QR codes one at a time. */
@Composable
fun TransferScreen(v: TransferView, send: (Event) -> Unit) = Page {
    Body(v.hint)
    v.pin?.let { PinPad(it, send) }
    v.part?.let { Body(it) }
    v.code?.let { QrCode(it) }
    Row(Modifier.fillMaxWidth(), horizontalArrangement = Arrangement.SpaceBetween) {
        v.previous?.let { button -> SecondaryActionInline(button) { send(Event.Choose(Choice.PreviousCode)) } }
        v.next?.let { button -> SecondaryActionInline(button) { send(Event.Choose(Choice.NextCode)) } }
    }
    v.stayTitle?.let { Heading(it) }
    for (card in v.stay) Body(card)
}

@Composable
private fun SecondaryActionInline(button: app.ramz.app.Button, onClick: () -> Unit) =
    androidx.compose.material3.OutlinedButton(onClick = onClick, enabled = button.enabled) { Text(button.label) }

/** A QR code: dark modules on white with the light margin, square, always left to right. */
@Composable
fun QrCode(code: QrModules) {
    val side = ViewMapping.qrSide(code)
    Canvas(Modifier.fillMaxWidth().aspectRatio(1f)) {
        val cell = size.minDimension / side
        drawRect(Color.White, Offset.Zero, Size(cell * side, cell * side))
        for (y in 0 until side) {
            for (x in 0 until side) {
                if (ViewMapping.qrDark(code, x, y)) {
                    drawRect(Color.Black, Offset(x * cell, y * cell), Size(cell, cell))
                }
            }
        }
    }
}
