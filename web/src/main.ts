// The web shell: boots the app core (ramz_wasm), draws its view model and
// runs its effects with browser calls. No app logic here (web/README.md).

import init, { WebApp, catalog_text } from "./ramz_wasm.js";
import { Camera } from "./camera.js";
import { Json, render, Shell } from "./render.js";
import * as store from "./store.js";

const enc = new TextEncoder();

class WebShell implements Shell {
  private app!: WebApp;
  private db!: IDBDatabase;
  private profileKey!: CryptoKey;
  private root: HTMLElement;
  private secrets = new Map<string, string>();
  private camera: Camera;
  private clipboardTimer: number | null = null;
  private renderQueued = false;
  private lang = "Fa";
  /// Works run one after another; the busy view is painted first.
  private workChain: Promise<void> = Promise.resolve();

  constructor(root: HTMLElement) {
    this.root = root;
    this.camera = new Camera((luma, w, hgt, stride) => {
      this.effects(this.app.camera_frame(luma, w, hgt, stride));
      this.camera.next();
    });
  }

  async boot(): Promise<void> {
    await init();
    this.db = await store.openDb();
    this.profileKey = await store.profileKey(this.db);
    const keys = await store.loadKeys(this.db, this.profileKey);
    const vault = await store.loadVault(this.db);
    // Always the default Argon2id settings: nothing a link can weaken.
    this.app = new WebApp(keys, vault, false);
    keys.fill(0);
    this.effects(this.app.start(Date.now() / 1000, navigator.language, store.loadSettings(), false));
    window.setInterval(() => this.send({ t: "Tick", unix: Math.floor(Date.now() / 1000) }), 1000);
    document.addEventListener("visibilitychange", () => {
      const unix = Math.floor(Date.now() / 1000);
      this.send(document.hidden ? { t: "Background", unix } : { t: "Foreground", unix });
    });
    document.addEventListener("keydown", (e) => {
      if (e.key === "Escape") this.send({ t: "Back" });
    });
  }

  // ----- Shell (what the drawing calls) -----

  send(input: Json): void {
    this.effects(this.app.send(JSON.stringify(input)));
  }

  pinText(text: string): void {
    this.secrets.set("Pin", text);
    this.effects(this.app.pin_text(enc.encode(text)));
  }

  editSecret(field: string, text: string): void {
    this.secrets.set(field, text);
    this.effects(this.app.edit_secret(field, enc.encode(text)));
  }

  secret(field: string): string {
    return this.secrets.get(field) ?? "";
  }

  nav(id: string): string {
    return catalog_text(this.lang, id);
  }

  preview(): HTMLVideoElement | null {
    return this.camera.preview();
  }

  /// "Paste": `Choose(AddAnother)`, then the clipboard's text as `Paste`.
  paste(): void {
    this.send({ t: "Choose", choice: "AddAnother" });
    navigator.clipboard.readText().then(
      (text) => this.send({ t: "Paste", text }),
      () => undefined, // no permission: nothing pasted
    );
  }

  // ----- effects -----

  private effects(json: string): void {
    for (const e of JSON.parse(json) as Json[]) this.effect(e);
  }

  private effect(e: Json): void {
    switch (e.t) {
      case "Render":
        this.queueRender();
        break;
      case "Work":
        this.runWork(e.id as number);
        break;
      case "Camera":
        if (e.on) void this.camera.start().then(() => this.queueRender());
        else this.camera.stop();
        break;
      case "CopyToClipboard":
        void this.copy(e.text as string, e.clear_after_seconds as number);
        break;
      case "Http":
        void this.http(e);
        break;
      case "SaveFile":
        this.save(e.name as string, e.mime as string, b64(e.bytes as string));
        break;
      case "PickFile":
        this.pick(e.mime as string);
        break;
      case "BiometricPrompt":
        // No biometric unlock in the browser (biometrics_available=false).
        this.effects(this.app.send(JSON.stringify({ t: "BiometricResult", outcome: "Cancelled" })));
        break;
      case "StoreSettings":
        store.storeSettings(JSON.stringify(e.settings));
        break;
    }
  }

  /// Runs a work after the busy view is painted, persists what it wrote
  /// (one IndexedDB transaction), and only then gives it back to the app:
  /// the outcome of a PIN check is never shown before the counted
  /// attempt is durable (ADR 0065).
  private runWork(id: number): void {
    this.workChain = this.workChain.then(async () => {
      await paint();
      this.app.run_work(id);
      await this.persist();
      this.effects(this.app.work_done(id));
    }).catch((err) => {
      console.error("work failed", err);
    });
  }

  /// Makes what the vault and the keystore wrote durable, in one
  /// IndexedDB transaction.
  private async persist(): Promise<void> {
    const vault = this.app.take_vault_change() ?? null;
    const blob = this.app.take_keys_change();
    const keys = blob ? await store.wrapKeys(this.profileKey, blob as Uint8Array<ArrayBuffer>) : null;
    if (vault || keys) await store.saveVersion(this.db, vault, keys);
  }

  private async copy(text: string, clearAfter: number): Promise<void> {
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      return;
    }
    if (this.clipboardTimer !== null) clearTimeout(this.clipboardTimer);
    this.clipboardTimer = window.setTimeout(async () => {
      try {
        if ((await navigator.clipboard.readText()) === text) await navigator.clipboard.writeText("");
      } catch {
        /* no permission to read: leave it */
      }
    }, clearAfter * 1000);
  }

  private async http(e: Json): Promise<void> {
    try {
      const r = await fetch(e.url, {
        method: e.method,
        headers: { "content-type": e.content_type },
        body: b64(e.body),
        credentials: "omit",
        cache: "no-store",
      });
      const body = new Uint8Array(await r.arrayBuffer());
      this.effects(this.app.http_response(r.status, body, Date.now() / 1000));
    } catch {
      this.send({ t: "HttpFailed" });
    }
  }

  private save(name: string, mime: string, bytes: Uint8Array<ArrayBuffer>): void {
    const url = URL.createObjectURL(new Blob([bytes], { type: mime }));
    const a = document.createElement("a");
    a.href = url;
    a.download = name;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    this.send({ t: "FileSaved", ok: true });
  }

  private pick(mime: string): void {
    const input = document.createElement("input");
    input.type = "file";
    input.accept = mime;
    input.hidden = true;
    input.setAttribute("data-testid", "file-picker");
    input.addEventListener("change", async () => {
      const f = input.files?.[0];
      input.remove();
      if (!f) {
        this.send({ t: "Back" });
        return;
      }
      this.effects(this.app.file_picked(new Uint8Array(await f.arrayBuffer())));
    });
    input.addEventListener("cancel", () => {
      input.remove();
      this.send({ t: "Back" });
    });
    document.body.append(input);
    input.click();
  }

  private queueRender(): void {
    if (this.renderQueued) return;
    this.renderQueued = true;
    queueMicrotask(() => {
      this.renderQueued = false;
      const vm = JSON.parse(this.app.view());
      this.lang = vm.lang;
      if (screenOf(vm) !== "Lock" && screenOf(vm) !== "FirstRun") this.secrets.delete("Pin");
      render(this.root, vm, this);
    });
  }
}

function screenOf(vm: Json): string {
  return typeof vm.screen === "string" ? vm.screen : Object.keys(vm.screen)[0];
}

/// Resolves after the browser painted the current DOM.
function paint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

function b64(text: string): Uint8Array<ArrayBuffer> {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

const root = document.getElementById("app");
if (root) {
  const shell = new WebShell(root);
  (window as unknown as { ramzReady: Promise<void> }).ramzReady = shell.boot();
}
