package ir.ramz.shell

import java.io.File
import java.util.Locale
import kotlin.system.exitProcess

/** JVM tests of the Android shell's platform-free logic. Prints "N passed, N failed". */
private var passed = 0
private var failed = 0

private fun test(name: String, body: () -> Unit) {
    try {
        body()
        passed++
        println("ok   $name")
    } catch (e: Throwable) {
        failed++
        println("FAIL $name: ${e.message}")
    }
}

private fun check(cond: Boolean, what: () -> String) {
    if (!cond) throw AssertionError(what())
}

private fun <T> eq(actual: T, expected: T) = check(actual == expected) { "expected <$expected>, got <$actual>" }

fun main(args: Array<String>) {
    val res = File(args.getOrElse(0) { "android/app/src/main/res" })

    test("typed Persian and Arabic-Indic digits normalise to ASCII") {
        eq(Digits.normalize("۱۲۳ ۴۵۶"), "123456")
        eq(Digits.normalize("٠١٢٣٤٥٦٧٨٩"), "0123456789")
        eq(Digits.normalize("\u200F12-34"), "1234")
        eq(Digits.normalize("12a4"), null)
    }

    test("codes are grouped, isolated LTR, optionally in Persian digits") {
        eq(CodeDisplay.group("123456"), "123 456")
        eq(CodeDisplay.group("12345678"), "1234 5678")
        eq(CodeDisplay.group("2BCDF"), "2BCDF")
        eq(CodeDisplay.format("123456", DigitStyle.PERSIAN), "\u2066۱۲۳ ۴۵۶\u2069")
        eq(CodeDisplay.format("123456", DigitStyle.LATIN), "\u2066123 456\u2069")
        eq(CodeDisplay.forClipboard("123456"), "123456")
    }

    test("countdown shows the next code in the last seconds") {
        val start = Countdown(60, 60)
        eq(start.fraction, 1.0f)
        check(!start.showNext) { "start shows next" }
        val end = Countdown(4, 60)
        check(end.showNext && end.urgent) { "end" }
        check(Countdown(0, 0).isCounterBased) { "hotp" }
    }

    test("PIN pad accepts Persian keys, yields bytes, wipes") {
        val pin = PinEntry()
        "۱۲٣4x56".forEach { pin.press(it) }
        eq(pin.entered, 6)
        val bytes = pin.take()!!
        eq(String(bytes, Charsets.US_ASCII), "123456")
        bytes.fill(0)
        check(!pin.press('7')) { "accepted a 7th digit" }
        pin.wipe()
        eq(pin.entered, 0)
        eq(pin.take(), null)
    }

    test("new PIN must be entered twice") {
        val flow = NewPinFlow()
        val e = PinEntry()
        "135790".forEach { e.press(it) }
        eq(flow.submit(e), null)
        eq(flow.step, NewPinFlow.Step.CONFIRM)
        "۱۳۵۷۹۰".forEach { e.press(it) }
        eq(flow.submit(e)?.let { String(it, Charsets.US_ASCII) }, "135790")
        "135790".forEach { e.press(it) }
        flow.submit(e)
        "135791".forEach { e.press(it) }
        eq(flow.submit(e), null)
        eq(flow.step, NewPinFlow.Step.MISMATCH)
    }

    val en = StringTable.parse(File(res, "values/strings.xml"), Locale.ENGLISH)
    val fa = StringTable.parse(File(res, "values-fa/strings.xml"), Locale.forLanguageTag("fa-IR"))

    test("fa and en ship the same strings with the same placeholders") {
        eq(fa.keys, en.keys)
        val placeholder = Regex("%\\d+\\$[sd]")
        for (k in en.keys) {
            eq(placeholder.findAll(fa.raw(k)).map { it.value }.toSet(), placeholder.findAll(en.raw(k)).map { it.value }.toSet())
        }
    }

    test("fa strings are right-to-left text") {
        for (k in fa.keys) {
            val s = fa.raw(k)
            check(s.any { Character.getDirectionality(it) == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC }) { "$k is not Persian: $s" }
        }
    }

    test("unlock outcomes read naturally, with Persian digits under fa") {
        val wrong = UnlockMessages.of(UnlockView.WrongPin(attemptsLeft = 6, waitSeconds = 30))!!
        eq(en.format(wrong), "Wrong PIN. 6 attempts left. Try again in 30 seconds.")
        check(fa.format(wrong).contains("۶") && fa.format(wrong).contains("۳۰")) { fa.format(wrong) }
        eq(UnlockMessages.of(UnlockView.Unlocked), null)
        check(en.format(UnlockMessages.of(UnlockView.Wiped)!!).contains("erased")) { "wiped" }
        eq(en.format(UnlockMessages.of(UnlockView.WrongPin(2, 0))!!), "Wrong PIN. 2 attempts left.")
    }

    println("$passed passed, $failed failed")
    if (failed > 0) exitProcess(1)
}
