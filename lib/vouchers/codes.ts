import { createHmac, randomInt } from "node:crypto";

import type { DerivedKeys } from "@/lib/crypto/derived-keys";

/** `count` distinct codes of `length` digits, each digit from the CSPRNG (no modulo bias: randomInt rejects). */
export function generateCodes(count: number, length: number, exclude: ReadonlySet<string> = new Set()): string[] {
  const codes = new Set<string>();
  while (codes.size < count) {
    let code = "";
    for (let i = 0; i < length; i++) code += String(randomInt(10));
    if (!exclude.has(code)) codes.add(code);
  }
  return [...codes];
}

/** The stored form of a code: HMAC-SHA256 under the vouchers' key. */
export function codeHmac(key: Buffer, code: string): Buffer {
  return createHmac("sha256", key).update(`voucher:${code}`).digest();
}

/** The HMACs a code may be stored under: the current key's, and the previous key's during a rotation. */
export function codeHmacs(keys: DerivedKeys, code: string): Buffer[] {
  return keys.previous ? [codeHmac(keys.current, code), codeHmac(keys.previous, code)] : [codeHmac(keys.current, code)];
}

/** "1234 5678" for print: groups of four read aloud and typed more easily. */
export function groupedCode(code: string): string {
  return code.replace(/(\d{4})(?=\d)/g, "$1 ");
}
