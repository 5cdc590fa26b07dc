// The effect runner driving the real app core (libramz_ffi through the
// generated bindings): each test is a journey a person makes, checked by
// what the platform was asked to do and what the screen shows.
package app.ramz.shell

import app.ramz.app.BiometricOutcome
import app.ramz.app.Choice
import app.ramz.app.Destination
import app.ramz.app.Event
import app.ramz.app.Lang
import app.ramz.app.Screen
import app.ramz.app.SecretField
import app.ramz.tests.SoftwareKeystore
import java.io.File
import java.nio.ByteBuffer
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlin.test.assertNotNull
import kotlin.test.assertTrue

class EffectRunnerTest {
    private val uri = "otpauth://totp/Example:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example"

    @Test
    fun firstRunCreatesTheVaultOnTheWorkerAndStoresTheSettings() {
        val shell = Shell().firstRun()
        assertTrue(File(shell.dir, "vault.ramz").isFile, "the vault file was written")
        assertTrue(shell.threads.workRuns >= 2, "opening and creating ran as work (${shell.threads.workRuns})")
        val stored = assertNotNull(SettingsFile(shell.settingsFile).load(), "Start on a fresh install stores settings")
        assertEquals(Lang.EN, stored.lang)
        assertFalse(shell.platform.view!!.rtl)
    }

    @Test
    fun ticksEverySecondInTheForegroundAndBackgroundLocks() {
        val shell = Shell().firstRun()
        assertEquals(1, shell.threads.pendingTimers.size, "one tick scheduled")
        val renders = shell.platform.renders
        shell.threads.advance(3_000)
        assertEquals(renders + 3, shell.platform.renders, "a tick a second, each answered with Render")
        shell.runner.background()
        shell.threads.settle()
        shell.platform.screen<Screen.Lock>()
        assertEquals(emptyList(), shell.threads.pendingTimers, "no ticks in the background")
        shell.runner.foreground()
        shell.threads.settle()
        shell.typePin()
        shell.platform.screen<Screen.Codes>()
    }

    @Test
    fun tapCopiesTheCodeMarkedSensitiveAndClearsItLater() {
        val shell = Shell().firstRun()
        shell.send(Event.Paste(uri.toByteArray()))
        shell.platform.screen<Screen.Confirm>()
        shell.send(Event.Submit)
        val row = shell.platform.screen<Screen.Codes>().v1.rows.single()
        shell.send(Event.TapAccount(row.id))
        val (text, sensitive) = assertNotNull(shell.platform.copied)
        assertTrue(sensitive)
        assertTrue(text.matches(Regex("[0-9]{6}")), "ASCII digits are copied")
        val clearAt = shell.threads.pendingTimers.max()
        shell.threads.advance(clearAt - 1)
        assertEquals(emptyList(), shell.platform.cleared, "not before the delay")
        shell.threads.advance(1)
        assertEquals(listOf(text), shell.platform.cleared, "cleared if it still holds the code")
    }

    @Test
    fun cameraFramesOfARealQrCodeReachTheConfirmScreenOneAtATime() {
        val shell = Shell().firstRun()
        shell.send(Event.Navigate(Destination.SCAN))
        shell.platform.screen<Screen.Scan>()
        assertEquals("camera true", shell.platform.calls.last())
        val (width, height, pixels) = readPgm(File(System.getProperty("ramz.fixtures"), "totp-rfc6238.pgm"))

        // A blank frame first: decoded, nothing found, the gate opens again.
        assertTrue(shell.runner.frames.tryTake())
        shell.runner.frame(lumaFrame(ByteBuffer.wrap(ByteArray(64 * 64) { 200.toByte() }), 64, 64, 64, 1))
        assertFalse(shell.runner.frames.tryTake(), "one frame in flight")
        val works = shell.threads.workRuns
        shell.threads.runMain() // the app took the frame and started its decode
        assertFalse(shell.runner.frames.tryTake(), "still in flight while the decode runs")
        shell.threads.settle()
        assertEquals(works + 1, shell.threads.workRuns, "the frame was decoded as work")
        shell.platform.screen<Screen.Scan>()

        // The QR code, in a plane with padded rows and a short last row.
        val stride = width + 24
        val plane = ByteArray(stride * (height - 1) + width)
        for (y in 0 until height) System.arraycopy(pixels, y * width, plane, y * stride, width)
        assertTrue(shell.runner.frames.tryTake(), "the decode came back: the next frame may go")
        shell.runner.frame(lumaFrame(ByteBuffer.wrap(plane), width, height, stride, 1))
        shell.threads.settle()
        shell.platform.screen<Screen.Confirm>()
        assertEquals("camera false", shell.platform.calls.last(), "the camera stops with the scan screen")
        assertTrue(shell.runner.frames.tryTake(), "camera off releases the gate")
    }

    @Test
    fun backupIsSavedThroughTheFilePickerAndVerifiedFromIt() {
        val shell = Shell().firstRun()
        shell.send(Event.Paste(uri.toByteArray()))
        shell.send(Event.Submit)
        shell.send(Event.Navigate(Destination.BACKUP))
        shell.platform.screen<Screen.Backup>()
        val passphrase = "Correct horse 9 battery"
        shell.send(Event.EditSecret(SecretField.PASSPHRASE, passphrase.toByteArray()))
        shell.send(Event.EditSecret(SecretField.PASSPHRASE_AGAIN, passphrase.toByteArray()))
        shell.send(Event.Choose(Choice.Export))
        val (name, mime, bytes) = assertNotNull(shell.platform.saved, "export asks where to save")
        assertTrue(name.isNotBlank() && mime.isNotBlank() && bytes.size > 64)
        assertFalse(String(bytes, Charsets.ISO_8859_1).contains("JBSWY3DPEHPK3PXP"), "the file is encrypted")
        shell.send(Event.FileSaved(true))
        assertNotNull(SettingsFile(shell.settingsFile).load()?.lastBackupUnix, "the backup's date is stored")

        shell.send(Event.Choose(Choice.Verify))
        assertEquals(mime, shell.platform.picked)
        shell.send(Event.FilePicked(bytes))
        shell.send(Event.EditSecret(SecretField.PASSPHRASE, passphrase.toByteArray()))
        shell.send(Event.Submit)
        val backup = shell.platform.screen<Screen.Backup>().v1
        assertTrue(backup.report.isNotEmpty(), "verify reports on the file")
        assertEquals(null, backup.error)
    }

    @Test
    fun settingsSurviveARestart() {
        val first = Shell().firstRun()
        first.send(Event.Navigate(Destination.SETTINGS))
        first.send(Event.SetLanguage(Lang.FA))
        assertTrue(first.platform.view!!.rtl)
        val again = Shell(first.dir, first.keystore)
        again.start("en-US")
        again.platform.screen<Screen.Lock>()
        assertEquals(Lang.FA, again.platform.view!!.lang, "the stored language, not the device's")
    }

    @Test
    fun biometricUnlockGoesThroughThePrompt() {
        val keystore = SoftwareKeystore()
        val shell = Shell(keystore = keystore).apply {
            start("en-US", biometrics = true)
            send(Event.Submit)
            typePin()
            typePin()
            send(Event.AcceptBiometrics(true))
            typePin() // turning biometrics on takes the PIN
        }
        shell.runner.background()
        shell.threads.settle()
        shell.runner.foreground()
        shell.threads.settle()
        val lock = shell.platform.screen<Screen.Lock>().v1
        assertNotNull(lock.biometrics, "the lock screen offers biometrics")
        shell.send(Event.UnlockWithBiometrics)
        assertTrue(assertNotNull(shell.platform.prompted).isNotBlank(), "the prompt has the app's reason")
        val unwraps = keystore.unwraps.get()
        shell.send(Event.BiometricResult(BiometricOutcome.SUCCESS))
        shell.platform.screen<Screen.Codes>()
        assertTrue(keystore.unwraps.get() > unwraps, "the biometric key unwrapped the vault")

        // A new fingerprint invalidated the key: the app turns biometric
        // unlock off, says why, and offers it again after the PIN.
        shell.runner.background()
        shell.threads.settle()
        shell.runner.foreground()
        shell.threads.settle()
        shell.send(Event.UnlockWithBiometrics)
        shell.send(Event.BiometricResult(BiometricOutcome.KEY_INVALIDATED))
        val explained = shell.platform.screen<Screen.Lock>().v1
        assertNotNull(explained.pad.error, "the lock screen says why")
        assertEquals(null, explained.biometrics, "no biometric button any more")
        assertFalse(SettingsFile(shell.settingsFile).load()!!.biometrics, "stored off")
        shell.typePin()
        val offer = assertNotNull(shell.platform.screen<Screen.Codes>().v1.biometricsOffer, "offered again")
        assertTrue(offer.accept.label.isNotBlank())
    }

    private fun readPgm(file: File): Triple<Int, Int, ByteArray> {
        val bytes = file.readBytes()
        var at = 0
        fun token(): String {
            while (bytes[at].toInt().toChar().isWhitespace()) at++
            val start = at
            while (!bytes[at].toInt().toChar().isWhitespace()) at++
            return String(bytes, start, at - start)
        }
        check(token() == "P5")
        val w = token().toInt()
        val h = token().toInt()
        token() // maxval
        at++
        return Triple(w, h, bytes.copyOfRange(at, at + w * h))
    }
}
