package app.ramz.tests

import app.ramz.core.*

fun totpEntry(issuer: String, account: String, alg: HashAlgorithm = HashAlgorithm.SHA1, digits: UInt = 6u, period: ULong = 30uL) =
    ManualEntry(issuer = issuer, account = account, hotp = false, period = period, digits = digits, algorithm = alg)

fun codesSuite() {
    Harness.test("RFC 6238 vectors through add_manual and codes()") {
        Authenticator.inMemory().use { auth ->
            val a1 = auth.addManual(totpEntry("RFC", "sha1", HashAlgorithm.SHA1, 8u), Base32.encode(Rfc6238.sha1Key).toByteArray())
            val a2 = auth.addManual(totpEntry("RFC", "sha256", HashAlgorithm.SHA256, 8u), Base32.encode(Rfc6238.sha256Key).toByteArray())
            val a3 = auth.addManual(totpEntry("RFC", "sha512", HashAlgorithm.SHA512, 8u), Base32.encode(Rfc6238.sha512Key).toByteArray())
            for ((t, c1, rest) in Rfc6238.table) {
                val codes = auth.codes(t.toULong())
                assertEq(listOf(a1.id, a2.id, a3.id), codes.map { it.id }, "order")
                assertEq(c1, codes[0].code, "sha1 at $t")
                assertEq(rest.first, codes[1].code, "sha256 at $t")
                assertEq(rest.second, codes[2].code, "sha512 at $t")
                assertEq((30 - t % 30).toULong(), codes[0].secondsLeft, "seconds left at $t")
                assertEq(30uL, codes[0].period)
                // The "next" code is the code of the following step.
                assertEq(auth.code(a1.id, (t + 30).toULong()).code, codes[0].next, "next at $t")
            }
        }
    }

    Harness.test("single code() matches codes() and period 60 counts down") {
        Authenticator.inMemory().use { auth ->
            val a = auth.addManual(totpEntry("Bank", "card", period = 60uL), Base32.encode(Rfc6238.sha1Key).toByteArray())
            val one = auth.code(a.id, 1_700_000_001uL)
            assertEq(auth.codes(1_700_000_001uL).single(), one)
            assertEq(60uL, one.period)
            assertEq((60 - 1_700_000_001L % 60).toULong(), one.secondsLeft)
            check(one.code.length == 6 && one.code.all { it.isDigit() }) { "six digits" }
        }
    }

    Harness.test("HOTP: RFC 4226 vectors and counter advance") {
        Authenticator.inMemory().use { auth ->
            val entry = ManualEntry("RFC", "hotp", hotp = true, period = 0uL, digits = 6u, algorithm = HashAlgorithm.SHA1)
            val a = auth.addManual(entry, Base32.encode(Rfc6238.sha1Key).toByteArray())
            assertEq(AccountKind.Hotp(0uL), a.kind)
            val row = auth.codes(1_700_000_000uL).single()
            assertEq("", row.code, "HOTP code hidden until asked")
            for (expected in Rfc4226.codes) assertEq(expected, auth.hotpNext(a.id))
            assertEq(AccountKind.Hotp(10uL), auth.accounts().single().kind)
        }
    }

    Harness.test("manual entry accepts what people type") {
        Authenticator.inMemory().use { auth ->
            val typed = Base32.encode(Rfc6238.sha1Key).lowercase().chunked(4).joinToString(" ")
            val a = auth.addManual(totpEntry("  GitHub ", "me@example.com", digits = 8u), typed.toByteArray())
            assertEq("GitHub", a.issuer)
            assertEq("94287082", auth.code(a.id, 59uL).code)
            check(!a.weakSecret) { "160-bit secret is not weak" }
            val weak = auth.addManual(totpEntry("Old", "x"), "JBSWY3DPEHPK3PXP".toByteArray())
            check(weak.weakSecret) { "80-bit secret is weak" }
        }
    }
}
