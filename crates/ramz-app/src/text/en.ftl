### Ramz app: English. Every id here must exist in fa.ftl too (tested).

app-name = Ramz
next = Next
add = Add
retry = Try again
rename = Rename
delete = Delete
saved = Saved
deleted = Deleted
to-codes = Back to my codes
language-fa = فارسی
language-en = English
seconds = { $count ->
    [one] { $count } second
   *[other] { $count } seconds
}
minutes = { $count ->
    [one] { $count } minute
   *[other] { $count } minutes
}

## Progress
busy-opening = Opening your vault…
busy-creating = Creating your vault…
busy-unlocking = Unlocking…
busy-saving = Saving…
busy-reading = Reading the code…
busy-checking-pin = Checking your PIN…
busy-changing-pin = Changing your PIN…
busy-activating = Activating your card…
busy-exporting = Encrypting the backup…
busy-verifying = Checking the backup…
busy-restoring = Restoring the backup…

## First run
first-run-title = Welcome
first-run-welcome = Ramz keeps your bank cards' second passwords and your two-step codes on this phone. Choose your language.
first-run-pin-heading = Choose a 6-digit PIN. You will need it to open Ramz.
first-run-biometrics-heading = Unlock faster
biometrics-offer = Unlock Ramz with your fingerprint or face instead of typing the PIN?
biometrics-accept = Use biometrics
biometrics-decline = Not now
biometrics-reason = Unlock Ramz
biometrics-failed = Biometric unlock did not work. Type your PIN.

## PIN
pin-enter = Enter your PIN
pin-new = Choose a new PIN
pin-again = Type the new PIN again
pin-current = Enter your current PIN
pin-mismatch = The two PINs are different. Choose a PIN again.
pin-wrong = Wrong PIN.
pin-changed = Your PIN was changed.
pin-not-six-digits = The PIN has { $length } digits.
pin-weak-same = A PIN of one repeated digit is too easy to guess.
pin-weak-ascending = A run like 123456 is too easy to guess.
pin-weak-descending = A run like 654321 is too easy to guess.
pin-weak-common = This PIN is one of the most common ones. Choose another.

## Lock
lock-title = Ramz is locked
lock-attempts-left = { $count ->
    [one] Last attempt: one more wrong PIN erases the vault.
   *[other] { $count } attempts left before the vault is erased.
}
lock-wait = Too many wrong PINs. Try again in { $time }.
lock-biometrics = Unlock with biometrics

## Notices
notice-wiped-title = Vault erased
notice-wiped-heading = Your vault was erased after too many wrong PINs.
notice-wiped-body = Set up Ramz again and restore your latest backup. Bank cards are never in a backup without your PIN: activate them again at your bank.
notice-start-over = Set up again
notice-damaged-title = Vault damaged
notice-damaged-heading = Your vault cannot be read.
notice-damaged-body = The file may be damaged. Nothing was erased. If trying again does not help, reinstall Ramz and restore your latest backup; activate bank cards again at your bank.
notice-try-again = Try again

## Codes
codes-title = Codes
codes-search = Search
codes-add = Add account
codes-empty = No accounts yet. Tap "Add account" to scan a QR code or type a key.
codes-no-match = No account matches your search.
badge-bank-card = Bank card
hotp-tap = Tap for a code
hotp-counter = Counter { $counter }
copied = Copied. The clipboard is cleared in { $seconds } seconds.
banner-clock-drift = Your phone's clock is { $seconds ->
    [one] { $seconds } second
   *[other] { $seconds } seconds
} off. Codes use the corrected time.
banner-clock-wrong = Your phone's date looks wrong. Codes will not work until it is set.
banner-backup = { $count ->
    [one] One account was added since your last backup.
   *[other] { $count } accounts were added since your last backup.
}
a11y-code = { $issuer }: code { $code }, expires in { $seconds ->
    [one] { $seconds } second
   *[other] { $seconds } seconds
}
a11y-hotp = { $issuer }: code { $code }
a11y-hotp-none = { $issuer }: tap to make the next code

## Add
scan-title = Scan a QR code
scan-hint = Point the camera at the QR code.
scan-paste = Paste
scan-manual = Type a key
scan-batch-progress = Scanned { $seen } of { $count } codes. Scan the next one.
manual-title = Add an account
confirm-title = Add this account?
batch-title = Import accounts
already-in-vault = Already in your vault
weak-secret = This key is shorter than recommended.
added = { $count ->
    [one] Account added.
   *[other] { $count } accounts added.
}
added-with-duplicates = { $count ->
    [0] Nothing added
    [one] One account added
   *[other] { $count } accounts added
}; { $duplicates ->
    [one] one was already in your vault.
   *[other] { $duplicates } were already in your vault.
}
batch-part = Code { $index } of { $count }
batch-rejected = { $count ->
    [one] One entry cannot be imported.
   *[other] { $count } entries cannot be imported.
}
batch-add = { $count ->
    [one] Add one account
   *[other] Add { $count } accounts
}
kind-totp = Time-based, every { $period } s
kind-hotp = Counter-based, at { $counter }
kind-steam = Steam Guard

digits-count = { $count } digits
field-issuer = Service
field-account = Account
field-secret = Key
field-digits = Digits
field-period = Seconds per code
field-counter = Counter
field-secret-empty = Type the key the service showed you.
field-secret-error = This is not a valid key. Keys use the letters A–Z and digits 2–7.
field-digits-error = Codes have 6, 7 or 8 digits.
field-period-error = Type the seconds per code (usually 30).
field-label-empty = Type the service or the account name.
field-label-error = A name is too long or has characters that are not allowed.
foreign-title = Not an account
foreign-heading = This QR code is not a two-step code.
foreign-link = It is a web link. Ramz adds nothing from it.
foreign-wifi = It is a Wi-Fi network. Ramz adds nothing from it.
foreign-link-host = It is a link to the website { $host }. Ramz adds nothing from it.
foreign-email = It is an e-mail address. Ramz adds nothing from it.
foreign-phone = It is a phone number. Ramz adds nothing from it.
foreign-sms = It is a text message to send. Ramz adds nothing from it.
foreign-contact = It is a contact card. Ramz adds nothing from it.
foreign-place = It is a place on a map. Ramz adds nothing from it.
foreign-other = It holds text that Ramz cannot use. Nothing was added.
foreign-scan-again = Scan another code
input-algorithm = This code uses an algorithm Ramz does not support.
input-uri = This code is damaged or incomplete.
input-migration = This export code is damaged. Export again from the other app.
input-activation = This bank activation code is damaged or from a newer version.
input-frame = The camera picture could not be read.
input-other = This cannot be added.

## Bank activation
activation-title = Activate a bank card
activation-expires = Expires in { $time }
activation-submit = Activate
field-sms-code = Code from the bank's SMS
sms-code-format = The SMS code has { $count } digits.
activation-wrong-code = { $count ->
    [0] Wrong code. No attempts are left.
    [one] Wrong code. One attempt left.
   *[other] Wrong code. { $count } attempts left.
}
activation-expired = The activation expired.
activation-expired-body = Start a new activation at your bank's website or branch.
activation-failed = The activation cannot be completed.
activation-burned-body = Too many wrong codes, or this activation was already used. Start a new activation at your bank.
activation-network = No connection to the bank. Check the internet and try again.
activation-server-error = The bank's server answered with error { $status }. Try again later.
activation-bad-response = The bank's answer could not be verified. Nothing was added.
activation-host-not-allowed = This activation code sends your SMS code to { $host }, which is not a server of the banks Ramz works with. The code may be forged: do not type your SMS code. Start again on your bank's own website or app.
activation-done = Card activated
activation-done-body = Your { $bank } card's second password is ready in Ramz.

## Account
account-title = Account
detail-kind = Type
detail-period = Code changes every
detail-algorithm = Algorithm
detail-bank = Bank
detail-secret = Key
detail-secret-hidden = Kept on this phone only; never shown or exported.
delete-confirm = Delete { $issuer }? You will no longer get its codes here.
delete-confirm-card = Delete the { $issuer } card? Enter your PIN. You will have to activate it again at your bank.

## Backup
backup-title = Backup
backup-last = Last backup: { $date }
backup-never = No backup yet.
backup-export = Save a backup
backup-verify = Check a backup
backup-restore = Restore a backup
backup-include-cards = Include bank cards (needs your PIN)
backup-saved = Backup saved.
backup-wrong-passphrase = Wrong passphrase for this backup.
backup-bad-file = This is not a Ramz backup, or it is damaged.
field-passphrase = Backup passphrase
field-passphrase-again = Passphrase again
passphrase-mismatch = The two passphrases are different.
passphrase-too-short = Use at least { $count } characters.
passphrase-too-simple = Too simple: use letters and digits, not one repeated character.
passphrase-strength = { $score ->
    [2] Strength: fair
    [3] Strength: good
   *[other] Strength: strong
}
verify-matches = This backup holds all your accounts.
verify-differs = This backup differs from your vault.
verify-identical = { $count ->
    [one] One account is the same.
   *[other] { $count } accounts are the same.
}
verify-only-in-vault = { $count ->
    [one] One account is missing from the backup.
   *[other] { $count } accounts are missing from the backup.
}
verify-only-in-backup = { $count ->
    [one] One account is only in the backup.
   *[other] { $count } accounts are only in the backup.
}
verify-left-out = { $count ->
    [one] One bank card was left out on purpose.
   *[other] { $count } bank cards were left out on purpose.
}
restore-added = { $count ->
    [one] One account restored.
   *[other] { $count } accounts restored.
}
restore-already = { $count ->
    [one] One account was already there.
   *[other] { $count } accounts were already there.
}

## Settings
settings-title = Settings
settings-biometrics = Unlock with biometrics
field-clock-offset = Clock correction (seconds)
clock-device = Codes use this phone's clock.
clock-server = Codes use your bank's time ({ $seconds } s from this phone).
clock-manual = Codes use a manual correction of { $seconds } s.
clock-offset-error = Type a whole number of seconds, like -30 or 45.
about = Ramz { $version } · Apache-2.0 OR MIT

## Errors
error-locked = Ramz is locked.
error-storage = Could not save. Check the free space and try again.
error-internal = Something went wrong. Try again.

## Transfer to a new phone
transfer-title = Transfer to a new phone
transfer-pin = Enter your PIN to show your accounts as QR codes
transfer-intro = Your accounts are shown as QR codes that Google Authenticator or Ramz on the new phone can scan. Anyone who sees them can copy your accounts.
transfer-part = Code { $index } of { $count }
transfer-hint = On the new phone, scan this code, then go to the next one.
transfer-hint-last = On the new phone, scan this code.
transfer-nothing = There are no accounts to transfer.
transfer-bank-cards = { $count ->
    [one] This bank card does not move: activate it again at your bank on the new phone.
   *[other] These { $count } bank cards do not move: activate them again at your bank on the new phone.
}
transfer-previous = Previous code
transfer-next = Next code

## Import from another app
scan-import = Import from another app
busy-reading-file = Reading the file…
import-title = Import from another app
import-hint-pick = Choose the export file of your other authenticator app.
import-hint-passphrase = This file is encrypted. Type the password you chose when you exported it.
import-hint-choose = Choose the accounts to add. Nothing is added until you confirm.
import-source = From { $app }
import-source-encrypted = From { $app }, encrypted
import-app-otpauth = a list of otpauth links
import-passphrase = Export password
import-open = Open the file
import-pick = Choose another file
import-entry-number = Entry { $index }
import-skipped = { $entry }: { $reason }
skip-unsupported-type = this kind of code is not supported
skip-unsupported-algorithm = its hash algorithm is not supported
skip-missing-secret = it has no key
skip-bad-secret = its key is not valid
skip-digits = its number of digits is not supported
skip-period = its time step is not supported
skip-counter = its counter is not valid
skip-not-a-code = it is not a two-step code
skip-trashed = it is in the other app's trash
skip-malformed = the entry is damaged
import-passphrase-needed = This file is encrypted: type its password.
import-wrong-passphrase = Wrong password for this file. Nothing was added; try again.
import-damaged = The file is damaged or incomplete. Nothing was added. Export it again from the other app.
import-empty = The file is empty. Nothing was added.
import-unknown = Ramz cannot read this file. Choose an export of Aegis, 2FAS, Bitwarden, Ente Auth, Proton Authenticator, LastPass or andOTP, or a list of otpauth links.
import-unsupported-version = This export comes from a version of the app that Ramz cannot read yet. Nothing was added.
import-no-password-slot = This Aegis vault opens only with the phone that made it. In Aegis, export it again with a password.
import-encrypted-bitwarden = This Bitwarden export is locked to your Bitwarden account. In Bitwarden, export again as .json or .csv without encryption.
import-too-large = The file is too large. Nothing was added.
import-bad-kdf = The file's encryption settings are not valid or would take too long to open. Nothing was added.
import-done = Import finished
import-done-added = { $count ->
    [0] No account was added.
    [one] One account was added.
   *[other] { $count } accounts were added.
}
import-done-duplicates = { $count ->
    [one] One was already in your vault.
   *[other] { $count } were already in your vault.
}
import-done-skipped = { $count ->
    [one] One entry of the file could not be imported.
   *[other] { $count } entries of the file could not be imported.
}
