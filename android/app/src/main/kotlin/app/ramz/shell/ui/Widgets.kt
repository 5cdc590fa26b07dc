package app.ramz.shell.ui

import androidx.compose.foundation.BorderStroke
import androidx.compose.foundation.background
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Box
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.ColumnScope
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.Spacer
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.layout.size
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.selection.toggleable
import androidx.compose.foundation.shape.CircleShape
import androidx.compose.foundation.text.KeyboardActions
import androidx.compose.foundation.text.KeyboardOptions
import androidx.compose.foundation.text.input.TextFieldState
import androidx.compose.foundation.text.BasicSecureTextField
import androidx.compose.foundation.verticalScroll
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.automirrored.filled.ArrowBack
import androidx.compose.material3.Button
import androidx.compose.material3.FilledTonalButton
import androidx.compose.material3.Icon
import androidx.compose.material3.IconButton
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Surface
import androidx.compose.material3.Switch
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.remember
import androidx.compose.runtime.snapshotFlow
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.semantics.Role
import androidx.compose.ui.text.input.ImeAction
import androidx.compose.ui.text.input.KeyboardType
import androidx.compose.ui.unit.dp
import app.ramz.app.Button as ButtonView
import app.ramz.app.Event
import app.ramz.app.Field
import app.ramz.app.FieldView
import app.ramz.app.PinPadView
import app.ramz.app.SecretField
import app.ramz.app.Switch as SwitchView
import app.ramz.shell.ViewMapping
import kotlinx.coroutines.flow.drop

/** A screen's scrolling column. */
@Composable
fun Page(content: @Composable ColumnScope.() -> Unit) {
    Column(
        Modifier.fillMaxSize().verticalScroll(rememberScrollState()).padding(16.dp),
        verticalArrangement = Arrangement.spacedBy(12.dp),
        content = content,
    )
}

@Composable
fun Centered(content: @Composable () -> Unit) {
    Box(Modifier.fillMaxSize(), contentAlignment = Alignment.Center) { content() }
}

/** A labelled switch of the view model; the whole row toggles it. */
@Composable
fun SwitchRow(switch: SwitchView, onChange: (Boolean) -> Unit) {
    Row(
        Modifier
            .fillMaxWidth()
            .toggleable(value = switch.on, role = Role.Switch) { onChange(it) },
        verticalAlignment = Alignment.CenterVertically,
        horizontalArrangement = Arrangement.SpaceBetween,
    ) {
        Text(switch.label, Modifier.weight(1f))
        Switch(checked = switch.on, onCheckedChange = null)
    }
}

/** The view model's main button. */
@Composable
fun Action(button: ButtonView, onClick: () -> Unit) {
    Button(onClick = onClick, enabled = button.enabled, modifier = Modifier.fillMaxWidth()) { Text(button.label) }
}

/** A secondary button. */
@Composable
fun SecondaryAction(button: ButtonView, onClick: () -> Unit) {
    OutlinedButton(onClick = onClick, enabled = button.enabled, modifier = Modifier.fillMaxWidth()) { Text(button.label) }
}

@Composable
fun Heading(text: String) = Text(text, style = MaterialTheme.typography.headlineSmall)

@Composable
fun Body(text: String) = Text(text, style = MaterialTheme.typography.bodyLarge)

@Composable
fun ErrorText(text: String?) {
    if (text != null) Text(text, color = MaterialTheme.colorScheme.error, style = MaterialTheme.typography.bodyMedium)
}

/** A plain text field: shows the view model's text, sends `Edit` with each change. */
@Composable
fun TextInput(
    view: FieldView,
    field: Field,
    send: (Event) -> Unit,
    keyboard: KeyboardType = KeyboardType.Text,
    onDone: (() -> Unit)? = null,
) {
    OutlinedTextField(
        value = view.value,
        onValueChange = { send(Event.Edit(field, it)) },
        label = { Text(view.label) },
        isError = view.error != null,
        supportingText = view.error?.let { { Text(it) } },
        singleLine = true,
        keyboardOptions = KeyboardOptions(keyboardType = keyboard, imeAction = if (onDone != null) ImeAction.Done else ImeAction.Next),
        keyboardActions = KeyboardActions(onDone = { onDone?.invoke() }),
        modifier = Modifier.fillMaxWidth(),
    )
}

/**
 * A secret field (passphrase, base32 secret, SMS code): the view model
 * never echoes it, so the text lives only in this field's state — a
 * plain `remember`, never `rememberSaveable`, so it is not written to the
 * saved instance state — and each change goes to the app as UTF-8 bytes
 * (`EditSecret`), which the app wipes.
 */
@Composable
fun SecretInput(
    view: FieldView,
    field: SecretField,
    send: (Event) -> Unit,
    keyboard: KeyboardType = KeyboardType.Password,
    onDone: (() -> Unit)? = null,
) {
    val state = remember(field) { TextFieldState() }
    LaunchedEffect(state) {
        snapshotFlow { state.text.toString() }
            .drop(1)
            .collect { text ->
                val bytes = text.toByteArray(Charsets.UTF_8)
                send(Event.EditSecret(field, bytes)) // copied into the app at once
                bytes.fill(0)
            }
    }
    Column(Modifier.fillMaxWidth()) {
        Text(view.label, style = MaterialTheme.typography.labelLarge)
        Surface(
            shape = MaterialTheme.shapes.extraSmall,
            border = BorderStroke(1.dp, if (view.error != null) MaterialTheme.colorScheme.error else MaterialTheme.colorScheme.outline),
            modifier = Modifier.fillMaxWidth(),
        ) {
            BasicSecureTextField(
                state = state,
                keyboardOptions = KeyboardOptions(keyboardType = keyboard, imeAction = if (onDone != null) ImeAction.Done else ImeAction.Next),
                onKeyboardAction = { defaultAction -> if (onDone != null) onDone() else defaultAction() },
                textStyle = MaterialTheme.typography.bodyLarge.copy(color = MaterialTheme.colorScheme.onSurface),
                modifier = Modifier.fillMaxWidth().padding(16.dp),
            )
        }
        ErrorText(view.error)
    }
}

/**
 * The PIN pad: the prompt, a dot per digit typed, the ten keys labelled in
 * the language's digits (key i sends digit i), and delete.
 */
@Composable
fun PinPad(pad: PinPadView, send: (Event) -> Unit) {
    Column(
        Modifier.fillMaxWidth(),
        horizontalAlignment = Alignment.CenterHorizontally,
        verticalArrangement = Arrangement.spacedBy(12.dp),
    ) {
        Body(pad.prompt)
        Row(horizontalArrangement = Arrangement.spacedBy(12.dp)) {
            for (i in 0 until pad.length.toInt()) {
                val filled = i < pad.filled.toInt()
                Box(
                    Modifier.size(14.dp).background(
                        if (filled) MaterialTheme.colorScheme.primary else MaterialTheme.colorScheme.surfaceVariant,
                        CircleShape,
                    ),
                )
            }
        }
        ErrorText(pad.error)
        // Rows 1 2 3 / 4 5 6 / 7 8 9 / delete 0: the layout of a phone's
        // dialler, the same in both directions.
        for (row in listOf(listOf(1, 2, 3), listOf(4, 5, 6), listOf(7, 8, 9), listOf(-1, 0))) {
            Row(horizontalArrangement = Arrangement.spacedBy(12.dp)) {
                for (key in row) {
                    if (key < 0) {
                        Box(Modifier.size(72.dp), contentAlignment = Alignment.Center) {
                            IconButton(onClick = { send(Event.PinBackspace) }, enabled = pad.backspace.enabled) {
                                Icon(Icons.AutoMirrored.Filled.ArrowBack, pad.backspace.label)
                            }
                        }
                    } else {
                        FilledTonalButton(
                            onClick = { send(Event.PinKey(ViewMapping.pinDigit(key))) },
                            enabled = pad.enabled,
                            modifier = Modifier.size(72.dp),
                        ) {
                            Text(pad.keys.getOrElse(key) { "" }, style = MaterialTheme.typography.titleLarge)
                        }
                    }
                }
            }
        }
        Spacer(Modifier.size(8.dp))
    }
}
