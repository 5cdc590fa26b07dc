// A minimal test runner: no JUnit on the classpath, only kotlinc, the
// Kotlin stdlib and JNA. Prints one line per test and a closing
// "N passed, N failed" line.
package app.ramz.tests

class AssertionFailed(msg: String) : Exception(msg)

object Harness {
    var passed = 0
    var failed = 0

    fun test(name: String, body: () -> Unit) {
        try {
            body()
            passed++
            println("ok   $name")
        } catch (e: Throwable) {
            failed++
            println("FAIL $name: ${e::class.simpleName}: ${e.message}")
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
