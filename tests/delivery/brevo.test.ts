// The Brevo connector, unchanged, against the local Brevo contract server.
import { afterEach, describe, expect, it } from "vitest";

import type { BatchOutcome } from "@/lib/delivery/connector";
import { brevoConnector } from "@/lib/delivery/connectors/brevo";

import { type BrevoContract, type BrevoContractOptions, startBrevoContract } from "../support/contracts/brevo";
import { connectorContext, newsletterItem as item, newsletterMarketing as marketing } from "./crm-fixtures";

let contract: BrevoContract | undefined;
afterEach(async () => {
  await contract?.close();
  contract = undefined;
});

async function start(options: BrevoContractOptions = {}) {
  contract = await startBrevoContract(options);
  return contract;
}

function contextFor(server: BrevoContract, settings: Record<string, unknown> = {}, apiKey = server.apiKey) {
  const settingsFor = brevoConnector.settingsSchema.parse({
    ...server.connectorSettings(),
    attributes: [
      { source: "name", attribute: "FIRSTNAME", owner: "vendor" },
      { source: "visitCount", attribute: "VISITS", owner: "portico" },
    ],
    ...settings,
  });
  return connectorContext(settingsFor, { apiKey }).context;
}

function answered(outcome: BatchOutcome) {
  if (outcome.kind !== "answered") throw new Error(`expected an answer, got ${JSON.stringify(outcome)}`);
  return outcome;
}

describe("delivering to Brevo", () => {
  it("creates contacts in the venue's lists, then updates them on a replay without a duplicate", async () => {
    const server = await start();
    const first = [item("ada@example.com"), item("grace@example.com")];
    const created = answered(await brevoConnector.deliver(contextFor(server, { listIds: [2, 7] }), first));
    expect(created.items).toEqual([
      { deliveryId: first[0]!.deliveryId, result: "delivered", externalId: String(server.contact("ada@example.com")!.id) },
      { deliveryId: first[1]!.deliveryId, result: "delivered", externalId: String(server.contact("grace@example.com")!.id) },
    ]);
    expect(server.contact("ada@example.com")).toMatchObject({ listIds: [2, 7], attributes: { FIRSTNAME: first[0]!.record.name, VISITS: 1 } });

    const replay = first.map((delivery) => ({ ...delivery, firstDelivery: false, record: { ...delivery.record, visitCount: 2 } }));
    const updated = answered(await brevoConnector.deliver(contextFor(server, { listIds: [2, 7] }), replay));
    expect(updated.items.map((o) => o.result)).toEqual(["delivered", "delivered"]);
    expect(server.contacts()).toHaveLength(2);
    expect(server.counters).toMatchObject({ created: 2, updated: 2 });
    expect(server.contact("ada@example.com")?.attributes.VISITS).toBe(2);
    expect(server.calls.filter((c) => c.method === "POST" && c.path === "/v3/contacts")).toHaveLength(4);
  });

  it("writes vendor-owned attributes only on the first delivery and leaves Brevo's unsubscribe alone", async () => {
    const server = await start();
    answered(await brevoConnector.deliver(contextFor(server), [item("ada@example.com", { name: "Ada" })]));
    server.editContact("ada@example.com", { FIRSTNAME: "Augusta" }, { emailBlacklisted: true });
    answered(await brevoConnector.deliver(contextFor(server), [item("ada@example.com", { name: "Ada L.", visitCount: 4 }, false)]));
    expect(server.contact("ada@example.com")).toMatchObject({ attributes: { FIRSTNAME: "Augusta", VISITS: 4 }, emailBlacklisted: true });
  });

  it("rejects an invalid address and an SMS number another contact has, alone", async () => {
    const server = await start({ invalidAddresses: ["spam@trap.example"] });
    const settings = { attributes: [{ source: "phone", attribute: "SMS", owner: "portico" }] };
    const items = [item("ok@example.com", { phone: "+441234567890" }), item("spam@trap.example"), item("other@example.com", { phone: "+441234567890" }), item("fine@example.com")];
    const outcome = answered(await brevoConnector.deliver(contextFor(server, settings), items));
    expect(outcome.items.map((o) => o.result)).toEqual(["delivered", "rejected", "rejected", "delivered"]);
    expect(outcome.items[1]).toMatchObject({ error: expect.stringContaining("invalid_parameter") });
    expect(outcome.items[2]).toMatchObject({ error: expect.stringContaining("SMS is already associated") });
  });

  it("rejects contacts for a list that does not exist", async () => {
    const server = await start();
    const outcome = answered(await brevoConnector.deliver(contextFor(server, { listIds: [99] }), [item("ada@example.com")]));
    expect(outcome.items[0]).toMatchObject({ result: "rejected", error: expect.stringContaining("List ID does not exist") });
  });

  it("rejects a record without a granted marketing consent and sends nothing for it", async () => {
    const server = await start();
    const outcome = answered(await brevoConnector.deliver(contextFor(server), [item("ada@example.com", { consents: [{ ...marketing, granted: false }] })]));
    expect(outcome.items[0]).toMatchObject({ result: "rejected", error: expect.stringContaining("no granted marketing consent") });
    expect(server.calls).toHaveLength(0);
  });

  it("sends two deliveries for one guest as one call", async () => {
    const server = await start();
    const outcome = answered(await brevoConnector.deliver(contextFor(server), [item("ada@example.com", { visitCount: 1 }), item("Ada@example.com", { visitCount: 2, connectedAt: "2026-12-03T09:00:00.000Z" })]));
    expect(outcome.items.map((o) => o.result)).toEqual(["delivered", "delivered"]);
    expect(server.calls).toHaveLength(1);
    expect(server.contact("ada@example.com")?.attributes.VISITS).toBe(2);
  });
});

describe("Brevo's rate limit", () => {
  it("stops when x-sib-ratelimit-remaining reaches 0 and hands the rest back, not sent, with Brevo's reset time", async () => {
    const server = await start({ rateLimit: { limit: 3, windowMs: 60_000 } });
    const items = Array.from({ length: 5 }, (_, i) => item(`guest${i}@example.com`));
    const outcome = answered(await brevoConnector.deliver(contextFor(server), items));
    expect(outcome.items.map((o) => o.result)).toEqual(["delivered", "delivered", "delivered", "notSent", "notSent"]);
    expect(outcome.rateLimit).toEqual({ remaining: 0, resetAfterMs: expect.any(Number) });
    expect(outcome.rateLimit!.resetAfterMs).toBeGreaterThan(50_000);
    expect(server.calls).toHaveLength(3);
    expect(server.counters.throttled).toBe(0);
  });

  it("turns a 429 on the first call into throttled, waiting for Brevo's reset", async () => {
    const server = await start({ rateLimit: { limit: 1, windowMs: 30_000 } });
    answered(await brevoConnector.deliver(contextFor(server), [item("ada@example.com")]));
    const outcome = await brevoConnector.deliver(contextFor(server), [item("grace@example.com")]);
    expect(outcome).toMatchObject({ kind: "throttled", error: expect.stringContaining("429") });
    expect(outcome.kind === "throttled" && outcome.retryAfterMs).toBeGreaterThan(25_000);
    expect(server.contact("grace@example.com")).toBeUndefined();
  });
});

describe("Brevo's refusals", () => {
  it("turns 5xx into unavailable, and delivers once Brevo is back", async () => {
    const server = await start();
    server.failNext(1, 502);
    const items = [item("ada@example.com")];
    expect(await brevoConnector.deliver(contextFor(server), items)).toMatchObject({ kind: "unavailable", error: expect.stringContaining("502") });
    expect(answered(await brevoConnector.deliver(contextFor(server), items)).items[0]).toMatchObject({ result: "delivered" });
  });

  it("keeps what went through when Brevo fails mid-batch and retries the rest", async () => {
    const server = await start();
    const items = [item("ada@example.com"), item("grace@example.com"), item("joan@example.com")];
    server.failNext(1, 500, 1);
    const outcome = answered(await brevoConnector.deliver(contextFor(server), items));
    expect(outcome.items.map((o) => o.result)).toEqual(["delivered", "retry", "retry"]);
    expect(server.contacts().map((c) => c.email)).toEqual(["ada@example.com"]);
  });

  it("turns a refused API key into unauthorized", async () => {
    const server = await start();
    expect(await brevoConnector.deliver(contextFor(server, {}, "xkeysib-wrong-key"), [item("ada@example.com")])).toEqual({ kind: "unauthorized", error: expect.stringContaining("Key not found") });
    server.rotateKey("xkeysib-rotated");
    expect(await brevoConnector.deliver(contextFor(server, {}, server.apiKey), [item("ada@example.com")])).toMatchObject({ kind: "unauthorized" });
  });
});

describe("Brevo's double opt-in", () => {
  const doubleOptIn = { templateId: 1, redirectionUrl: "https://harbour.example/thanks" };

  it("asks new guests to confirm, and only updates them once they have", async () => {
    const server = await start();
    const context = contextFor(server, { doubleOptIn });
    answered(await brevoConnector.deliver(context, [item("ada@example.com", { name: "Ada" })]));
    expect(server.contact("ada@example.com")).toBeUndefined();
    expect(server.pendingConfirmations()).toEqual([{ email: "ada@example.com", attributes: { FIRSTNAME: "Ada", VISITS: 1 }, includeListIds: [2], ...doubleOptIn }]);

    // A later visit before the click stores nothing.
    expect(answered(await brevoConnector.deliver(context, [item("ada@example.com", { visitCount: 2 }, false)])).items[0]).toMatchObject({ result: "delivered" });
    expect(server.contacts()).toHaveLength(0);

    server.confirm("ada@example.com");
    answered(await brevoConnector.deliver(context, [item("ada@example.com", { visitCount: 3 }, false)]));
    expect(server.contact("ada@example.com")).toMatchObject({ listIds: [2], attributes: { FIRSTNAME: "Ada", VISITS: 3 } });
  });

  it("rejects guests when the template does not exist", async () => {
    const server = await start({ doiTemplates: [5] });
    const outcome = answered(await brevoConnector.deliver(contextFor(server, { doubleOptIn }), [item("ada@example.com")]));
    expect(outcome.items[0]).toMatchObject({ result: "rejected", error: expect.stringContaining("templateId") });
  });
});

describe("a withdrawal at Brevo", () => {
  it("blocklists the contact for email, and answers notFound for an unknown address", async () => {
    const server = await start();
    answered(await brevoConnector.deliver(contextFor(server), [item("ada@example.com")]));
    const consent = { purpose: "marketing", granted: false as const, wording: { locale: "en", version: 3, sha256: "a".repeat(64) }, recordedAt: "2026-12-03T10:00:00.000Z" };
    expect(await brevoConnector.withdraw(contextFor(server), { email: "ada@example.com", externalIds: [], guestId: "g-1", consent })).toEqual({ kind: "withdrawn" });
    expect(server.contacts()[0]).toMatchObject({ emailBlacklisted: true });
    expect(server.calls.at(-1)).toMatchObject({ method: "PUT", path: "/v3/contacts/ada%40example.com" });
    expect(await brevoConnector.withdraw(contextFor(server), { email: "nobody@example.com", externalIds: [], guestId: "g-2", consent })).toEqual({ kind: "notFound" });
  });
});

describe("erasing a guest from Brevo", () => {
  it("deletes the contact by address and by the id Portico recorded", async () => {
    const server = await start();
    const outcome = answered(await brevoConnector.deliver(contextFor(server), [item("ada@example.com")]));
    const id = outcome.items[0]!.result === "delivered" ? outcome.items[0]!.externalId : undefined;
    expect(await brevoConnector.erase(contextFor(server), { email: "ada@example.com", externalIds: [id!] })).toEqual({ kind: "erased" });
    expect(server.contacts()).toHaveLength(0);
    expect(server.calls.at(-2)).toMatchObject({ method: "DELETE", path: "/v3/contacts/ada%40example.com", status: 204 });
    expect(await brevoConnector.erase(contextFor(server), { email: "ada@example.com", externalIds: [] })).toEqual({ kind: "notFound" });
  });

  it("reports an outage and refused keys instead of claiming the erasure", async () => {
    const server = await start();
    server.failNext(1, 503);
    expect(await brevoConnector.erase(contextFor(server), { email: "ada@example.com", externalIds: [] })).toMatchObject({ kind: "unavailable" });
    expect(await brevoConnector.erase(contextFor(server, {}, "xkeysib-wrong"), { email: "ada@example.com", externalIds: [] })).toMatchObject({ kind: "unauthorized" });
  });
});

describe("testing the Brevo connection", () => {
  it("reads the account and finds every list", async () => {
    const server = await start();
    expect(await brevoConnector.testConnection(contextFor(server, { listIds: [2, 7] }))).toEqual({ ok: true, detail: expect.stringContaining('lists "Harbour Hotel guests", "Newsletter"') });
    expect(server.calls.map((c) => c.path)).toEqual(["/v3/account", "/v3/contacts/lists/2", "/v3/contacts/lists/7"]);
  });

  it("fails on a refused key, a missing list and an unreachable server", async () => {
    const server = await start();
    expect(await brevoConnector.testConnection(contextFor(server, {}, "xkeysib-wrong"))).toEqual({ ok: false, error: expect.stringContaining("Key not found") });
    expect(await brevoConnector.testConnection(contextFor(server, { listIds: [2, 404] }))).toEqual({ ok: false, error: "Brevo has no list with id 404 in this account" });
    const context = contextFor(server);
    await server.close();
    contract = undefined;
    expect(await brevoConnector.testConnection(context)).toEqual({ ok: false, error: expect.stringContaining("not reached") });
  });
});
