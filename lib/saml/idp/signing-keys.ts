// A venue's signing keys as a SAML IdP, and their rotation. A new key is first published in
// the metadata as NEXT, beside the ACTIVE one that signs; once every website trusts it, an
// admin activates it: it signs from then on and the old one is RETIRED (no longer published).
// Private keys are sealed with PORTICO_SECRET_KEY (lib/crypto, docs/SECRETS.md), each bound to
// its row's id, and resealed by the key-rotation job like every other secret at rest.
import "server-only";

import { createHash } from "node:crypto";

import { v7 as uuidv7 } from "uuid";

import { recordAudit } from "@/lib/audit/record-audit";
import { assertPermission, type Actor } from "@/lib/auth/permissions";
import { isSealedWithCurrentKey, openSecrets, resealSecrets, sealSecrets, secretKeysFromEnv, type SecretKeys } from "@/lib/crypto";
import type { Db, DbTx } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";
import type { SamlIdpKeyStatus } from "@/lib/generated/prisma/enums";

import { certificateBody, generateSigningKeyPair, readCertificate } from "./key-pair";

const sealContext = (keyId: string) => `saml-idp-key:${keyId}`;

export interface IdpKeySummary {
  id: string;
  status: SamlIdpKeyStatus;
  /** SHA-256 of the certificate's DER, colon-separated hex: what an SP admin compares. */
  fingerprint: string;
  notAfter: Date | null;
  createdAt: Date;
  activatedAt: Date | null;
  retiredAt: Date | null;
}

export function certificateFingerprint(pem: string): string {
  const hex = createHash("sha256").update(Buffer.from(certificateBody(pem), "base64")).digest("hex").toUpperCase();
  return hex.match(/../g)!.join(":");
}

async function venueOrRefuse(tx: DbTx, venueId: string): Promise<{ id: string; slug: string }> {
  const venue = await tx.venue.findUnique({ where: { id: venueId }, select: { id: true, slug: true } });
  if (!venue) throw new DomainError("venueGone");
  return venue;
}

/**
 * A new key pair: ACTIVE at once when the venue has none yet, else NEXT (published, not yet
 * signing). Refused while a NEXT key is already waiting.
 */
export async function generateIdpKey(db: Db, actor: Actor, venueId: string, keys: SecretKeys = secretKeysFromEnv(), now = new Date()): Promise<IdpKeySummary> {
  assertPermission(actor, "samlIdp.manage");
  const venue = await venueOrRefuse(db, venueId);
  // Key generation takes a moment of CPU: done before the transaction, never inside it.
  const pair = await generateSigningKeyPair(`${venue.slug} guest sign-in`, now);
  const id = uuidv7();
  const row = await db.$transaction(async (tx) => {
    const current = await tx.samlIdpKey.findMany({ where: { venueId, status: { in: ["ACTIVE", "NEXT"] } }, select: { status: true } });
    if (current.some((k) => k.status === "NEXT")) throw new DomainError("samlNextKeyExists");
    const status: SamlIdpKeyStatus = current.some((k) => k.status === "ACTIVE") ? "NEXT" : "ACTIVE";
    const created = await tx.samlIdpKey.create({
      data: {
        id,
        venueId,
        status,
        certificatePem: pair.certificatePem,
        privateKey: new Uint8Array(sealSecrets({ privateKeyPem: pair.privateKeyPem }, keys, sealContext(id))),
        activatedAt: status === "ACTIVE" ? now : null,
      },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "samlIdpKey.create",
      entityType: "samlIdpKey",
      entityId: id,
      after: { venueId, status, fingerprint: certificateFingerprint(pair.certificatePem) },
      ip: actor.ip,
    });
    return created;
  });
  return summary(row);
}

/** The NEXT key starts signing; the ACTIVE one is retired and leaves the metadata. */
export async function activateNextIdpKey(db: Db, actor: Actor, venueId: string, now = new Date()): Promise<IdpKeySummary> {
  assertPermission(actor, "samlIdp.manage");
  return db.$transaction(async (tx) => {
    await venueOrRefuse(tx, venueId);
    // Locks the venue's live keys: two admins activating at once do it once.
    const live = await tx.$queryRaw<{ id: string; status: SamlIdpKeyStatus }[]>`
      SELECT id, status::text AS status FROM saml_idp_key WHERE venue_id = ${venueId}::uuid AND status IN ('ACTIVE', 'NEXT') FOR UPDATE`;
    const next = live.find((k) => k.status === "NEXT");
    if (!next) throw new DomainError("samlNoNextKey");
    const active = live.find((k) => k.status === "ACTIVE");
    if (active) await tx.samlIdpKey.update({ where: { id: active.id }, data: { status: "RETIRED", retiredAt: now } });
    const activated = await tx.samlIdpKey.update({ where: { id: next.id }, data: { status: "ACTIVE", activatedAt: now } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "samlIdpKey.activate",
      entityType: "samlIdpKey",
      entityId: next.id,
      before: { status: "NEXT", retiredKeyId: active?.id ?? null },
      after: { status: "ACTIVE" },
      ip: actor.ip,
    });
    return summary(activated);
  });
}

function summary(row: { id: string; status: SamlIdpKeyStatus; certificatePem: string; createdAt: Date; activatedAt: Date | null; retiredAt: Date | null }): IdpKeySummary {
  return {
    id: row.id,
    status: row.status,
    fingerprint: certificateFingerprint(row.certificatePem),
    notAfter: readCertificate(row.certificatePem)?.notAfter ?? null,
    createdAt: row.createdAt,
    activatedAt: row.activatedAt,
    retiredAt: row.retiredAt,
  };
}

/** Every key a venue has had, newest first, for the staff page (never a private key). */
export async function listIdpKeys(db: Db | DbTx, venueId: string): Promise<IdpKeySummary[]> {
  const rows = await db.samlIdpKey.findMany({ where: { venueId }, orderBy: { createdAt: "desc" } });
  return rows.map(summary);
}

/** The certificates the metadata publishes: the active one, then the next one. */
export async function publishedCertificates(db: Db | DbTx, venueId: string): Promise<string[]> {
  const rows = await db.samlIdpKey.findMany({ where: { venueId, status: { in: ["ACTIVE", "NEXT"] } }, select: { status: true, certificatePem: true } });
  return rows.sort((a, b) => (a.status === "ACTIVE" ? -1 : b.status === "ACTIVE" ? 1 : 0)).map((r) => r.certificatePem);
}

export interface ActiveSigningKey {
  keyId: string;
  certificatePem: string;
  privateKeyPem: string;
}

/** The key that signs a venue's responses now, opened; null when the venue has none. */
export async function activeSigningKey(db: Db | DbTx, venueId: string, keys: SecretKeys = secretKeysFromEnv()): Promise<ActiveSigningKey | null> {
  const row = await db.samlIdpKey.findFirst({ where: { venueId, status: "ACTIVE" } });
  if (!row) return null;
  const opened = openSecrets(Buffer.from(row.privateKey), keys, sealContext(row.id)) as { privateKeyPem: string };
  return { keyId: row.id, certificatePem: row.certificatePem, privateKeyPem: opened.privateKeyPem };
}

/**
 * After a PORTICO_SECRET_KEY rotation (docs/SECRETS.md): seals again, with the current key,
 * every IdP private key still sealed with the previous one. Returns how many it re-sealed.
 */
export async function resealIdpKeys(db: Db, keys: SecretKeys = secretKeysFromEnv()): Promise<number> {
  if (!keys.previous) return 0;
  const rows = await db.samlIdpKey.findMany({ select: { id: true, privateKey: true } });
  let resealed = 0;
  for (const row of rows) {
    if (isSealedWithCurrentKey(Buffer.from(row.privateKey), keys)) continue;
    const sealed = new Uint8Array(resealSecrets(Buffer.from(row.privateKey), keys, sealContext(row.id)));
    // Only if nobody replaced it meanwhile.
    const updated = await db.samlIdpKey.updateMany({ where: { id: row.id, privateKey: { equals: row.privateKey } }, data: { privateKey: sealed } });
    resealed += updated.count;
  }
  return resealed;
}
