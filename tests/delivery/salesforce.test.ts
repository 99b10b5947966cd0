// The Salesforce connector, unchanged, against the local Salesforce contract server.
import { afterEach, describe, expect, it } from "vitest";

import { salesforceConnector, salesforceSettingsSchema, type SalesforceSecrets, type SalesforceSettings } from "@/lib/delivery/connectors/salesforce";
import { salesforceContractClient, startSalesforceContract, type SalesforceContract, type SalesforceContractOptions } from "@/tests/support/contracts/salesforce";

import { connectorContext, deliveryItem, guestRecord } from "./crm-fixtures";

let salesforce: SalesforceContract | undefined;
afterEach(async () => {
  await salesforce?.close();
  salesforce = undefined;
});

const upsertPath = "/composite/sobjects/Lead/Portico_Guest_Id__c";

async function connect(options: SalesforceContractOptions = {}, settings: Partial<SalesforceSettings> = {}, secrets: SalesforceSecrets = { ...salesforceContractClient }) {
  salesforce = await startSalesforceContract(options);
  return { salesforce, ...connectorContext(salesforceSettingsSchema.parse({ myDomainUrl: salesforce.baseUrl, ...settings }), secrets) };
}

const delivered = (outcome: Awaited<ReturnType<typeof salesforceConnector.deliver>>, index = 0) =>
  outcome.kind === "answered" && outcome.items[index]!.result === "delivered" ? outcome.items[index]!.externalId : undefined;

describe("salesforceConnector.deliver", () => {
  it("creates a Lead on the external id, then updates the same one: a replay never duplicates it", async () => {
    const { salesforce, context } = await connect();
    const record = guestRecord({ guestId: "guest-ada", email: "ada@example.com" });
    const first = await salesforceConnector.deliver(context, [deliveryItem(record, true, "d1")]);
    const id = delivered(first);
    expect(id).toMatch(/^00Q/);
    const again = await salesforceConnector.deliver(context, [deliveryItem({ ...record, visitCount: 2 }, false, "d2")]);
    const replay = await salesforceConnector.deliver(context, [deliveryItem({ ...record, visitCount: 2 }, false, "d2")]);
    expect(delivered(again)).toBe(id);
    expect(delivered(replay)).toBe(id);
    expect(salesforce.records("Lead")).toHaveLength(1);
    const lead = salesforce.recordBy("Lead", "Portico_Guest_Id__c", "guest-ada")!;
    expect(lead.writes).toBe(3);
    expect(lead.fields).toMatchObject({
      Email: "ada@example.com",
      FirstName: "Ada",
      LastName: "Lovelace",
      Company: "[not provided]",
      MobilePhone: "+447700900123",
      Portico_Visit_Count__c: 2,
      Portico_Last_Venue__c: "Harbour Hotel",
      Portico_Last_Connected_At__c: "2026-12-02T10:00:00.000Z",
      Portico_Marketing_Consent__c: true,
      Portico_Marketing_Consent_At__c: "2026-12-02T10:00:05.000Z",
      Portico_Marketing_Consent_Wording__c: `en v3 sha256:${"a".repeat(64)}`,
    });
  });

  it("writes vendor-owned fields (name, mobile, Company) only when it introduces the record", async () => {
    const { salesforce, context } = await connect();
    await salesforceConnector.deliver(context, [deliveryItem(guestRecord({ guestId: "g-grace", name: "Grace Hopper" }), true)]);
    await salesforceConnector.deliver(context, [deliveryItem(guestRecord({ guestId: "g-grace", name: "Renamed Person", phone: "+15550000000", visitCount: 4 }), false)]);
    expect(salesforce.recordBy("Lead", "Portico_Guest_Id__c", "g-grace")!.fields).toMatchObject({ FirstName: "Grace", LastName: "Hopper", MobilePhone: "+447700900123", Portico_Visit_Count__c: 4 });
  });

  it("puts a one-word name in LastName and the placeholder where Salesforce requires a value", async () => {
    const { salesforce, context } = await connect();
    await salesforceConnector.deliver(context, [deliveryItem(guestRecord({ guestId: "g-one", name: "Madonna" })), deliveryItem(guestRecord({ guestId: "g-none", name: undefined }))]);
    expect(salesforce.recordBy("Lead", "Portico_Guest_Id__c", "g-one")!.fields).toMatchObject({ LastName: "Madonna", Company: "[not provided]" });
    expect(salesforce.recordBy("Lead", "Portico_Guest_Id__c", "g-one")!.fields).not.toHaveProperty("FirstName");
    expect(salesforce.recordBy("Lead", "Portico_Guest_Id__c", "g-none")!.fields).toMatchObject({ LastName: "[not provided]" });
  });

  it("re-introduces a record Salesforce no longer has (deleted there) instead of failing on required fields", async () => {
    const { salesforce, context } = await connect();
    const record = guestRecord({ guestId: "g-deleted" });
    const id = delivered(await salesforceConnector.deliver(context, [deliveryItem(record, true)]))!;
    await salesforceConnector.erase(context, { email: record.email, externalIds: [id] });
    const outcome = await salesforceConnector.deliver(context, [deliveryItem({ ...record, visitCount: 2 }, false, "later")]);
    expect(outcome).toMatchObject({ kind: "answered", items: [{ deliveryId: "later", result: "delivered" }] });
    expect(salesforce.callsTo(upsertPath).map((call) => call.batchSize)).toEqual([1, 1, 1]);
    expect(salesforce.recordBy("Lead", "Portico_Guest_Id__c", "g-deleted")!.fields).toMatchObject({ LastName: "Lovelace", Portico_Visit_Count__c: 2 });
  });

  it("sends a batch of the maximum size (200) in one call", async () => {
    const { salesforce, context } = await connect();
    const items = Array.from({ length: salesforceConnector.maxBatchSize }, (_, index) => deliveryItem(guestRecord({ guestId: `bulk-${index}` }), true, `bulk-${index}`));
    const outcome = await salesforceConnector.deliver(context, items);
    expect(salesforceConnector.maxBatchSize).toBe(200);
    expect(salesforce.callsTo(upsertPath)).toEqual([expect.objectContaining({ batchSize: 200, status: 200 })]);
    expect(outcome.kind === "answered" && outcome.items.every((item, index) => item.result === "delivered" && item.externalId === salesforce.recordBy("Lead", "Portico_Guest_Id__c", `bulk-${index}`)!.Id)).toBe(true);
  });

  it("sends one record for the same guest twice in a batch and answers both deliveries", async () => {
    const { salesforce, context } = await connect();
    const outcome = await salesforceConnector.deliver(context, [deliveryItem(guestRecord({ guestId: "twice", visitCount: 1 }), true, "a"), deliveryItem(guestRecord({ guestId: "twice", visitCount: 2, connectedAt: "2026-12-03T10:00:00.000Z" }), false, "b")]);
    const id = salesforce.recordBy("Lead", "Portico_Guest_Id__c", "twice")!.Id;
    expect(outcome).toMatchObject({ kind: "answered", items: [{ deliveryId: "a", externalId: id }, { deliveryId: "b", externalId: id }] });
    expect(salesforce.records("Lead")[0]!.fields).toMatchObject({ Portico_Visit_Count__c: 2 });
  });

  it("reports a per-record rejection (an invalid email) for that record only", async () => {
    const { salesforce, context } = await connect();
    const outcome = await salesforceConnector.deliver(context, [
      deliveryItem(guestRecord({ guestId: "ok-1" }), true, "ok-1"),
      deliveryItem(guestRecord({ guestId: "bad", email: "not-an-email" }), true, "bad"),
      deliveryItem(guestRecord({ guestId: "ok-2" }), true, "ok-2"),
    ]);
    expect(outcome).toMatchObject({
      kind: "answered",
      items: [
        { deliveryId: "ok-1", result: "delivered" },
        { deliveryId: "bad", result: "rejected", error: expect.stringContaining("INVALID_EMAIL_ADDRESS") },
        { deliveryId: "ok-2", result: "delivered" },
      ],
    });
    expect(salesforce.records("Lead")).toHaveLength(2);
  });

  it("upserts Contacts on Email when configured so", async () => {
    const { salesforce, context } = await connect({}, { object: "Contact", externalIdField: "Email" });
    const first = await salesforceConnector.deliver(context, [deliveryItem(guestRecord({ email: "Sam@Example.com" }), true)]);
    const second = await salesforceConnector.deliver(context, [deliveryItem(guestRecord({ email: "sam@example.com", visitCount: 9 }), false)]);
    expect(delivered(first)).toMatch(/^003/);
    expect(delivered(second)).toBe(delivered(first));
    expect(salesforce.records("Contact")).toHaveLength(1);
    expect(salesforce.records("Contact")[0]!.fields).not.toHaveProperty("Company");
    expect(salesforce.callsTo("/composite/sobjects/Contact/Email")).toHaveLength(2);
  });

  it("rejects every record when Salesforce refuses the request: a mapped field or the external-ID field does not exist", async () => {
    const { context } = await connect({ customFields: { Portico_Guest_Id__c: { type: "string", externalId: true } } });
    const outcome = await salesforceConnector.deliver(context, [deliveryItem(guestRecord(), true, "x"), deliveryItem(guestRecord(), true, "y")]);
    expect(outcome).toMatchObject({
      kind: "answered",
      items: [
        { deliveryId: "x", result: "rejected", error: expect.stringContaining("INVALID_FIELD") },
        { deliveryId: "y", result: "rejected", error: expect.stringContaining("INVALID_FIELD") },
      ],
    });
    await salesforce!.close();
    const bare = await connect({ customFields: {} });
    expect(await salesforceConnector.deliver(bare.context, [deliveryItem(guestRecord(), true, "z")])).toMatchObject({
      kind: "answered",
      items: [{ deliveryId: "z", result: "rejected", error: expect.stringContaining("Provided external ID field does not exist") }],
    });
  });

  it("passes on Sforce-Limit-Info, and answers REQUEST_LIMIT_EXCEEDED with throttled, not unauthorized", async () => {
    const { salesforce, context } = await connect({ apiLimit: { max: 2 } });
    const first = await salesforceConnector.deliver(context, [deliveryItem(guestRecord())]);
    expect(first).toMatchObject({ kind: "answered", rateLimit: { remaining: 1, resetAfterMs: 86_400_000 } });
    await salesforceConnector.deliver(context, [deliveryItem(guestRecord())]);
    const limited = await salesforceConnector.deliver(context, [deliveryItem(guestRecord())]);
    expect(limited).toEqual({ kind: "throttled", retryAfterMs: 300_000, error: expect.stringContaining("REQUEST_LIMIT_EXCEEDED") });
    expect(salesforce.callsTo(upsertPath).map((call) => call.status)).toEqual([200, 200, 403]);
  });

  it("answers unavailable for 5xx, then delivers once Salesforce recovers", async () => {
    const { salesforce, context } = await connect();
    salesforce.failNext(1, { status: 503, retryAfterSeconds: 30 });
    expect(await salesforceConnector.deliver(context, [deliveryItem(guestRecord())])).toEqual({ kind: "unavailable", error: expect.stringContaining("SERVER_UNAVAILABLE"), retryAfterMs: 30_000 });
    salesforce.failNext(1, { status: 500 });
    expect(await salesforceConnector.deliver(context, [deliveryItem(guestRecord())])).toMatchObject({ kind: "unavailable", error: expect.stringContaining("HTTP 500") });
    expect(await salesforceConnector.deliver(context, [deliveryItem(guestRecord())])).toMatchObject({ kind: "answered", items: [{ result: "delivered" }] });
  });
});

describe("salesforceConnector authentication", () => {
  it("gets a token by client credentials, keeps it, and reuses it", async () => {
    const { salesforce, context, saved } = await connect();
    await salesforceConnector.deliver(context, [deliveryItem(guestRecord())]);
    await salesforceConnector.deliver(context, [deliveryItem(guestRecord())]);
    expect(salesforce.tokensIssued()).toBe(1);
    expect(saved).toEqual([expect.objectContaining({ ...salesforceContractClient, accessToken: expect.stringContaining("!"), instanceUrl: salesforce.baseUrl, issuedAt: expect.any(String) })]);
  });

  it("gets a new token once when Salesforce answers 401 (session expired), then delivers", async () => {
    const { salesforce, context, saved } = await connect();
    await salesforceConnector.deliver(context, [deliveryItem(guestRecord())]);
    salesforce.expireTokens();
    expect(await salesforceConnector.deliver(context, [deliveryItem(guestRecord(), true, "after")])).toMatchObject({ kind: "answered", items: [{ deliveryId: "after", result: "delivered" }] });
    expect(salesforce.callsTo(upsertPath).map((call) => call.status)).toEqual([200, 401, 200]);
    expect(saved).toHaveLength(2);
  });

  it("gets a new token for one older than the session lifetime without trying it", async () => {
    const stale: SalesforceSecrets = { ...salesforceContractClient, accessToken: "00Dold!token", instanceUrl: "http://127.0.0.1:9", issuedAt: new Date(Date.now() - 3 * 60 * 60_000).toISOString() };
    const { salesforce, context } = await connect({}, {}, stale);
    await salesforceConnector.deliver(context, [deliveryItem(guestRecord())]);
    expect(salesforce.callsTo(upsertPath).map((call) => call.status)).toEqual([200]);
  });

  it("answers unauthorized, sending nothing, when the client credentials are refused", async () => {
    const { salesforce, context } = await connect({}, {}, { clientId: salesforceContractClient.clientId, clientSecret: "wrong" });
    expect(await salesforceConnector.deliver(context, [deliveryItem(guestRecord())])).toEqual({ kind: "unauthorized", error: expect.stringContaining("invalid_client") });
    expect(salesforce.callsTo(upsertPath)).toHaveLength(0);
  });

  it("answers unauthorized when the connected app has no Run As user", async () => {
    const { context } = await connect({ noRunAsUser: true });
    expect(await salesforceConnector.deliver(context, [deliveryItem(guestRecord())])).toMatchObject({ kind: "unauthorized", error: expect.stringContaining("no client credentials user enabled") });
  });
});

describe("salesforceConnector.withdraw", () => {
  const consent = { purpose: "marketing", granted: false as const, wording: { locale: "en", version: 3, sha256: "a".repeat(64) }, recordedAt: "2026-12-03T10:00:00.000Z" };

  it("sets HasOptedOutOfEmail and the mapped consent fields on the stored record, else on those found by email", async () => {
    const { salesforce, context } = await connect();
    const id = delivered(await salesforceConnector.deliver(context, [deliveryItem(guestRecord({ email: "optout@example.com" }))]))!;
    expect(await salesforceConnector.withdraw(context, { email: "optout@example.com", externalIds: [id], guestId: "g-1", consent })).toEqual({ kind: "withdrawn" });
    expect(salesforce.records("Lead")[0]!.fields).toMatchObject({ HasOptedOutOfEmail: true });
    expect(salesforce.calls.at(-1)).toMatchObject({ method: "PATCH", path: expect.stringMatching(/\/composite\/sobjects$/), status: 200 });
    expect(await salesforceConnector.withdraw(context, { email: "OptOut@example.com", externalIds: ["00Q000000000999AAA"], guestId: "g-1", consent })).toEqual({ kind: "withdrawn" });
    expect(await salesforceConnector.withdraw(context, { email: "nobody@example.com", externalIds: [], guestId: "g-2", consent })).toEqual({ kind: "notFound" });
  });
});

describe("salesforceConnector.erase", () => {
  it("deletes the records Portico stored ids for", async () => {
    const { salesforce, context } = await connect();
    const id = delivered(await salesforceConnector.deliver(context, [deliveryItem(guestRecord({ email: "gone@example.com" }))]))!;
    expect(await salesforceConnector.erase(context, { email: "gone@example.com", externalIds: [id] })).toEqual({ kind: "erased" });
    expect(salesforce.records("Lead")).toHaveLength(0);
    expect(salesforce.recycleBin()).toEqual([id]);
  });

  it("finds the records by email when no stored id is live, and answers notFound when none has it", async () => {
    const { salesforce, context } = await connect();
    await salesforceConnector.deliver(context, [deliveryItem(guestRecord({ email: "o'brien@example.com" }))]);
    expect(await salesforceConnector.erase(context, { email: "O'Brien@example.com", externalIds: ["00Q000000000999AAA"] })).toEqual({ kind: "erased" });
    expect(salesforce.records("Lead")).toHaveLength(0);
    expect(await salesforceConnector.erase(context, { email: "nobody@example.com", externalIds: [] })).toEqual({ kind: "notFound" });
  });

  it("answers throttled when the org's allowance is spent", async () => {
    const { context } = await connect({ apiLimit: { max: 0 } });
    expect(await salesforceConnector.erase(context, { email: "x@example.com", externalIds: [] })).toMatchObject({ kind: "throttled" });
  });
});

describe("salesforceConnector.testConnection", () => {
  it("is ok when the credentials work and the object has the external id and every mapped field", async () => {
    const { salesforce, context } = await connect();
    expect(await salesforceConnector.testConnection(context)).toEqual({ ok: true, detail: `Connected to ${salesforce.baseUrl}; Lead has Portico_Guest_Id__c and all mapped fields.` });
    expect(salesforce.callsTo("/sobjects/Lead/describe")).toHaveLength(1);
  });

  it("names the external-ID field or the mapped fields an admin still has to create", async () => {
    const { context } = await connect({ customFields: {} });
    expect(await salesforceConnector.testConnection(context)).toEqual({ ok: false, error: expect.stringContaining("no External ID field Portico_Guest_Id__c") });
    await salesforce!.close();
    const next = await connect({ customFields: { Portico_Guest_Id__c: { type: "string", externalId: true } } });
    expect(await salesforceConnector.testConnection(next.context)).toEqual({ ok: false, error: expect.stringContaining("no fields named Portico_Visit_Count__c") });
  });

  it("fails with Salesforce's words for refused client credentials", async () => {
    const { context } = await connect({}, {}, { clientId: "someone-else", clientSecret: "x" });
    expect(await salesforceConnector.testConnection(context)).toEqual({ ok: false, error: expect.stringContaining("invalid client credentials") });
  });
});

describe("salesforceSettingsSchema", () => {
  it("refuses login.salesforce.com, where the client credentials flow does not run, and versions before 46.0", () => {
    expect(salesforceSettingsSchema.safeParse({ myDomainUrl: "https://login.salesforce.com" }).success).toBe(false);
    expect(salesforceSettingsSchema.safeParse({ myDomainUrl: "http://acme.my.salesforce.com" }).success).toBe(false);
    expect(salesforceSettingsSchema.safeParse({ myDomainUrl: "https://acme.my.salesforce.com", apiVersion: "v45.0" }).success).toBe(false);
    expect(salesforceSettingsSchema.parse({ myDomainUrl: "https://acme.my.salesforce.com/" })).toMatchObject({ myDomainUrl: "https://acme.my.salesforce.com", apiVersion: "v66.0", object: "Lead" });
  });
});

describe("the Salesforce contract server", () => {
  async function upsert(body: unknown) {
    const contract = (salesforce ??= await startSalesforceContract());
    const token = await fetch(`${contract.baseUrl}/services/oauth2/token`, {
      method: "POST",
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: salesforceContractClient.clientId, client_secret: salesforceContractClient.clientSecret }),
    }).then((response) => response.json() as Promise<{ access_token: string }>);
    return fetch(`${contract.baseUrl}/services/data/v66.0${upsertPath}`, { method: "PATCH", headers: { authorization: `Bearer ${token.access_token}`, "content-type": "application/json" }, body: JSON.stringify(body) });
  }
  const lead = (id: string, extra: Record<string, unknown> = {}) => ({ attributes: { type: "Lead" }, Portico_Guest_Id__c: id, LastName: "L", Company: "C", ...extra });

  it("refuses more than 200 records with EXCEEDED_ID_LIMIT, writing nothing", async () => {
    const answer = await upsert({ allOrNone: false, records: Array.from({ length: 201 }, (_, index) => lead(`g${index}`)) });
    expect(answer.status).toBe(400);
    expect(await answer.json()).toEqual([{ errorCode: "EXCEEDED_ID_LIMIT", message: "record limit reached. cannot submit more than 200 records into this call" }]);
    expect(salesforce!.records("Lead")).toHaveLength(0);
  });

  it("reports a missing required field per record, and rolls every record back under allOrNone", async () => {
    const partial = await upsert({ allOrNone: false, records: [lead("a"), lead("b", { LastName: undefined, Company: undefined })] });
    expect(await partial.json()).toEqual([
      { id: expect.stringMatching(/^00Q/), success: true, errors: [], created: true },
      { success: false, errors: [{ statusCode: "REQUIRED_FIELD_MISSING", message: "Required fields are missing: [LastName, Company]", fields: ["LastName", "Company"] }] },
    ]);
    const all = await upsert({ allOrNone: true, records: [lead("c"), lead("d", { Email: "nope" })] });
    expect(await all.json()).toMatchObject([{ success: false, errors: [{ statusCode: "ALL_OR_NONE_OPERATION_ROLLED_BACK" }] }, { success: false, errors: [{ statusCode: "INVALID_EMAIL_ADDRESS" }] }]);
    expect(salesforce!.records("Lead").map((record) => record.fields.Portico_Guest_Id__c)).toEqual(["a"]);
  });
});
