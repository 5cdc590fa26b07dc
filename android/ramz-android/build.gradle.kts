// ramz-android: the Ramz SDK as an Android library (AAR). What a bank
// embeds: the generated Kotlin bindings (compiled from bindings/kotlin, not
// copied), JNA, libramz_ffi.so per ABI (built by scripts/build-android.sh
// into src/main/jniLibs), the Android Keystore DeviceKeystore and the
// vault's place in noBackupFilesDir. See README.md.
plugins {
    alias(libs.plugins.android.library)
    alias(libs.plugins.kotlin.android)
}

android {
    namespace = "app.ramz.android"
    compileSdk = 36

    defaultConfig {
        // API 28 (Android 9): StrongBox and setUnlockedDeviceRequired for
        // the vault's keys, and BiometricPrompt. See android/README.md.
        minSdk = 28
        consumerProguardFiles("consumer-rules.pro")
    }

    sourceSets {
        getByName("main") {
            // The generated bindings, compiled in place: one source of
            // truth, checked against the library by scripts/checks/50.
            kotlin.srcDir("../../bindings/kotlin")
            // libramz_ffi.so per ABI: src/main/jniLibs/<abi>/ (the default).
        }
    }

    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
    }
    kotlinOptions {
        jvmTarget = "17"
    }
}

dependencies {
    // The bindings load libramz_ffi.so through JNA; the AAR carries JNA's
    // libjnidispatch.so for each ABI. `api`: the bindings' types expose it.
    // (`net.java.dev.jna:jna:<version>@aar`).
    api(libs.jna) {
        artifact { type = "aar" }
    }
}
