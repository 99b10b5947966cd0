// Connectors and consented guests for delivery tests: guests go through the real login and
// consent steps, so the outbox rows are the ones the consent statement writes.
import type { Db } from "@/lib/db/client";
import { getPublishedConsentWording } from "@/lib/consent";
import type { SecretStore } from "@/lib/delivery/connector-store";
import { normaliseEmail } from "@/lib/email/normalise-email";
import { completeJourney } from "@/lib/journeys";

import { openTestJourney } from "./journey-fixture";

export interface ConnectorSpec {
  venueId: string;
  /** The purpose key whose consent the connector needs: "marketing", "sponsor:<slug>". */
  purposeKey: string;
  kind: string;
  name?: string;
  settings?: Record<string, unknown>;
  secrets?: unknown;
  batchWaitSeconds?: number;
}

/**
 * Secrets kept as plain JSON: for tests of the worker's bookkeeping only. The sealing itself is
 * tested in lib/crypto, and connector tests seal with a real key.
 */
export const plainSecretStore: SecretStore = {
  open: (sealed) => (sealed ? JSON.parse(Buffer.from(sealed).toString("utf8")) : {}),
  seal: (secrets) => new Uint8Array(Buffer.from(JSON.stringify(secrets), "utf8")),
};

export async function createConnector(db: Db, spec: ConnectorSpec, store: SecretStore = plainSecretStore) {
  const purpose = await db.consentPurpose.findFirstOrThrow({ where: { venueId: spec.venueId, key: spec.purposeKey } });
  const connector = await db.connector.create({
    data: {
      venueId: spec.venueId,
      purposeId: purpose.id,
      kind: spec.kind,
      name: spec.name ?? `${spec.kind} for ${spec.purposeKey}`,
      settings: (spec.settings ?? {}) as object,
      batchWaitSeconds: spec.batchWaitSeconds ?? 0,
    },
  });
  if (spec.secrets !== undefined) {
    await db.connector.update({ where: { id: connector.id }, data: { secrets: store.seal(spec.secrets, connector.id) } });
  }
  return connector;
}

export interface ConsentSpec {
  email: string;
  /** Purpose keys ticked ("marketing", "sponsor:acme"); the terms are always accepted. */
  granted: readonly string[];
  name?: string;
  /** The device's MAC address, as the gateway reports it (default: one shared test device). */
  mac?: string;
}

/** A guest who logs in by email quick access at `venue` and answers the consent page. */
export async function consentedGuest(db: Db, venue: { id: string; slug: string; countryCode: string }, spec: ConsentSpec) {
  const token = await openTestJourney(db, venue, { email: spec.email, gateway: `client_mac=${spec.mac ?? "aa:bb:cc:dd:ee:01"}&client_ip=10.0.0.5&ap_mac=00:11:22:33:44:55` });
  const fullVenue = await db.venue.findUniqueOrThrow({ where: { id: venue.id } });
  const wording = await getPublishedConsentWording(db, fullVenue, "en");
  const granted = wording.filter((w) => spec.granted.includes(w.key)).map((w) => w.purposeId);
  const result = await completeJourney(db, {
    venueSlug: venue.slug,
    token,
    submission: { termsAccepted: true, granted, shown: wording.map((w) => w.consentTextId) },
    ip: "10.0.0.5",
    userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
    acceptLanguage: "en-GB",
  });
  if (result.status !== "completed") throw new Error(`consent refused: ${JSON.stringify(result)}`);
  return db.guest.findUniqueOrThrow({ where: { emailNormalized: normaliseEmail(spec.email) } });
}

/** Withdraws a guest's consent to a purpose, as the guest's own withdrawal will record it. */
export async function withdraw(db: Db, guestId: string, venueId: string, purposeKey: string) {
  const purpose = await db.consentPurpose.findFirstOrThrow({ where: { venueId, key: purposeKey } });
  const text = await db.consentText.findFirstOrThrow({ where: { purposeId: purpose.id, status: "PUBLISHED" } });
  await db.consentRecord.create({ data: { guestId, purposeId: purpose.id, consentTextId: text.id, granted: false, method: "WITHDRAWAL" } });
}
