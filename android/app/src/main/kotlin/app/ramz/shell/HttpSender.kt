package app.ramz.shell

import app.ramz.app.HttpRequest
import java.io.IOException
import java.io.InputStream
import java.net.HttpURLConnection
import java.net.URL

/** What came of an `Http` effect. */
sealed class HttpAnswer {
    /** The server answered (any status). */
    class Response(val status: Int, val body: ByteArray) : HttpAnswer()

    /** No answer: no network, TLS failure, timeout, or not HTTPS. */
    object Failed : HttpAnswer()
}

/**
 * Sends the app's HTTP requests (a bank activation) over HTTPS with the
 * platform's TLS and certificate checks. Blocking: on the io thread.
 *
 * Only `https:` URLs are sent (the manifest's network security config
 * also forbids clear text); redirects are not followed (a redirect is an
 * answer for the app); answers over [MAX_BODY] bytes are a failure.
 * `open` is the platform's `URL.openConnection`; tests point it at a
 * local server.
 */
class HttpSender(
    private val open: (URL) -> HttpURLConnection = { it.openConnection() as HttpURLConnection },
) {
    fun send(request: HttpRequest): HttpAnswer {
        val url = try {
            URL(request.url)
        } catch (e: IOException) {
            return HttpAnswer.Failed
        }
        if (url.protocol != "https") return HttpAnswer.Failed
        var connection: HttpURLConnection? = null
        return try {
            connection = open(url).apply {
                requestMethod = request.method
                instanceFollowRedirects = false
                useCaches = false
                connectTimeout = CONNECT_TIMEOUT_MS
                readTimeout = READ_TIMEOUT_MS
                setRequestProperty("Content-Type", request.contentType)
                if (request.body.isNotEmpty()) {
                    doOutput = true
                    setFixedLengthStreamingMode(request.body.size)
                    outputStream.use { it.write(request.body) }
                }
            }
            val status = connection.responseCode
            val stream = if (status >= 400) connection.errorStream else connection.inputStream
            val body = stream?.use { readCapped(it) } ?: ByteArray(0)
            if (body.size > MAX_BODY) HttpAnswer.Failed else HttpAnswer.Response(status, body)
        } catch (e: IOException) {
            HttpAnswer.Failed
        } finally {
            connection?.disconnect()
        }
    }

    private fun readCapped(input: InputStream): ByteArray {
        val out = java.io.ByteArrayOutputStream()
        val chunk = ByteArray(8192)
        while (out.size() <= MAX_BODY) {
            val n = input.read(chunk)
            if (n < 0) break
            out.write(chunk, 0, n)
        }
        return out.toByteArray()
    }

    companion object {
        /** Activation answers are a few hundred bytes. */
        const val MAX_BODY = 64 * 1024
        const val CONNECT_TIMEOUT_MS = 15_000
        const val READ_TIMEOUT_MS = 30_000
    }
}
