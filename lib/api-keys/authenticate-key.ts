import type { Db } from "@/lib/db/client";

import { isApiScope, type ApiScope } from "./scopes";
import { keyIdOfToken, tokenMatches } from "./token";

/** Who is calling the API: a live key, with what it may reach. */
export interface ApiPrincipal {
  keyId: string;
  name: string;
  prefix: string;
  /** The one venue the key reaches; null: every venue. */
  venueId: string | null;
  scopes: ApiScope[];
  /** Visitor-data namespaces the key writes. */
  namespaces: string[];
  rateLimitPerMinute: number;
}

/** Why a request is not authenticated. Callers answer every reason with the same 401. */
export type KeyRefusal = "missing" | "malformed" | "unknown" | "revoked" | "expired";

export type KeyCheck = { ok: true; principal: ApiPrincipal } | { ok: false; reason: KeyRefusal };

/** How stale last_used_at may get: it is written at most this often per key. */
const lastUsedResolutionMs = 60_000;

/**
 * Reads `Authorization: Bearer ptk_…`, finds the key by the id the token names (one
 * primary-key read), compares hashes in constant time and refuses revoked or expired keys.
 * Marks the key used, at most once a minute, so a busy key does not write on every request.
 */
export async function authenticateApiKey(db: Db, authorization: string | null, now = new Date()): Promise<KeyCheck> {
  if (!authorization) return { ok: false, reason: "missing" };
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  const token = match?.[1];
  const keyId = token ? keyIdOfToken(token) : null;
  if (!token || !keyId) return { ok: false, reason: "malformed" };
  const key = await db.apiKey.findUnique({ where: { id: keyId } });
  if (!key || !tokenMatches(token, key.secretHash)) return { ok: false, reason: "unknown" };
  if (key.revokedAt) return { ok: false, reason: "revoked" };
  if (key.expiresAt && key.expiresAt.getTime() <= now.getTime()) return { ok: false, reason: "expired" };
  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() >= lastUsedResolutionMs) {
    // Conditional, so several processes seeing the same stale value write it once.
    await db.$executeRaw`
      UPDATE api_key SET last_used_at = ${now}
      WHERE id = ${key.id}::uuid AND (last_used_at IS NULL OR last_used_at <= ${new Date(now.getTime() - lastUsedResolutionMs)})`;
  }
  return {
    ok: true,
    principal: {
      keyId: key.id,
      name: key.name,
      prefix: key.prefix,
      venueId: key.venueId,
      scopes: key.scopes.filter(isApiScope),
      namespaces: key.namespaces,
      rateLimitPerMinute: key.rateLimitPerMinute,
    },
  };
}
