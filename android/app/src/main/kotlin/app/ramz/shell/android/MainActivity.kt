package app.ramz.shell.android

import android.Manifest
import android.content.pm.PackageManager
import android.content.res.Configuration
import android.content.res.Resources
import android.net.Uri
import android.os.Bundle
import android.view.WindowManager
import androidx.activity.compose.setContent
import androidx.activity.result.contract.ActivityResultContracts
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import androidx.core.content.ContextCompat
import androidx.fragment.app.FragmentActivity
import androidx.lifecycle.Lifecycle
import androidx.lifecycle.LifecycleEventObserver
import app.ramz.app.Event
import app.ramz.app.Lang
import app.ramz.app.ViewModel
import app.ramz.shell.Platform
import app.ramz.shell.R
import app.ramz.shell.ui.CameraSlot
import app.ramz.shell.ui.RamzTheme
import app.ramz.shell.ui.RamzScreen
import java.util.Locale

/**
 * The one activity: draws the app's view model with Compose and performs
 * the platform side of its effects. Decides nothing: every text, check
 * and step is the app core's (crates/ramz-app).
 *
 * - FLAG_SECURE on the window before anything is drawn (no screenshots,
 *   no task-switcher thumbnail); the UI opens no other window.
 * - ON_STOP sends `Background`, which locks the vault, except while a
 *   document picker the app asked for is in front (the app is waiting
 *   for that file); ON_START sends `Foreground`.
 * - Nothing is put in the saved instance state, and nothing is logged.
 */
class MainActivity : FragmentActivity(), Platform {
    private val ramz get() = application as RamzApplication
    private val runner get() = ramz.runner

    private var view by mutableStateOf<ViewModel?>(null)
    private var cameraOn by mutableStateOf(false)
    private var cameraGranted by mutableStateOf(false)

    private lateinit var clipboard: SensitiveClipboard
    private lateinit var cameraFrames: CameraFrames

    /** The encrypted backup waiting for the save location. */
    private var pendingSave: ByteArray? = null

    /** A document picker the app asked for is in front of us. */
    private var documentOpen = false
    private var backgrounded = true

    private val createDocument = registerForActivityResult(Documents.Create()) { uri -> saved(uri) }
    private val openDocument = registerForActivityResult(ActivityResultContracts.OpenDocument()) { uri -> picked(uri) }
    private val cameraPermission =
        registerForActivityResult(ActivityResultContracts.RequestPermission()) { granted -> cameraGranted = granted }

    override fun onCreate(savedInstanceState: Bundle?) {
        window.setFlags(WindowManager.LayoutParams.FLAG_SECURE, WindowManager.LayoutParams.FLAG_SECURE)
        super.onCreate(savedInstanceState)
        clipboard = SensitiveClipboard(this)
        cameraFrames = CameraFrames(this, this, runner)
        cameraGranted = ContextCompat.checkSelfPermission(this, Manifest.permission.CAMERA) ==
            PackageManager.PERMISSION_GRANTED
        setContent {
            RamzTheme {
                view?.let { current ->
                    val refused = remember(current.lang) {
                        strings(current.lang).getString(R.string.camera_permission_needed)
                    }
                    RamzScreen(
                        view = current,
                        send = runner::send,
                        paste = ::paste,
                        camera = CameraSlot(
                            cameraOn,
                            cameraGranted,
                            refused,
                            cameraFrames::bind,
                            cameraFrames::unbind,
                        ),
                    )
                }
            }
        }
        lifecycle.addObserver(
            LifecycleEventObserver { _, event ->
                when (event) {
                    Lifecycle.Event.ON_START -> if (backgrounded) {
                        backgrounded = false
                        runner.foreground()
                    }
                    Lifecycle.Event.ON_STOP -> if (!documentOpen && !isChangingConfigurations) {
                        backgrounded = true
                        ramz.keystore.forgetAuthorization()
                        runner.background()
                    }
                    else -> {}
                }
            },
        )
        ramz.relay.target = this
        if (ramz.started) {
            view = ramz.core.view()
        } else {
            ramz.started = true
            runner.start(Locale.getDefault().toLanguageTag(), BiometricUnlock.available(this))
        }
    }

    override fun onDestroy() {
        if (ramz.relay.target === this) ramz.relay.target = null
        super.onDestroy()
    }

    // ----- Platform: the effects' platform calls -----

    override fun render(view: ViewModel) {
        this.view = view
    }

    override fun camera(on: Boolean) {
        cameraOn = on
        if (on && !cameraGranted) cameraPermission.launch(Manifest.permission.CAMERA)
    }

    override fun copyToClipboard(text: String, sensitive: Boolean) = clipboard.copy(text, sensitive)

    override fun clearClipboard(ifStill: String) = clipboard.clearIfStill(ifStill)

    override fun saveFile(name: String, mime: String, bytes: ByteArray) {
        pendingSave = bytes
        documentOpen = true
        createDocument.launch(name to mime)
    }

    override fun pickFile(mime: String) {
        documentOpen = true
        openDocument.launch(arrayOf(mime))
    }

    override fun biometricPrompt(reason: String) {
        val text = strings(view?.lang ?: Lang.FA)
        BiometricUnlock.prompt(
            this,
            ramz.keystore,
            text.getString(R.string.app_name),
            reason,
            text.getString(R.string.biometric_use_pin),
        ) { outcome -> runner.send(Event.BiometricResult(outcome)) }
    }

    /**
     * The platform strings (res/values, res/values-fa) in the language the
     * app shows, which the person may have chosen unlike the phone's.
     */
    private fun strings(lang: Lang): Resources {
        val config = Configuration(resources.configuration)
        config.setLocale(Locale.forLanguageTag(lang.name.lowercase(Locale.ROOT)))
        return createConfigurationContext(config).resources
    }

    // ----- results -----

    private fun saved(uri: Uri?) {
        documentOpen = false
        val bytes = pendingSave
        pendingSave = null
        if (uri == null || bytes == null) {
            runner.send(Event.FileSaved(false))
            return
        }
        ramz.threads.io.execute {
            val ok = Documents.write(contentResolver, uri, bytes)
            ramz.threads.main.execute { runner.send(Event.FileSaved(ok)) }
        }
    }

    private fun picked(uri: Uri?) {
        documentOpen = false
        if (uri == null) {
            runner.send(Event.Back)
            return
        }
        ramz.threads.io.execute {
            // An unreadable file arrives as an empty one: the app says it
            // is not a backup.
            val bytes = Documents.read(contentResolver, uri) ?: ByteArray(0)
            ramz.threads.main.execute { runner.send(Event.FilePicked(bytes)) }
        }
    }

    private fun paste() {
        val text = clipboard.read() ?: return
        runner.send(Event.Paste(text)) // copied into the app at once
        text.fill(0)
    }
}
