// The web app's journeys in Chromium (scripts/checks/80-web.sh runs it):
// first run with a PIN in Persian digits; an account added by holding a
// QR code to the (fake) camera; its code checked against RFC 6238 at the
// page's clock; reload: the vault persists and asks the PIN; three wrong
// PINs show the wait; unlock; a bank card activated from the bank page's
// QR code and SMS; the bank verifies the app's code, refuses the replay;
// a backup restored into a fresh profile in the other language.
//
// RAMZ_JOURNEY_LANG (fa, the default, or en) is the language of the app
// and of the bank page; the restored profile takes the other one
// (web/screenshots.sh runs both for the screenshots).
import { join } from "node:path";
import {
  startDemo, launch, qrSvg, y4mOfSvg, totp, toPersian, asciiDigits, tempDir, check,
} from "./lib.mjs";

const WEB_DIR = process.env.RAMZ_WEB_DIR;
const SHOTS = process.env.RAMZ_SCREENSHOTS || ""; // directory, or "" for none
const LANG = process.env.RAMZ_JOURNEY_LANG || "fa";
const OTHER = LANG === "fa" ? "en" : "fa";
const T = {
  fa: { locale: "fa-IR", dir: "rtl", digits: toPersian, next: /ادامه/, backup: /^پشتیبان$/, restore: "بازگردانی پشتیبان", codes: /^رمزها$/, scan: /^خواندن کد QR$/, paste: "چسباندن", card: "شماره کارت", show: "نمایش کد فعال‌سازی", code: "رمزی که برنامهٔ رمز نشان می‌دهد", verify: "بررسی" },
  en: { locale: "en-US", dir: "ltr", digits: (s) => s, next: /^Next$/, backup: /^Backup$/, restore: "Restore a backup", codes: /^Codes$/, scan: /^Scan a QR code$/, paste: "Paste", card: "Card number", show: "Show the activation code", code: "Code shown in the Ramz app", verify: "Verify" },
};
const L = T[LANG], O = T[OTHER];
const PIN = "258036";
const SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
const ISSUER = "Example";
// An hour ago, 10 s into a 30 s step: time only moves forward from there
// (the page's clock, then the real one for the bank).
const T0 = Math.floor((Date.now() - 3600_000) / 30_000) * 30_000 + 10_000;

const demo = await startDemo(WEB_DIR);
const work = tempDir("ramz-journey-");
const profile = join(work, "profile");
const camera = join(work, "camera.y4m");
let ctx;

async function shot(page, name) {
  if (!SHOTS) return;
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

async function screen(page) {
  return page.locator("main").getAttribute("data-screen");
}

async function waitScreen(page, name, timeout = 30000) {
  await page.locator(`main[data-screen="${name}"]:not([aria-busy])`).waitFor({ timeout });
}

async function openApp(extra) {
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  page.on("pageerror", (e) => console.error("page error:", e));
  if (extra?.clock) await page.clock.setFixedTime(extra.clock);
  await page.goto(demo.app + "/");
  await page.evaluate(() => window.ramzReady);
  return page;
}

try {
  // ----- 1. first run, an account from the camera -----
  const browser0 = await launch(join(work, "scratch"), null);
  await y4mOfSvg(browser0, qrSvg(`otpauth://totp/${ISSUER}:alice@example.com?secret=${SECRET}&issuer=${ISSUER}`), camera);
  await browser0.close();

  ctx = await launch(profile, camera, { locale: L.locale });
  let page = await openApp({ clock: T0 });
  await waitScreen(page, "FirstRun");
  check((await page.getAttribute("html", "dir")) === L.dir, `first run is ${L.dir} in ${LANG}`);
  await page.getByRole("button", { name: L.next }).first().click();
  await page.locator("#pin").fill(L.digits(PIN));
  await page.locator("#pin").fill(L.digits(PIN));
  await waitScreen(page, "Codes", 60000);
  check(true, `vault created with a PIN typed in ${LANG === "fa" ? "Persian" : "ASCII"} digits`);

  await page.locator("nav button").nth(1).click();
  await waitScreen(page, "Scan");
  await waitScreen(page, "Confirm", 30000);
  check(true, "the camera's QR code was read");
  await page.locator("form button[type=submit]").click();
  await waitScreen(page, "Codes");
  const shown = asciiDigits(await page.locator("[data-testid=code]").first().innerText());
  const expected = totp(SECRET, Math.floor(T0 / 1000));
  check(shown === expected, `code shown ${shown} equals RFC 6238 at the page's clock ${expected}`);
  await ctx.close();

  // ----- 2. reload: the vault persists; wrong PINs; unlock -----
  ctx = await launch(profile, camera, { locale: L.locale });
  page = await openApp({ clock: T0 + 60_000 });
  await waitScreen(page, "Lock");
  check(true, "after a reload the vault asks for the PIN");
  // The attack on the order of things: the profile's storage is held (a
  // second connection keeps a write transaction open on the vault), so
  // the counted attempt cannot become durable. The outcome of the PIN
  // check must not show until it is.
  await page.evaluate(() => new Promise((resolve) => {
    const req = indexedDB.open("ramz");
    req.onsuccess = () => {
      const store = req.result.transaction("vault", "readwrite").objectStore("vault");
      window.__hold = true;
      const spin = () => { if (window.__hold) store.get("current").onsuccess = spin; };
      spin();
      resolve();
    };
  }));
  await page.locator("#pin").fill("111222");
  await page.waitForTimeout(6000); // Argon2id is done long before
  check((await page.locator("main[aria-busy]").count()) === 1 && (await page.locator("#pin-error").count()) === 0,
    "a wrong PIN's outcome is not shown while its counted attempt is not durable");
  await page.evaluate(() => { window.__hold = false; });
  await page.locator("#pin-error").waitFor({ timeout: 30000 });
  check(true, "the outcome shows once the attempt is stored");
  for (const wrong of ["333444", "555666"]) {
    await page.locator("#pin").fill(wrong);
    await waitScreen(page, "Lock", 60000);
  }
  const wait = await page.locator("[data-testid=wait]").innerText().catch(() => "");
  check(wait.length > 0, `three wrong PINs show the wait: ${wait}`);
  await shot(page, `${LANG}-lock-wait`);
  check(await page.locator(".key").first().isDisabled(), "the pad takes no PIN during the wait");
  await page.reload();
  await page.evaluate(() => window.ramzReady);
  await page.locator("[data-testid=wait]").waitFor({ timeout: 30000 });
  check(true, "a reload does not end the wait (the attempts were stored)");
  await page.clock.setFixedTime(T0 + 60_000 + 31_000);
  await page.locator(".key:not([disabled])").first().waitFor({ timeout: 10000 });
  await page.locator("#pin").fill(PIN);
  await waitScreen(page, "Codes", 60000);
  check(true, "the right PIN unlocks after the wait");
  await ctx.close();

  // ----- 3. bank activation from the bank page -----
  // The bank page in the browser's language (no ?lang=), the card
  // number typed in that language's digits.
  const bankBrowser = await launch(join(work, "bank"), null, { locale: L.locale, viewport: { width: 800, height: 1000 } });
  const bank = bankBrowser.pages()[0] ?? (await bankBrowser.newPage());
  await bank.goto(demo.bank + "/");
  check((await bank.getAttribute("html", "dir")) === L.dir, `the bank page is ${L.dir} in ${LANG}`);
  await bank.getByLabel(L.card).fill(L.digits("6037991199999990"));
  await bank.getByRole("button", { name: L.show }).click();
  await bank.locator("#offer:not([hidden])").waitFor();
  const sms = asciiDigits(await bank.getByTestId("sms-code").innerText());
  const qrSrc = await bank.locator("#qr").getAttribute("src");
  const bankSvg = Buffer.from(qrSrc.split(",")[1], "base64").toString("utf8");
  await shot(bank, `bank-${LANG}-offer`);
  check(/^[0-9]{4,10}$/.test(sms), "the bank page shows the QR code and the SMS");
  await y4mOfSvg(bankBrowser, bankSvg, camera);

  ctx = await launch(profile, camera, { locale: L.locale });
  page = await openApp();
  await waitScreen(page, "Lock");
  await page.locator("#pin").fill(PIN);
  await waitScreen(page, "Codes", 60000);
  await page.locator("nav button").nth(1).click();
  await waitScreen(page, "Activation", 30000);
  const server = await page.getByTestId("server").innerText();
  check(server.includes(new URL(demo.api).host), `the activation names the bank's server (${server})`);
  await page.locator("#sms").fill(L.digits(sms));
  await shot(page, `${LANG}-activation`);
  await page.locator("form button[type=submit]").click();
  await waitScreen(page, "Notice", 60000);
  check(true, "the app says the card is activated");
  await shot(page, `${LANG}-activated`);
  await page.locator("main button.primary").click();
  await waitScreen(page, "Codes");
  const cardRow = page.locator(".code-row", { has: page.locator(".badge") });
  check((await cardRow.count()) === 1, "the bank card is on the code list");
  await shot(page, `${LANG}-codes-bank-card`);
  const bankCode = asciiDigits(await cardRow.getByTestId("code").innerText());

  await bank.getByLabel(L.code).fill(L.digits(bankCode));
  await bank.getByRole("button", { name: L.verify }).click();
  await bank.locator("[data-testid=verdict][data-result]").waitFor();
  check((await bank.getByTestId("verdict").getAttribute("data-result")) === "accepted", `the bank accepts the app's code ${bankCode}`);
  await shot(bank, `bank-${LANG}-accepted`);
  await bank.getByRole("button", { name: L.verify }).click();
  await bank.locator("[data-testid=verdict][data-result=replayed]").waitFor();
  check(true, "the bank refuses the same code again (replay)");

  // ----- 4. backup export, restore into a fresh profile -----
  const passphrase = "correct horse battery staple 42";
  await page.locator("nav button").nth(3).click();
  await waitScreen(page, "Backup");
  await page.locator("#passphrase").fill(passphrase);
  await page.locator("#passphrase-again").fill(passphrase);
  await shot(page, `${LANG}-backup-export`);
  const download = page.waitForEvent("download");
  await page.locator("button.primary").click();
  const file = join(work, "backup.ramz");
  await (await download).saveAs(file);
  check(true, "the backup was exported as a download");
  await ctx.close();
  await bankBrowser.close();

  ctx = await launch(join(work, "profile2"), null, { locale: O.locale });
  page = await openApp();
  await waitScreen(page, "FirstRun");
  check((await page.getAttribute("html", "dir")) === O.dir, `a fresh ${OTHER} profile is ${O.dir}`);
  await page.getByRole("button", { name: O.next }).first().click();
  await page.locator("#pin").fill("٢٥٨٠٣٦"); // Arabic-Indic digits
  await page.locator("#pin").fill("٢٥٨٠٣٦");
  await waitScreen(page, "Codes", 60000);
  await page.getByRole("button", { name: O.backup }).click();
  await waitScreen(page, "Backup");
  const chooser = page.waitForEvent("filechooser");
  await page.getByRole("button", { name: O.restore }).click();
  await (await chooser).setFiles(file);
  await page.locator("#passphrase").fill(passphrase);
  await page.locator("#passphrase").press("Enter");
  await page.getByTestId("report").waitFor({ timeout: 60000 });
  await shot(page, `${OTHER}-backup-restored`);
  await page.getByRole("button", { name: O.codes }).click();
  await waitScreen(page, "Codes");
  const restored = await page.locator(".code-row .issuer").allInnerTexts();
  check(restored.includes(ISSUER), `the restored profile has the account (${restored.join(", ")})`);
  const restoredCode = asciiDigits(await page.locator(".code-row", { hasText: ISSUER }).getByTestId("code").innerText());
  check(restoredCode === totp(SECRET, Math.floor(Date.now() / 1000)) || restoredCode === totp(SECRET, Math.floor(Date.now() / 1000) - 1),
    "the restored account makes the same codes");
  await shot(page, `${OTHER}-codes-restored`);
  // Paste: an otpauth URI on the clipboard, added from the scan screen.
  await page.evaluate(() => navigator.clipboard.writeText("otpauth://totp/Pasted:bob@example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Pasted"));
  await page.getByRole("button", { name: O.scan }).click();
  await waitScreen(page, "Scan");
  await page.getByRole("button", { name: O.paste }).click();
  await waitScreen(page, "Confirm");
  await page.locator("form button[type=submit]").click();
  await waitScreen(page, "Codes");
  check((await page.locator(".code-row .issuer").allInnerTexts()).includes("Pasted"), "an account pasted from the clipboard is added");
  await ctx.close();
  console.log(`journey (${LANG}): done`);
} finally {
  if (ctx) await ctx.close().catch(() => undefined);
  await demo.stop();
}
