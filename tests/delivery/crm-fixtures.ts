// Guest records and connector contexts for the CRM connectors' contract tests.
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
