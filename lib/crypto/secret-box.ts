// Credentials at rest (connector tokens, webhook signing secrets): JSON sealed with AES-256-GCM
// under PORTICO_SECRET_KEY. Only node:crypto does cryptography here; this module decides the
// envelope and which key opens what.
//
// Envelope, version 1:
//   format (1 byte, 0x01) | key id (4 bytes) | IV (12 random bytes) | ciphertext | tag (16 bytes)
// The additional authenticated data is format ‖ key id ‖ the caller's context (e.g. the
// connector's id), so a blob copied into another row, relabelled with another key id or
// truncated fails to open instead of yielding someone else's credentials.
//
// No key lives here (lib/crypto/secret-keys.ts reads them, server-only): this is the envelope's
// maths alone, which the e2e specs also use to store credentials exactly as the app does.

import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";

const formatV1 = 0x01;
const keyIdLength = 4;
const ivLength = 12;
const tagLength = 16;
const headerLength = 1 + keyIdLength + ivLength;
/** AES-256: the key is exactly 32 bytes. */
export const secretKeyLength = 32;

/** One encryption key and the short id the envelope names it by. */
export interface SecretKey {
  id: Buffer;
  key: Buffer;
}

/** What seals (always `current`) and what may open (`current`, then `previous` during a rotation). */
export interface SecretKeys {
  current: SecretKey;
  previous?: SecretKey;
}

export type SecretBoxFailure =
  /** Not an envelope this code wrote (too short, unknown format byte). */
  | "malformed"
  /** Sealed under a key that is neither the current nor the previous one. */
  | "unknownKey"
  /** The tag does not verify: tampered with, sealed for another context, or under another key with the same id. */
  | "unauthentic";

/** Sealed secrets that cannot be opened; the message says why, never what was inside. */
export class SecretBoxError extends Error {
  constructor(
    readonly failure: SecretBoxFailure,
    message: string,
  ) {
    super(message);
    this.name = "SecretBoxError";
  }
}

/**
 * A key from its 32 raw bytes. The id is a keyed fingerprint (HMAC of a fixed label), so the
 * envelope can say which key sealed it without revealing anything about the key.
 */
export function secretKey(key: Buffer): SecretKey {
  if (key.length !== secretKeyLength) {
    throw new RangeError(`A secret key is exactly ${secretKeyLength} bytes (AES-256); this one is ${key.length}.`);
  }
  const id = createHmac("sha256", key).update("portico secret key id").digest().subarray(0, keyIdLength);
  return { id, key: Buffer.from(key) };
}

function additionalData(keyId: Buffer, context: string): Buffer {
  if (!context) throw new TypeError("Sealed secrets need a context (e.g. the connector id) to be bound to.");
  return Buffer.concat([Buffer.of(formatV1), keyId, Buffer.from(context, "utf8")]);
}

/** Seals `value` (anything JSON can hold) with the current key, bound to `context`. */
export function sealSecrets(value: unknown, keys: SecretKeys, context: string): Buffer {
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError("Only a JSON value can be sealed.");
  const { id, key } = keys.current;
  const iv = randomBytes(ivLength);
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: tagLength });
  cipher.setAAD(additionalData(id, context));
  const ciphertext = Buffer.concat([cipher.update(json, "utf8"), cipher.final()]);
  return Buffer.concat([Buffer.of(formatV1), id, iv, ciphertext, cipher.getAuthTag()]);
}

/** The id of the key that sealed `sealed`. */
export function sealedKeyId(sealed: Buffer): Buffer {
  if (sealed.length < headerLength + tagLength + 1) {
    throw new SecretBoxError("malformed", `Sealed secrets are at least ${headerLength + tagLength + 1} bytes; these are ${sealed.length}.`);
  }
  if (sealed[0] !== formatV1) {
    throw new SecretBoxError("malformed", `Sealed secrets in an unknown format (${sealed[0]}).`);
  }
  return sealed.subarray(1, 1 + keyIdLength);
}

/** Opens what sealSecrets sealed for the same context, with the current or the previous key. */
export function openSecrets(sealed: Buffer, keys: SecretKeys, context: string): unknown {
  const keyId = sealedKeyId(sealed);
  const candidates = [keys.current, keys.previous].filter((candidate): candidate is SecretKey => candidate?.id.equals(keyId) ?? false);
  if (candidates.length === 0) {
    throw new SecretBoxError(
      "unknownKey",
      `Sealed under key ${keyId.toString("hex")}, which is neither PORTICO_SECRET_KEY (${keys.current.id.toString("hex")}) nor PORTICO_SECRET_KEY_PREVIOUS${keys.previous ? ` (${keys.previous.id.toString("hex")})` : " (unset)"}.`,
    );
  }
  const iv = sealed.subarray(1 + keyIdLength, headerLength);
  const ciphertext = sealed.subarray(headerLength, sealed.length - tagLength);
  const tag = sealed.subarray(sealed.length - tagLength);
  for (const { key } of candidates) {
    const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: tagLength });
    decipher.setAAD(additionalData(keyId, context));
    decipher.setAuthTag(tag);
    let json: string;
    try {
      json = Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
    } catch {
      // GCM's tag check: the only failure final() reports. Another candidate may still match.
      continue;
    }
    return JSON.parse(json);
  }
  throw new SecretBoxError("unauthentic", `Sealed secrets do not verify for "${context}": tampered with, sealed for another context, or under another key.`);
}

/** True when `sealed` was sealed with the current key, i.e. needs no re-sealing after a rotation. */
export function isSealedWithCurrentKey(sealed: Buffer, keys: SecretKeys): boolean {
  return sealedKeyId(sealed).equals(keys.current.id);
}

/** After a rotation: opens with whichever key sealed it and seals again with the current one. */
export function resealSecrets(sealed: Buffer, keys: SecretKeys, context: string): Buffer {
  return sealSecrets(openSecrets(sealed, keys, context), keys, context);
}
