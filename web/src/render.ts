// View model -> DOM. Every text comes from the view model (or, for the
// navigation, from the app's catalog through `catalog_text`); this file
// decides nothing: each widget maps back to one app event.

/* eslint-disable @typescript-eslint/no-explicit-any */
export type Json = any;

export interface Shell {
  send(input: Json): void;
  pinText(text: string): void;
  editSecret(field: string, text: string): void;
  secret(field: string): string;
  nav(id: string): string;
  preview(): HTMLVideoElement | null;
  paste(): void;
}

type Child = Node | string | null | undefined | false;

function h(tag: string, attrs: Record<string, any> = {}, ...children: Child[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v as EventListener);
    else if (k === "text") el.textContent = String(v);
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === "string" ? document.createTextNode(c) : c);
  }
  return el;
}

function button(b: Json, onclick: () => void, attrs: Record<string, any> = {}): HTMLElement {
  return h("button", { type: "button", disabled: !b.enabled, onclick, ...attrs }, b.label);
}

function error(text: string | null, id?: string): HTMLElement | null {
  return text ? h("p", { class: "error", role: "alert", id }, text) : null;
}

/// A plain text field: every change is an `Edit` event.
function field(id: string, f: Json, name: string, shell: Shell, attrs: Record<string, any> = {}): HTMLElement {
  const errId = f.error ? `${id}-error` : undefined;
  const input = h("input", {
    id,
    value: f.value,
    "aria-describedby": errId,
    "aria-invalid": f.error ? "true" : undefined,
    oninput: (e: Event) => shell.send({ t: "Edit", field: name, text: (e.target as HTMLInputElement).value }),
    ...attrs,
  }) as HTMLInputElement;
  input.value = f.value;
  return h("div", { class: "field" }, h("label", { for: id }, f.label), input, error(f.error, errId));
}

/// A secret field: its text stays in the shell (the view model never
/// echoes it); every change is an `EditSecret` event with the bytes.
function secretField(id: string, f: Json, name: string, shell: Shell, attrs: Record<string, any> = {}): HTMLElement {
  const errId = f.error ? `${id}-error` : undefined;
  const input = h("input", {
    id,
    type: "password",
    autocomplete: "off",
    "aria-describedby": errId,
    "aria-invalid": f.error ? "true" : undefined,
    oninput: (e: Event) => shell.editSecret(name, (e.target as HTMLInputElement).value),
    ...attrs,
  }) as HTMLInputElement;
  input.value = shell.secret(name);
  return h("div", { class: "field" }, h("label", { for: id }, f.label), input, error(f.error, errId));
}

/// The PIN pad: the ten keys in the language's digits, dots for what is
/// typed, and a field for typing on the keyboard (any digit script).
/// A view-model switch (label and state) as a checkbox.
function toggle(sw: Json, onchange: (on: boolean) => void): HTMLElement {
  return h("label", {}, h("input", {
    type: "checkbox",
    role: "switch",
    checked: sw.on,
    onchange: (e: Event) => onchange((e.target as HTMLInputElement).checked),
  }), " ", sw.label);
}

function pad(p: Json, shell: Shell): HTMLElement {
  const dots = h(
    "div",
    { class: "dots", "aria-hidden": "true" },
    ...Array.from({ length: p.length }, (_, i) => h("span", { class: i < p.filled ? "dot on" : "dot" })),
  );
  const keys = h(
    "div",
    { class: "keys", role: "group", "aria-label": p.prompt },
    ...[1, 2, 3, 4, 5, 6, 7, 8, 9, 0].map((d) =>
      h("button", {
        type: "button",
        class: d === 0 ? "key zero" : "key",
        disabled: !p.enabled,
        onclick: () => shell.send({ t: "PinKey", digit: d }),
      }, p.keys[d]),
    ),
    h("button", {
      type: "button",
      class: "key back",
      disabled: !p.backspace.enabled,
      "aria-label": p.backspace.label,
      onclick: () => shell.send({ t: "PinBackspace" }),
    }, h("span", { "aria-hidden": "true" }, "⌫")),
  );
  const input = h("input", {
    id: "pin",
    type: "password",
    inputmode: "numeric",
    autocomplete: "off",
    disabled: !p.enabled,
    "aria-describedby": p.error ? "pin-error" : undefined,
    oninput: (e: Event) => shell.pinText((e.target as HTMLInputElement).value),
  }) as HTMLInputElement;
  input.value = p.filled === 0 ? "" : shell.secret("Pin");
  return h(
    "div",
    { class: "pad" },
    h("label", { for: "pin", class: "prompt" }, p.prompt),
    input,
    dots,
    error(p.error, "pin-error"),
    keys,
  );
}

function qr(code: Json, label: string): HTMLElement {
  const c = document.createElement("canvas");
  const scale = 6;
  const n = code.size + 8;
  c.width = c.height = n * scale;
  c.setAttribute("role", "img");
  c.setAttribute("aria-label", label);
  const ctx = c.getContext("2d");
  if (ctx) {
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, c.width, c.height);
    ctx.fillStyle = "#000";
    for (let y = 0; y < code.size; y++)
      for (let x = 0; x < code.size; x++)
        if (code.dark[y * code.size + x]) ctx.fillRect((x + 4) * scale, (y + 4) * scale, scale, scale);
  }
  return c;
}

const NAV: [string, string][] = [
  ["Codes", "codes-title"],
  ["Scan", "scan-title"],
  ["ManualEntry", "manual-title"],
  ["Backup", "backup-title"],
  ["Settings", "settings-title"],
  ["Transfer", "transfer-title"],
];

const UNLOCKED = new Set([
  "Import", "Codes", "Scan", "ManualEntry", "Confirm", "Batch", "Activation", "Account", "Backup", "Settings", "Transfer",
]);

function screenName(vm: Json): string {
  return typeof vm.screen === "string" ? vm.screen : Object.keys(vm.screen)[0];
}

export function render(root: HTMLElement, vm: Json, shell: Shell): void {
  const name = screenName(vm);
  const s = typeof vm.screen === "string" ? null : vm.screen[name];
  const before = controls(root);
  const active = document.activeElement;
  const at = before.list.findIndex((c) => c === active);
  const lang = vm.lang === "Fa" ? "fa" : "en";
  document.documentElement.lang = lang;
  document.documentElement.dir = vm.rtl ? "rtl" : "ltr";
  document.title = vm.title;

  const main = h("main", { id: "main", "data-screen": name, "aria-busy": vm.busy ? "true" : undefined });
  // "Back" is the view model's: a button where it says so ("LeaveApp":
  // none, the browser's own back).
  const back = typeof vm.back === "object" && vm.back.Back ? vm.back.Back : null;
  if (back) main.append(button(back, () => shell.send({ t: "Back" }), { class: "back" }));
  main.append(h("h1", { id: "title" }, vm.title));
  const body = screen(name, s, shell);
  if (body) main.append(body);
  if (vm.busy) main.append(h("div", { class: "busy", role: "status", "aria-live": "polite" }, h("span", { class: "spinner", "aria-hidden": "true" }), vm.busy));
  const toast = vm.toast ? h("div", { class: "toast", role: "status", "aria-live": "polite" }, vm.toast) : null;

  const header = UNLOCKED.has(name)
    ? h(
        "nav",
        { "aria-label": vm.title },
        h("ul", {}, ...NAV.map(([dest, id]) =>
          h("li", {}, h("button", {
            type: "button",
            "aria-current": dest === name ? "page" : undefined,
            onclick: () => shell.send({ t: "Navigate", to: dest }),
          }, shell.nav(id))),
        )),
      )
    : null;
  root.replaceChildren(...[header, main, toast].filter((x): x is HTMLElement => x !== null));
  const after = controls(root);
  const sameId = active?.id ? document.getElementById(active.id) : null;
  if (after.shape === before.shape) {
    // The same controls drawn again (the clock re-renders every second):
    // the one the keyboard was on keeps the focus, id or not.
    if (at >= 0) after.list[at].focus({ preventScroll: true });
  } else if (sameId) {
    sameId.focus();
  } else {
    // A new view: the back button is not where it starts.
    const first = main.querySelector<HTMLElement>("input:not([disabled]), button:not([disabled]):not(.back)");
    if (first && name !== "Codes") first.focus({ preventScroll: true });
  }
}

/// The page's controls in order, and their shape: the screen and each
/// control's tag and id (not its text, which the clock changes).
function controls(root: HTMLElement): { list: HTMLElement[]; shape: string } {
  const list = Array.from(root.querySelectorAll<HTMLElement>("button, input, a[href], select, textarea"));
  const screen = root.querySelector("main")?.getAttribute("data-screen") ?? "";
  return { list, shape: [screen, ...list.map((c) => `${c.tagName}#${c.id}`)].join(" ") };
}

function screen(name: string, s: Json, shell: Shell): HTMLElement | null {
  switch (name) {
    case "Starting":
      return null;
    case "FirstRun":
      return h(
        "section",
        {},
        h("p", { class: "heading" }, s.heading),
        s.step === "Language"
          ? h(
              "div",
              { role: "radiogroup", class: "langs" },
              ...s.languages.map((l: Json) =>
                h("button", {
                  type: "button",
                  role: "radio",
                  "aria-checked": l.selected ? "true" : "false",
                  lang: l.lang === "Fa" ? "fa" : "en",
                  onclick: () => shell.send({ t: "SetLanguage", lang: l.lang }),
                }, l.name),
              ),
            )
          : null,
        s.pad ? pad(s.pad, shell) : null,
        s.biometrics ? offer(s.biometrics, shell) : null,
        s.step === "Language" ? button(s.next, () => shell.send({ t: "Submit" }), { class: "primary" }) : null,
      );
    case "Lock":
      return h(
        "section",
        {},
        pad(s.pad, shell),
        s.attempts ? h("p", { class: "warn" }, s.attempts) : null,
        s.wait ? h("p", { class: "wait", role: "timer", "data-testid": "wait" }, s.wait) : null,
        s.biometrics ? button(s.biometrics, () => shell.send({ t: "UnlockWithBiometrics" })) : null,
      );
    case "Codes":
      return h(
        "section",
        {},
        ...s.banners.map((b: string) => h("p", { class: "banner", role: "note" }, b)),
        h("div", { class: "field" },
          h("label", { for: "search" }, s.search_hint),
          h("input", {
            id: "search",
            type: "search",
            value: s.search,
            oninput: (e: Event) => shell.send({ t: "Edit", field: "Search", text: (e.target as HTMLInputElement).value }),
          }),
        ),
        s.empty ? h("p", { class: "empty" }, s.empty) : null,
        s.biometrics_offer ? offer(s.biometrics_offer, shell) : null,
        h("ul", { class: "codes" }, ...s.rows.map((r: Json) => row(r, s, shell))),
        button(s.add, () => shell.send({ t: "Navigate", to: "Scan" }), { class: "primary" }),
      );
    case "Scan": {
      const v = shell.preview();
      return h(
        "section",
        {},
        h("p", {}, s.hint),
        v ? h("div", { class: "viewfinder" }, v) : null,
        s.progress ? h("p", { role: "status" }, s.progress) : null,
        error(s.error),
        h("div", { class: "row" },
          button(s.paste, () => shell.paste()),
          button(s.manual, () => shell.send({ t: "Navigate", to: "ManualEntry" })),
          s.import ? button(s.import, () => shell.send({ t: "Navigate", to: "Import" })) : null,
        ),
      );
    }
    case "Import":
      return h(
        "form",
        { onsubmit: (e: Event) => { e.preventDefault(); shell.send({ t: "Submit" }); } },
        h("p", {}, s.hint),
        s.source ? h("p", { class: "details" }, s.source) : null,
        s.passphrase ? secretField("import-passphrase", s.passphrase, "Passphrase", shell) : null,
        s.entries.length
          ? h("ul", { class: "batch" }, ...s.entries.map((e: Json, i: number) =>
              h("li", {},
                h("label", {},
                  h("input", { type: "checkbox", checked: e.checked, onchange: () => shell.send({ t: "ToggleBatchEntry", index: i }) }),
                  " ", e.label,
                ),
                e.duplicate ? h("span", { class: "warn" }, " ", e.duplicate) : null,
              ),
            ))
          : null,
        s.skipped.length ? h("ul", { class: "skipped" }, ...s.skipped.map((l: string) => h("li", {}, l))) : null,
        error(s.error),
        s.submit ? h("button", { type: "submit", class: "primary", disabled: !s.submit.enabled }, s.submit.label) : null,
        button(s.pick, () => shell.send({ t: "Choose", choice: "Retry" })),
      );
    case "ManualEntry":
      return h(
        "form",
        { onsubmit: (e: Event) => { e.preventDefault(); shell.send({ t: "Submit" }); } },
        field("issuer", s.issuer, "Issuer", shell),
        field("account", s.account, "Account", shell),
        secretField("secret", s.secret, "Secret", shell, { dir: "ltr", autocapitalize: "characters" }),
        toggle(s.advanced, (on) => shell.send({ t: "Choose", choice: { Advanced: on } })),
        s.advanced.on ? toggle(s.hotp, (on) => shell.send({ t: "Choose", choice: { Hotp: on } })) : null,
        s.advanced.on
          ? h("div", { role: "radiogroup", class: "algorithms", "aria-label": s.algorithm_label },
              ...s.algorithms.map((a: Json) =>
                h("button", {
                  type: "button",
                  role: "radio",
                  "aria-checked": a.selected ? "true" : "false",
                  onclick: () => shell.send({ t: "Choose", choice: { Algorithm: a.value } }),
                }, a.label),
              ))
          : null,
        s.advanced.on ? field("digits", s.digits, "Digits", shell, { inputmode: "numeric", dir: "ltr" }) : null,
        s.advanced.on && !s.hotp.on ? field("period", s.period, "Period", shell, { inputmode: "numeric", dir: "ltr" }) : null,
        s.advanced.on && s.hotp.on ? field("counter", s.counter, "Counter", shell, { inputmode: "numeric", dir: "ltr" }) : null,
        h("button", { type: "submit", class: "primary", disabled: !s.submit.enabled }, s.submit.label),
      );
    case "Confirm":
      return h(
        "form",
        { onsubmit: (e: Event) => { e.preventDefault(); shell.send({ t: "Submit" }); } },
        field("issuer", s.issuer, "Issuer", shell),
        field("account", s.account, "Account", shell),
        h("p", { class: "details" }, s.details),
        s.duplicate ? h("p", { class: "warn" }, s.duplicate) : null,
        s.warning ? h("p", { class: "warn" }, s.warning) : null,
        h("button", { type: "submit", class: "primary", disabled: !s.submit.enabled }, s.submit.label),
      );
    case "Batch":
      return h(
        "section",
        {},
        h("p", {}, s.part),
        h("ul", { class: "batch" }, ...s.entries.map((e: Json, i: number) =>
          h("li", {},
            h("label", {},
              h("input", { type: "checkbox", checked: e.checked, onchange: () => shell.send({ t: "ToggleBatchEntry", index: i }) }),
              " ", e.label,
            ),
            e.duplicate ? h("span", { class: "warn" }, " ", e.duplicate) : null,
          ),
        )),
        s.rejected ? h("p", { class: "warn" }, s.rejected) : null,
        button(s.submit, () => shell.send({ t: "Submit" }), { class: "primary" }),
      );
    case "Activation":
      return h(
        "form",
        { onsubmit: (e: Event) => { e.preventDefault(); shell.send({ t: "Submit" }); } },
        h("p", { class: "bank" }, s.bank),
        h("p", { class: "card", "data-testid": "card" }, s.card),
        h("p", { class: "server", "data-testid": "server" }, s.server),
        h("p", { role: "timer" }, s.expires),
        secretField("sms", s.sms_code, "SmsCode", shell, { inputmode: "numeric", autocomplete: "one-time-code", dir: "ltr" }),
        error(s.error),
        h("button", { type: "submit", class: "primary", disabled: !s.submit.enabled }, s.submit.label),
        s.retry ? button(s.retry, () => shell.send({ t: "Choose", choice: "Retry" })) : null,
      );
    case "Account":
      return h(
        "section",
        {},
        field("issuer", s.issuer, "Issuer", shell),
        field("account", s.account, "Account", shell),
        h("dl", {}, ...s.details.flatMap((d: Json) => [h("dt", {}, d.label), h("dd", {}, d.value)])),
        h("div", { class: "row" },
          button(s.rename, () => shell.send({ t: "Choose", choice: "Rename" })),
          s.confirm_delete ? null : button(s.delete, () => shell.send({ t: "Choose", choice: "Delete" }), { class: "danger" }),
        ),
        s.confirm_delete
          ? h("div", { role: "alertdialog", "aria-label": s.confirm_delete },
              h("p", {}, s.confirm_delete),
              s.confirm ? button(s.confirm, () => shell.send({ t: "Choose", choice: "ConfirmDelete" }), { class: "danger" }) : null,
            )
          : null,
        s.pad ? pad(s.pad, shell) : null,
      );
    case "Backup":
      // Enter in a field is the screen's Submit (restore or verify the
      // file picked).
      return h(
        "form",
        { onsubmit: (e: Event) => { e.preventDefault(); shell.send({ t: "Submit" }); } },
        h("p", {}, s.last_backup),
        s.reminder ? h("p", { class: "warn" }, s.reminder) : null,
        secretField("passphrase", s.passphrase, "Passphrase", shell),
        s.passphrase_again ? secretField("passphrase-again", s.passphrase_again, "PassphraseAgain", shell) : null,
        s.strength_text ? h("p", { "data-strength": s.strength }, s.strength_text) : null,
        s.include_bank_cards ? toggle(s.include_bank_cards, (on) => shell.send({ t: "Choose", choice: { IncludeBankCards: on } })) : null,
        s.pad ? pad(s.pad, shell) : null,
        s.submit ? h("button", { type: "submit", class: "primary", disabled: !s.submit.enabled }, s.submit.label) : null,
        error(s.error),
        h("div", { class: "row" },
          button(s.export, () => shell.send({ t: "Choose", choice: "Export" }), { class: "primary" }),
          button(s.verify, () => shell.send({ t: "Choose", choice: "Verify" })),
          button(s.restore, () => shell.send({ t: "Choose", choice: "Restore" })),
        ),
        s.report.length ? h("ul", { class: "report", "data-testid": "report" }, ...s.report.map((l: string) => h("li", {}, l))) : null,
      );
    case "Settings":
      return h(
        "section",
        {},
        h("div", { role: "radiogroup", class: "langs", "aria-label": s.language_label }, ...s.languages.map((l: Json) =>
          h("button", {
            type: "button",
            role: "radio",
            "aria-checked": l.selected ? "true" : "false",
            lang: l.lang === "Fa" ? "fa" : "en",
            onclick: () => shell.send({ t: "SetLanguage", lang: l.lang }),
          }, l.name),
        )),
        s.biometrics
          ? h("label", {}, h("input", {
              type: "checkbox",
              role: "switch",
              checked: s.biometrics.on,
              onchange: (e: Event) => shell.send({ t: "Choose", choice: { Biometrics: (e.target as HTMLInputElement).checked } }),
            }), " ", s.biometrics.label)
          : null,
        h("div", { role: "radiogroup", class: "autolock", "aria-label": s.auto_lock_label }, ...s.auto_lock.map((c: Json) =>
          h("button", {
            type: "button",
            role: "radio",
            "aria-checked": c.selected ? "true" : "false",
            onclick: () => shell.send({ t: "Choose", choice: { AutoLock: c.seconds } }),
          }, c.label),
        )),
        h("p", {}, s.clock),
        field("clock-offset", s.clock_offset, "ClockOffset", shell, { inputmode: "numeric", dir: "ltr" }),
        h("div", { class: "row" },
          button(s.clock_apply, () => shell.send({ t: "Choose", choice: { ManualClock: true } })),
          s.clock_clear ? button(s.clock_clear, () => shell.send({ t: "Choose", choice: { ManualClock: false } })) : null,
        ),
        button(s.change_pin, () => shell.send({ t: "Choose", choice: "ChangePin" })),
        s.pad ? pad(s.pad, shell) : null,
        error(s.error),
        h("p", { class: "about" }, s.about),
      );
    case "Transfer":
      return h(
        "section",
        {},
        s.pin ? pad(s.pin, shell) : null,
        s.part ? h("p", {}, s.part) : null,
        s.code ? qr(s.code, s.hint) : null,
        h("p", {}, s.hint),
        s.stay_title ? h("p", { class: "warn" }, s.stay_title) : null,
        s.stay.length ? h("ul", {}, ...s.stay.map((l: string) => h("li", {}, l))) : null,
        h("div", { class: "row" },
          s.previous ? button(s.previous, () => shell.send({ t: "Choose", choice: "PreviousCode" })) : null,
          s.next ? button(s.next, () => shell.send({ t: "Choose", choice: "NextCode" })) : null,
        ),
      );
    case "Notice":
      return h(
        "section",
        { role: "alert" },
        h("h2", {}, s.heading),
        h("p", {}, s.body),
        button(s.action, () => shell.send({ t: "Submit" }), { class: "primary" }),
      );
    default:
      return null;
  }
}

function offer(o: Json, shell: Shell): HTMLElement {
  return h(
    "div",
    { class: "offer" },
    h("p", {}, o.text),
    button(o.accept, () => shell.send({ t: "AcceptBiometrics", accept: true }), { class: "primary" }),
    button(o.decline, () => shell.send({ t: "AcceptBiometrics", accept: false })),
  );
}

/// One account: a button that copies the code (TOTP) or makes the next
/// one (HOTP), its hint `r.tap`; a second button opens the details; move
/// up and down to the positions the row gives.
function row(r: Json, list: Json, shell: Shell): HTMLElement {
  return h(
    "li",
    { class: "code-row", "data-id": r.id },
    // The accessible name is the view model's screen-reader text (the
    // code digit by digit, the seconds left); the drawn parts are hidden
    // from screen readers rather than overridden by a label.
    h("button", {
      type: "button",
      class: "tap",
      title: r.tap,
      onclick: () => shell.send({ t: "TapAccount", id: r.id }),
      oncontextmenu: (e: Event) => { e.preventDefault(); shell.send({ t: "OpenAccount", id: r.id }); },
    },
      h("span", { class: "sr-only" }, r.a11y),
      h("span", { class: "issuer", "aria-hidden": "true" }, r.issuer),
      h("span", { class: "account", "aria-hidden": "true" }, r.account),
      r.badge ? h("span", { class: "badge", "aria-hidden": "true" }, r.badge) : null,
      h("span", { class: "code", "data-testid": "code", "aria-hidden": "true" }, r.code),
      r.next ? h("span", { class: "next", "aria-hidden": "true" }, r.next) : null,
      r.counter ? h("span", { class: "counter", "aria-hidden": "true" }, r.counter) : null,
      r.period ? h("span", { class: "seconds", "aria-hidden": "true" }, r.seconds_text) : null,
    ),
    h("button", {
      type: "button",
      class: "more",
      disabled: !list.open_account.enabled,
      onclick: () => shell.send({ t: "OpenAccount", id: r.id }),
    }, h("span", { class: "sr-only" }, `${list.open_account.label}: ${r.issuer}`), h("span", { "aria-hidden": "true" }, "⋯")),
    r.move_up !== null
      ? h("button", {
          type: "button",
          class: "move",
          disabled: !list.move_up.enabled,
          onclick: () => shell.send({ t: "MoveAccount", id: r.id, position: r.move_up }),
        }, h("span", { class: "sr-only" }, `${list.move_up.label}: ${r.issuer}`), h("span", { "aria-hidden": "true" }, "↑"))
      : null,
    r.move_down !== null
      ? h("button", {
          type: "button",
          class: "move",
          disabled: !list.move_down.enabled,
          onclick: () => shell.send({ t: "MoveAccount", id: r.id, position: r.move_down }),
        }, h("span", { class: "sr-only" }, `${list.move_down.label}: ${r.issuer}`), h("span", { "aria-hidden": "true" }, "↓"))
      : null,
  );
}
