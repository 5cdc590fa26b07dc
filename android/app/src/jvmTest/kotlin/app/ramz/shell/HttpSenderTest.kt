// The activation's HTTPS requests, sent to a local server (the test's
// opener points the https URL at it): what is sent, what comes back, and
// what counts as no answer.
package app.ramz.shell

import app.ramz.app.HttpRequest
import com.sun.net.httpserver.HttpServer
import java.net.HttpURLConnection
import java.net.InetSocketAddress
import java.net.URL
import java.util.concurrent.atomic.AtomicInteger
import kotlin.test.AfterTest
import kotlin.test.Test
import kotlin.test.assertContentEquals
import kotlin.test.assertEquals
import kotlin.test.assertIs
import kotlin.test.assertSame

class HttpSenderTest {
    private val server = HttpServer.create(InetSocketAddress("127.0.0.1", 0), 0)
    private var seen = ""
    private var seenBody = ByteArray(0)

    init {
        server.createContext("/activate") { ex ->
            seen = "${ex.requestMethod} ${ex.requestHeaders.getFirst("Content-Type")}"
            seenBody = ex.requestBody.readBytes()
            val answer = "activated".toByteArray()
            ex.sendResponseHeaders(200, answer.size.toLong())
            ex.responseBody.use { it.write(answer) }
        }
        server.createContext("/refused") { ex ->
            val answer = """{"error":"wrong_code"}""".toByteArray()
            ex.sendResponseHeaders(422, answer.size.toLong())
            ex.responseBody.use { it.write(answer) }
        }
        server.createContext("/huge") { ex ->
            ex.sendResponseHeaders(200, 0)
            ex.responseBody.use { out -> repeat(HttpSender.MAX_BODY / 1024 + 2) { out.write(ByteArray(1024)) } }
        }
        server.createContext("/redirect") { ex ->
            ex.responseHeaders.add("Location", "https://elsewhere.example/")
            ex.sendResponseHeaders(302, -1)
            ex.close()
        }
        server.start()
    }

    @AfterTest
    fun stop() = server.stop(0)

    private val opened = AtomicInteger()

    /** Sends https://bank.example/<path> to the local server instead. */
    private val sender = HttpSender { url ->
        opened.incrementAndGet()
        URL("http://127.0.0.1:${server.address.port}${url.path}").openConnection() as HttpURLConnection
    }

    private fun request(path: String, body: ByteArray = "{\"pk\":\"AAAA\"}".toByteArray()) =
        HttpRequest("https://bank.example$path", "POST", "application/json", body)

    @Test
    fun sendsTheRequestAndReturnsTheAnswer() {
        val answer = assertIs<HttpAnswer.Response>(sender.send(request("/activate")))
        assertEquals(200, answer.status)
        assertContentEquals("activated".toByteArray(), answer.body)
        assertEquals("POST application/json", seen)
        assertContentEquals("{\"pk\":\"AAAA\"}".toByteArray(), seenBody)
    }

    @Test
    fun anErrorStatusIsAnAnswerWithItsBody() {
        val answer = assertIs<HttpAnswer.Response>(sender.send(request("/refused")))
        assertEquals(422, answer.status)
        assertContentEquals("""{"error":"wrong_code"}""".toByteArray(), answer.body)
    }

    @Test
    fun aRedirectIsNotFollowed() {
        assertEquals(302, assertIs<HttpAnswer.Response>(sender.send(request("/redirect"))).status)
    }

    @Test
    fun noAnswerTooBigAnswerAndClearTextAreFailures() {
        assertSame(HttpAnswer.Failed, sender.send(request("/huge")))
        val closed = HttpSender { URL("http://127.0.0.1:1/").openConnection() as HttpURLConnection }
        assertSame(HttpAnswer.Failed, closed.send(request("/activate")))
        val before = opened.get()
        assertSame(HttpAnswer.Failed, sender.send(HttpRequest("http://bank.example/activate", "POST", "application/json", ByteArray(0))))
        assertSame(HttpAnswer.Failed, sender.send(HttpRequest("not a url", "POST", "application/json", ByteArray(0))))
        assertEquals(before, opened.get(), "nothing is opened for a clear-text or broken URL")
    }
}
