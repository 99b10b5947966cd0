// Guest records, delivery items and connector contexts for the connectors' contract tests.
import type { ConnectorContext, DeliveryItem } from "@/lib/delivery/connector";
import type { GuestRecord } from "@/lib/delivery/guest-record";

let sequence = 0;

export function guestRecord(overrides: Partial<GuestRecord> = {}): GuestRecord {
  sequence += 1;
  return {
    guestId: `guest-${sequence}`,
    email: `guest${sequence}@example.com`,
    name: "Ada Lovelace",
    phone: "+447700900123",
    locale: "en-GB",
    deviceType: "MOBILE",
    os: "Android 15",
    connectedAt: "2026-12-02T10:00:00.000Z",
    visitCount: 1,
    venue: { slug: "harbour-hotel", name: "Harbour Hotel" },
    zone: { slug: "lobby", name: "Lobby" },
    consents: [{ purpose: "marketing", granted: true, wording: { locale: "en", version: 3, sha256: "a".repeat(64) }, recordedAt: "2026-12-02T10:00:05.000Z" }],
    ...overrides,
  };
}

export function deliveryItem(record: GuestRecord, firstDelivery = true, deliveryId = `delivery-${++sequence}`): DeliveryItem {
  return { deliveryId, record, firstDelivery };
}

/** A context as the worker builds one, with the secrets it was asked to keep recorded. */
export function connectorContext<Settings, Secrets>(settings: Settings, secrets: Secrets, now: () => Date = () => new Date()) {
  const saved: Secrets[] = [];
  const context: ConnectorContext<Settings, Secrets> = {
    settings,
    secrets,
    fetch: globalThis.fetch,
    saveSecrets: async (next) => {
      saved.push(next);
    },
    now,
  };
  return { context, saved };
}

/** The newsletter tests' marketing consent. */
export const newsletterMarketing = { purpose: "marketing", granted: true, wording: { locale: "en", version: 1, sha256: "cd".repeat(32) }, recordedAt: "2026-12-02T10:00:00.000Z" };

/** A delivery of a guest who gave marketing consent and nothing else (no phone, no device), for a newsletter tool. */
export function newsletterItem(email: string, record: Partial<GuestRecord> = {}, firstDelivery = true): DeliveryItem {
  sequence += 1;
  return {
    deliveryId: `delivery-${sequence}`,
    firstDelivery,
    record: {
      guestId: `guest-${email}`,
      email,
      name: `Guest ${sequence}`,
      locale: "en-GB",
      connectedAt: "2026-12-02T09:58:00.000Z",
      visitCount: 1,
      venue: { slug: "harbour-hotel", name: "Harbour Hotel" },
      consents: [newsletterMarketing],
      ...record,
    },
  };
}
