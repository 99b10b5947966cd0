// The venue websites (SAML service providers) admins register: who may receive a response,
// at which address, verified with which certificate, with which attributes, under which
// consent. Every change is audited.
import "server-only";

import { v7 as uuidv7 } from "uuid";

import { recordAudit } from "@/lib/audit/record-audit";
import { assertPermission, type Actor } from "@/lib/auth/permissions";
import type { Db, DbTx } from "@/lib/db/client";
import { refuseOnUniqueViolation } from "@/lib/db/refuse-on-unique-violation";
import { DomainError } from "@/lib/errors";
import type { SamlServiceProvider } from "@/lib/generated/prisma/client";

import { readCertificate } from "./key-pair";
import { visitorDataAttributePrefix, type ServiceProviderInput, type ServiceProviderRef, type ServiceProviderUpdateInput } from "./schemas";

const entityIdTaken = () => new DomainError("invalidFields", { fieldErrors: { entityId: ["samlEntityIdTaken"] } });

/** What the audit trail keeps of a registration (the certificate by its presence: it is public, but long). */
function snapshot(row: Pick<SamlServiceProvider, "name" | "entityId" | "acsUrl" | "certificatePem" | "purposeId" | "attributes">) {
  return { name: row.name, entityId: row.entityId, acsUrl: row.acsUrl, certificate: row.certificatePem ? "set" : "none", purposeId: row.purposeId, attributes: row.attributes };
}

/**
 * The checks a registration's fields need beyond their schema: the purpose is one of the
 * venue's and not the terms of use (accepting the terms is never a reason to share anything),
 * the certificate reads as one, and every visitor-data namespace is declared shareable.
 */
async function checkedFields(tx: DbTx, input: ServiceProviderInput) {
  const venue = await tx.venue.findUnique({ where: { id: input.venueId }, select: { id: true } });
  if (!venue) throw new DomainError("venueGone");
  const purpose = await tx.consentPurpose.findFirst({ where: { id: input.purposeId, venueId: venue.id }, select: { kind: true } });
  if (!purpose || purpose.kind === "TERMS") throw new DomainError("invalidFields", { fieldErrors: { purposeId: ["samlPurposeInvalid"] } });
  const certificatePem = input.certificatePem ? input.certificatePem.trim() : null;
  if (certificatePem && !readCertificate(certificatePem)) throw new DomainError("invalidFields", { fieldErrors: { certificatePem: ["samlCertificateInvalid"] } });
  const attributes = [...new Set(input.attributes)];
  const namespaces = attributes.filter((a) => a.startsWith(visitorDataAttributePrefix)).map((a) => a.slice(visitorDataAttributePrefix.length));
  if (namespaces.length) {
    const shareable = new Set((await tx.visitorDataNamespace.findMany({ where: { name: { in: namespaces }, shareable: true }, select: { name: true } })).map((n) => n.name));
    const refused = namespaces.find((n) => !shareable.has(n));
    if (refused) {
      const problem = { code: "samlNamespaceNotShareable", params: { namespace: refused } } as const;
      throw DomainError.of(problem, { attributes: [problem] });
    }
  }
  return { venueId: venue.id, name: input.name, entityId: input.entityId, acsUrl: input.acsUrl, certificatePem, purposeId: input.purposeId, attributes };
}

export async function registerServiceProvider(db: Db, actor: Actor, input: ServiceProviderInput): Promise<SamlServiceProvider> {
  assertPermission(actor, "samlIdp.manage");
  return refuseOnUniqueViolation(
    () =>
      db.$transaction(async (tx) => {
        const fields = await checkedFields(tx, input);
        if (await tx.samlServiceProvider.findFirst({ where: { venueId: fields.venueId, entityId: fields.entityId }, select: { id: true } })) throw entityIdTaken();
        const row = await tx.samlServiceProvider.create({ data: { id: uuidv7(), ...fields } });
        await recordAudit(tx, { actorId: actor.id, action: "samlServiceProvider.created", entityType: "samlServiceProvider", entityId: row.id, after: snapshot(row), ip: actor.ip });
        return row;
      }),
    entityIdTaken(),
  );
}

async function registrationForChange(tx: DbTx, ref: ServiceProviderRef): Promise<SamlServiceProvider> {
  const row = await tx.samlServiceProvider.findFirst({ where: { id: ref.serviceProviderId, venueId: ref.venueId } });
  if (!row) throw new DomainError("samlServiceProviderGone");
  return row;
}

export async function updateServiceProvider(db: Db, actor: Actor, input: ServiceProviderUpdateInput): Promise<SamlServiceProvider> {
  assertPermission(actor, "samlIdp.manage");
  return refuseOnUniqueViolation(
    () =>
      db.$transaction(async (tx) => {
        const before = await registrationForChange(tx, input);
        const fields = await checkedFields(tx, input);
        const other = await tx.samlServiceProvider.findFirst({ where: { venueId: fields.venueId, entityId: fields.entityId, id: { not: before.id } }, select: { id: true } });
        if (other) throw entityIdTaken();
        const row = await tx.samlServiceProvider.update({ where: { id: before.id }, data: fields });
        await recordAudit(tx, {
          actorId: actor.id,
          action: "samlServiceProvider.updated",
          entityType: "samlServiceProvider",
          entityId: row.id,
          before: snapshot(before),
          after: snapshot(row),
          ip: actor.ip,
        });
        return row;
      }),
    entityIdTaken(),
  );
}

export async function removeServiceProvider(db: Db, actor: Actor, ref: ServiceProviderRef): Promise<void> {
  assertPermission(actor, "samlIdp.manage");
  await db.$transaction(async (tx) => {
    const before = await registrationForChange(tx, ref);
    await tx.samlServiceProvider.delete({ where: { id: before.id } });
    await recordAudit(tx, { actorId: actor.id, action: "samlServiceProvider.removed", entityType: "samlServiceProvider", entityId: before.id, before: snapshot(before), ip: actor.ip });
  });
}

export interface ServiceProviderListing extends SamlServiceProvider {
  purposeKey: string;
}

/** A venue's registered websites, by name, with the key of the consent each needs. */
export async function listServiceProviders(db: Db | DbTx, venueId: string): Promise<ServiceProviderListing[]> {
  const rows = await db.samlServiceProvider.findMany({ where: { venueId }, include: { purpose: { select: { key: true } } }, orderBy: { name: "asc" } });
  return rows.map(({ purpose, ...row }) => ({ ...row, purposeKey: purpose.key }));
}
