// One Authenticator shared between threads, as an app shares it between
// the UI, a worker and the camera analyser.
package app.ramz.tests

import app.ramz.core.*
import app.ramz.core.records.*
import java.io.File
import java.util.Collections
import java.util.concurrent.CountDownLatch
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertTrue

class ThreadsTest {
    @Test
    fun `threads - list refresh, camera frames and edits at once`() {
        val (pixels, width, height) = Pgm.read(File(fixtures(), "totp-rfc6238.pgm"))
        newVault().use { auth ->
            val rfc = auth.addKey(totpEntry("RFC", "sha1", digits = 8u), Rfc6238.sha1Key)
            val errors = Collections.synchronizedList(mutableListOf<Throwable>())
            val start = CountDownLatch(1)
            val pool = Executors.newFixedThreadPool(4)
            val tasks = listOf(
                // The list screen: every refresh sees a consistent list.
                pool.submit {
                    start.await()
                    repeat(2_000) { i ->
                        val t = 1_111_111_109uL + i.toULong() * 30uL
                        val first = auth.codes(t).first()
                        if (first.id != rfc.id || first.code != auth.code(rfc.id, t).code) error("inconsistent row $i")
                    }
                },
                // The camera analyser: decodes frames, always finds the code.
                pool.submit {
                    start.await()
                    repeat(20) {
                        val s = auth.scanFrame(pixels, width.toUInt(), height.toUInt(), width.toUInt())
                        if (s !is Scanned.Account) error("frame $it: $s")
                    }
                },
                // A worker adding and removing accounts.
                pool.submit {
                    start.await()
                    repeat(20) { i ->
                        val a = auth.addKey(totpEntry("T$i", "x"), Rfc6238.sha256Key)
                        auth.rename(a.id, "T$i", "y", NOW)
                        auth.delete(a.id)
                    }
                },
            )
            start.countDown()
            for (t in tasks) runCatching { t.get(120, TimeUnit.SECONDS) }.exceptionOrNull()?.let { errors += it.cause ?: it }
            pool.shutdown()
            assertTrue(pool.awaitTermination(120, TimeUnit.SECONDS), "threads finished")
            assertTrue(errors.isEmpty(), "errors: $errors")
            assertEquals(listOf(rfc.id), auth.accounts().map { it.id })
            assertEquals("07081804", auth.code(rfc.id, 1_111_111_109uL).code)
        }
    }
}
