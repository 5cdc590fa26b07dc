// The demo bank page: calls its own origin only (/bank/...). Every text
// in Persian (right to left) and English: `?lang=fa|en`, else the
// browser's first language; the buttons at the top switch in place.
// Card numbers and codes may be typed in Persian or Arabic-Indic digits
// (the server reads them as ASCII digits).
"use strict";

const TEXT = {
  en: {
    title: "Ramz Demo Bank — internet bank",
    bank: "Ramz Demo Bank",
    subtitle: "Internet bank (demo)",
    language: "Language",
    step1: "1. Activate your card's second password",
    card: "Card number",
    show: "Show the activation code",
    step2: "2. Scan this with the Ramz app",
    "card-word": "Card",
    qr: "Activation QR code for the Ramz app",
    "sms-to": "SMS to",
    "sms-text": "Your Ramz activation code:",
    "not-sent": "(not sent)",
    step3: "3. Sign in with your second password",
    code: "Code shown in the Ramz app",
    verify: "Verify",
    "activate:invalid_field": "This is not a valid card number.",
    "activate:card_locked": "Too many wrong SMS codes for this card: try again later.",
    "activate:other": "The activation could not be created.",
    accepted: "Accepted: you are signed in.",
    "refused:replayed": "Refused: this code was already used. Wait for the next one.",
    "refused:wrong_code": "Refused: the code is wrong.",
    "refused:not_activated": "Refused: the card is not activated yet (scan the code with the app first).",
    "refused:rate_limited": "Refused: too many wrong codes. Wait a little and try again.",
    "refused:disabled": "Refused: this card's second password is disabled.",
    "refused:invalid_field": "Refused: type the code's digits only.",
    "refused:other": "Refused: the code could not be checked.",
  },
  fa: {
    title: "بانک نمایشی رمز — اینترنت‌بانک",
    bank: "بانک نمایشی رمز",
    subtitle: "اینترنت‌بانک (نمایشی)",
    language: "زبان",
    step1: "۱. فعال‌سازی رمز دوم کارت",
    card: "شماره کارت",
    show: "نمایش کد فعال‌سازی",
    step2: "۲. این کد را با برنامهٔ رمز بخوانید",
    "card-word": "کارت",
    qr: "کد QR فعال‌سازی برای برنامهٔ رمز",
    "sms-to": "پیامک به",
    "sms-text": "کد فعال‌سازی رمز شما:",
    "not-sent": "(فرستاده نشد)",
    step3: "۳. ورود با رمز دوم",
    code: "رمزی که برنامهٔ رمز نشان می‌دهد",
    verify: "بررسی",
    "activate:invalid_field": "این شماره کارت معتبر نیست.",
    "activate:card_locked": "کدهای پیامکی نادرست برای این کارت زیاد بوده است: بعداً دوباره بکوشید.",
    "activate:other": "فعال‌سازی ساخته نشد.",
    accepted: "پذیرفته شد: وارد شدید.",
    "refused:replayed": "رد شد: این رمز پیش‌تر به کار رفته است. منتظر رمز بعدی بمانید.",
    "refused:wrong_code": "رد شد: رمز نادرست است.",
    "refused:not_activated": "رد شد: کارت هنوز فعال نشده است (نخست کد را با برنامه بخوانید).",
    "refused:rate_limited": "رد شد: رمزهای نادرست زیاد بود. کمی صبر کنید و دوباره بکوشید.",
    "refused:disabled": "رد شد: رمز دوم این کارت غیرفعال است.",
    "refused:invalid_field": "رد شد: فقط رقم‌های رمز را بنویسید.",
    "refused:other": "رد شد: رمز بررسی نشد.",
  },
};
const PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹";

let lang = "en";
let activationId = null;
// What is on screen, kept to draw it again in the other language.
const shown = { masked: "", phone: "", sms: "", error: "", verdict: "" };

/// The language asked for in the address, else the browser's first one.
function startLanguage() {
  const asked = new URLSearchParams(location.search).get("lang");
  if (asked === "fa" || asked === "en") return asked;
  const first = (navigator.languages && navigator.languages[0]) || navigator.language || "en";
  return first.toLowerCase().startsWith("fa") ? "fa" : "en";
}

/// ASCII digits as the language writes them (Persian digits in fa).
function digits(s) {
  return lang === "fa" ? s.replace(/[0-9]/g, (d) => PERSIAN_DIGITS[d]) : s;
}

function t(key) {
  return TEXT[lang][key] ?? TEXT.en[key] ?? key;
}

function draw() {
  const $ = (id) => document.getElementById(id);
  document.documentElement.lang = lang;
  document.documentElement.dir = lang === "fa" ? "rtl" : "ltr";
  document.title = t("title");
  for (const el of document.querySelectorAll("[data-t]")) el.textContent = t(el.dataset.t);
  for (const el of document.querySelectorAll("[data-t-alt]")) el.alt = t(el.dataset.tAlt);
  for (const el of document.querySelectorAll("[data-t-label]")) el.setAttribute("aria-label", t(el.dataset.tLabel));
  for (const b of document.querySelectorAll("#langs button")) b.setAttribute("aria-pressed", String(b.dataset.lang === lang));
  $("masked").textContent = digits(shown.masked);
  $("phone").textContent = digits(shown.phone);
  $("sms").textContent = shown.sms === null ? t("not-sent") : digits(shown.sms);
  $("activate-error").textContent = shown.error ? t(shown.error) : "";
  $("verdict").textContent = shown.verdict ? t(shown.verdict) : "";
}

async function post(path, body) {
  const r = await fetch(path, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  let answer = null;
  try { answer = await r.json(); } catch { /* not JSON */ }
  return { status: r.status, answer };
}

document.addEventListener("DOMContentLoaded", () => {
  const $ = (id) => document.getElementById(id);
  lang = startLanguage();
  if (lang === "fa") $("card").value = digits($("card").value);
  draw();
  for (const b of document.querySelectorAll("#langs button")) {
    b.addEventListener("click", () => {
      lang = b.dataset.lang;
      const url = new URL(location.href);
      url.searchParams.set("lang", lang);
      history.replaceState(null, "", url);
      draw();
    });
  }
  $("activate").addEventListener("submit", async (e) => {
    e.preventDefault();
    shown.error = "";
    draw();
    const { status, answer } = await post("/bank/activations", { card_number: $("card").value });
    if (status !== 200 || !answer) {
      const reason = answer && answer.error;
      shown.error = TEXT.en[`activate:${reason}`] ? `activate:${reason}` : "activate:other";
      draw();
      return;
    }
    activationId = answer.activation_id;
    shown.masked = answer.masked_card;
    shown.phone = answer.phone;
    shown.sms = answer.sms_code || null;
    shown.verdict = "";
    $("qr").src = "data:image/svg+xml;base64," + btoa(answer.qr_svg);
    $("qr").dataset.payload = answer.qr_payload;
    $("offer").hidden = false;
    $("check").hidden = false;
    delete $("verdict").dataset.result;
    draw();
  });
  $("verify").addEventListener("submit", async (e) => {
    e.preventDefault();
    if (!activationId) return;
    const { answer } = await post("/bank/verify", { activation_id: activationId, code: $("code").value });
    const v = $("verdict");
    if (answer && answer.valid === true) {
      shown.verdict = "accepted";
      v.dataset.result = "accepted";
    } else {
      const reason = (answer && (answer.reason || answer.error)) || "unknown";
      shown.verdict = TEXT.en[`refused:${reason}`] ? `refused:${reason}` : "refused:other";
      v.dataset.result = reason;
    }
    draw();
  });
});
