// Bank card activation end to end: the bank's side of protocol v1
// (docs/activation-protocol.md) written here in Kotlin with javax.crypto
// (X25519, HKDF-SHA-256, HMAC), the app's side through the bindings.
package app.ramz.tests

import app.ramz.core.*
import app.ramz.core.records.*
import java.io.ByteArrayOutputStream
import java.math.BigInteger
import java.nio.ByteBuffer
import java.security.KeyFactory
import java.security.KeyPair
import java.security.KeyPairGenerator
import java.security.MessageDigest
import java.security.PrivateKey
import java.security.SecureRandom
import java.security.interfaces.XECPublicKey
import java.security.spec.NamedParameterSpec
import java.security.spec.XECPublicKeySpec
import java.util.Base64
import javax.crypto.KeyAgreement
import javax.crypto.Mac
import javax.crypto.spec.SecretKeySpec
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertTrue

class ActivationTest {
    @Test
    fun `bank activation - QR, SMS code, request, answer, card code`() {
        val bank = KotlinBank(smsCode = "4821", expiresAt = NOW.toLong() + 300)
        newVault().use { auth ->
            val offer = auth.readText(bank.qr().toByteArray()) as Scanned.BankActivation
            assertEquals("Bank Melli", offer.issuer)
            assertEquals("6037-99**-****-1234", offer.maskedCard)
            assertEquals(NOW + 300uL, offer.expiresAt)
            // An activation is not an account.
            assertEquals(InputReason.NOT_AN_ACCOUNT, assertFailsWith<RamzException.InvalidInput> {
                auth.addScanned(offer.pending, NOW)
            }.reason)
            val notStarted = assertFailsWith<RamzException.Activation> { auth.completeActivation(200u, "{}".toByteArray(), NOW) }
            assertEquals(ActivationReason.NotStarted, notStarted.reason)
            assertEquals(ActivationReason.SmsCodeFormat, assertFailsWith<RamzException.Activation> {
                auth.beginActivation(offer.pending, "12".toByteArray())
            }.reason)

            // A mistyped SMS code: the bank refuses, the app may try again.
            val wrong = auth.beginActivation(offer.pending, "1234".toByteArray())
            val (status1, body1) = bank.complete(wrong, now = NOW.toLong())
            assertEquals(401, status1)
            val e = assertFailsWith<RamzException.Activation> { auth.completeActivation(status1.toUShort(), body1, NOW) }
            assertEquals(ActivationReason.WrongCode(2u), e.reason)

            // Typed in Persian digits this time.
            val req = auth.beginActivation(offer.pending, "۴۸۲۱".toByteArray())
            assertEquals(bank.url + "/v1/activations/" + b64(bank.id) + "/complete", req.url)
            assertEquals("POST", req.method)
            assertEquals("application/json", req.contentType)
            assertTrue(!String(req.body).contains("4821"), "the SMS code is never sent")
            // The bank's clock is 40 s ahead of the phone's.
            val (status, body) = bank.complete(req, now = NOW.toLong() + 40)
            assertEquals(200, status)
            val card = auth.completeActivation(status.toUShort(), body, NOW)
            assertEquals("Bank Melli", card.bankName)
            // Stored in the vault's canonical form (no separators).
            assertEquals("603799******1234", card.preview.account)
            assertTrue(!card.exportable, "a bank seed is not exportable")
            assertEquals(40L, auth.clockStatus(NOW).serverOffset)
            val seed = bank.seed ?: error("bank made no seed")
            val expected = KotlinTotp.code(seed, (NOW.toLong() + 40) / 60, 6)
            assertEquals(expected, auth.code(card.id, NOW).code, "the app's code is the bank's code")
            // The offer is used up.
            assertFailsWith<RamzException.NotFound> { auth.beginActivation(offer.pending, "4821".toByteArray()) }
        }
    }

    @Test
    fun `bank activation - forged answer and bank errors`() {
        val bank = KotlinBank(smsCode = "4821", expiresAt = NOW.toLong() + 300)
        newVault().use { auth ->
            val offer = auth.readText(bank.qr().toByteArray()) as Scanned.BankActivation
            auth.beginActivation(offer.pending, "4821".toByteArray())
            val forged = """{"version":1,"server_key":"${b64(ByteArray(32) { 9 })}","server_time":${NOW},"confirmation":"${b64(ByteArray(32))}"}"""
            assertEquals(ActivationReason.BadResponse, assertFailsWith<RamzException.Activation> {
                auth.completeActivation(200u, forged.toByteArray(), NOW)
            }.reason)
            val cases = listOf(
                Triple(410, "attempts_exhausted", ActivationReason.Burned),
                Triple(410, "expired", ActivationReason.Expired),
                Triple(409, "already_used", ActivationReason.Burned),
                Triple(503, "overloaded", ActivationReason.ServerError(503u)),
            )
            for ((status, error, reason) in cases) {
                val body = """{"error":"$error","detail":"x"}""".toByteArray()
                assertEquals(reason, assertFailsWith<RamzException.Activation> {
                    auth.completeActivation(status.toUShort(), body, NOW)
                }.reason, error)
            }
            assertEquals(0, auth.accounts().size, "nothing stored")
        }
    }
}

fun b64(b: ByteArray): String = Base64.getUrlEncoder().withoutPadding().encodeToString(b)

/** The bank's side of one activation, from the protocol document. */
class KotlinBank(val smsCode: String, val expiresAt: Long) {
    val url = "https://otp.bank.example"
    val issuer = "Bank Melli"
    val card = "6037-99**-****-1234"
    val period = 60
    val digits = 6
    val id = ByteArray(16).also(SecureRandom()::nextBytes)
    private val activationKey: KeyPair = x25519()
    var seed: ByteArray? = null
    private var attemptsLeft = 3

    fun qr(): String =
        "ramz://activate?v=1&url=${pct(url)}&id=${b64(id)}&key=${b64(raw(activationKey))}&iss=${pct(issuer)}" +
            "&card=${pct(card)}&alg=SHA1&digits=$digits&period=$period&exp=$expiresAt"

    /** Answers a completion request: (HTTP status, body). */
    fun complete(req: ActivationRequest, now: Long): Pair<Int, ByteArray> {
        val json = String(req.body)
        val a = Base64.getUrlDecoder().decode(field(json, "client_key"))
        val macC = Base64.getUrlDecoder().decode(field(json, "mac"))
        val tReq = f(LABEL) + f(url.toByteArray()) + f(id) + f(raw(activationKey)) + f(issuer.toByteArray()) +
            f(card.toByteArray()) + f("SHA1".toByteArray()) + byteArrayOf(digits.toByte()) +
            ByteBuffer.allocate(4).putInt(period).array() + ByteBuffer.allocate(8).putLong(expiresAt).array() + f(a)
        val z1 = dh(activationKey.private, a)
        val thReq = sha256(tReq)
        val kReq = expand(hmac(thReq, z1 + smsCode.toByteArray()), "ramz-activation/1 request mac", 32)
        if (!MessageDigest.isEqual(hmac(kReq, thReq), macC)) {
            attemptsLeft--
            return 401 to """{"error":"wrong_code","detail":"wrong code","attempts_left":$attemptsLeft}""".toByteArray()
        }
        val eph = x25519()
        val b = raw(eph)
        val tResp = tReq + f(macC) + f(b) + ByteBuffer.allocate(8).putLong(now).array()
        val thResp = sha256(tResp)
        val prk = hmac(thResp, z1 + dh(eph.private, a) + smsCode.toByteArray())
        val macS = hmac(expand(prk, "ramz-activation/1 server confirm", 32), thResp)
        seed = expand(prk, "ramz-activation/1 otp seed", 20)
        return 200 to """{"version":1,"server_key":"${b64(b)}","server_time":$now,"confirmation":"${b64(macS)}"}""".toByteArray()
    }

    private companion object {
        val LABEL = "ramz-activation/1".toByteArray()

        fun field(json: String, name: String): String =
            Regex("\"$name\"\\s*:\\s*\"([^\"]*)\"").find(json)?.groupValues?.get(1) ?: error("no $name in request")

        fun f(x: ByteArray): ByteArray = byteArrayOf((x.size shr 8).toByte(), x.size.toByte()) + x

        fun pct(s: String): String = buildString {
            for (b in s.toByteArray()) {
                val c = b.toInt() and 0xff
                if (c.toChar().isLetterOrDigit() && c < 0x80 || c.toChar() in "-_.~") append(c.toChar())
                else append("%%%02X".format(c))
            }
        }

        fun x25519(): KeyPair = KeyPairGenerator.getInstance("X25519").generateKeyPair()

        /** RFC 7748 raw public key: the u-coordinate, 32 bytes little-endian. */
        fun raw(kp: KeyPair): ByteArray {
            val be = (kp.public as XECPublicKey).u.toByteArray().dropWhile { it == 0.toByte() }.toByteArray()
            return ByteArray(32) { i -> if (i < be.size) be[be.size - 1 - i] else 0 }
        }

        fun dh(priv: PrivateKey, peerRaw: ByteArray): ByteArray {
            val u = BigInteger(1, peerRaw.reversedArray())
            val peer = KeyFactory.getInstance("X25519").generatePublic(XECPublicKeySpec(NamedParameterSpec.X25519, u))
            return KeyAgreement.getInstance("X25519").run { init(priv); doPhase(peer, true); generateSecret() }
        }

        fun sha256(b: ByteArray): ByteArray = MessageDigest.getInstance("SHA-256").digest(b)

        fun hmac(key: ByteArray, data: ByteArray): ByteArray =
            Mac.getInstance("HmacSHA256").run { init(SecretKeySpec(key, "HmacSHA256")); doFinal(data) }

        /** HKDF-Expand (RFC 5869) over SHA-256. */
        fun expand(prk: ByteArray, info: String, n: Int): ByteArray {
            val out = ByteArrayOutputStream()
            var t = ByteArray(0)
            var i = 1
            while (out.size() < n) {
                t = hmac(prk, t + info.toByteArray() + byteArrayOf(i.toByte()))
                out.write(t)
                i++
            }
            return out.toByteArray().copyOf(n)
        }
    }
}
