package ir.ramz.shell

/** How the code list shows one code. */
enum class DigitStyle { LATIN, PERSIAN }

/**
 * Formats codes for display. A code is a left-to-right token even inside a
 * right-to-left Persian sentence: without isolation, "۱۲۳ ۴۵۶" in an RTL
 * paragraph renders as "۴۵۶ ۱۲۳". Each formatted code is therefore wrapped
 * in LEFT-TO-RIGHT ISOLATE (U+2066) ... POP DIRECTIONAL ISOLATE (U+2069).
 */
object CodeDisplay {
    const val LRI = '\u2066'
    const val PDI = '\u2069'

    /** Groups digits for reading: 6 → 3+3, 8 → 4+4, 7 → 3+4, others unchanged up to 5. */
    fun group(code: String): String = when {
        code.length <= 5 -> code
        code.length % 2 == 0 -> code.substring(0, code.length / 2) + " " + code.substring(code.length / 2)
        else -> code.substring(0, code.length / 2) + " " + code.substring(code.length / 2)
    }

    /** Grouped, in the chosen digits, isolated as LTR. Steam codes (letters) are never converted. */
    fun format(code: String, style: DigitStyle): String {
        val grouped = group(code)
        val shown = if (style == DigitStyle.PERSIAN) Digits.toPersian(grouped) else grouped
        return "$LRI$shown$PDI"
    }

    /** What goes to the clipboard: plain ASCII, no grouping, no marks (bank forms want that). */
    fun forClipboard(code: String): String = code
}
