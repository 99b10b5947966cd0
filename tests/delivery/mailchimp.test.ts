// The Mailchimp connector, unchanged, against the local Mailchimp contract server.
import { afterEach, describe, expect, it } from "vitest";

import type { BatchOutcome } from "@/lib/delivery/connector";
import { mailchimpConnector } from "@/lib/delivery/connectors/mailchimp";
import { subscriberHash } from "@/lib/delivery/connectors/mailchimp-members";
import { defaultThrottleMs } from "@/lib/delivery/vendor-http";

import { type MailchimpContract, type MailchimpContractOptions, startMailchimpContract } from "../support/contracts/mailchimp";
import { connectorContext, newsletterItem as item, newsletterMarketing as marketing } from "./crm-fixtures";

let contract: MailchimpContract | undefined;
afterEach(async () => {
  await contract?.close();
  contract = undefined;
});

async function start(options: MailchimpContractOptions = {}) {
  contract = await startMailchimpContract(options);
  return contract;
}

function contextFor(server: MailchimpContract, settings: Record<string, unknown> = {}, apiKey = server.apiKey) {
  const settingsFor = mailchimpConnector.settingsSchema.parse({
    ...server.connectorSettings(),
    mergeFields: [
      { source: "name", tag: "FNAME", owner: "vendor" },
      { source: "visitCount", tag: "VISITS", owner: "portico" },
    ],
    ...settings,
  });
  return connectorContext(settingsFor, { apiKey }).context;
}

function answered(outcome: BatchOutcome) {
  if (outcome.kind !== "answered") throw new Error(`expected an answer, got ${JSON.stringify(outcome)}`);
  return outcome.items;
}

describe("delivering to a Mailchimp audience", () => {
  it("adds new members, then updates them on a replay without a second member", async () => {
    const server = await start();
    const first = [item("ada@example.com"), item("grace@example.com")];
    const firstAnswer = answered(await mailchimpConnector.deliver(contextFor(server), first));
    expect(firstAnswer).toEqual([
      { deliveryId: first[0]!.deliveryId, result: "delivered", externalId: subscriberHash("ada@example.com") },
      { deliveryId: first[1]!.deliveryId, result: "delivered", externalId: subscriberHash("grace@example.com") },
    ]);
    expect(server.counters).toMatchObject({ created: 2, updated: 0 });

    const replay = first.map((delivery) => ({ ...delivery, firstDelivery: false, record: { ...delivery.record, visitCount: 2 } }));
    expect(answered(await mailchimpConnector.deliver(contextFor(server), replay)).map((outcome) => outcome.result)).toEqual(["delivered", "delivered"]);
    expect(server.members()).toHaveLength(2);
    expect(server.counters).toMatchObject({ created: 2, updated: 2 });
    expect(server.member("ada@example.com")?.merge_fields.VISITS).toBe(2);
  });

  it("gives new members pending under double opt-in and never changes an existing member's status", async () => {
    const server = await start();
    server.seedMember("left@example.com", { status: "unsubscribed" });
    server.seedMember("reader@example.com", { status: "subscribed" });
    const outcome = answered(await mailchimpConnector.deliver(contextFor(server), [item("new@example.com"), item("left@example.com"), item("reader@example.com")]));
    expect(outcome.map((o) => o.result)).toEqual(["delivered", "delivered", "delivered"]);
    expect(server.member("new@example.com")?.status).toBe("pending");
    expect(server.member("left@example.com")?.status).toBe("unsubscribed");
    expect(server.member("reader@example.com")?.status).toBe("subscribed");
  });

  it("subscribes new members at once when the venue turned double opt-in off", async () => {
    const server = await start();
    answered(await mailchimpConnector.deliver(contextFor(server, { doubleOptIn: false }), [item("ada@example.com")]));
    expect(server.member("ada@example.com")?.status).toBe("subscribed");
  });

  it("writes vendor-owned merge fields only on the first delivery", async () => {
    const server = await start();
    const first = item("ada@example.com", { name: "Ada" });
    answered(await mailchimpConnector.deliver(contextFor(server), [first]));
    expect(server.member("ada@example.com")?.merge_fields).toEqual({ FNAME: "Ada", VISITS: 1 });
    expect(server.member("ada@example.com")).toMatchObject({ tags: ["Harbour Hotel"], language: "en", timestamp_signup: marketing.recordedAt });

    server.editMember("ada@example.com", { FNAME: "Augusta" });
    answered(await mailchimpConnector.deliver(contextFor(server), [item("ada@example.com", { name: "Ada L.", visitCount: 5 }, false)]));
    expect(server.member("ada@example.com")?.merge_fields).toEqual({ FNAME: "Augusta", VISITS: 5 });
  });

  it("sends a full batch of 500 in one call", async () => {
    const server = await start();
    const items = Array.from({ length: mailchimpConnector.maxBatchSize }, (_, i) => item(`guest${i}@example.com`));
    expect(mailchimpConnector.maxBatchSize).toBe(500);
    const outcome = answered(await mailchimpConnector.deliver(contextFor(server), items));
    expect(outcome.every((o) => o.result === "delivered")).toBe(true);
    expect(server.calls).toEqual([expect.objectContaining({ method: "POST", path: "/3.0/lists/a1b2c3d4e5", batchSize: 500, status: 200 })]);
    expect(server.members()).toHaveLength(500);
  });

  it("sends two deliveries for one guest as one member", async () => {
    const server = await start();
    const visits = [item("ada@example.com", { visitCount: 1 }), item("ADA@example.com", { visitCount: 2, connectedAt: "2026-12-03T09:00:00.000Z" }, false)];
    const outcome = answered(await mailchimpConnector.deliver(contextFor(server), visits));
    expect(outcome.map((o) => o.result)).toEqual(["delivered", "delivered"]);
    expect(server.calls[0]?.batchSize).toBe(1);
    expect(server.member("ada@example.com")?.merge_fields.VISITS).toBe(2);
  });

  it("rejects a member in compliance state, a fake address and a forgotten one alone, retries signup throttling", async () => {
    const server = await start({ complianceState: ["bounced@example.com"], signupThrottled: ["busy@example.com"] });
    const items = [item("ok@example.com"), item("bounced@example.com"), item("nobody@example"), item("busy@example.com")];
    const outcome = answered(await mailchimpConnector.deliver(contextFor(server), items));
    expect(outcome[0]).toMatchObject({ result: "delivered" });
    expect(outcome[1]).toMatchObject({ result: "rejected", error: expect.stringContaining("compliance state") });
    expect(outcome[2]).toMatchObject({ result: "rejected", error: expect.stringContaining("looks fake or invalid") });
    expect(outcome[3]).toMatchObject({ result: "retry", error: expect.stringContaining("not allowing more signups") });
    expect(server.members().map((m) => m.email_address)).toEqual(["ok@example.com"]);
  });

  it("rejects a record without a granted marketing consent and sends nothing for it", async () => {
    const server = await start();
    const outcome = answered(await mailchimpConnector.deliver(contextFor(server), [item("ada@example.com", { consents: [] })]));
    expect(outcome[0]).toMatchObject({ result: "rejected", error: expect.stringContaining("no granted marketing consent") });
    expect(server.calls).toHaveLength(0);
  });

  it("enables the venue's marketing permissions on members it introduces, once", async () => {
    const server = await start({ lists: { a1b2c3d4e5: { marketingPermissions: [{ id: "e1c2", text: "Email" }] } } });
    const context = contextFor(server, { marketingPermissionIds: ["e1c2"] });
    answered(await mailchimpConnector.deliver(context, [item("ada@example.com")]));
    expect(server.member("ada@example.com")?.marketing_permissions).toEqual([{ marketing_permission_id: "e1c2", text: "Email", enabled: true }]);
    expect(server.calls.map((c) => `${c.method} ${c.path}`)).toEqual(["POST /3.0/lists/a1b2c3d4e5", `PATCH /3.0/lists/a1b2c3d4e5/members/${subscriberHash("ada@example.com")}`]);

    answered(await mailchimpConnector.deliver(context, [item("ada@example.com", {}, false)]));
    expect(server.calls).toHaveLength(3);
  });

  it("rejects members whose permission id the audience does not have", async () => {
    const server = await start({ lists: { a1b2c3d4e5: { marketingPermissions: [{ id: "e1c2", text: "Email" }] } } });
    const outcome = answered(await mailchimpConnector.deliver(contextFor(server, { marketingPermissionIds: ["nope"] }), [item("ada@example.com")]));
    expect(outcome[0]).toMatchObject({ result: "rejected", error: expect.stringContaining("marketing permissions") });
  });
});

describe("Mailchimp's refusals", () => {
  it("turns 429 into throttled with the default wait (Mailchimp sends no Retry-After)", async () => {
    const server = await start({ rateLimit: { calls: 1, windowMs: 60_000 } });
    answered(await mailchimpConnector.deliver(contextFor(server), [item("ada@example.com")]));
    expect(await mailchimpConnector.deliver(contextFor(server), [item("grace@example.com")])).toEqual({ kind: "throttled", retryAfterMs: defaultThrottleMs, error: expect.stringContaining("429") });
    expect(server.member("grace@example.com")).toBeUndefined();
  });

  it("is throttled past Mailchimp's simultaneous-connection limit", async () => {
    const server = await start({ maxConcurrent: 1, latencyMs: 100 });
    const outcomes = await Promise.all([mailchimpConnector.deliver(contextFor(server), [item("ada@example.com")]), mailchimpConnector.deliver(contextFor(server), [item("grace@example.com")])]);
    expect(outcomes.map((o) => o.kind).sort()).toEqual(["answered", "throttled"]);
  });

  it("turns 5xx into unavailable, and delivers once Mailchimp is back", async () => {
    const server = await start();
    server.failNext(1, 503);
    const items = [item("ada@example.com")];
    expect(await mailchimpConnector.deliver(contextFor(server), items)).toMatchObject({ kind: "unavailable", error: expect.stringContaining("503") });
    expect(answered(await mailchimpConnector.deliver(contextFor(server), items))[0]).toMatchObject({ result: "delivered" });
    expect(server.members()).toHaveLength(1);
  });

  it("turns an unreachable server into unavailable", async () => {
    const server = await start();
    const context = contextFor(server);
    await server.close();
    contract = undefined;
    expect(await mailchimpConnector.deliver(context, [item("ada@example.com")])).toMatchObject({ kind: "unavailable", error: expect.stringContaining("not reached") });
  });

  it("turns a refused API key into unauthorized", async () => {
    const server = await start();
    expect(await mailchimpConnector.deliver(contextFor(server, {}, "ffffffffffffffffffffffffffffffff-us21"), [item("ada@example.com")])).toMatchObject({
      kind: "unauthorized",
      error: expect.stringContaining("API Key Invalid"),
    });
    server.rotateKey("99999999999999999999999999999999-us21");
    expect(await mailchimpConnector.deliver(contextFor(server, {}, "0123456789abcdef0123456789abcdef-us21"), [item("ada@example.com")])).toMatchObject({ kind: "unauthorized" });
  });

  it("rejects the batch when the audience does not exist", async () => {
    const server = await start();
    const outcome = answered(await mailchimpConnector.deliver(contextFor(server, { listId: "gone" }), [item("ada@example.com")]));
    expect(outcome[0]).toMatchObject({ result: "rejected", error: expect.stringContaining("Resource Not Found") });
  });
});

describe("the contract server's batch limit", () => {
  it("refuses more than 500 members with Mailchimp's validation error", async () => {
    const server = await start();
    const response = await fetch(`${server.baseUrl}/3.0/lists/a1b2c3d4e5`, {
      method: "POST",
      headers: { authorization: `Bearer ${server.apiKey}`, "content-type": "application/json" },
      body: JSON.stringify({ members: Array.from({ length: 501 }, (_, i) => ({ email_address: `g${i}@example.com`, status_if_new: "pending" })), update_existing: true }),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
    expect(await response.json()).toMatchObject({ title: "Invalid Resource", status: 400, errors: [{ field: "members" }] });
  });
});

describe("a withdrawal at Mailchimp", () => {
  it("unsubscribes the member, and answers notFound for an address the audience does not have", async () => {
    const server = await start();
    answered(await mailchimpConnector.deliver(contextFor(server), [item("ada@example.com")]));
    const consent = { purpose: "marketing", granted: false as const, wording: { locale: "en", version: 3, sha256: "a".repeat(64) }, recordedAt: "2026-12-03T10:00:00.000Z" };
    expect(await mailchimpConnector.withdraw(contextFor(server), { email: "Ada@Example.com", externalIds: [], guestId: "g-1", consent })).toEqual({ kind: "withdrawn" });
    expect(server.member("ada@example.com")).toMatchObject({ status: "unsubscribed" });
    expect(server.calls.at(-1)).toMatchObject({ method: "PATCH", path: `/3.0/lists/a1b2c3d4e5/members/${subscriberHash("ada@example.com")}`, status: 200 });
    expect(await mailchimpConnector.withdraw(contextFor(server), { email: "nobody@example.com", externalIds: [], guestId: "g-2", consent })).toEqual({ kind: "notFound" });
  });
});

describe("erasing a guest from Mailchimp", () => {
  it("permanently deletes the member, who can then not be re-imported", async () => {
    const server = await start();
    answered(await mailchimpConnector.deliver(contextFor(server), [item("ada@example.com")]));
    expect(await mailchimpConnector.erase(contextFor(server), { email: "Ada@Example.com", externalIds: [subscriberHash("ada@example.com")] })).toEqual({ kind: "erased" });
    expect(server.member("ada@example.com")).toBeUndefined();
    expect(server.forgotten()).toEqual(["ada@example.com"]);
    expect(server.calls.at(-1)).toMatchObject({ method: "POST", path: `/3.0/lists/a1b2c3d4e5/members/${subscriberHash("ada@example.com")}/actions/delete-permanent`, status: 204 });

    expect(await mailchimpConnector.erase(contextFor(server), { email: "ada@example.com", externalIds: [] })).toEqual({ kind: "notFound" });
    const again = answered(await mailchimpConnector.deliver(contextFor(server), [item("ada@example.com")]));
    expect(again[0]).toMatchObject({ result: "rejected", error: expect.stringContaining("permanently deleted") });
  });

  it("reports throttling and refused keys instead of claiming the erasure", async () => {
    const server = await start();
    server.failNext(1, 500);
    expect(await mailchimpConnector.erase(contextFor(server), { email: "ada@example.com", externalIds: [] })).toMatchObject({ kind: "unavailable" });
    expect(await mailchimpConnector.erase(contextFor(server, {}, "ffffffffffffffffffffffffffffffff-us21"), { email: "ada@example.com", externalIds: [] })).toMatchObject({ kind: "unauthorized" });
  });
});

describe("testing the Mailchimp connection", () => {
  it("pings and finds the audience", async () => {
    const server = await start({ lists: { a1b2c3d4e5: { name: "Harbour Hotel guests" } } });
    expect(await mailchimpConnector.testConnection(contextFor(server))).toEqual({ ok: true, detail: expect.stringContaining('Audience "Harbour Hotel guests"') });
    expect(server.calls.map((c) => c.path)).toEqual(["/3.0/ping", "/3.0/lists/a1b2c3d4e5"]);
  });

  it("fails on a refused key, a missing audience and an unreachable server", async () => {
    const server = await start();
    expect(await mailchimpConnector.testConnection(contextFor(server, {}, "ffffffffffffffffffffffffffffffff-us21"))).toEqual({ ok: false, error: expect.stringContaining("API Key Invalid") });
    expect(await mailchimpConnector.testConnection(contextFor(server, { listId: "missing" }))).toEqual({ ok: false, error: 'Mailchimp has no audience with id "missing" in this account' });
    const context = contextFor(server);
    await server.close();
    contract = undefined;
    expect(await mailchimpConnector.testConnection(context)).toEqual({ ok: false, error: expect.stringContaining("not reached") });
  });
});
