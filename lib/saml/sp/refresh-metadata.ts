// The scheduled refresh of identity providers configured by metadata URL (certificate
// rotations arrive this way), and the clean-up of answered or abandoned requests.
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { logger } from "@/lib/log";

import { fetchMetadata, type MetadataFetch } from "./fetch-metadata";
import { parseIdpMetadata } from "./idp-metadata";
import { samlIdpSnapshot } from "./manage-idp";

export async function refreshIdpMetadata(db: Db, fetcher: MetadataFetch = fetchMetadata, now = new Date()): Promise<{ refreshed: number; changed: number; failed: number }> {
  const rows = await db.samlIdp.findMany({ where: { metadataUrl: { not: null } } });
  let refreshed = 0;
  let changed = 0;
  let failed = 0;
  for (const row of rows) {
    try {
      const xml = await fetcher(row.metadataUrl!);
      const metadata = parseIdpMetadata(xml);
      const values = { entityId: metadata.entityId, ssoUrl: metadata.ssoUrl, signingCerts: metadata.signingCerts.map((c) => c.base64) };
      const differs = values.entityId !== row.entityId || values.ssoUrl !== row.ssoUrl || values.signingCerts.join() !== row.signingCerts.join();
      await db.$transaction(async (tx) => {
        const updated = await tx.samlIdp.update({ where: { id: row.id }, data: { ...values, metadataXml: xml, metadataRefreshedAt: now, metadataRefreshError: null } });
        if (differs) {
          await recordAudit(tx, { actorId: null, actorDescription: "SAML metadata refresh", action: "saml_idp.metadata_refreshed", entityType: "saml_idp", entityId: row.id, before: samlIdpSnapshot(row), after: samlIdpSnapshot(updated) });
        }
      });
      refreshed++;
      if (differs) changed++;
    } catch (error) {
      failed++;
      const reason = (error instanceof Error ? error.message : String(error)).slice(0, 500);
      logger.warn({ idpId: row.id, reason }, "SAML IdP metadata refresh failed; the stored metadata stays in use");
      await db.samlIdp.update({ where: { id: row.id }, data: { metadataRefreshError: reason } });
    }
  }
  return { refreshed, changed, failed };
}

/** Requests past their lifetime and assertion ids past their validity are of no use any more. */
export async function purgeSamlBookkeeping(db: Db, now = new Date()): Promise<{ requests: number; assertions: number }> {
  const requests = await db.samlRequest.deleteMany({ where: { expiresAt: { lt: now } } });
  const assertions = await db.samlAssertionSeen.deleteMany({ where: { expiresAt: { lt: now } } });
  return { requests: requests.count, assertions: assertions.count };
}
