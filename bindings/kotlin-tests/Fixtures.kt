// The fixtures every test class shares: a vault in a fresh temporary
// directory, the PINs, and the entries the tests add. The tests run on
// JUnit 5 (scripts/checks/50-bindings.sh), asserting with kotlin.test.
package app.ramz.tests

import app.ramz.core.*
import app.ramz.core.records.*
import java.io.File
import java.nio.file.Files

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

fun totpEntry(issuer: String, account: String, alg: Algorithm = Algorithm.SHA1, digits: UInt = 6u, period: ULong = 30uL) =
    ManualEntry(issuer = issuer, account = account, hotp = false, period = period, digits = digits, algorithm = alg)

/** A 20-byte key of its own for each `n` (the vault refuses a credential twice). */
fun distinctKey(n: Int): ByteArray = ByteArray(20) { (n * 7 + it + 1).toByte() }

fun Authenticator.addKey(entry: ManualEntry, key: ByteArray): AccountInfo =
    addManual(entry, Base32.encode(key).toByteArray(), NOW)
