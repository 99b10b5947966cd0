// Staff changes to a venue's identity provider, each with its audit entry in the same transaction.
import "server-only";

import { recordAudit } from "@/lib/audit/record-audit";
import { assertPermission, type Actor } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";
import type { SamlIdp } from "@/lib/generated/prisma/client";

import { fetchMetadata, MetadataFetchError, type MetadataFetch } from "./fetch-metadata";
import { describeCertificate, MetadataError, parseIdpMetadata, type IdpMetadata } from "./idp-metadata";
import { attributeMapOf, type SamlIdpFormInput } from "./schemas";
import { generateSpKeyPair, pemBody } from "./sp-key-pair";
import type { SpKeyStore } from "./sp-key-store";

/** What the audit trail keeps of the configuration: never the SP private key. */
export function samlIdpSnapshot(row: SamlIdp) {
  return {
    displayName: row.displayName,
    enabled: row.enabled,
    metadataUrl: row.metadataUrl,
    entityId: row.entityId,
    ssoUrl: row.ssoUrl,
    signingCertFingerprints: row.signingCerts.map((c) => describeCertificate(c).fingerprint),
    attributeMap: row.attributeMap,
    signRequests: row.signRequests,
    spCertificateFingerprint: row.spCertificate ? describeCertificate(pemBody(row.spCertificate)).fingerprint : null,
  };
}

/** The metadata as pasted, else fetched from its address; parsed either way. */
export async function resolveMetadata(input: { metadataXml: string; metadataUrl: string }, fetcher: MetadataFetch = fetchMetadata): Promise<{ xml: string; metadata: IdpMetadata }> {
  if (!input.metadataXml && !input.metadataUrl) throw new DomainError("samlMetadataRequired");
  let xml = input.metadataXml;
  if (!xml) {
    try {
      xml = await fetcher(input.metadataUrl);
    } catch (error) {
      if (error instanceof MetadataFetchError) throw new DomainError("samlMetadataFetchFailed", { params: { reason: error.message }, fieldErrors: { metadataUrl: [{ code: "samlMetadataFetchFailed", params: { reason: error.message } }] } });
      throw error;
    }
  }
  try {
    return { xml, metadata: parseIdpMetadata(xml) };
  } catch (error) {
    if (error instanceof MetadataError) {
      const field = input.metadataXml ? "metadataXml" : "metadataUrl";
      throw new DomainError("samlMetadataInvalid", { params: { reason: error.message }, fieldErrors: { [field]: [{ code: "samlMetadataInvalid", params: { reason: error.message } }] } });
    }
    throw error;
  }
}

/** Creates or replaces the venue's identity provider configuration. */
export async function saveSamlIdp(db: Db, actor: Actor, input: SamlIdpFormInput, fetcher?: MetadataFetch): Promise<SamlIdp> {
  assertPermission(actor, "venues.manage");
  // Fetched before the transaction: no network call inside one.
  const { xml, metadata } = await resolveMetadata(input, fetcher);
  const values = {
    displayName: input.displayName,
    enabled: input.enabled,
    metadataUrl: input.metadataUrl || null,
    metadataXml: xml,
    entityId: metadata.entityId,
    ssoUrl: metadata.ssoUrl,
    signingCerts: metadata.signingCerts.map((c) => c.base64),
    attributeMap: attributeMapOf(input),
    signRequests: input.signRequests,
    metadataRefreshedAt: new Date(),
    metadataRefreshError: null,
  };
  return db.$transaction(async (tx) => {
    const before = await tx.samlIdp.findUnique({ where: { venueId: input.venueId } });
    const row = before
      ? await tx.samlIdp.update({ where: { id: before.id }, data: values })
      : await tx.samlIdp.create({ data: { venueId: input.venueId, ...values } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: before ? "saml_idp.updated" : "saml_idp.created",
      entityType: "saml_idp",
      entityId: row.id,
      before: before ? samlIdpSnapshot(before) : null,
      after: samlIdpSnapshot(row),
      ip: actor.ip,
    });
    return row;
  });
}

/** A new SP key pair for the venue (signed AuthnRequests, encrypted assertions); the private key is sealed at rest. */
export async function generateSamlSpKey(db: Db, actor: Actor, input: { venueId: string; commonName: string }, store: SpKeyStore): Promise<SamlIdp> {
  assertPermission(actor, "venues.manage");
  const pair = await generateSpKeyPair(input.commonName);
  return db.$transaction(async (tx) => {
    const before = await tx.samlIdp.findUnique({ where: { venueId: input.venueId } });
    if (!before) throw new DomainError("samlIdpGone");
    const row = await tx.samlIdp.update({ where: { id: before.id }, data: { spCertificate: pair.certificatePem, spPrivateKey: store.seal(pair.privateKeyPem, before.id) } });
    await recordAudit(tx, { actorId: actor.id, action: "saml_idp.sp_key_generated", entityType: "saml_idp", entityId: row.id, before: samlIdpSnapshot(before), after: samlIdpSnapshot(row), ip: actor.ip });
    return row;
  });
}
