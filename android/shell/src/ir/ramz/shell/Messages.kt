package ir.ramz.shell

import java.util.Locale

/** A user-visible message: a string resource key and its arguments. */
data class Message(val key: String, val args: List<Any> = emptyList())

/**
 * What the PIN screen says after an unlock attempt. The shell maps the
 * core's unlock outcome onto this; the keys exist in both
 * `res/values/strings.xml` (en) and `res/values-fa/strings.xml` (fa).
 */
sealed interface UnlockView {
    data object Unlocked : UnlockView
    data class WrongPin(val attemptsLeft: Int, val waitSeconds: Long) : UnlockView
    data class LockedOut(val waitSeconds: Long) : UnlockView
    data object Wiped : UnlockView
}

object UnlockMessages {
    fun of(view: UnlockView): Message? = when (view) {
        UnlockView.Unlocked -> null
        is UnlockView.WrongPin ->
            if (view.waitSeconds > 0) Message("pin_wrong_wait", listOf(view.attemptsLeft, view.waitSeconds))
            else Message("pin_wrong", listOf(view.attemptsLeft))
        is UnlockView.LockedOut -> Message("pin_locked_out", listOf(view.waitSeconds))
        UnlockView.Wiped -> Message("vault_wiped")
    }
}

/**
 * Android string resources read as plain XML, for the JVM tests and for
 * tools; the app itself uses `R.string`. Formatting uses the locale, so
 * numbers come out in Persian digits under `fa`, as Android does.
 */
class StringTable(private val strings: Map<String, String>, private val locale: Locale) {
    val keys: Set<String> get() = strings.keys

    fun raw(key: String): String = strings[key] ?: error("missing string $key")

    fun format(message: Message): String = String.format(locale, raw(message.key), *message.args.toTypedArray())

    companion object {
        fun parse(xml: java.io.File, locale: Locale): StringTable {
            val factory = javax.xml.parsers.DocumentBuilderFactory.newInstance()
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true)
            val doc = factory.newDocumentBuilder().parse(xml)
            val nodes = doc.getElementsByTagName("string")
            val map = LinkedHashMap<String, String>()
            for (i in 0 until nodes.length) {
                val el = nodes.item(i) as org.w3c.dom.Element
                // Android escapes apostrophes and quotes with a backslash.
                map[el.getAttribute("name")] = el.textContent.replace("\\'", "'").replace("\\\"", "\"")
            }
            return StringTable(map, locale)
        }
    }
}
