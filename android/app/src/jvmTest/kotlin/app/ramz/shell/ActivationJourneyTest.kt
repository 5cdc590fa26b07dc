// A bank card activation through the runner's Http effect: the request
// goes out through HttpSender to a local server playing the bank (the
// bindings suite's KotlinBank, protocol v1), and the answer comes back as
// HttpResponse. The https URL the app asks for is sent to the local server
// by the test's opener; nothing leaves the machine.
package app.ramz.shell

import app.ramz.app.Event
import app.ramz.app.Screen
import app.ramz.app.SecretField
import app.ramz.core.records.ActivationRequest
import app.ramz.tests.KotlinBank
import app.ramz.tests.NOW
import com.sun.net.httpserver.HttpServer
import java.net.HttpURLConnection
import java.net.InetSocketAddress
import java.net.URL
import kotlin.test.AfterTest
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertNotNull
import kotlin.test.assertTrue

class ActivationJourneyTest {
    private val bank = KotlinBank(smsCode = "4821", expiresAt = NOW.toLong() + 300)
    private val server = HttpServer.create(InetSocketAddress("127.0.0.1", 0), 0)
    private val requests = mutableListOf<String>()

    init {
        server.createContext("/") { ex ->
            val url = bank.url + ex.requestURI.path
            requests += "${ex.requestMethod} $url"
            val body = ex.requestBody.readBytes()
            val req = ActivationRequest(url, ex.requestMethod, ex.requestHeaders.getFirst("Content-Type") ?: "", body)
            val (status, answer) = bank.complete(req, now = NOW.toLong())
            ex.sendResponseHeaders(status, answer.size.toLong())
            ex.responseBody.use { it.write(answer) }
        }
        server.start()
    }

    @AfterTest
    fun stop() = server.stop(0)

    private val toLocalBank = HttpSender { url ->
        URL("http://127.0.0.1:${server.address.port}${url.path}").openConnection() as HttpURLConnection
    }

    @Test
    fun cardIsActivatedThroughTheHttpEffect() {
        val shell = Shell(http = toLocalBank)
        shell.threads.nowMillis = NOW.toLong() * 1000
        shell.firstRun()
        shell.send(Event.Paste(bank.qr().toByteArray()))
        val offer = shell.platform.screen<Screen.Activation>().v1
        assertTrue(offer.server.contains("otp.bank.example"), "the customer sees the bank's server: ${offer.server}")

        // A mistyped SMS code: the bank refuses, the app says so, nothing stored.
        shell.send(Event.EditSecret(SecretField.SMS_CODE, "1111".toByteArray()))
        shell.send(Event.Submit)
        assertEquals(1, requests.size, "one request went out")
        assertTrue(requests.single().startsWith("POST https://otp.bank.example/v1/activations/"))
        assertNotNull(shell.platform.screen<Screen.Activation>().v1.error, "the refusal is shown")
        assertEquals(null, bank.seed)

        shell.send(Event.EditSecret(SecretField.SMS_CODE, "4821".toByteArray()))
        shell.send(Event.Submit)
        assertEquals(2, requests.size)
        assertNotNull(bank.seed, "the bank completed the activation")
        // Whatever the app shows next (a notice, then the list), the card
        // ends up on the code list with its badge.
        if (shell.platform.view?.screen is Screen.Notice) shell.send(Event.Submit)
        val rows = shell.platform.screen<Screen.Codes>().v1.rows
        assertNotNull(rows.single().badge, "the bank card is on the list")
    }
}
