import "server-only";

import { recordAudit } from "@/lib/audit/record-audit";
import { assertPermission, type Actor } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";

import { declareNamespaces, parseNamespaceList } from "./namespaces";
import type { NewApiKeyInput } from "./schemas";
import { issueApiToken } from "./token";

/** What staff see of a key: everything but its secret. */
export interface ApiKeyListItem {
  id: string;
  name: string;
  prefix: string;
  venue: { id: string; name: string } | null;
  scopes: string[];
  namespaces: string[];
  rateLimitPerMinute: number;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

export async function listApiKeys(db: Db, actor: Pick<Actor, "role">): Promise<ApiKeyListItem[]> {
  assertPermission(actor, "apiKeys.manage");
  const keys = await db.apiKey.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }], include: { venue: { select: { id: true, name: true } } } });
  return keys.map((k) => ({
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    venue: k.venue,
    scopes: k.scopes,
    namespaces: k.namespaces,
    rateLimitPerMinute: k.rateLimitPerMinute,
    createdAt: k.createdAt,
    lastUsedAt: k.lastUsedAt,
    expiresAt: k.expiresAt,
    revokedAt: k.revokedAt,
  }));
}

/** The venues a key can be scoped to, for the form. */
export async function apiKeyVenueOptions(db: Db, actor: Pick<Actor, "role">): Promise<{ id: string; name: string }[]> {
  assertPermission(actor, "apiKeys.manage");
  return db.venue.findMany({ select: { id: true, name: true }, orderBy: [{ name: "asc" }, { id: "asc" }] });
}

/**
 * Creates a key and returns its token, the only time it exists outside the caller: only its
 * SHA-256 is stored. The namespaces it writes are declared shareable or internal in the same
 * transaction as the key and its audit entry.
 */
export async function createApiKey(db: Db, actor: Actor, input: NewApiKeyInput, now = new Date()): Promise<{ id: string; token: string; prefix: string }> {
  assertPermission(actor, "apiKeys.manage");
  const shareable = parseNamespaceList(input.shareableNamespaces, "shareableNamespaces");
  const internal = parseNamespaceList(input.internalNamespaces, "internalNamespaces").filter((n) => !shareable.includes(n));
  const namespaces = [...shareable, ...internal];
  if (namespaces.length > 0 && !input.scopes.includes("visitor-data:write")) {
    throw DomainError.of("apiKeyNamespacesWithoutWrite", { shareableNamespaces: ["apiKeyNamespacesWithoutWrite"] });
  }
  if (input.expiresOn && input.expiresOn.getTime() <= now.getTime()) {
    throw DomainError.of("apiKeyExpiryPast", { expiresOn: ["apiKeyExpiryPast"] });
  }
  return db.$transaction(async (tx) => {
    if (input.venueId && !(await tx.venue.findUnique({ where: { id: input.venueId }, select: { id: true } }))) {
      throw DomainError.of("venueGone", { venueId: ["venueGone"] });
    }
    await declareNamespaces(tx, [
      ...shareable.map((name) => ({ name, shareable: true, field: "shareableNamespaces" })),
      ...internal.map((name) => ({ name, shareable: false, field: "internalNamespaces" })),
    ]);
    const id = crypto.randomUUID();
    // The id is chosen here so the token can name it; uuid v4 is as good a key id as v7.
    const issued = issueApiToken(id);
    const key = await tx.apiKey.create({
      data: {
        id,
        name: input.name,
        prefix: issued.prefix,
        secretHash: issued.secretHash,
        scopes: input.scopes,
        venueId: input.venueId || null,
        namespaces,
        rateLimitPerMinute: input.rateLimitPerMinute,
        expiresAt: input.expiresOn,
        createdById: actor.id,
      },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "apiKey.create",
      entityType: "api_key",
      entityId: key.id,
      after: {
        name: key.name,
        prefix: key.prefix,
        venueId: key.venueId,
        scopes: key.scopes,
        namespaces: key.namespaces,
        shareableNamespaces: shareable,
        rateLimitPerMinute: key.rateLimitPerMinute,
        expiresAt: key.expiresAt?.toISOString() ?? null,
      },
      ip: actor.ip,
    });
    return { id: key.id, token: issued.token, prefix: key.prefix };
  });
}

/** Revokes a key at once: its next request is answered 401. Audited; a key is never deleted. */
export async function revokeApiKey(db: Db, actor: Actor, apiKeyId: string): Promise<void> {
  assertPermission(actor, "apiKeys.manage");
  await db.$transaction(async (tx) => {
    const [key] = await tx.$queryRaw<{ id: string; revoked_at: Date | null; name: string; prefix: string }[]>`
      SELECT id, revoked_at, name, prefix FROM api_key WHERE id = ${apiKeyId}::uuid FOR UPDATE`;
    if (!key) throw new DomainError("apiKeyGone");
    if (key.revoked_at) throw new DomainError("apiKeyAlreadyRevoked");
    const revoked = await tx.apiKey.update({ where: { id: apiKeyId }, data: { revokedAt: new Date(), revokedById: actor.id } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "apiKey.revoke",
      entityType: "api_key",
      entityId: apiKeyId,
      before: { name: key.name, prefix: key.prefix, revokedAt: null },
      after: { name: key.name, prefix: key.prefix, revokedAt: revoked.revokedAt!.toISOString() },
      ip: actor.ip,
    });
  });
}
