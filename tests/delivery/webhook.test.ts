// The webhook connector against a receiver that verifies exactly as the Standard Webhooks
// specification says, with the specification's own library (tests/support/contracts/webhook-receiver.ts).
import { afterEach, describe, expect, it } from "vitest";

import type { ConnectorContext, DeliveryItem } from "@/lib/delivery/connector";
import { generateWebhookSecret, webhookConnector, webhookSettingsSchema, type WebhookSecrets, type WebhookSettings } from "@/lib/delivery/connectors/webhook";
import type { GuestRecord } from "@/lib/delivery/guest-record";
import { startWebhookReceiver, type WebhookReceiver } from "@/tests/support/contracts/webhook-receiver";

const oldSecret = generateWebhookSecret();
const newSecret = generateWebhookSecret();
const receivers: WebhookReceiver[] = [];

afterEach(async () => {
  await Promise.all(receivers.splice(0).map((receiver) => receiver.close()));
});

async function receiver(secrets: string[] = [newSecret]): Promise<WebhookReceiver> {
  const started = await startWebhookReceiver({ secrets });
  receivers.push(started);
  return started;
}

function guest(n: number): GuestRecord {
  return {
    guestId: `0197a3c2-0000-7000-8000-${String(n).padStart(12, "0")}`,
    email: `guest${n}@example.com`,
    name: `Guest Number${n}`,
    phone: `+4420794600${String(n).padStart(2, "0")}`,
    locale: "en",
    deviceType: "MOBILE",
    os: "iOS 18",
    connectedAt: "2026-12-02T09:58:00.000Z",
    visitCount: 2,
    venue: { slug: "harbour-hotel", name: "Harbour Hotel" },
    zone: { slug: "lobby", name: "Lobby" },
    consents: [
      { purpose: "marketing", granted: true, wording: { locale: "en", version: 3, sha256: "a".repeat(64) }, recordedAt: "2026-12-02T09:59:30.000Z" },
      { purpose: "sponsor:acme", granted: true, wording: { locale: "en", version: 1, sha256: "b".repeat(64) }, recordedAt: "2026-12-02T09:59:30.000Z" },
    ],
  };
}

function item(n: number): DeliveryItem {
  return { deliveryId: `0197a3c2-d000-7000-8000-${String(n).padStart(12, "0")}`, record: guest(n), firstDelivery: true };
}

function context(
  target: WebhookReceiver,
  options: { settings?: Partial<WebhookSettings>; secrets?: string[]; now?: () => Date; fetch?: typeof fetch } = {},
): ConnectorContext<WebhookSettings, WebhookSecrets> {
  return {
    settings: webhookSettingsSchema.parse({ endpointUrl: target.url, pullApiBaseUrl: "https://wifi.example.com", ...options.settings }),
    secrets: { signingSecrets: options.secrets ?? [newSecret] },
    fetch: options.fetch ?? fetch,
    saveSecrets: async () => {},
    now: options.now ?? (() => new Date()),
  };
}

describe("webhook deliver", () => {
  it("sends each item as one POST signed so the receiver's Standard Webhooks library verifies it, webhook-id being the delivery id", async () => {
    const target = await receiver();
    const items = [item(1), item(2), item(3)];
    const before = Math.floor(Date.now() / 1000);

    const outcome = await webhookConnector.deliver(context(target), items);

    expect(outcome).toEqual({ kind: "answered", items: items.map((i) => ({ deliveryId: i.deliveryId, result: "delivered", externalId: i.record.guestId })) });
    expect(target.messages.map((message) => message.id).sort()).toEqual(items.map((i) => i.deliveryId).sort());
    for (const message of target.messages) {
      expect(message.type).toBe("guest.consented");
      expect(message.timestamp).toBeGreaterThanOrEqual(before);
      expect(message.timestamp).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
      expect(message.headers["content-type"]).toBe("application/json");
      expect(message.headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    }
    expect(target.requests).toHaveLength(3);
  });

  it("sends the custom headers of the settings with every message", async () => {
    const target = await receiver();
    await webhookConnector.deliver(context(target, { settings: { headers: { "X-Venue-Group": "harbour", "X-Api-Version": "2" } } }), [item(1)]);
    expect(target.messages[0]!.headers).toMatchObject({ "x-venue-group": "harbour", "x-api-version": "2" });
  });

  it("is refused by the receiver when the body or webhook-id is altered, or the timestamp is old or far ahead", async () => {
    const target = await receiver();
    await webhookConnector.deliver(context(target), [item(1)]);
    const { body, headers } = target.messages[0]!;
    const replay = (changes: { body?: string; headers?: Record<string, string> }) =>
      fetch(target.url, { method: "POST", headers: { ...headers, ...changes.headers }, body: changes.body ?? body });

    const tamperedBody = body.replace("Harbour Hotel", "Harbour Hotek");
    expect((await replay({ body: tamperedBody })).status).toBe(401);
    expect((await replay({ headers: { "webhook-id": "0197a3c2-d000-7000-8000-999999999999" } })).status).toBe(401);
    expect((await replay({ headers: { "webhook-timestamp": String(Number(headers["webhook-timestamp"]) + 1) } })).status).toBe(401);
    expect(target.requests.slice(1).map((request) => request.refusal)).toEqual(["No matching signature found", "No matching signature found", "No matching signature found"]);

    // Signed correctly, but ten minutes old (a replay) or ten minutes ahead: outside the tolerance.
    const tenMinutes = 10 * 60 * 1000;
    const stale = await webhookConnector.deliver(context(target, { now: () => new Date(Date.now() - tenMinutes) }), [item(2)]);
    const ahead = await webhookConnector.deliver(context(target, { now: () => new Date(Date.now() + tenMinutes) }), [item(3)]);
    expect(target.requests.slice(-2).map((request) => request.refusal)).toEqual(["Message timestamp too old", "Message timestamp too new"]);
    // A receiver that refuses the signature refuses the credentials: the worker pauses the connector.
    expect(stale).toMatchObject({ kind: "unauthorized" });
    expect(ahead).toMatchObject({ kind: "unauthorized" });
    expect(target.messages).toHaveLength(1);
  });

  it("signs with every listed secret during a rotation: a receiver that knows only the old or only the new one verifies", async () => {
    const knowsOld = await receiver([oldSecret]);
    const knowsNew = await receiver([newSecret]);
    const knowsNeither = await receiver([generateWebhookSecret()]);
    const secrets = [newSecret, oldSecret];

    expect(await webhookConnector.deliver(context(knowsOld, { secrets }), [item(1)])).toMatchObject({ kind: "answered", items: [{ result: "delivered" }] });
    expect(await webhookConnector.deliver(context(knowsNew, { secrets }), [item(1)])).toMatchObject({ kind: "answered", items: [{ result: "delivered" }] });
    expect(await webhookConnector.deliver(context(knowsNeither, { secrets }), [item(1)])).toMatchObject({ kind: "unauthorized" });
    expect(knowsOld.messages[0]!.headers["webhook-signature"]!.split(" ")).toHaveLength(2);
    expect(knowsNeither.requests[0]!.refusal).toBe("No matching signature found");
    // After the rotation the old secret is dropped: the receiver that never updated is refused.
    expect(await webhookConnector.deliver(context(knowsOld, { secrets: [newSecret] }), [item(2)])).toMatchObject({ kind: "unauthorized" });
  });

  it("sends a thin payload by default: ids, venue, consent flags and the pull-API URL, no email, name or phone", async () => {
    const target = await receiver();
    const { record } = item(1);
    await webhookConnector.deliver(context(target), [item(1)]);
    const { payload, body } = target.messages[0]!;

    expect(payload).toEqual({
      type: "guest.consented",
      timestamp: "2026-12-02T09:59:30.000Z",
      data: { guestId: record.guestId, venue: record.venue, consents: record.consents, url: `https://wifi.example.com/api/v1/guests/${record.guestId}` },
    });
    for (const personal of [record.email, record.name!, record.phone!, "iOS 18"]) expect(body).not.toContain(personal);
  });

  it("sends the whole guest record as the full payload when chosen", async () => {
    const target = await receiver();
    await webhookConnector.deliver(context(target, { settings: { payload: "full" } }), [item(1)]);
    expect(target.messages[0]!.payload).toEqual({ type: "guest.consented", timestamp: "2026-12-02T09:59:30.000Z", data: guest(1) });
  });

  it("returns gone when the endpoint answers 410, and starts no further message", async () => {
    const target = await receiver();
    target.answerNext(1, { status: 410 });
    const items = Array.from({ length: 12 }, (_, n) => item(n + 1));

    const outcome = await webhookConnector.deliver(context(target), items);

    expect(outcome).toMatchObject({ kind: "gone", error: expect.stringContaining("HTTP 410") });
    // The few already in flight when the 410 came back, nothing after.
    expect(target.requests.length).toBeLessThanOrEqual(4);
  });

  it("returns throttled with the receiver's Retry-After when it answers 429, and sends no more of the batch", async () => {
    const target = await receiver();
    target.answerNext(4, { status: 429, retryAfter: "30" });
    const items = Array.from({ length: 10 }, (_, n) => item(n + 1));

    const outcome = await webhookConnector.deliver(context(target), items);

    expect(outcome).toEqual({ kind: "throttled", retryAfterMs: 30_000, error: expect.stringContaining("HTTP 429") });
    expect(target.requests).toHaveLength(4);
  });

  it("retries only the items the receiver failed, and delivers the rest", async () => {
    const target = await receiver();
    // One message fails in the receiver's handler (500); the others go through.
    target.answerNext(1, { status: 500, body: "handler crashed" });
    const items = [item(1), item(2), item(3)];

    const outcome = await webhookConnector.deliver(context(target), items);

    expect(outcome.kind).toBe("answered");
    const results = outcome.kind === "answered" ? outcome.items : [];
    expect(results.filter((result) => result.result === "delivered")).toHaveLength(2);
    expect(results.filter((result) => result.result === "retry")).toEqual([{ deliveryId: expect.any(String), result: "retry", error: "HTTP 500: handler crashed" }]);
    // The retried one arrives later under the same webhook-id.
    const retried = items.filter((i) => results.find((result) => result.deliveryId === i.deliveryId)?.result === "retry");
    expect(await webhookConnector.deliver(context(target), retried)).toMatchObject({ kind: "answered", items: [{ result: "delivered" }] });
    expect(target.messages.map((message) => message.id).sort()).toEqual(items.map((i) => i.deliveryId).sort());
  });

  it("returns unavailable when every message fails with 5xx, keeping a Retry-After", async () => {
    const target = await receiver();
    target.answerNext(2, { status: 500 });
    expect(await webhookConnector.deliver(context(target), [item(1), item(2)])).toEqual({ kind: "unavailable", error: "HTTP 500: {\"error\":\"scripted 500\"}" });

    // 503 says the receiver is overloaded: what is in flight finishes, nothing new starts.
    target.answerNext(4, { status: 503, retryAfter: "5" });
    const requestsBefore = target.requests.length;
    expect(await webhookConnector.deliver(context(target), [item(3), item(4), item(5), item(6), item(7)])).toMatchObject({ kind: "unavailable", retryAfterMs: 5000 });
    expect(target.requests.length - requestsBefore).toBe(4);
  });

  it("counts a receiver that does not answer in time as unavailable", async () => {
    const target = await receiver();
    target.answerNext(2, { delayMs: 1500 });
    // The connector's own timeout is 15 s (the spec recommends 15–30 s); this fetch gives up sooner.
    const impatient: typeof fetch = (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(300) });

    const outcome = await webhookConnector.deliver(context(target, { fetch: impatient }), [item(1), item(2)]);

    expect(outcome).toEqual({ kind: "unavailable", error: "not reached: the vendor did not answer in time" });
  });

  it("rejects an item the receiver refuses with another 4xx, and does not follow redirects", async () => {
    const target = await receiver();
    target.answerNext(1, { status: 422, body: '{"error":"unknown venue"}' });
    expect(await webhookConnector.deliver(context(target), [item(1)])).toEqual({
      kind: "answered",
      items: [{ deliveryId: item(1).deliveryId, result: "rejected", error: 'HTTP 422: {"error":"unknown venue"}' }],
    });

    target.answerNext(1, { status: 308, location: `${target.url}/v2` });
    const redirected = await webhookConnector.deliver(context(target), [item(2)]);
    expect(redirected).toMatchObject({ kind: "answered", items: [{ result: "rejected", error: expect.stringContaining("redirects are not followed") }] });
    expect(target.requests).toHaveLength(2);
  });

  it("sends a replayed delivery with the same webhook-id, which the receiver recognises as a duplicate", async () => {
    const target = await receiver();
    const first = await webhookConnector.deliver(context(target), [item(1)]);
    const replayed = await webhookConnector.deliver(context(target), [item(1)]);

    expect(first).toMatchObject({ kind: "answered", items: [{ result: "delivered" }] });
    expect(replayed).toMatchObject({ kind: "answered", items: [{ result: "delivered" }] });
    expect(target.messages).toHaveLength(1);
    expect(target.duplicates).toEqual([item(1).deliveryId]);
  });
});

describe("webhook erase", () => {
  it("sends guest.erased with the guest id, under a webhook-id that stays the same on a retry", async () => {
    const target = await receiver();
    const { guestId, email } = guest(1);

    expect(await webhookConnector.erase(context(target), { email, externalIds: [guestId] })).toEqual({ kind: "erased" });
    expect(await webhookConnector.erase(context(target), { email, externalIds: [guestId] })).toEqual({ kind: "erased" });

    expect(target.messages).toHaveLength(1);
    expect(target.messages[0]!.payload).toEqual({ type: "guest.erased", timestamp: expect.any(String), data: { guestId } });
    expect(target.messages[0]!.body).not.toContain(email);
    expect(target.duplicates).toEqual([target.messages[0]!.id]);
  });

  it("tells an endpoint that never received the guest nothing", async () => {
    const target = await receiver();
    expect(await webhookConnector.erase(context(target), { email: "guest1@example.com", externalIds: [] })).toEqual({ kind: "notFound" });
    expect(target.requests).toHaveLength(0);
  });

  it("reports an erasure done only on a 2xx", async () => {
    const target = await receiver();
    const subject = { email: "guest1@example.com", externalIds: [guest(1).guestId] };
    target.answerNext(1, { status: 404 });
    expect(await webhookConnector.erase(context(target), subject)).toMatchObject({ kind: "unavailable", error: expect.stringContaining("HTTP 404") });
    target.answerNext(1, { status: 429, retryAfter: "3" });
    expect(await webhookConnector.erase(context(target), subject)).toMatchObject({ kind: "throttled", retryAfterMs: 3000 });
    target.answerNext(1, { status: 410 });
    expect(await webhookConnector.erase(context(target), subject)).toMatchObject({ kind: "gone" });
  });
});

describe("webhook testConnection", () => {
  it("sends a signed portico.test event and passes on a 2xx", async () => {
    const target = await receiver();
    const check = await webhookConnector.testConnection(context(target));
    expect(check).toEqual({ ok: true, detail: expect.stringContaining("accepted a signed portico.test message (HTTP 200)") });
    expect(target.messages[0]!.type).toBe("portico.test");
  });

  it("fails, saying why, when the receiver refuses the signature, is gone or is not there", async () => {
    const target = await receiver([oldSecret]);
    expect(await webhookConnector.testConnection(context(target, { secrets: [newSecret] }))).toEqual({ ok: false, error: expect.stringContaining("check that it has this signing secret") });
    target.answerNext(1, { status: 410 });
    expect(await webhookConnector.testConnection(context(target, { secrets: [oldSecret] }))).toEqual({ ok: false, error: expect.stringContaining("410 Gone") });

    const closed = await receiver();
    const url = closed.url;
    await closed.close();
    receivers.splice(receivers.indexOf(closed), 1);
    expect(await webhookConnector.testConnection(context({ url } as WebhookReceiver))).toEqual({ ok: false, error: expect.stringContaining("not reached") });
  });
});
