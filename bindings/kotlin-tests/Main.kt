package app.ramz.tests

import kotlin.system.exitProcess

fun main() {
    vaultSuite()
    codesSuite()
    accountsSuite()
    scanSuite()
    backupSuite()
    activationSuite()
    threadsSuite()
    benchSuite()
    println("${Harness.passed} passed, ${Harness.failed} failed")
    if (Harness.failed > 0) exitProcess(1)
}
