import { hkdfSync } from "node:crypto";

import type { SecretKeys } from "./secret-box";

/** One purpose's keys: the current one signs, the previous one (during a rotation) still verifies. */
export interface DerivedKeys {
  current: Buffer;
  previous?: Buffer;
}

/**
 * A key for one purpose (signing download links…) derived from PORTICO_SECRET_KEY with HKDF
 * (SHA-256), so the sealing key itself never signs anything and purposes never share a key.
 */
export function deriveKeys(keys: SecretKeys, purpose: string): DerivedKeys {
  const derive = (key: Buffer) => Buffer.from(hkdfSync("sha256", key, Buffer.alloc(0), `portico ${purpose}`, 32));
  return keys.previous ? { current: derive(keys.current.key), previous: derive(keys.previous.key) } : { current: derive(keys.current.key) };
}
