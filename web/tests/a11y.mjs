// Every screen the app reaches without a bank, in fa and in en: axe-core
// finds no serious or critical violation; the screens are reached with
// the keyboard only (Tab, Enter, typing); a phone-sized viewport. Then
// the demo bank page in fa and en (its journey is in journey.mjs). With
// RAMZ_SCREENSHOTS set, each screen is also saved as <lang>-<screen>.png.
import { join } from "node:path";
import {
  startDemo, launch, qrSvg, y4mOfSvg, tempDir, check, toPersian, AXE_SOURCE,
} from "./lib.mjs";

const WEB_DIR = process.env.RAMZ_WEB_DIR;
const SHOTS = process.env.RAMZ_SCREENSHOTS || "";
const PIN = "258036";
const demo = await startDemo(WEB_DIR);
const work = tempDir("ramz-a11y-");
const camera = join(work, "camera.y4m");
let ctx;

async function waitScreen(page, name, timeout = 30000) {
  await page.locator(`main[data-screen="${name}"]:not([aria-busy])`).waitFor({ timeout });
}

/// axe-core on the page as it is; fails on serious or critical findings.
async function audit(page, lang, name) {
  await page.addScriptTag({ content: AXE_SOURCE });
  const found = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(" ")).slice(0, 3) }));
  });
  const bad = found.filter((v) => v.impact === "serious" || v.impact === "critical");
  for (const v of found) console.log(`   axe ${lang}/${name}: ${v.impact} ${v.id} ${JSON.stringify(v.nodes)}`);
  check(bad.length === 0, `axe: no serious violation on ${lang} ${name}`);
  if (SHOTS && name !== "bank") await page.screenshot({ path: join(SHOTS, `${lang}-${name}.png`) });
}

function focusedText(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || !el.matches("button, input, a[href], select, textarea")) return "";
    return (el.getAttribute("aria-label") || el.innerText || el.textContent || "").trim();
  });
}

/// Tab until the focused element's text or label matches, then Enter.
/// With `hold` (ms), first waits that long (the clock re-renders the
/// page every second) and checks the focus stayed on the control.
async function tabTo(page, pattern, hold = 0) {
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press("Tab");
    const text = await focusedText(page);
    if (pattern.test(text)) {
      if (process.env.DEBUG_TAB) console.log("   tab", pattern, "->", text);
      if (hold) {
        await page.waitForTimeout(hold);
        const after = await focusedText(page);
        check(after === text, `the focus stays on "${text}" across re-renders (now on "${after}")`);
      }
      await page.keyboard.press("Enter");
      return;
    }
  }
  throw new Error(`FAILED: no focusable element matching ${pattern}`);
}

const T = {
  fa: { locale: "fa-IR", next: /ادامه/, scan: /خواندن کد QR/, manual: /افزودن حساب/, backup: /پشتیبان/, settings: /تنظیمات/, transfer: /انتقال/, codes: /رمزها/, details: /^جزئیات حساب/, digits: toPersian },
  en: { locale: "en-US", next: /^Next$/, scan: /^Scan a QR code$/, manual: /^Add an account$/, backup: /^Backup$/, settings: /^Settings$/, transfer: /^Transfer/, codes: /^Codes$/, details: /^Account details/, digits: (s) => s },
};

try {
  const scratch = await launch(join(work, "scratch"), null);
  await y4mOfSvg(scratch, qrSvg("otpauth://totp/Example:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example"), camera);
  await scratch.close();

  for (const lang of ["fa", "en"]) {
    const t = T[lang];
    ctx = await launch(join(work, `profile-${lang}`), camera, { locale: t.locale, bypassCSP: true });
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    page.on("pageerror", (e) => console.error("page error:", e));
    await page.goto(demo.app + "/");
    await page.evaluate(() => window.ramzReady);
    await waitScreen(page, "FirstRun");
    check((await page.getAttribute("html", "lang")) === lang, `${lang}: the page's language`);
    await audit(page, lang, "first-run-language");
    await tabTo(page, t.next);
    await page.locator("#pin").waitFor();
    await audit(page, lang, "first-run-pin");
    // Keyboard only: the PIN field has the focus; type in the language's digits.
    await page.locator("#pin:focus").waitFor();
    await page.keyboard.type(t.digits(PIN));
    await page.locator("main[data-screen=FirstRun] .dots .dot:not(.on)").first().waitFor();
    await page.keyboard.type(t.digits(PIN));
    await waitScreen(page, "Codes", 60000);
    check(true, `${lang}: first run done with the keyboard only`);
    await audit(page, lang, "codes-empty");

    await tabTo(page, t.scan);
    await waitScreen(page, "Confirm", 30000);
    await audit(page, lang, "confirm");
    await page.keyboard.press("Tab");
    await tabTo(page, /^(افزودن|Add)$/);
    await waitScreen(page, "Codes");
    check((await page.locator(".code-row").count()) === 1, `${lang}: account added with the keyboard only`);
    await page.waitForTimeout(1200); // let the "added" toast stay in the shot
    await audit(page, lang, "codes");

    await tabTo(page, t.details);
    await waitScreen(page, "Account");
    await audit(page, lang, "account");
    await page.keyboard.press("Escape");
    await waitScreen(page, "Codes");
    check(true, `${lang}: Escape goes back`);

    for (const [name, re, screen] of [
      ["manual-entry", t.manual, "ManualEntry"],
      ["backup", t.backup, "Backup"],
      ["settings", t.settings, "Settings"],
      ["transfer", t.transfer, "Transfer"],
    ]) {
      // The clock re-renders every second; the focus must stay on the
      // control (it once moved to the screen's first control between Tab
      // and Enter, and Enter pressed that instead).
      await tabTo(page, re, 2500);
      await waitScreen(page, screen);
      await audit(page, lang, name);
    }
    await page.reload();
    await page.evaluate(() => window.ramzReady);
    await waitScreen(page, "Lock", 30000);
    await audit(page, lang, "lock");
    await page.locator("#pin").fill("111222");
    await page.locator("#pin-error").waitFor({ timeout: 60000 });
    await audit(page, lang, "lock-wrong-pin");
    await ctx.close();
    ctx = null;
  }
  // The demo bank page: `?lang=` picks the language, the buttons switch
  // it in place; axe on both, with the activation shown.
  ctx = await launch(join(work, "bank"), null, { locale: "en-US", bypassCSP: true });
  const bank = ctx.pages()[0] ?? (await ctx.newPage());
  await bank.goto(demo.bank + "/?lang=fa");
  check((await bank.getAttribute("html", "lang")) === "fa" && (await bank.getAttribute("html", "dir")) === "rtl",
    "bank: ?lang=fa is Persian, right to left, in an English browser");
  await bank.getByLabel("شماره کارت").fill(toPersian("6037991199999990"));
  await bank.keyboard.press("Enter");
  await bank.locator("#offer:not([hidden])").waitFor();
  check(/^[۰-۹]{4,10}$/.test((await bank.getByTestId("sms-code").innerText()).trim()), "bank: fa shows the SMS code in Persian digits");
  const english = (el) => /[A-Za-z]{3}/.test(el);
  const texts = () => bank.locator("[data-t]:visible").allInnerTexts();
  check((await texts()).filter(english).length === 0, "bank: no English text on the fa page");
  await audit(bank, "fa", "bank");
  await bank.getByRole("button", { name: "English" }).click();
  check((await bank.getAttribute("html", "dir")) === "ltr" && new URL(bank.url()).searchParams.get("lang") === "en",
    "bank: the English button switches in place, and the address says so");
  check((await texts()).every(english), "bank: every text is English on the en page");
  check(/^[0-9]{4,10}$/.test((await bank.getByTestId("sms-code").innerText()).trim()), "bank: en shows the SMS code in ASCII digits");
  await audit(bank, "en", "bank");
  await ctx.close();
  ctx = null;
  console.log("a11y: done");
} finally {
  if (ctx) await ctx.close().catch(() => undefined);
  await demo.stop();
}
