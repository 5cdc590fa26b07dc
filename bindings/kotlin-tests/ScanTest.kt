// Scanning and pasting: otpauth URIs, Google Authenticator migration
// batches (encoded here by an independent protobuf writer), and camera
// frames (a QR code made by segno, see bindings/tools/make_qr_fixtures.py).
package app.ramz.tests

import app.ramz.core.*
import app.ramz.core.records.*
import java.io.File
import java.net.URLEncoder
import java.util.Base64
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertTrue

class ScanTest {
    @Test
    fun `pasted otpauth URI - preview without the secret, then add`() {
        newVault().use { auth ->
            val uri = otpauth("GitHub", "me", extra = "&digits=8")
            val scanned = auth.readText(uri.toByteArray()) as Scanned.Account
            assertEquals(AccountPreview("GitHub", "me", AccountKind.Totp(30uL), Algorithm.SHA1, 8u, false), scanned.account)
            assertTrue(!scanned.toString().contains(Base32.encode(Rfc6238.sha1Key)), "no secret in the preview")
            // A camera sees the same code many times: same pending id.
            assertEquals(scanned, auth.readText(uri.toByteArray()))
            val added = auth.addScanned(scanned.pending, NOW).single()
            assertEquals("GitHub", added.preview.issuer)
            assertEquals("94287082", auth.code(added.id, 59uL).code)
            assertFailsWith<RamzException.NotFound> { auth.addScanned(scanned.pending, NOW) }
            // The same code scanned again later: a duplicate, nothing added;
            // typing the same secret in by hand too.
            val rescanned = auth.readText(uri.toByteArray()) as Scanned.Account
            assertEquals(added.id, assertFailsWith<RamzException.Duplicate> { auth.addScanned(rescanned.pending, NOW) }.existing)
            assertEquals(added.id, assertFailsWith<RamzException.Duplicate> {
                auth.addKey(totpEntry("Other", "label", digits = 8u), Rfc6238.sha1Key)
            }.existing)
            // Cancelling forgets the scan.
            val other = auth.readText(otpauth("Mail", "me").toByteArray()) as Scanned.Account
            auth.discardScanned(other.pending)
            assertFailsWith<RamzException.NotFound> { auth.addScanned(other.pending, NOW) }
            assertEquals(1, auth.accounts().size)
        }
    }

    @Test
    fun `unknown, damaged and non-UTF-8 texts`() {
        newVault().use { auth ->
            assertEquals(Scanned.Unknown, auth.readText("https://example.com/hello".toByteArray()))
            assertEquals(Scanned.Invalid(InputReason.SECRET), auth.readText("otpauth://totp/x?secret=0000".toByteArray()))
            assertEquals(Scanned.Invalid(InputReason.MIGRATION), auth.readText("otpauth-migration://offline?data=%%%".toByteArray()))
            assertEquals(InputReason.NOT_AN_ACCOUNT, assertFailsWith<RamzException.InvalidInput> {
                auth.readText(byteArrayOf(0xc3.toByte(), 0x28))
            }.reason)
        }
    }

    @Test
    fun `migration batch 2 of 2 from a Google Authenticator export`() {
        newVault().use { auth ->
            val batch = Migration.uri(
                listOf(
                    Migration.Otp(Rfc6238.sha1Key, "alice@example.com", "Example", digits8 = true),
                    Migration.Otp(Rfc6238.sha1Key, "counter", "Hotp", hotp = true, counter = 3),
                    Migration.Otp(Rfc6238.sha256Key, "bob", "Example", algorithm = 2),
                    Migration.Otp(Rfc6238.sha1Key, "old", "Legacy", algorithm = 4), // MD5: refused
                ),
                batchSize = 2, batchIndex = 1,
            )
            val scanned = auth.readText(batch.toByteArray()) as Scanned.Migration
            assertEquals(2u, scanned.index)
            assertEquals(2u, scanned.count)
            assertEquals(1u, scanned.rejected, "the MD5 entry")
            assertEquals(listOf("Example", "Hotp", "Example"), scanned.accounts.map { it.issuer })
            assertEquals(AccountKind.Hotp(3uL), scanned.accounts[1].kind)
            val added = auth.addScanned(scanned.pending, NOW)
            assertEquals(3, added.size)
            assertEquals("94287082", auth.code(added[0].id, 59uL).code)
            assertEquals(Rfc4226.codes[3], auth.hotpNext(added[1].id, NOW))
            assertEquals(Algorithm.SHA256, added[2].preview.algorithm)
            assertEquals(KotlinTotp.code(Rfc6238.sha256Key, NOW.toLong() / 30, 6, "HmacSHA256"), auth.code(added[2].id, NOW).code)
        }
    }

    @Test
    fun `scan_frame - a camera frame, with and without row padding`() {
        val (pixels, width, height) = Pgm.read(File(fixtures(), "totp-rfc6238.pgm"))
        newVault().use { auth ->
            // A frame with no code in it.
            assertEquals(null, auth.scanFrame(ByteArray(64 * 64) { 200.toByte() }, 64u, 64u, 64u))
            val scanned = auth.scanFrame(pixels, width.toUInt(), height.toUInt(), width.toUInt()) as Scanned.Account
            assertEquals("Example", scanned.account.issuer)
            assertEquals("alice@example.com", scanned.account.account)
            assertEquals(8.toUByte(), scanned.account.digits)
            // Camera planes often have a row stride wider than the image.
            val stride = width + 24
            val padded = ByteArray(stride * height) { 128.toByte() }
            for (y in 0 until height) System.arraycopy(pixels, y * width, padded, y * stride, width)
            val again = auth.scanFrame(padded, width.toUInt(), height.toUInt(), stride.toUInt())
            assertEquals(scanned, again, "same code, same pending id")
            val id = auth.addScanned(scanned.pending, NOW).single().id
            assertEquals("94287082", auth.code(id, 59uL).code)
            assertEquals(InputReason.FRAME, assertFailsWith<RamzException.InvalidInput> {
                auth.scanFrame(pixels, width.toUInt(), height.toUInt(), (width - 1).toUInt())
            }.reason)
            assertEquals(InputReason.FRAME, assertFailsWith<RamzException.InvalidInput> {
                auth.scanFrame(pixels.copyOf(pixels.size / 2), width.toUInt(), height.toUInt(), width.toUInt())
            }.reason)
            auth.lock()
            assertFailsWith<RamzException.Locked> { auth.scanFrame(pixels, width.toUInt(), height.toUInt(), width.toUInt()) }
        }
    }
}

fun fixtures(): File = File(System.getProperty("ramz.fixtures") ?: "bindings/kotlin-tests/fixtures")

/** Binary PGM (P5, maxval 255) reader: the luma plane of a frame. */
object Pgm {
    fun read(file: File): Triple<ByteArray, Int, Int> {
        val bytes = file.readBytes()
        var pos = 0
        fun token(): String {
            while (bytes[pos].toInt().toChar().isWhitespace()) pos++
            val start = pos
            while (!bytes[pos].toInt().toChar().isWhitespace()) pos++
            return String(bytes, start, pos - start)
        }
        check(token() == "P5") { "not a binary PGM" }
        val w = token().toInt()
        val h = token().toInt()
        check(token() == "255") { "maxval" }
        pos++ // the single whitespace before the pixels
        return Triple(bytes.copyOfRange(pos, pos + w * h), w, h)
    }
}

/** Google Authenticator's MigrationPayload, written by hand (protobuf). */
object Migration {
    class Otp(
        val secret: ByteArray, val name: String, val issuer: String,
        val algorithm: Int = 1, val digits8: Boolean = false, val hotp: Boolean = false, val counter: Long = 0,
    )

    fun uri(otps: List<Otp>, batchSize: Int, batchIndex: Int): String {
        val payload = Proto()
        for (o in otps) {
            val p = Proto()
            p.bytes(1, o.secret)
            p.bytes(2, o.name.toByteArray())
            p.bytes(3, o.issuer.toByteArray())
            p.varint(4, o.algorithm.toLong())
            p.varint(5, if (o.digits8) 2 else 1)
            p.varint(6, if (o.hotp) 1 else 2)
            if (o.hotp) p.varint(7, o.counter)
            payload.bytes(1, p.toByteArray())
        }
        payload.varint(2, 1)
        payload.varint(3, batchSize.toLong())
        payload.varint(4, batchIndex.toLong())
        payload.varint(5, 424242)
        val data = Base64.getEncoder().encodeToString(payload.toByteArray())
        return "otpauth-migration://offline?data=" + URLEncoder.encode(data, "UTF-8")
    }

    private class Proto {
        private val out = java.io.ByteArrayOutputStream()
        private fun raw(v: Long) {
            var x = v
            while (x and 0x7fL.inv() != 0L) {
                out.write(((x and 0x7f) or 0x80).toInt())
                x = x ushr 7
            }
            out.write(x.toInt())
        }
        fun varint(field: Int, v: Long) { raw((field shl 3).toLong()); raw(v) }
        fun bytes(field: Int, b: ByteArray) { raw(((field shl 3) or 2).toLong()); raw(b.size.toLong()); out.write(b) }
        fun toByteArray(): ByteArray = out.toByteArray()
    }
}
