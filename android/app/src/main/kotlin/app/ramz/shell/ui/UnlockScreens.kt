package app.ramz.shell.ui

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.selection.selectable
import androidx.compose.material3.RadioButton
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.semantics.Role
import app.ramz.app.Event
import app.ramz.app.FirstRunStep
import app.ramz.app.FirstRunView
import app.ramz.app.LanguageChoice
import app.ramz.app.LockView
import app.ramz.app.NoticeView

/** First run: language, the PIN twice, the biometrics offer. */
@Composable
fun FirstRunScreen(v: FirstRunView, send: (Event) -> Unit) = Page {
    Heading(v.heading)
    when (v.step) {
        FirstRunStep.LANGUAGE -> {
            Languages(v.languages, send)
            Action(v.next) { send(Event.Submit) }
        }
        FirstRunStep.PIN, FirstRunStep.PIN_AGAIN -> v.pad?.let { PinPad(it, send) }
        FirstRunStep.BIOMETRICS -> v.biometrics?.let { offer ->
            Body(offer.text)
            Action(offer.accept) { send(Event.AcceptBiometrics(true)) }
            SecondaryAction(offer.decline) { send(Event.AcceptBiometrics(false)) }
        }
    }
}

/** The language list: each language named in itself. */
@Composable
fun Languages(languages: List<LanguageChoice>, send: (Event) -> Unit) {
    for (choice in languages) {
        Row(
            Modifier
                .fillMaxWidth()
                .selectable(selected = choice.selected, role = Role.RadioButton) { send(Event.SetLanguage(choice.lang)) },
            verticalAlignment = Alignment.CenterVertically,
            horizontalArrangement = Arrangement.Start,
        ) {
            RadioButton(selected = choice.selected, onClick = null)
            Text(choice.name)
        }
    }
}

/** The lock screen: the pad, attempts left, the wait, the biometric button. */
@Composable
fun LockScreen(v: LockView, send: (Event) -> Unit) = Page {
    v.attempts?.let { Body(it) }
    v.wait?.let { ErrorText(it) }
    PinPad(v.pad, send)
    v.biometrics?.let { button -> SecondaryAction(button) { send(Event.UnlockWithBiometrics) } }
}

/** A full-screen explanation with the way forward. */
@Composable
fun NoticeScreen(v: NoticeView, send: (Event) -> Unit) = Page {
    Heading(v.heading)
    Body(v.body)
    Action(v.action) { send(Event.Submit) }
}
