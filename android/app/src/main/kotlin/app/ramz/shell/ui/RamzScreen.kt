package app.ramz.shell.ui

import androidx.activity.compose.BackHandler
import androidx.compose.foundation.background
import androidx.compose.foundation.clickable
import androidx.compose.foundation.interaction.MutableInteractionSource
import androidx.compose.foundation.isSystemInDarkTheme
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Box
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.padding
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.automirrored.filled.ArrowBack
import androidx.compose.material.icons.filled.Phone
import androidx.compose.material.icons.filled.Refresh
import androidx.compose.material.icons.filled.Settings
import androidx.compose.material3.CircularProgressIndicator
import androidx.compose.material3.ExperimentalMaterial3Api
import androidx.compose.material3.Icon
import androidx.compose.material3.IconButton
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Scaffold
import androidx.compose.material3.Surface
import androidx.compose.material3.Text
import androidx.compose.material3.TopAppBar
import androidx.compose.material3.darkColorScheme
import androidx.compose.material3.lightColorScheme
import androidx.compose.runtime.Composable
import androidx.compose.runtime.CompositionLocalProvider
import androidx.compose.runtime.remember
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.graphics.Color
import androidx.compose.ui.platform.LocalLayoutDirection
import androidx.compose.ui.unit.LayoutDirection
import androidx.compose.ui.unit.dp
import app.ramz.app.BackAction
import app.ramz.app.CodesView
import app.ramz.app.Destination
import app.ramz.app.Event
import app.ramz.app.Screen
import app.ramz.app.ViewModel

/** Material 3, light or dark as the system is. */
@Composable
fun RamzTheme(content: @Composable () -> Unit) {
    MaterialTheme(
        colorScheme = if (isSystemInDarkTheme()) darkColorScheme() else lightColorScheme(),
        content = content,
    )
}

/** What the scan screen needs of the camera. */
class CameraSlot(
    val on: Boolean,
    val granted: Boolean,
    /** The platform's text when the permission is refused, in the view model's language. */
    val refusedText: String,
    val bind: (androidx.camera.view.PreviewView) -> Unit,
    val unbind: () -> Unit,
)

/**
 * Draws one view model: the direction and title it gives, the screen's
 * content, the busy overlay and the toast. Every widget sends the event
 * the view model documents for it. Back is the view model's: with
 * `BackAction.Back` an arrow labelled by it and the system back send
 * `Back`; with `LeaveApp` there is no arrow and the system back leaves.
 */
@OptIn(ExperimentalMaterial3Api::class)
@Composable
fun RamzScreen(view: ViewModel, send: (Event) -> Unit, paste: () -> Unit, camera: CameraSlot) {
    val direction = if (view.rtl) LayoutDirection.Rtl else LayoutDirection.Ltr
    CompositionLocalProvider(LocalLayoutDirection provides direction) {
        val back = view.back
        // While slow work runs the arrow is disabled and the system back is
        // swallowed (it must not leave the app then either).
        BackHandler(enabled = back is BackAction.Back) { if (back is BackAction.Back && back.v1.enabled) send(Event.Back) }
        Scaffold(
            topBar = {
                TopAppBar(
                    title = { Text(view.title) },
                    navigationIcon = {
                        if (back is BackAction.Back) {
                            IconButton(onClick = { send(Event.Back) }, enabled = back.v1.enabled) {
                                Icon(Icons.AutoMirrored.Filled.ArrowBack, back.v1.label)
                            }
                        }
                    },
                    actions = { (view.screen as? Screen.Codes)?.let { TopLevelActions(it.v1, send) } },
                )
            },
        ) { inner ->
            Box(Modifier.padding(inner).fillMaxSize()) {
                ScreenContent(view.screen, send, paste, camera)
                view.toast?.let { Toast(it, Modifier.align(Alignment.BottomCenter)) }
                view.busy?.let { Busy(it) }
            }
        }
    }
}

@Composable
private fun ScreenContent(screen: Screen, send: (Event) -> Unit, paste: () -> Unit, camera: CameraSlot) {
    when (screen) {
        is Screen.Starting -> Centered { CircularProgressIndicator() }
        is Screen.FirstRun -> FirstRunScreen(screen.v1, send)
        is Screen.Lock -> LockScreen(screen.v1, send)
        is Screen.Codes -> CodesScreen(screen.v1, send)
        is Screen.Scan -> ScanScreen(screen.v1, send, paste, camera)
        is Screen.ManualEntry -> ManualEntryScreen(screen.v1, send)
        is Screen.Confirm -> ConfirmScreen(screen.v1, send)
        is Screen.Batch -> BatchScreen(screen.v1, send)
        is Screen.Import -> ImportScreen(screen.v1, send)
        is Screen.Activation -> ActivationScreen(screen.v1, send)
        is Screen.Account -> AccountScreen(screen.v1, send)
        is Screen.Backup -> BackupScreen(screen.v1, send)
        is Screen.Settings -> SettingsScreen(screen.v1, send)
        is Screen.Transfer -> TransferScreen(screen.v1, send)
        is Screen.Notice -> NoticeScreen(screen.v1, send)
    }
}

/** The code list's top-level places: icons, each read by its label. */
@Composable
private fun TopLevelActions(v: CodesView, send: (Event) -> Unit) {
    IconButton(onClick = { send(Event.Navigate(Destination.BACKUP)) }, enabled = v.backup.enabled) {
        Icon(Icons.Filled.Refresh, v.backup.label)
    }
    IconButton(onClick = { send(Event.Navigate(Destination.TRANSFER)) }, enabled = v.transfer.enabled) {
        Icon(Icons.Filled.Phone, v.transfer.label)
    }
    IconButton(onClick = { send(Event.Navigate(Destination.SETTINGS)) }, enabled = v.settings.enabled) {
        Icon(Icons.Filled.Settings, v.settings.label)
    }
}

/** Slow work: its text and a spinner over the screen, which takes no touch. */
@Composable
private fun Busy(text: String) {
    Box(
        Modifier
            .fillMaxSize()
            .background(Color.Black.copy(alpha = 0.4f))
            .clickable(interactionSource = remember { MutableInteractionSource() }, indication = null) {},
        contentAlignment = Alignment.Center,
    ) {
        Surface(shape = MaterialTheme.shapes.medium, tonalElevation = 6.dp) {
            Column(Modifier.padding(24.dp), horizontalAlignment = Alignment.CenterHorizontally, verticalArrangement = Arrangement.spacedBy(16.dp)) {
                CircularProgressIndicator()
                Text(text)
            }
        }
    }
}

/** The app's short message, drawn in the window (a system Toast is a window of its own). */
@Composable
private fun Toast(text: String, modifier: Modifier) {
    Surface(
        modifier = modifier.padding(24.dp),
        shape = MaterialTheme.shapes.small,
        color = MaterialTheme.colorScheme.inverseSurface,
        contentColor = MaterialTheme.colorScheme.inverseOnSurface,
    ) {
        Text(text, Modifier.padding(horizontal = 16.dp, vertical = 12.dp))
    }
}
