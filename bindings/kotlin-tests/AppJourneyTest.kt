// The Ramz app (`RamzApp`, crates/ramz-app) driven through the bindings by
// a Kotlin shell (AppShell.kt), the journey of issue 12: first run → scan a
// camera frame → confirm → the code equals RFC 6238's at the tick's time
// (computed here with javax.crypto) → background → locked → wrong PINs and
// the wait → unlock → bank activation against a Kotlin bank → backup export
// → restore into a fresh app.
package app.ramz.tests

import app.ramz.app.*
import java.io.File
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlin.test.assertNotNull
import kotlin.test.assertNull
import kotlin.test.assertTrue

const val PASSPHRASE = "رود-چراغ-۴۲"

/** The app's first run: keep the language, the PIN twice (Persian digits typed, then the pad). */
fun AppShell.firstRun(pin: String = "۴۸۰۹۱۳") {
    val language = (screen() as Screen.FirstRun).v1
    assertEquals(FirstRunStep.LANGUAGE, language.step)
    send(Event.Submit)
    val pad = (screen() as Screen.FirstRun).v1
    assertEquals(FirstRunStep.PIN, pad.step)
    typePin(pin)
    assertEquals(FirstRunStep.PIN_AGAIN, (screen() as Screen.FirstRun).v1.step)
    padPin(pin)
    assertEquals(0, codes().rows.size)
}

class AppJourneyTest {
    @Test
    fun `first run, scan, code, lock, wrong PINs, unlock, bank card, backup, restore`() {
        val (pixels, width, height) = Pgm.read(File(fixtures(), "totp-rfc6238.pgm"))
        AppShell(language = "fa-IR").use { s ->
            // First run, in Persian: right to left, Persian digits on the pad.
            assertTrue(s.view().rtl)
            assertEquals(Lang.FA, s.view().lang)
            s.send(Event.Submit)
            val pad = assertNotNull((s.screen() as Screen.FirstRun).v1.pad)
            assertEquals("۰۱۲۳۴۵۶۷۸۹", pad.keys.joinToString(""))
            s.typePin("۴۸۰۹۱۳")
            assertEquals(FirstRunStep.PIN_AGAIN, (s.screen() as Screen.FirstRun).v1.step)
            s.padPin("480913")
            assertEquals(0, s.codes().rows.size)
            assertEquals(Lang.FA, s.settings?.lang, "the shell stored the settings")

            // Scan: the camera runs on the scan screen only.
            s.send(Event.Navigate(Destination.SCAN))
            assertTrue(s.camera)
            // A frame with no code: nothing happens, the camera stays on,
            // and its decode shows no progress overlay.
            val busyBefore = s.busyWorks
            s.send(Event.CameraFrame(ByteArray(64 * 64) { 200.toByte() }, 64u, 64u, 64u))
            assertTrue(s.screen() is Screen.Scan)
            assertEquals(busyBefore, s.busyWorks, "a frame's decode is quiet")
            s.send(Event.CameraFrame(pixels, width.toUInt(), height.toUInt(), width.toUInt()))
            assertFalse(s.camera, "the camera stops on success")
            val confirm = (s.screen() as Screen.Confirm).v1
            assertEquals("Example", confirm.issuer.value)
            assertEquals("alice@example.com", confirm.account.value)
            assertNull(confirm.duplicate)
            s.send(Event.Submit)
            assertEquals(busyBefore + 1, s.busyWorks, "saving the account shows progress")

            // The code is RFC 6238's at the tick's time, shown in Persian digits.
            s.tick()
            val row = s.codes().rows.single()
            val expected = KotlinTotp.code(Rfc6238.sha1Key, s.now.toLong() / 30, 8)
            assertEquals(expected, asciiDigits(row.code))
            assertTrue(row.code.any { it in '۰'..'۹' }, row.code)
            assertEquals((30uL - s.now % 30uL).toUInt(), row.secondsLeft)
            // Tap: the ASCII code on the clipboard, sensitive, cleared after 30 s.
            s.send(Event.TapAccount(row.id))
            assertEquals(Triple(expected, true, 30u), s.clipboard)

            // Background: locked at once.
            s.send(Event.Background(s.now))
            assertTrue(s.screen() is Screen.Lock)
            s.send(Event.Foreground(s.now))
            // Wrong PINs: the first ones at once, the third starts a wait
            // that the ticks count down.
            repeat(2) {
                s.typePin("111112")
                assertEquals(0u, s.lockView().waitSeconds)
            }
            s.typePin("111112")
            val waiting = s.lockView()
            assertTrue(waiting.waitSeconds > 0u && waiting.wait != null && !waiting.pad.enabled, waiting.toString())
            assertNotNull(waiting.attempts)
            s.padPin("480913") // refused while waiting: not even tried
            assertTrue(s.screen() is Screen.Lock)
            s.tick()
            assertEquals(waiting.waitSeconds - 1u, s.lockView().waitSeconds, "the wait counts down")
            s.tick(s.lockView().waitSeconds.toInt())
            // Unlocked with Arabic-Indic digits typed on the keyboard.
            s.typePin("٤٨٠٩١٣")
            assertEquals(1, s.codes().rows.size)

            // A bank card: the activation QR pasted, the SMS code in Persian digits.
            val bank = KotlinBank(smsCode = "4821", expiresAt = s.now.toLong() + 300)
            s.bank = bank
            s.paste(bank.qr())
            val activation = (s.screen() as Screen.Activation).v1
            assertTrue(activation.server.contains("otp.bank.example"), activation.server)
            s.secret(SecretField.SMS_CODE, "۴۸۲۱")
            s.send(Event.Submit)
            assertTrue(s.screen() is Screen.Notice, "activation done: ${s.screen()}")
            s.send(Event.Submit)
            s.tick()
            val card = s.codes().rows.single { it.badge != null }
            val seed = bank.seed ?: error("the bank made no seed")
            assertEquals(KotlinTotp.code(seed, s.now.toLong() / 60, 6), asciiDigits(card.code))

            // Backup: exported through the share sheet.
            s.send(Event.Navigate(Destination.BACKUP))
            s.secret(SecretField.PASSPHRASE, PASSPHRASE)
            s.secret(SecretField.PASSPHRASE_AGAIN, PASSPHRASE)
            s.send(Event.Choose(Choice.Export))
            val (name, file) = s.saved.single()
            assertTrue(name.isNotEmpty() && file.size > 100, name)
            assertFalse(String(file, Charsets.ISO_8859_1).contains("alice"), "the file is encrypted")

            // Restored into a fresh app on a new phone (its own keystore).
            AppShell(language = "en-US").use { fresh ->
                assertFalse(fresh.view().rtl)
                fresh.firstRun("٤٨٠٩١٣")
                fresh.send(Event.Navigate(Destination.BACKUP))
                fresh.fileToPick = file
                fresh.send(Event.Choose(Choice.Restore))
                assertEquals(1, fresh.picks)
                fresh.secret(SecretField.PASSPHRASE, PASSPHRASE)
                fresh.send(Event.Submit)
                val report = (fresh.screen() as Screen.Backup).v1.report
                assertEquals("One account restored.", report.first(), "the bank card stays out of a plain backup")
                fresh.send(Event.Navigate(Destination.CODES))
                fresh.now = s.now
                fresh.tick()
                val restored = fresh.codes().rows.single()
                assertEquals("Example", restored.issuer)
                assertEquals(KotlinTotp.code(Rfc6238.sha1Key, fresh.now.toLong() / 30, 8), asciiDigits(restored.code))
            }
        }
    }

    @Test
    fun `slow work runs off the UI thread and comes back once`() {
        AppShell(language = "en-US").use { s ->
            s.firstRun()
            // A work held back: the app keeps answering, one work at a time.
            s.send(Event.Background(s.now))
            val effects = s.app.update(Event.PinText("480913".toByteArray()))
            val work = effects.filterIsInstance<Effect.Work>().single().v1
            assertNotNull(s.view().busy, "progress while the work is out")
            assertTrue(s.app.update(Event.PinText("480913".toByteArray())).none { it is Effect.Work }, "one work at a time")
            // Run twice, on two threads: the second does nothing.
            val threads = List(2) { Thread { work.run() } }
            threads.forEach { it.start() }
            threads.forEach { it.join() }
            s.send(Event.WorkDone(work))
            assertNull(s.view().busy)
            assertEquals(0, s.codes().rows.size)
            // Sent back a second time: not the app's any more, ignored.
            s.send(Event.WorkDone(work))
            assertEquals(0, s.codes().rows.size)
            work.close()
        }
    }
}
