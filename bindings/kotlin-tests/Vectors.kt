// Known-answer vectors from the RFCs, and an independent base32 encoder so
// the secrets are typed the way a user would type them.
package app.ramz.tests

object Base32 {
    private const val ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"

    fun encode(bytes: ByteArray): String {
        val out = StringBuilder()
        var buffer = 0
        var bits = 0
        for (b in bytes) {
            buffer = (buffer shl 8) or (b.toInt() and 0xff)
            bits += 8
            while (bits >= 5) {
                out.append(ALPHABET[(buffer shr (bits - 5)) and 31])
                bits -= 5
            }
        }
        if (bits > 0) out.append(ALPHABET[(buffer shl (5 - bits)) and 31])
        return out.toString()
    }
}

/** RFC 6238 Appendix B: (time, SHA1, SHA256, SHA512), 8 digits, 30 s. */
object Rfc6238 {
    val sha1Key = "12345678901234567890".toByteArray()
    val sha256Key = "12345678901234567890123456789012".toByteArray()
    val sha512Key = "1234567890123456789012345678901234567890123456789012345678901234".toByteArray()

    val table: List<Triple<Long, String, Pair<String, String>>> = listOf(
        Triple(59L, "94287082", Pair("46119246", "90693936")),
        Triple(1111111109L, "07081804", Pair("68084774", "25091201")),
        Triple(1111111111L, "14050471", Pair("67062674", "99943326")),
        Triple(1234567890L, "89005924", Pair("91819424", "93441116")),
        Triple(2000000000L, "69279037", Pair("90698825", "38618901")),
        Triple(20000000000L, "65353130", Pair("77737706", "47863826")),
    )
}

/** RFC 4226 Appendix D: HOTP codes for counters 0..9 of the SHA-1 key. */
object Rfc4226 {
    val codes = listOf(
        "755224", "287082", "359152", "969429", "338314",
        "254676", "287922", "162583", "399871", "520489",
    )
}
