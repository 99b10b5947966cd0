// The "Manage my data" link's token: `<link id>.<secret>.<expiry>.<signature>`. The signature
// (HMAC-SHA256 under a key derived from PORTICO_SECRET_KEY) covers the rest, so a forged or
// altered link is refused before the database is asked; the secret is what the database
// holds only as a SHA-256 (self_service_link.token_hash), and opening consumes it once.
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

import type { DerivedKeys } from "@/lib/crypto/derived-keys";

export const linkTokenPurpose = "self-service links v1";
export const linkMinutes = 30;

export interface LinkToken {
  linkId: string;
  secret: string;
  expiresAt: Date;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function signature(key: Buffer, linkId: string, secret: string, expires: number): Buffer {
  return createHmac("sha256", key).update(`v1\n${linkId}\n${secret}\n${expires}`).digest();
}

/** A fresh secret for a link (or a session): 32 random bytes, base64url. */
export function newSecret(): string {
  return randomBytes(32).toString("base64url");
}

/** What the database keeps of a secret. */
export function secretHash(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export function signLinkToken(keys: DerivedKeys, token: LinkToken): string {
  const expires = Math.floor(token.expiresAt.getTime() / 1000);
  return `${token.linkId}.${token.secret}.${expires}.${signature(keys.current, token.linkId, token.secret, expires).toString("base64url")}`;
}

export type LinkTokenCheck = { status: "valid"; token: LinkToken } | { status: "expired" } | { status: "invalid" };

/** A bad signature is "invalid" even when the expiry has passed too: a forger learns nothing. */
export function checkLinkToken(keys: DerivedKeys, text: string | null, now: Date): LinkTokenCheck {
  const parts = (text ?? "").split(".");
  if (parts.length !== 4) return { status: "invalid" };
  const [linkId, secret, expiresText, sig] = parts as [string, string, string, string];
  if (!uuid.test(linkId) || !/^[A-Za-z0-9_-]{43}$/.test(secret) || !/^\d{1,12}$/.test(expiresText) || !/^[A-Za-z0-9_-]{43}$/.test(sig)) return { status: "invalid" };
  const expires = Number(expiresText);
  const given = Buffer.from(sig, "base64url");
  const matches = [keys.current, keys.previous].some((key) => key && timingSafeEqual(signature(key, linkId, secret, expires), given));
  if (!matches) return { status: "invalid" };
  if (expires * 1000 <= now.getTime()) return { status: "expired" };
  return { status: "valid", token: { linkId, secret, expiresAt: new Date(expires * 1000) } };
}
