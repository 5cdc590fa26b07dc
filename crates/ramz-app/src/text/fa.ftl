### رمز: فارسی. هر شناسه‌ای که اینجاست باید در en.ftl هم باشد (آزموده می‌شود).

app-name = رمز
next = ادامه
add = افزودن
retry = تلاش دوباره
rename = تغییر نام
delete = حذف
saved = ذخیره شد
deleted = حذف شد
to-codes = بازگشت به رمزها
language-fa = فارسی
language-en = English
seconds = { $count } ثانیه
minutes = { $count } دقیقه

## Progress
busy-opening = در حال باز کردن گاوصندوق…
busy-creating = در حال ساختن گاوصندوق…
busy-unlocking = در حال باز کردن قفل…
busy-saving = در حال ذخیره…
busy-reading = در حال خواندن کد…
busy-checking-pin = در حال بررسی رمز ورود…
busy-changing-pin = در حال تغییر رمز ورود…
busy-activating = در حال فعال‌سازی کارت…
busy-exporting = در حال رمزگذاری پشتیبان…
busy-verifying = در حال بررسی پشتیبان…
busy-restoring = در حال بازگردانی پشتیبان…

## First run
first-run-title = خوش آمدید
first-run-welcome = رمز، رمز دوم پویای کارت‌های بانکی و کدهای ورود دومرحله‌ای شما را روی همین گوشی نگه می‌دارد. زبان را انتخاب کنید.
first-run-pin-heading = یک رمز ورود ۶ رقمی انتخاب کنید. برای باز کردن رمز به آن نیاز دارید.
first-run-biometrics-heading = باز کردن سریع‌تر
biometrics-offer = رمز را به‌جای وارد کردن رمز ورود، با اثر انگشت یا چهره باز کنید؟
biometrics-accept = استفاده از زیست‌سنجی
biometrics-decline = فعلاً نه
biometrics-reason = باز کردن رمز
biometrics-failed = باز کردن با زیست‌سنجی نشد. رمز ورود را وارد کنید.

## PIN
pin-enter = رمز ورود را وارد کنید
pin-new = رمز ورود تازه را انتخاب کنید
pin-again = رمز ورود تازه را دوباره وارد کنید
pin-current = رمز ورود فعلی را وارد کنید
pin-mismatch = دو رمز ورود یکی نیستند. دوباره انتخاب کنید.
pin-wrong = رمز ورود نادرست است.
pin-changed = رمز ورود تغییر کرد.
pin-not-six-digits = رمز ورود { $length } رقم دارد.
pin-weak-same = رمز ورودی که یک رقم تکراری است، به‌آسانی حدس زده می‌شود.
pin-weak-ascending = رشته‌ای مثل ۱۲۳۴۵۶ به‌آسانی حدس زده می‌شود.
pin-weak-descending = رشته‌ای مثل ۶۵۴۳۲۱ به‌آسانی حدس زده می‌شود.
pin-weak-common = این رمز ورود از رایج‌ترین‌هاست. رمز دیگری انتخاب کنید.

## Lock
lock-title = رمز قفل است
lock-attempts-left = { $count ->
    [one] آخرین تلاش: یک رمز نادرست دیگر گاوصندوق را پاک می‌کند.
   *[other] { $count } تلاش تا پاک شدن گاوصندوق باقی است.
}
lock-wait = رمز نادرست زیاد وارد شد. { $time } دیگر دوباره تلاش کنید.
lock-biometrics = باز کردن با زیست‌سنجی

## Notices
notice-wiped-title = گاوصندوق پاک شد
notice-wiped-heading = گاوصندوق پس از چند رمز ورود نادرست پاک شد.
notice-wiped-body = رمز را دوباره راه بیندازید و آخرین پشتیبان را بازگردانید. کارت‌های بانکی بدون رمز ورود در پشتیبان نیستند: آن‌ها را دوباره در بانک فعال کنید.
notice-start-over = راه‌اندازی دوباره
notice-damaged-title = گاوصندوق آسیب دیده
notice-damaged-heading = گاوصندوق خوانده نمی‌شود.
notice-damaged-body = شاید پرونده آسیب دیده باشد. چیزی پاک نشده است. اگر تلاش دوباره کمک نکرد، رمز را دوباره نصب کنید و آخرین پشتیبان را بازگردانید؛ کارت‌های بانکی را دوباره در بانک فعال کنید.
notice-try-again = تلاش دوباره

## Codes
codes-title = رمزها
codes-search = جستجو
codes-add = افزودن حساب
codes-empty = هنوز حسابی نیست. برای خواندن کد QR یا وارد کردن کلید، «افزودن حساب» را بزنید.
codes-no-match = هیچ حسابی با جستجوی شما جور نیست.
badge-bank-card = کارت بانکی
hotp-tap = برای کد بزنید
hotp-counter = شمارنده { $counter }
copied = کپی شد. حافظه تا { $seconds } ثانیه دیگر پاک می‌شود.
banner-clock-drift = ساعت گوشی { $seconds } ثانیه جابه‌جاست. رمزها با زمان درست‌شده ساخته می‌شوند.
banner-clock-wrong = تاریخ گوشی نادرست به نظر می‌رسد. تا درست نشود، رمزها کار نمی‌کنند.
banner-backup = از آخرین پشتیبان { $count } حساب افزوده شده است.
a11y-code = { $issuer }: کد { $code }، { $seconds } ثانیه تا پایان اعتبار
a11y-hotp = { $issuer }: کد { $code }
a11y-hotp-none = { $issuer }: برای ساختن کد بعدی بزنید

## Add
scan-title = خواندن کد QR
scan-hint = دوربین را رو به کد QR بگیرید.
scan-paste = چسباندن
scan-manual = وارد کردن کلید
scan-batch-progress = { $seen } کد از { $count } کد خوانده شد. کد بعدی را بخوانید.
manual-title = افزودن حساب
confirm-title = این حساب افزوده شود؟
batch-title = وارد کردن حساب‌ها
already-in-vault = از پیش در گاوصندوق شماست
weak-secret = این کلید کوتاه‌تر از اندازهٔ پیشنهادی است.
added = { $count ->
    [one] حساب افزوده شد.
   *[other] { $count } حساب افزوده شد.
}
added-with-duplicates = { $count ->
    [0] چیزی افزوده نشد
   *[other] { $count } حساب افزوده شد
}؛ { $duplicates } حساب از پیش در گاوصندوق شما بود.
batch-part = کد { $index } از { $count }
batch-rejected = { $count } مورد وارد نمی‌شود.
batch-add = افزودن { $count } حساب
kind-totp = زمانی، هر { $period } ثانیه
kind-hotp = شمارشی، در { $counter }
kind-steam = Steam Guard

digits-count = { $count } رقم
field-issuer = سرویس
field-account = حساب
field-secret = کلید
field-digits = تعداد رقم
field-period = ثانیه برای هر کد
field-counter = شمارنده
field-secret-empty = کلیدی را که سرویس نشان داده وارد کنید.
field-secret-error = این کلید معتبر نیست. کلیدها از حرف‌های A تا Z و رقم‌های 2 تا 7 ساخته می‌شوند.
field-digits-error = کدها ۶، ۷ یا ۸ رقم دارند.
field-period-error = ثانیهٔ هر کد را وارد کنید (معمولاً ۳۰).
field-label-empty = نام سرویس یا حساب را وارد کنید.
field-label-error = یک نام بیش از اندازه بلند است یا نویسه‌های نامجاز دارد.
foreign-title = حساب نیست
foreign-heading = این کد QR کد ورود دومرحله‌ای نیست.
foreign-link = یک نشانی وب است. رمز چیزی از آن نمی‌افزاید.
foreign-wifi = یک شبکهٔ Wi-Fi است. رمز چیزی از آن نمی‌افزاید.
foreign-link-host = پیوندی به وب‌سایت { $host } است. رمز چیزی از آن نمی‌افزاید.
foreign-email = یک نشانی ایمیل است. رمز چیزی از آن نمی‌افزاید.
foreign-phone = یک شمارهٔ تلفن است. رمز چیزی از آن نمی‌افزاید.
foreign-sms = یک پیامک برای فرستادن است. رمز چیزی از آن نمی‌افزاید.
foreign-contact = یک کارت تماس است. رمز چیزی از آن نمی‌افزاید.
foreign-place = جایی روی نقشه است. رمز چیزی از آن نمی‌افزاید.
foreign-other = متنی دارد که رمز با آن کاری ندارد. چیزی افزوده نشد.
foreign-scan-again = خواندن کد دیگر
input-algorithm = این کد از الگوریتمی استفاده می‌کند که رمز پشتیبانی نمی‌کند.
input-uri = این کد آسیب دیده یا ناقص است.
input-migration = این کد انتقال آسیب دیده است. دوباره از برنامهٔ دیگر خروجی بگیرید.
input-activation = این کد فعال‌سازی بانک آسیب دیده یا از نسخهٔ تازه‌تری است.
input-frame = تصویر دوربین خوانده نشد.
input-other = این را نمی‌توان افزود.

## Bank activation
activation-title = فعال‌سازی کارت بانکی
activation-expires = { $time } تا پایان مهلت
activation-submit = فعال‌سازی
field-sms-code = کد پیامک بانک
sms-code-format = کد پیامک { $count } رقم دارد.
activation-wrong-code = { $count ->
    [0] کد نادرست است. تلاشی باقی نمانده است.
   *[other] کد نادرست است. { $count } تلاش باقی است.
}
activation-expired = مهلت فعال‌سازی گذشت.
activation-expired-body = فعال‌سازی تازه‌ای را در وبگاه یا شعبهٔ بانک آغاز کنید.
activation-failed = فعال‌سازی کامل نمی‌شود.
activation-burned-body = کد نادرست زیاد وارد شد یا این فعال‌سازی پیش‌تر به کار رفته است. فعال‌سازی تازه‌ای را در بانک آغاز کنید.
activation-network = اتصال به بانک برقرار نشد. اینترنت را بررسی کنید و دوباره تلاش کنید.
activation-server-error = سرور بانک خطای { $status } داد. بعداً دوباره تلاش کنید.
activation-bad-response = پاسخ بانک تأیید نشد. چیزی افزوده نشد.
activation-host-not-allowed = این کد فعال‌سازی، کد پیامکی شما را به { $host } می‌فرستد که سرور هیچ‌یک از بانک‌هایی که رمز با آن‌ها کار می‌کند نیست. ممکن است کد جعلی باشد: کد پیامکی را وارد نکنید. از وب‌سایت یا برنامهٔ خود بانک دوباره شروع کنید.
activation-done = کارت فعال شد
activation-done-body = رمز دوم کارت { $bank } شما در رمز آماده است.

## Account
account-title = حساب
detail-kind = نوع
detail-period = تغییر کد هر
detail-algorithm = الگوریتم
detail-bank = بانک
detail-secret = کلید
detail-secret-hidden = فقط روی همین گوشی نگه داشته می‌شود؛ هرگز نشان داده یا خارج نمی‌شود.
delete-confirm = { $issuer } حذف شود؟ دیگر کدهایش را اینجا نخواهید داشت.
delete-confirm-card = کارت { $issuer } حذف شود؟ رمز ورود را وارد کنید. باید آن را دوباره در بانک فعال کنید.

## Backup
backup-title = پشتیبان
backup-last = آخرین پشتیبان: { $date }
backup-never = هنوز پشتیبانی ندارید.
backup-export = ذخیرهٔ پشتیبان
backup-verify = بررسی پشتیبان
backup-restore = بازگردانی پشتیبان
backup-include-cards = کارت‌های بانکی هم باشند (رمز ورود لازم است)
backup-saved = پشتیبان ذخیره شد.
backup-wrong-passphrase = گذرواژهٔ این پشتیبان نادرست است.
backup-bad-file = این پرونده پشتیبان رمز نیست یا آسیب دیده است.
field-passphrase = گذرواژهٔ پشتیبان
field-passphrase-again = تکرار گذرواژه
passphrase-mismatch = دو گذرواژه یکی نیستند.
passphrase-too-short = دست‌کم { $count } نویسه به کار ببرید.
passphrase-too-simple = بیش از اندازه ساده است: حرف و رقم به کار ببرید، نه یک نویسهٔ تکراری.
passphrase-strength = { $score ->
    [2] استحکام: متوسط
    [3] استحکام: خوب
   *[other] استحکام: قوی
}
verify-matches = این پشتیبان همهٔ حساب‌های شما را دارد.
verify-differs = این پشتیبان با گاوصندوق شما فرق دارد.
verify-identical = { $count } حساب یکسان است.
verify-only-in-vault = { $count } حساب در پشتیبان نیست.
verify-only-in-backup = { $count } حساب فقط در پشتیبان است.
verify-left-out = { $count } کارت بانکی عمداً کنار گذاشته شد.
restore-added = { $count } حساب بازگردانده شد.
restore-already = { $count } حساب از پیش بود.

## Settings
settings-title = تنظیمات
settings-biometrics = باز کردن با زیست‌سنجی
field-clock-offset = اصلاح ساعت (ثانیه)
clock-device = رمزها با ساعت همین گوشی ساخته می‌شوند.
clock-server = رمزها با زمان بانک شما ساخته می‌شوند ({ $seconds } ثانیه اختلاف با گوشی).
clock-manual = رمزها با اصلاح دستی { $seconds } ثانیه ساخته می‌شوند.
clock-offset-error = یک عدد صحیح ثانیه وارد کنید، مثل -30 یا 45.
about = رمز { $version } · Apache-2.0 OR MIT

## Errors
error-locked = رمز قفل است.
error-storage = ذخیره نشد. فضای خالی را بررسی کنید و دوباره تلاش کنید.
error-internal = مشکلی پیش آمد. دوباره تلاش کنید.

## انتقال به گوشی تازه
transfer-title = انتقال به گوشی تازه
transfer-pin = برای نمایش حساب‌ها به شکل کد QR، رمز خود را وارد کنید
transfer-intro = حساب‌های شما به شکل کدهای QR نشان داده می‌شوند تا Google Authenticator یا رمز در گوشی تازه آن‌ها را بخواند. هر کس آن‌ها را ببیند می‌تواند از حساب‌های شما رونوشت بردارد.
transfer-part = کد { $index } از { $count }
transfer-hint = در گوشی تازه این کد را بخوانید، سپس به کد بعدی بروید.
transfer-hint-last = در گوشی تازه این کد را بخوانید.
transfer-nothing = حسابی برای انتقال نیست.
transfer-bank-cards = { $count ->
    [one] این کارت بانکی منتقل نمی‌شود: آن را در گوشی تازه دوباره نزد بانک خود فعال کنید.
   *[other] این { $count } کارت بانکی منتقل نمی‌شوند: آن‌ها را در گوشی تازه دوباره نزد بانک خود فعال کنید.
}
transfer-previous = کد قبلی
transfer-next = کد بعدی

## Import from another app
scan-import = وارد کردن از برنامهٔ دیگر
busy-reading-file = در حال خواندن فایل…
import-title = وارد کردن از برنامهٔ دیگر
import-hint-pick = فایل خروجی برنامهٔ رمزساز دیگرتان را انتخاب کنید.
import-hint-passphrase = این فایل رمزگذاری شده است. رمزی را که هنگام گرفتن خروجی انتخاب کردید وارد کنید.
import-hint-choose = حساب‌هایی را که می‌خواهید اضافه شوند انتخاب کنید. تا تأیید نکنید چیزی اضافه نمی‌شود.
import-source = از { $app }
import-source-encrypted = از { $app }، رمزگذاری‌شده
import-app-otpauth = فهرستی از پیوندهای otpauth
import-passphrase = رمز فایل خروجی
import-open = باز کردن فایل
import-pick = انتخاب فایل دیگر
import-entry-number = مورد { $index }
import-skipped = { $entry }: { $reason }
skip-unsupported-type = این نوع کد پشتیبانی نمی‌شود
skip-unsupported-algorithm = الگوریتم درهم‌سازی آن پشتیبانی نمی‌شود
skip-missing-secret = کلید ندارد
skip-bad-secret = کلیدش معتبر نیست
skip-digits = تعداد رقم‌هایش پشتیبانی نمی‌شود
skip-period = بازهٔ زمانی‌اش پشتیبانی نمی‌شود
skip-counter = شمارنده‌اش معتبر نیست
skip-not-a-code = کد ورود دومرحله‌ای نیست
skip-trashed = در سطل زبالهٔ برنامهٔ دیگر است
skip-malformed = این مورد آسیب دیده است
import-passphrase-needed = این فایل رمزگذاری شده است: رمز آن را وارد کنید.
import-wrong-passphrase = رمز این فایل نادرست است. چیزی اضافه نشد؛ دوباره امتحان کنید.
import-damaged = فایل آسیب دیده یا ناقص است. چیزی اضافه نشد. دوباره از برنامهٔ دیگر خروجی بگیرید.
import-empty = فایل خالی است. چیزی اضافه نشد.
import-unknown = برنامهٔ رمز این فایل را نمی‌شناسد. خروجی Aegis، 2FAS، Bitwarden، Ente Auth، Proton Authenticator، LastPass یا andOTP، یا فهرستی از پیوندهای otpauth را انتخاب کنید.
import-unsupported-version = این خروجی از نسخه‌ای از برنامه است که رمز هنوز نمی‌تواند بخواند. چیزی اضافه نشد.
import-no-password-slot = این گاوصندوق Aegis فقط با گوشی‌ای که آن را ساخته باز می‌شود. در Aegis دوباره با رمز خروجی بگیرید.
import-encrypted-bitwarden = این خروجی Bitwarden به حساب Bitwarden شما قفل شده است. در Bitwarden دوباره با قالب ‎.json یا ‎.csv و بدون رمزگذاری خروجی بگیرید.
import-too-large = فایل بیش از حد بزرگ است. چیزی اضافه نشد.
import-bad-kdf = تنظیمات رمزگذاری فایل نامعتبر است یا باز کردنش بیش از حد طول می‌کشد. چیزی اضافه نشد.
import-done = وارد کردن تمام شد
import-done-added = { $count ->
    [0] هیچ حسابی اضافه نشد.
   *[other] { $count } حساب اضافه شد.
}
import-done-duplicates = { $count } مورد از پیش در گاوصندوق شما بود.
import-done-skipped = { $count } مورد از فایل وارد نشد.
