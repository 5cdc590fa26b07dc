// A minimal test runner: no JUnit on the classpath, only kotlinc, the
// Kotlin stdlib and JNA. Prints one line per test and a closing
// "N passed, N failed" line. Also the fixtures every suite shares: a
// vault in a fresh temporary directory, and the PINs.
package app.ramz.tests

import app.ramz.core.*
import java.io.File
import java.nio.file.Files

class AssertionFailed(msg: String) : Exception(msg)

object Harness {
    var passed = 0
    var failed = 0

    fun test(name: String, body: () -> Unit) {
        val start = System.nanoTime()
        try {
            body()
            passed++
            println("ok   $name (${(System.nanoTime() - start) / 1_000_000} ms)")
        } catch (e: Throwable) {
            failed++
            println("FAIL $name: ${e::class.simpleName}: ${e.message}")
            e.stackTrace.take(4).forEach { println("       at $it") }
        }
    }
}

fun check(cond: Boolean, what: () -> String) {
    if (!cond) throw AssertionFailed(what())
}

fun <T> assertEq(expected: T, actual: T, what: String = "") {
    if (expected != actual) throw AssertionFailed("$what expected <$expected>, got <$actual>")
}

/** Runs [body], expecting it to throw [E]; returns the exception. */
inline fun <reified E : Throwable> assertThrows(body: () -> Unit): E {
    try {
        body()
    } catch (e: Throwable) {
        if (e is E) return e
        throw AssertionFailed("expected ${E::class.simpleName}, got ${e::class.simpleName}: ${e.message}")
    }
    throw AssertionFailed("expected ${E::class.simpleName}, nothing thrown")
}

/** A device time after the plausibility floor (2025). */
const val NOW: ULong = 1_750_000_100uL

/** The PIN as an app would pass it: bytes it can wipe afterwards. */
fun pin(text: String = "480913"): ByteArray = text.toByteArray(Charsets.UTF_8)

/** A fresh directory, deleted when the JVM exits. */
fun tempDir(): File {
    val dir = Files.createTempDirectory("ramz-kotlin-").toFile()
    Runtime.getRuntime().addShutdownHook(Thread { dir.deleteRecursively() })
    return dir
}

/** A vault file path that does not exist yet. */
fun vaultPath(): String = File(tempDir(), "vault.ramz").path

/** Creates an unlocked vault with the default (slow) Argon2 settings. */
fun newVault(keystore: DeviceKeystore = SoftwareKeystore(), path: String = vaultPath()): Authenticator {
    val p = pin()
    try {
        return Authenticator.create(path, p, keystore, NOW)
    } finally {
        p.fill(0)
    }
}

fun totpEntry(issuer: String, account: String, alg: HashAlgorithm = HashAlgorithm.SHA1, digits: UInt = 6u, period: ULong = 30uL) =
    ManualEntry(issuer = issuer, account = account, hotp = false, period = period, digits = digits, algorithm = alg)

fun Authenticator.addKey(entry: ManualEntry, key: ByteArray): AccountInfo =
    addManual(entry, Base32.encode(key).toByteArray(), NOW)
