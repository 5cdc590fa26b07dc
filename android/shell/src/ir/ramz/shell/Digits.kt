package ir.ramz.shell

/**
 * Digits as Iranian users type and read them. Persian (U+06F0..U+06F9) and
 * Arabic-Indic (U+0660..U+0669) keyboards produce different code points for
 * the same digits; everything the user types is normalised to ASCII before
 * it reaches the core, and codes may be shown in Persian digits.
 */
object Digits {
    private const val PERSIAN_ZERO = 0x06F0
    private const val ARABIC_INDIC_ZERO = 0x0660

    /** The ASCII digit for [c] in any of the three scripts, or null. */
    fun asciiDigit(c: Char): Char? = when (c.code) {
        in '0'.code..'9'.code -> c
        in PERSIAN_ZERO..PERSIAN_ZERO + 9 -> '0' + (c.code - PERSIAN_ZERO)
        in ARABIC_INDIC_ZERO..ARABIC_INDIC_ZERO + 9 -> '0' + (c.code - ARABIC_INDIC_ZERO)
        else -> null
    }

    /**
     * Normalises typed digits to ASCII, dropping spaces, hyphens and the
     * invisible direction marks RTL keyboards insert. Null if anything else
     * is present.
     */
    fun normalize(typed: CharSequence): String? {
        val out = StringBuilder(typed.length)
        for (c in typed) {
            if (isSeparator(c)) continue
            out.append(asciiDigit(c) ?: return null)
        }
        return out.toString()
    }

    /** ASCII digits rendered as Persian digits; other characters unchanged. */
    fun toPersian(text: CharSequence): String = buildString(text.length) {
        for (c in text) append(if (c in '0'..'9') (PERSIAN_ZERO + (c - '0')).toChar() else c)
    }

    private fun isSeparator(c: Char): Boolean =
        c == ' ' || c == '-' || c == '\u00A0' || c == '\u200E' || c == '\u200F' || c == '\u061C' ||
            c in '\u202A'..'\u202E' || c in '\u2066'..'\u2069'
}
