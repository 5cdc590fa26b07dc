// The demo bank page: calls its own origin only (/bank/...).
"use strict";
let activationId = null;

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
  $("activate").addEventListener("submit", async (e) => {
    e.preventDefault();
    $("activate-error").textContent = "";
    const { status, answer } = await post("/bank/activations", { card_number: $("card").value });
    if (status !== 200 || !answer) {
      $("activate-error").textContent =
        "The activation could not be created" + (answer && answer.detail ? ": " + answer.detail : ".");
      return;
    }
    activationId = answer.activation_id;
    $("masked").textContent = answer.masked_card;
    $("qr").src = "data:image/svg+xml;base64," + btoa(answer.qr_svg);
    $("qr").dataset.payload = answer.qr_payload;
    $("phone").textContent = answer.phone;
    $("sms").textContent = answer.sms_code || "(not sent)";
    $("offer").hidden = false;
    $("check").hidden = false;
    $("verdict").textContent = "";
  });
  $("verify").addEventListener("submit", async (e) => {
    e.preventDefault();
    if (!activationId) return;
    const { answer } = await post("/bank/verify", { activation_id: activationId, code: $("code").value });
    const v = $("verdict");
    if (answer && answer.valid === true) {
      v.textContent = "Accepted: you are signed in.";
      v.dataset.result = "accepted";
    } else {
      const reason = (answer && (answer.reason || answer.error)) || "unknown";
      v.textContent = reason === "replayed"
        ? "Refused: this code was already used. Wait for the next one."
        : "Refused: " + reason + ".";
      v.dataset.result = reason;
    }
  });
});
