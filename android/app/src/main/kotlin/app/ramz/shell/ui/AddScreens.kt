package app.ramz.shell.ui

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Box
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.aspectRatio
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.selection.toggleable
import androidx.compose.material3.Checkbox
import androidx.compose.material3.FilterChip
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.semantics.Role
import androidx.compose.ui.text.input.KeyboardType
import androidx.compose.ui.unit.dp
import androidx.compose.ui.viewinterop.AndroidView
import androidx.camera.view.PreviewView
import app.ramz.app.ActivationView
import app.ramz.app.BatchView
import app.ramz.app.Choice
import app.ramz.app.ConfirmView
import app.ramz.app.Destination
import app.ramz.app.Event
import app.ramz.app.Field
import app.ramz.app.ImportView
import app.ramz.app.ManualEntryView
import app.ramz.app.ScanView
import app.ramz.app.SecretField

/** The viewfinder, with paste, manual entry and import instead. */
@Composable
fun ScanScreen(v: ScanView, send: (Event) -> Unit, paste: () -> Unit, camera: CameraSlot) = Page {
    Body(v.hint)
    v.progress?.let { Body(it) }
    ErrorText(v.error)
    Box(Modifier.fillMaxWidth().aspectRatio(1f), contentAlignment = Alignment.Center) {
        if (camera.on && camera.granted) {
            AndroidView(
                factory = { context -> PreviewView(context).also(camera.bind) },
                onRelease = { camera.unbind() },
                modifier = Modifier.fillMaxWidth().aspectRatio(1f),
            )
        } else if (camera.on) {
            // The platform's permission, not the app's: a resource string.
            Body(camera.refusedText)
        }
    }
    SecondaryAction(v.paste) { paste() }
    SecondaryAction(v.manual) { send(Event.Navigate(Destination.MANUAL_ENTRY)) }
    SecondaryAction(v.import) { send(Event.Navigate(Destination.IMPORT)) }
}

/** Manual entry: labels, the secret, and the advanced fields when shown. */
@Composable
fun ManualEntryScreen(v: ManualEntryView, send: (Event) -> Unit) = Page {
    TextInput(v.issuer, Field.ISSUER, send)
    TextInput(v.account, Field.ACCOUNT, send)
    SecretInput(v.secret, SecretField.SECRET, send)
    SwitchRow(v.advanced) { send(Event.Choose(Choice.Advanced(it))) }
    if (v.advanced.on) {
        SwitchRow(v.hotp) { send(Event.Choose(Choice.Hotp(it))) }
        Text(v.algorithmLabel, style = MaterialTheme.typography.labelLarge)
        Row(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
            for (choice in v.algorithms) {
                FilterChip(
                    selected = choice.selected,
                    onClick = { send(Event.Choose(Choice.Algorithm(choice.value))) },
                    label = { Text(choice.label) },
                )
            }
        }
        TextInput(v.digits, Field.DIGITS, send, KeyboardType.Number)
        if (v.hotp.on) TextInput(v.counter, Field.COUNTER, send, KeyboardType.Number)
        else TextInput(v.period, Field.PERIOD, send, KeyboardType.Number)
    }
    Action(v.submit) { send(Event.Submit) }
}

/** One scanned account before it is added. */
@Composable
fun ConfirmScreen(v: ConfirmView, send: (Event) -> Unit) = Page {
    TextInput(v.issuer, Field.ISSUER, send)
    TextInput(v.account, Field.ACCOUNT, send)
    Body(v.details)
    v.duplicate?.let { ErrorText(it) }
    v.warning?.let { ErrorText(it) }
    Action(v.submit) { send(Event.Submit) }
}

/** A migration export: the accounts with checkboxes. */
@Composable
fun BatchScreen(v: BatchView, send: (Event) -> Unit) = Page {
    Body(v.part)
    v.entries.forEachIndexed { index, entry ->
        Row(
            Modifier
                .fillMaxWidth()
                .toggleable(value = entry.checked, role = Role.Checkbox) { send(Event.ToggleBatchEntry(index.toUInt())) },
            verticalAlignment = Alignment.CenterVertically,
        ) {
            Checkbox(checked = entry.checked, onCheckedChange = null)
            Text(entry.label)
        }
        entry.duplicate?.let { ErrorText(it) }
    }
    v.rejected?.let { ErrorText(it) }
    Action(v.submit) { send(Event.Submit) }
}

/** A bank card activation: the bank, card and server to check, the SMS code. */
@Composable
fun ActivationScreen(v: ActivationView, send: (Event) -> Unit) = Page {
    Heading(v.bank)
    Body(v.card)
    Text(v.server, style = MaterialTheme.typography.bodyMedium)
    Text(v.expires, style = MaterialTheme.typography.bodyMedium)
    SecretInput(v.smsCode, SecretField.SMS_CODE, send, KeyboardType.NumberPassword) { send(Event.Submit) }
    ErrorText(v.error)
    Action(v.submit) { send(Event.Submit) }
    v.retry?.let { retry -> SecondaryAction(retry) { send(Event.Choose(Choice.Retry)) } }
}

/**
 * Another app's export: what to do, where it is from, its password while
 * the file waits for it, the accounts with checkboxes (those already in
 * the vault marked), every entry left out with its reason, add, and
 * "choose another file".
 */
@Composable
fun ImportScreen(v: ImportView, send: (Event) -> Unit) = Page {
    Body(v.hint)
    v.source?.let { Text(it, style = MaterialTheme.typography.bodyMedium) }
    v.passphrase?.let { SecretInput(it, SecretField.PASSPHRASE, send) }
    v.entries.forEachIndexed { index, entry ->
        Row(
            Modifier
                .fillMaxWidth()
                .toggleable(value = entry.checked, role = Role.Checkbox) { send(Event.ToggleBatchEntry(index.toUInt())) },
            verticalAlignment = Alignment.CenterVertically,
        ) {
            Checkbox(checked = entry.checked, onCheckedChange = null)
            Text(entry.label)
        }
        entry.duplicate?.let { ErrorText(it) }
    }
    for (line in v.skipped) Text(line, style = MaterialTheme.typography.bodySmall)
    ErrorText(v.error)
    v.submit?.let { submit -> Action(submit) { send(Event.Submit) } }
    SecondaryAction(v.pick) { send(Event.Choose(Choice.Retry)) }
}
