// The HubSpot connector, unchanged, against the local HubSpot contract server.
import { afterEach, describe, expect, it } from "vitest";

import { hubspotConnector, hubspotSettingsSchema, type HubspotSecrets } from "@/lib/delivery/connectors/hubspot";
import {
  hubspotContractOAuth,
  hubspotContractToken,
  hubspotGdprDeletePath,
  hubspotUpsertPath,
  startHubspotContract,
  type HubspotContract,
  type HubspotContractOptions,
} from "@/tests/support/contracts/hubspot";

import { connectorContext, deliveryItem, guestRecord } from "./crm-fixtures";

let hubspot: HubspotContract | undefined;
afterEach(async () => {
  await hubspot?.close();
  hubspot = undefined;
});

async function connect(options: HubspotContractOptions = {}, secrets: HubspotSecrets = { auth: "privateApp", accessToken: hubspotContractToken }) {
  hubspot = await startHubspotContract(options);
  return { hubspot, ...connectorContext(hubspotSettingsSchema.parse({ baseUrl: hubspot.baseUrl }), secrets) };
}

const oauthSecrets: HubspotSecrets = { auth: "oauth", ...hubspotContractOAuth };

describe("hubspotConnector.deliver", () => {
  it("creates a contact, then updates the same one: a replay never duplicates it", async () => {
    const { hubspot, context } = await connect();
    const record = guestRecord({ email: "ada@example.com" });
    const first = await hubspotConnector.deliver(context, [deliveryItem(record, true, "d1")]);
    expect(first).toMatchObject({ kind: "answered", items: [{ deliveryId: "d1", result: "delivered" }] });
    const contactId = first.kind === "answered" && first.items[0]!.result === "delivered" ? first.items[0]!.externalId : undefined;
    expect(contactId).toBeTruthy();

    const again = await hubspotConnector.deliver(context, [deliveryItem({ ...record, visitCount: 2 }, false, "d2")]);
    const replay = await hubspotConnector.deliver(context, [deliveryItem({ ...record, visitCount: 2 }, false, "d2")]);
    expect(again).toMatchObject({ kind: "answered", items: [{ deliveryId: "d2", result: "delivered", externalId: contactId }] });
    expect(replay).toMatchObject({ kind: "answered", items: [{ deliveryId: "d2", result: "delivered", externalId: contactId }] });

    expect(hubspot.contacts()).toHaveLength(1);
    const contact = hubspot.contactByEmail("ada@example.com")!;
    expect(contact).toMatchObject({ id: contactId, writes: 3 });
    expect(contact.properties).toMatchObject({
      email: "ada@example.com",
      portico_visit_count: "2",
      portico_last_venue: "Harbour Hotel",
      portico_last_zone: "Lobby",
      portico_last_connected_at: "2026-12-02T10:00:00.000Z",
      portico_device_type: "MOBILE",
      portico_marketing_consent: "true",
      portico_marketing_consent_at: "2026-12-02T10:00:05.000Z",
      portico_marketing_consent_wording: `en v3 sha256:${"a".repeat(64)}`,
      portico_consents: `marketing: granted at 2026-12-02T10:00:05.000Z (wording en v3 sha256:${"a".repeat(64)})`,
    });
  });

  it("writes vendor-owned fields (name, phone) only when it introduces the contact", async () => {
    const { hubspot, context } = await connect();
    await hubspotConnector.deliver(context, [deliveryItem(guestRecord({ email: "grace@example.com", name: "Grace Hopper" }), true)]);
    await hubspotConnector.deliver(context, [deliveryItem(guestRecord({ email: "grace@example.com", name: "G. Hopper-Renamed", phone: "+15550000000", visitCount: 5 }), false)]);
    expect(hubspot.contactByEmail("grace@example.com")!.properties).toMatchObject({ firstname: "Grace", lastname: "Hopper", phone: "+447700900123", portico_visit_count: "5" });
  });

  it("sends a batch of the maximum size (100) in one call and maps every result to its delivery", async () => {
    const { hubspot, context } = await connect();
    const items = Array.from({ length: hubspotConnector.maxBatchSize }, (_, index) => deliveryItem(guestRecord({ email: `bulk${index}@example.com` }), true, `bulk-${index}`));
    const outcome = await hubspotConnector.deliver(context, items);
    expect(hubspotConnector.maxBatchSize).toBe(100);
    expect(hubspot.callsTo(hubspotUpsertPath)).toEqual([expect.objectContaining({ batchSize: 100, status: 200 })]);
    expect(outcome.kind).toBe("answered");
    if (outcome.kind !== "answered") return;
    // The server answers in reverse order: each delivery still gets its own contact's id.
    for (const [index, item] of outcome.items.entries()) {
      expect(item).toEqual({ deliveryId: `bulk-${index}`, result: "delivered", externalId: hubspot.contactByEmail(`bulk${index}@example.com`)!.id });
    }
  });

  it("sends one input for the same email twice in a batch (HubSpot refuses duplicate ids) and answers both deliveries", async () => {
    const { hubspot, context } = await connect();
    const older = guestRecord({ email: "Twice@Example.com", visitCount: 1, connectedAt: "2026-12-02T09:00:00.000Z" });
    const newer = guestRecord({ email: "twice@example.com", visitCount: 2, connectedAt: "2026-12-02T11:00:00.000Z" });
    const outcome = await hubspotConnector.deliver(context, [deliveryItem(newer, false, "n"), deliveryItem(older, true, "o")]);
    const id = hubspot.contactByEmail("twice@example.com")!.id;
    expect(outcome).toMatchObject({ kind: "answered", items: [{ deliveryId: "n", result: "delivered", externalId: id }, { deliveryId: "o", result: "delivered", externalId: id }] });
    expect(hubspot.callsTo(hubspotUpsertPath)).toEqual([expect.objectContaining({ batchSize: 1 })]);
    expect(hubspot.contactByEmail("twice@example.com")!.properties).toMatchObject({ portico_visit_count: "2", firstname: "Ada" });
  });

  it("reports a per-item rejection (an invalid email) for that item only", async () => {
    const { hubspot, context } = await connect();
    const items = [
      deliveryItem(guestRecord({ email: "good1@example.com" }), true, "good-1"),
      deliveryItem(guestRecord({ email: "not-an-email" }), true, "bad"),
      deliveryItem(guestRecord({ email: "good2@example.com" }), true, "good-2"),
    ];
    const outcome = await hubspotConnector.deliver(context, items);
    expect(outcome).toMatchObject({
      kind: "answered",
      items: [
        { deliveryId: "good-1", result: "delivered" },
        { deliveryId: "bad", result: "rejected", error: expect.stringContaining("INVALID_EMAIL") },
        { deliveryId: "good-2", result: "delivered" },
      ],
    });
    expect(hubspot.callsTo(hubspotUpsertPath)).toEqual([expect.objectContaining({ status: 207, batchSize: 3 })]);
    expect(hubspot.contacts().map((contact) => contact.properties.email).sort()).toEqual(["good1@example.com", "good2@example.com"]);
  });

  it("rejects every item when HubSpot refuses the request itself (a mapped property that does not exist)", async () => {
    const { context } = await connect({ customProperties: {} });
    const outcome = await hubspotConnector.deliver(context, [deliveryItem(guestRecord(), true, "a"), deliveryItem(guestRecord(), true, "b")]);
    expect(outcome).toMatchObject({
      kind: "answered",
      items: [
        { deliveryId: "a", result: "rejected", error: expect.stringContaining("PROPERTY_DOESNT_EXIST") },
        { deliveryId: "b", result: "rejected", error: expect.stringContaining("PROPERTY_DOESNT_EXIST") },
      ],
    });
  });

  it("passes on HubSpot's remaining calls, and answers 429 with throttled for the window's length", async () => {
    const { context } = await connect({ rateLimit: { max: 2, intervalMs: 10_000 } });
    const first = await hubspotConnector.deliver(context, [deliveryItem(guestRecord())]);
    const second = await hubspotConnector.deliver(context, [deliveryItem(guestRecord())]);
    const third = await hubspotConnector.deliver(context, [deliveryItem(guestRecord())]);
    expect(first).toMatchObject({ kind: "answered", rateLimit: { remaining: 1, resetAfterMs: 10_000 } });
    expect(second).toMatchObject({ kind: "answered", rateLimit: { remaining: 0, resetAfterMs: 10_000 } });
    expect(third).toEqual({ kind: "throttled", retryAfterMs: 10_000, error: expect.stringContaining("TEN_SECONDLY_ROLLING") });
  });

  it("honours Retry-After on a 429 when HubSpot sends one", async () => {
    const clock = { now: 1_000_000 };
    const { context } = await connect({ rateLimit: { max: 1, intervalMs: 10_000 }, retryAfterOn429: true, clock: () => clock.now });
    await hubspotConnector.deliver(context, [deliveryItem(guestRecord())]);
    clock.now += 7_000;
    expect(await hubspotConnector.deliver(context, [deliveryItem(guestRecord())])).toMatchObject({ kind: "throttled", retryAfterMs: 3_000 });
  });

  it("answers unavailable for 5xx, then delivers once HubSpot recovers", async () => {
    const { hubspot, context } = await connect();
    hubspot.failNext(2, { status: 503, retryAfterSeconds: 4 });
    expect(await hubspotConnector.deliver(context, [deliveryItem(guestRecord())])).toEqual({ kind: "unavailable", error: expect.stringContaining("HTTP 503"), retryAfterMs: 4_000 });
    expect(await hubspotConnector.deliver(context, [deliveryItem(guestRecord())])).toMatchObject({ kind: "unavailable" });
    expect(await hubspotConnector.deliver(context, [deliveryItem(guestRecord())])).toMatchObject({ kind: "answered", items: [{ result: "delivered" }] });
  });

  it("answers unauthorized for a private-app token HubSpot does not accept", async () => {
    const { hubspot, context } = await connect({}, { auth: "privateApp", accessToken: "pat-na1-revoked" });
    expect(await hubspotConnector.deliver(context, [deliveryItem(guestRecord())])).toEqual({ kind: "unauthorized", error: expect.stringContaining("INVALID_AUTHENTICATION") });
    expect(hubspot.contacts()).toHaveLength(0);
  });

  it("answers unauthorized when the token lacks the contacts write scope", async () => {
    const { context } = await connect({ privateAppTokens: [{ token: "pat-read-only", scopes: ["crm.objects.contacts.read"] }] }, { auth: "privateApp", accessToken: "pat-read-only" });
    expect(await hubspotConnector.deliver(context, [deliveryItem(guestRecord())])).toMatchObject({ kind: "unauthorized", error: expect.stringContaining("MISSING_SCOPES") });
  });
});

describe("hubspotConnector with OAuth", () => {
  it("refreshes a missing access token first and keeps the new one", async () => {
    const { hubspot, context, saved } = await connect({}, oauthSecrets);
    expect(await hubspotConnector.deliver(context, [deliveryItem(guestRecord())])).toMatchObject({ kind: "answered", items: [{ result: "delivered" }] });
    expect(hubspot.accessTokensIssued()).toBe(1);
    expect(saved).toEqual([expect.objectContaining({ auth: "oauth", refreshToken: hubspotContractOAuth.refreshToken, accessToken: expect.stringMatching(/^oauth-access-1-/) })]);
    const kept = saved[0]! as Extract<HubspotSecrets, { auth: "oauth" }>;
    expect(Date.parse(kept.accessTokenExpiresAt!) - Date.now()).toBeGreaterThan(1700_000);

    // The kept token is used for the next batch: no second refresh.
    await hubspotConnector.deliver(context, [deliveryItem(guestRecord())]);
    expect(hubspot.accessTokensIssued()).toBe(1);
  });

  it("refreshes once when HubSpot answers 401 to a token Portico thought valid, then delivers", async () => {
    const { hubspot, context, saved } = await connect({}, oauthSecrets);
    await hubspotConnector.deliver(context, [deliveryItem(guestRecord())]);
    hubspot.expireAccessTokens();
    const outcome = await hubspotConnector.deliver(context, [deliveryItem(guestRecord(), true, "after-expiry")]);
    expect(outcome).toMatchObject({ kind: "answered", items: [{ deliveryId: "after-expiry", result: "delivered" }] });
    expect(hubspot.callsTo(hubspotUpsertPath).map((call) => call.status)).toEqual([200, 401, 200]);
    expect(saved).toHaveLength(2);
  });

  it("refreshes a token whose expiry has passed without trying it", async () => {
    const expired: HubspotSecrets = { ...oauthSecrets, accessToken: "oauth-access-old", accessTokenExpiresAt: new Date(Date.now() - 1000).toISOString() } as HubspotSecrets;
    const { hubspot, context } = await connect({}, expired);
    await hubspotConnector.deliver(context, [deliveryItem(guestRecord())]);
    expect(hubspot.callsTo(hubspotUpsertPath).map((call) => call.status)).toEqual([200]);
    expect(hubspot.accessTokensIssued()).toBe(1);
  });

  it("answers unauthorized, sending nothing, when HubSpot refuses the refresh token", async () => {
    const { hubspot, context, saved } = await connect({}, { ...oauthSecrets, refreshToken: "revoked" } as HubspotSecrets);
    expect(await hubspotConnector.deliver(context, [deliveryItem(guestRecord())])).toEqual({ kind: "unauthorized", error: expect.stringContaining("missing or unknown refresh token") });
    expect(hubspot.callsTo(hubspotUpsertPath)).toHaveLength(0);
    expect(saved).toHaveLength(0);
  });
});

describe("hubspotConnector.erase", () => {
  it("GDPR-deletes the contact by its stored id", async () => {
    const { hubspot, context } = await connect();
    const outcome = await hubspotConnector.deliver(context, [deliveryItem(guestRecord({ email: "erase-me@example.com" }))]);
    const id = outcome.kind === "answered" && outcome.items[0]!.result === "delivered" ? outcome.items[0]!.externalId! : "";
    expect(await hubspotConnector.erase(context, { email: "erase-me@example.com", externalIds: [id] })).toEqual({ kind: "erased" });
    expect(hubspot.contacts()).toHaveLength(0);
    expect(hubspot.callsTo(hubspotGdprDeletePath)).toHaveLength(1);
    expect(hubspot.blocklist()).toEqual([]);
  });

  it("falls back to the email when no stored id names a contact; HubSpot blocklists an unknown address", async () => {
    const { hubspot, context } = await connect();
    await hubspotConnector.deliver(context, [deliveryItem(guestRecord({ email: "by-email@example.com" }))]);
    expect(await hubspotConnector.erase(context, { email: "By-Email@example.com", externalIds: ["999999"] })).toEqual({ kind: "erased" });
    expect(hubspot.contacts()).toHaveLength(0);
    expect(await hubspotConnector.erase(context, { email: "never-seen@example.com", externalIds: [] })).toEqual({ kind: "erased" });
    expect(hubspot.blocklist()).toEqual(["never-seen@example.com"]);
  });

  it("answers throttled or unauthorized like a delivery would", async () => {
    const { context } = await connect({}, { auth: "privateApp", accessToken: "pat-na1-revoked" });
    expect(await hubspotConnector.erase(context, { email: "x@example.com", externalIds: [] })).toMatchObject({ kind: "unauthorized" });
  });
});

describe("hubspotConnector.withdraw", () => {
  const consent = { purpose: "marketing", granted: false as const, wording: { locale: "en", version: 3, sha256: "b".repeat(64) }, recordedAt: "2026-12-03T10:00:00.000Z" };

  it("sets the contact's marketing consent properties by email, and answers notFound for an address HubSpot does not have", async () => {
    const { hubspot, context } = await connect();
    await hubspotConnector.deliver(context, [deliveryItem(guestRecord({ email: "optout@example.com" }))]);
    expect(await hubspotConnector.withdraw(context, { email: "OptOut@example.com", externalIds: [], guestId: "g-1", consent })).toEqual({ kind: "withdrawn" });
    expect(hubspot.contactByEmail("optout@example.com")?.properties).toMatchObject({ portico_marketing_consent: "false", portico_marketing_consent_at: consent.recordedAt });
    expect(await hubspotConnector.withdraw(context, { email: "never-seen@example.com", externalIds: [], guestId: "g-2", consent })).toEqual({ kind: "notFound" });
    expect(hubspot.contacts()).toHaveLength(1);
  });

  it("answers notMapped when the field mapping records no consent", async () => {
    const { hubspot, context } = await connect();
    const bare = { ...context, settings: { ...context.settings, fields: context.settings.fields.filter((entry) => !entry.source.startsWith("marketingConsent") && entry.source !== "consentSummary") } };
    expect(await hubspotConnector.withdraw(bare, { email: "x@example.com", externalIds: [], guestId: "g-3", consent })).toEqual({ kind: "notMapped" });
    expect(hubspot.calls).toHaveLength(0);
  });
});

describe("hubspotConnector.testConnection", () => {
  it("is ok when the token works and every mapped property exists", async () => {
    const { hubspot, context } = await connect();
    expect(await hubspotConnector.testConnection(context)).toEqual({ ok: true, detail: "Connected to HubSpot; all 16 mapped contact properties exist." });
    expect(hubspot.calls).toHaveLength(1);
  });

  it("names the custom properties an admin still has to create", async () => {
    const { context } = await connect({ customProperties: { portico_visit_count: "number" } });
    const check = await hubspotConnector.testConnection(context);
    expect(check).toMatchObject({ ok: false, error: expect.stringContaining("portico_guest_id, portico_last_venue") });
    expect(check).toMatchObject({ ok: false, error: expect.not.stringContaining("portico_visit_count") });
  });

  it("fails with HubSpot's words for a token it does not accept", async () => {
    const { context } = await connect({}, { auth: "privateApp", accessToken: "pat-na1-wrong" });
    expect(await hubspotConnector.testConnection(context)).toEqual({ ok: false, error: expect.stringContaining("HTTP 401") });
  });

  it("fails when nothing answers at the base URL", async () => {
    const { context } = connectorContext(hubspotSettingsSchema.parse({ baseUrl: "http://127.0.0.1:9" }), { auth: "privateApp", accessToken: "x" } as HubspotSecrets);
    expect(await hubspotConnector.testConnection(context)).toEqual({ ok: false, error: expect.stringContaining("not reached") });
  });
});

describe("the HubSpot contract server", () => {
  const upsert = (contract: HubspotContract, inputs: unknown[]) =>
    fetch(`${contract.baseUrl}${hubspotUpsertPath}`, { method: "POST", headers: { authorization: `Bearer ${hubspotContractToken}`, "content-type": "application/json" }, body: JSON.stringify({ inputs }) });
  const input = (email: string, trace?: string) => ({ idProperty: "email", id: email, properties: { email }, ...(trace ? { objectWriteTraceId: trace } : {}) });

  it("refuses more than 100 inputs and duplicate ids with HubSpot's VALIDATION_ERROR, writing nothing", async () => {
    const contract = (hubspot = await startHubspotContract());
    const tooMany = await upsert(contract, Array.from({ length: 101 }, (_, index) => input(`n${index}@example.com`)));
    expect(tooMany.status).toBe(400);
    expect(await tooMany.json()).toMatchObject({ status: "error", category: "VALIDATION_ERROR", message: expect.stringContaining("maximum number of inputs") });
    const twice = await upsert(contract, [input("a@example.com"), input("A@example.com")]);
    expect(twice.status).toBe(400);
    expect(contract.contacts()).toHaveLength(0);
  });

  it("without objectWriteTraceIds, one invalid input fails the whole batch (no multi-status)", async () => {
    const contract = (hubspot = await startHubspotContract());
    const answer = await upsert(contract, [input("ok@example.com"), input("broken")]);
    expect(answer.status).toBe(400);
    expect(await answer.json()).toMatchObject({ category: "VALIDATION_ERROR", errors: [{ code: "INVALID_EMAIL", in: "email" }] });
    expect(contract.contacts()).toHaveLength(0);
  });

  it("limits calls per rolling window with one option and says so in its headers", async () => {
    const contract = (hubspot = await startHubspotContract({ rateLimit: { max: 100, intervalMs: 10_000 } }));
    const answer = await upsert(contract, [input("ok@example.com", "t")]);
    expect(Object.fromEntries([...answer.headers].filter(([name]) => name.startsWith("x-hubspot")))).toEqual({
      "x-hubspot-ratelimit-max": "100",
      "x-hubspot-ratelimit-remaining": "99",
      "x-hubspot-ratelimit-interval-milliseconds": "10000",
    });
  });
});
