// The property the whole delivery path must keep: for any venue, any sponsors, any connections
// and any consent choices (withdrawals included), what arrives at each receiver is exactly the
// guests whose latest answer to that connection's purpose is yes, each once, with only the
// fields that purpose covers. A guest who ticked nothing arrives nowhere. Real consent steps,
// real outbox, the real worker and webhook connector, a Standard Webhooks receiver.
import { randomBytes } from "node:crypto";

import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { fieldsByPurposeKind } from "@/lib/delivery/consent-gate";
import { generateWebhookSecret } from "@/lib/delivery/connectors/webhook";
import { drainConnector } from "@/lib/delivery/worker";

import { createTestDatabase, type TestDatabase } from "../support/database";
import { startWebhookReceiver, type WebhookReceiver } from "../support/contracts/webhook-receiver";
import { consentedGuest, createConnector, plainSecretStore, withdraw } from "../support/delivery-fixture";
import { createVenueFixture } from "../support/venue-fixture";

let testDb: TestDatabase;
let receiver: WebhookReceiver;
const secret = generateWebhookSecret();

beforeAll(async () => {
  testDb = await createTestDatabase();
  receiver = await startWebhookReceiver({ secrets: [secret] });
});
afterAll(async () => {
  await receiver?.close();
  await testDb?.drop();
});

const sponsorSlugs = ["acme", "northwind", "globex"] as const;

/** One venue's world: which sponsors it has, which purposes have a connection, and each guest's choices. */
const world = fc
  .record({
    sponsors: fc.subarray([...sponsorSlugs]),
    connectMarketing: fc.boolean(),
    connectSponsors: fc.boolean(),
    guests: fc.array(fc.record({ ticks: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }), withdrawals: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }) }), {
      minLength: 1,
      maxLength: 5,
    }),
  })
  .map((w) => ({ ...w, purposes: ["marketing", ...w.sponsors.map((s) => `sponsor:${s}`)] }));

describe("what leaves Portico", () => {
  it("is exactly what each guest's latest consent allows, to each connection, once", async () => {
    await fc.assert(
      fc.asyncProperty(world, async (w) => {
        const { venue } = await createVenueFixture(testDb.prisma, { sponsors: w.sponsors.map((slug) => ({ slug, name: slug })) });
        const connected = w.purposes.filter((p) => (p === "marketing" ? w.connectMarketing : w.connectSponsors));
        const connectors = new Map<string, string>();
        for (const purposeKey of connected) {
          const connector = await createConnector(testDb.prisma, {
            venueId: venue.id,
            purposeKey,
            kind: "webhook",
            settings: { endpointUrl: receiver.url, payload: "full", headers: { "X-Test-Purpose": purposeKey } },
            secrets: { signingSecrets: [secret] },
          });
          connectors.set(purposeKey, connector.id);
        }

        // Each guest answers; some later withdraw some of what they gave.
        const expected = new Set<string>();
        const nobody = new Set<string>();
        for (const [n, guest] of w.guests.entries()) {
          const granted = w.purposes.filter((_, i) => guest.ticks[i]);
          const record = await consentedGuest(testDb.prisma, venue, { email: `g${n}-${randomBytes(4).toString("hex")}@example.com`, granted });
          if (granted.length === 0) nobody.add(record.id);
          for (const purposeKey of granted) {
            const withdrawn = guest.withdrawals[w.purposes.indexOf(purposeKey)];
            if (withdrawn) await withdraw(testDb.prisma, record.id, venue.id, purposeKey);
            else if (connectors.has(purposeKey)) expected.add(`${purposeKey}|${record.id}`);
          }
        }

        const before = receiver.messages.length;
        for (const connectorId of connectors.values()) {
          await drainConnector({ db: testDb.prisma, secrets: plainSecretStore }, connectorId);
        }
        const arrived = receiver.messages.slice(before);
        const received = arrived.map((m) => `${m.headers["x-test-purpose"]}|${String(m.payload.data.guestId)}`);

        expect(new Set(received)).toEqual(expected);
        expect(received).toHaveLength(expected.size);
        expect(arrived.filter((m) => nobody.has(String(m.payload.data.guestId)))).toEqual([]);
        for (const message of arrived) {
          const purposeKey = message.headers["x-test-purpose"]!;
          const kind = purposeKey === "marketing" ? "MARKETING" : "SPONSOR";
          const allowed = new Set<string>(["guestId", ...fieldsByPurposeKind[kind]]);
          expect(Object.keys(message.payload.data).filter((field) => !allowed.has(field))).toEqual([]);
          const flags = message.payload.data.consents as { purpose: string; granted: boolean }[];
          // A sponsor learns only of its own consent; the venue's tools never see the terms.
          if (kind === "SPONSOR") expect(flags.map((f) => f.purpose)).toEqual([purposeKey]);
          expect(flags.some((f) => f.purpose === "terms")).toBe(false);
          expect(flags.find((f) => f.purpose === purposeKey)?.granted).toBe(true);
        }
      }),
      { numRuns: 15 },
    );
    expect(receiver.duplicates).toEqual([]);
  }, 120_000);
});
