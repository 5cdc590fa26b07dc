// Helpers of the browser journeys: the demo server, Chromium with a fake
// camera showing a QR code, RFC 6238 codes, digits.
import { spawn, execFileSync } from "node:child_process";
import { createHmac } from "node:crypto";
import { mkdtempSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRequire } from "node:module";

const require = createRequire(process.env.RAMZ_NODE_MODULES + "/");
export const { chromium } = require("playwright-core");
export const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

export const RAMZ = process.env.RAMZ_BIN;
export const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";

/// `ramz demo --web`: resolves to { app, bank, api, stop() }.
export function startDemo(webDir) {
  const child = spawn(RAMZ, ["demo", "--web", "--web-dir", webDir], {
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, CI: "true" },
  });
  return new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error("demo did not start:\n" + out)), 30000);
    child.stdout.on("data", (d) => {
      out += d;
      if (out.includes("app API at")) {
        clearTimeout(timer);
        const url = (label) => out.split("\n").find((l) => l.includes(label)).match(/http:\/\/[0-9.:]+/)[0];
        resolve({
          app: url("web app:"),
          bank: url("internet bank:"),
          api: url("app API at"),
          stop: () => new Promise((r) => { child.on("exit", r); child.kill("SIGINT"); }),
        });
      }
    });
    child.on("exit", (code) => reject(new Error(`demo exited ${code}:\n${out}`)));
  });
}

/// A QR code's SVG -> one 1280x720 I420 frame (Y4M) the fake camera
/// plays in a loop. Drawn by Chromium itself (a canvas), converted here.
export async function y4mOfSvg(browser, svg, path) {
  const page = await browser.newPage();
  const rgba = await page.evaluate(async (svgText) => {
    const img = new Image();
    img.src = "data:image/svg+xml;base64," + btoa(svgText);
    await img.decode();
    const c = document.createElement("canvas");
    c.width = 1280;
    c.height = 720;
    const g = c.getContext("2d");
    g.fillStyle = "#fff";
    g.fillRect(0, 0, 1280, 720);
    g.imageSmoothingEnabled = false;
    const side = 600;
    g.drawImage(img, (1280 - side) / 2, (720 - side) / 2, side, side);
    return Array.from(g.getImageData(0, 0, 1280, 720).data);
  }, svg);
  await page.close();
  const w = 1280, h = 720;
  const y = Buffer.alloc(w * h);
  for (let i = 0, j = 0; j < y.length; i += 4, j++) {
    y[j] = Math.round(0.299 * rgba[i] + 0.587 * rgba[i + 1] + 0.114 * rgba[i + 2]);
  }
  const uv = Buffer.alloc((w / 2) * (h / 2), 128);
  const header = Buffer.from(`YUV4MPEG2 W${w} H${h} F10:1 Ip A1:1 C420jpeg\nFRAME\n`);
  writeFileSync(path, Buffer.concat([header, y, uv, uv]));
}

/// The SVG of a QR code for `text` (`ramz qr encode --svg`).
export function qrSvg(text) {
  const dir = mkdtempSync(join(tmpdir(), "ramz-qr-"));
  const file = join(dir, "code.svg");
  execFileSync(RAMZ, ["qr", "encode", "--svg", file, text]);
  return readFileSync(file, "utf8");
}

/// Chromium on a persistent profile, with a fake camera playing `y4m`.
export async function launch(profileDir, y4m, extra = {}) {
  const args = [
    "--use-fake-device-for-media-stream",
    "--use-fake-ui-for-media-stream",
    "--no-sandbox",
  ];
  if (y4m) args.push(`--use-file-for-fake-video-capture=${y4m}`);
  return chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args,
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 1,
    permissions: ["camera", "clipboard-read", "clipboard-write"],
    acceptDownloads: true,
    ...extra,
  });
}

/// RFC 6238 (SHA-1) for a base32 secret at Unix time `t`.
export function totp(base32, t, digits = 6, period = 30) {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const ch of base32.replace(/=+$/, "").toUpperCase()) bits += alphabet.indexOf(ch).toString(2).padStart(5, "0");
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(t / period)));
  const mac = createHmac("sha1", key).update(counter).digest();
  const off = mac[mac.length - 1] & 0xf;
  const n = (mac.readUInt32BE(off) & 0x7fffffff) % 10 ** digits;
  return String(n).padStart(digits, "0");
}

const FA = "۰۱۲۳۴۵۶۷۸۹";
export const toPersian = (s) => s.replace(/[0-9]/g, (d) => FA[d]);
/// ASCII digits of a shown code (Persian digits, isolates and spaces out).
export const asciiDigits = (s) =>
  s.replace(/[۰-۹]/g, (d) => String(FA.indexOf(d))).replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x660)).replace(/[^0-9]/g, "");

export function tempDir(prefix) {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function check(cond, what) {
  if (!cond) throw new Error("FAILED: " + what);
  console.log("ok - " + what);
}
