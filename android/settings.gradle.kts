// The Ramz Android project: open this folder (android/) in Android Studio.
// Before the first build, scripts/build-android.sh (from the repository
// root) builds libramz_ffi.so for each ABI into ramz-android's jniLibs.
pluginManagement {
    repositories {
        google()
        mavenCentral()
        gradlePluginPortal()
    }
}

dependencyResolutionManagement {
    repositoriesMode.set(RepositoriesMode.FAIL_ON_PROJECT_REPOS)
    repositories {
        google()
        mavenCentral()
    }
}

rootProject.name = "ramz"

// The SDK for banks: generated bindings, JNA, the native library per ABI,
// the Android Keystore `DeviceKeystore` and the vault's file place.
include(":ramz-android")
// The Ramz app: Compose screens over ramz-app's view model.
include(":app")
