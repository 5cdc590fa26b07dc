// Browser storage of the web shell: IndexedDB for the device key, the
// wrapped device secret and the vault; localStorage for the (not secret)
// settings. ADR 0065 explains the design.

const DB_NAME = "ramz";
const DB_VERSION = 1;
/// Object stores: the device keystore's key and wrapped secret; the vault.
const KEYS = "keys";
const VAULT = "vault";

export function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, DB_VERSION);
    req.onupgradeneeded = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains(KEYS)) db.createObjectStore(KEYS);
      if (!db.objectStoreNames.contains(VAULT)) db.createObjectStore(VAULT);
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error("transaction aborted"));
  });
}

function get<T>(db: IDBDatabase, store: string, key: string): Promise<T | undefined> {
  return new Promise((resolve, reject) => {
    const req = db.transaction(store, "readonly").objectStore(store).get(key);
    req.onsuccess = () => resolve(req.result as T | undefined);
    req.onerror = () => reject(req.error);
  });
}

interface Wrapped {
  iv: Uint8Array<ArrayBuffer>;
  ct: ArrayBuffer;
}

const AAD = new TextEncoder().encode("ramz web keystore");

/// The profile's non-extractable AES-GCM key (made on the first start).
/// Scripts of this origin can use it, nobody can read it out.
export async function profileKey(db: IDBDatabase): Promise<CryptoKey> {
  const key = await get<CryptoKey>(db, KEYS, "profile-key");
  if (key) return key;
  const fresh = await crypto.subtle.generateKey({ name: "AES-GCM", length: 256 }, false, [
    "encrypt",
    "decrypt",
  ]);
  const tx = db.transaction(KEYS, "readwrite", { durability: "strict" });
  tx.objectStore(KEYS).put(fresh, "profile-key");
  await done(tx);
  return fresh;
}

/// The app core's device-key blob, unwrapped for the session (empty on a
/// fresh profile). The caller wipes it after handing it over.
export async function loadKeys(db: IDBDatabase, key: CryptoKey): Promise<Uint8Array> {
  const current = await get<number>(db, VAULT, "current");
  if (current === undefined) return new Uint8Array(0);
  const wrapped = await get<Wrapped>(db, VAULT, `k${current}`);
  if (!wrapped) return new Uint8Array(0);
  const plain = await crypto.subtle.decrypt(
    { name: "AES-GCM", iv: wrapped.iv, additionalData: AAD },
    key,
    wrapped.ct,
  );
  return new Uint8Array(plain);
}

/// The vault's current version, or an empty array on a fresh profile.
export async function loadVault(db: IDBDatabase): Promise<Uint8Array> {
  const current = await get<number>(db, VAULT, "current");
  if (current === undefined) return new Uint8Array(0);
  return (await get<Uint8Array>(db, VAULT, `v${current}`)) ?? new Uint8Array(0);
}

/// Wraps a key blob with the profile key (fresh IV) and wipes the blob.
export async function wrapKeys(key: CryptoKey, blob: Uint8Array<ArrayBuffer>): Promise<Wrapped> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ct = await crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData: AAD }, key, blob);
  blob.fill(0);
  return { iv, ct };
}

/// Keeps a new version: the vault's bytes (unchanged when null; an empty
/// array when the vault was erased) and the wrapped keys (unchanged when
/// null), written as version n+1 and the pointer switched to it, in ONE
/// transaction: a crash or a closed tab leaves version n in force, never
/// a vault without its keys. Resolves once IndexedDB reports the
/// transaction durable ("strict").
export async function saveVersion(
  db: IDBDatabase,
  vault: Uint8Array | null,
  keys: Wrapped | null,
): Promise<void> {
  const tx = db.transaction(VAULT, "readwrite", { durability: "strict" });
  const s = tx.objectStore(VAULT);
  const req = s.get("current");
  req.onsuccess = () => {
    const prev = req.result as number | undefined;
    const next = (prev ?? 0) + 1;
    const copy = (from: string, to: string) => {
      const r = s.get(from);
      r.onsuccess = () => {
        if (r.result !== undefined) s.put(r.result, to);
      };
    };
    if (vault) s.put(vault, `v${next}`);
    else if (prev !== undefined) copy(`v${prev}`, `v${next}`);
    if (keys) s.put(keys, `k${next}`);
    else if (prev !== undefined) copy(`k${prev}`, `k${next}`);
    s.put(next, "current");
    if (prev !== undefined) {
      s.delete(`v${prev}`);
      s.delete(`k${prev}`);
    }
  };
  await done(tx);
}

const SETTINGS = "ramz.settings";

export function loadSettings(): string {
  return localStorage.getItem(SETTINGS) ?? "";
}

export function storeSettings(json: string): void {
  localStorage.setItem(SETTINGS, json);
}
