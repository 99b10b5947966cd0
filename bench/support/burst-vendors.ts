// The vendors bench:burst delivers to: each vendor's contract server (tests/support/contracts),
// held to a limit that makes it throttle during the burst, and the venue's connectors pointed at
// it. After the drain each account says what it received per guest email, and how many calls
// it refused with 429.
import { randomBytes } from "node:crypto";

import type { Db } from "@/lib/db/client";
import { brevoSettingsSchema } from "@/lib/delivery/connectors/brevo-contacts";
import { hubspotSettingsSchema } from "@/lib/delivery/connectors/hubspot";
import { mailchimpSettingsSchema } from "@/lib/delivery/connectors/mailchimp-members";
import { webhookSettingsSchema } from "@/lib/delivery/connectors/webhook";
import type { SecretStore } from "@/lib/delivery/connector-store";
import { startBrevoContract } from "@/tests/support/contracts/brevo";
import { hubspotContractToken, hubspotUpsertPath, startHubspotContract } from "@/tests/support/contracts/hubspot";
import { startMailchimpContract } from "@/tests/support/contracts/mailchimp";
import { startWebhookReceiver } from "@/tests/support/contracts/webhook-receiver";
import { createConnector } from "@/tests/support/delivery-fixture";

export interface VendorLimits {
  /** HubSpot's rolling limit, calls per 10 s for the whole account (both its connectors). */
  hubspotPer10s: number;
  /** Mailchimp: calls per 10 s (the contract server's knob; Mailchimp itself counts simultaneous calls). */
  mailchimpPer10s: number;
  /** Brevo: calls per second on the contact endpoints. */
  brevoPerSecond: number;
}

export interface VendorAccount {
  name: string;
  /** The purpose keys of this account's connectors; a guest is owed one write per purpose granted. */
  purposes: { key: string; connectorId: string }[];
  /** How the vendor says "wait" on a 429, for the report. */
  throttleHint: string;
  /** The least a connector must wait after a 429 before it calls again (0: the hint varies below a second). */
  minimumWaitMs: number;
  /** Writes per guest email the vendor recorded (a contact written twice counts 2). */
  writesByEmail(): Map<string, number>;
  /** Writes of an address already written, which the store above keeps as one entry. */
  repeats(): number;
  /** Calls it answered with 429. */
  throttled(): number;
  close(): Promise<void>;
}

const normalise = (email: string) => email.trim().toLowerCase();

function tally(emails: Iterable<string>): Map<string, number> {
  const writes = new Map<string, number>();
  for (const email of emails) writes.set(normalise(email), (writes.get(normalise(email)) ?? 0) + 1);
  return writes;
}

export async function startVendors(db: Db, venueId: string, secrets: SecretStore, limits: VendorLimits, batchWaitSeconds: number) {
  const connect = (purposeKey: string, kind: string, name: string, settings: Record<string, unknown>, secret: unknown) =>
    createConnector(db, { venueId, purposeKey, kind, name, settings, secrets: secret, batchWaitSeconds }, secrets).then((c) => ({ key: purposeKey, connectorId: c.id }));

  // One HubSpot account behind two connectors: they share its limit, so they can run into each other.
  const hubspot = await startHubspotContract({ rateLimit: { max: limits.hubspotPer10s, intervalMs: 10_000 }, retryAfterOn429: true });
  const hubspotSecrets = { auth: "privateApp", accessToken: hubspotContractToken };
  const hubspotSettings = hubspotSettingsSchema.parse({ baseUrl: hubspot.baseUrl });
  const mailchimp = await startMailchimpContract({ rateLimit: { calls: limits.mailchimpPer10s, windowMs: 10_000 } });
  const brevo = await startBrevoContract({ rateLimit: { limit: limits.brevoPerSecond, windowMs: 1000 } });
  const signing = `whsec_${randomBytes(32).toString("base64")}`;
  const webhook = await startWebhookReceiver({ secrets: [signing] });

  const accounts: VendorAccount[] = [
    {
      name: `HubSpot (${limits.hubspotPer10s} calls / 10 s, shared)`,
      purposes: [
        await connect("marketing", "hubspot", "HubSpot marketing", hubspotSettings, hubspotSecrets),
        await connect("sponsor:acme-coffee", "hubspot", "HubSpot Acme Coffee", hubspotSettings, hubspotSecrets),
      ],
      throttleHint: "Retry-After, whole seconds",
      minimumWaitMs: 1000,
      writesByEmail: () => new Map(hubspot.contacts().map((c) => [normalise(c.properties.email ?? ""), c.writes])),
      repeats: () => 0,
      throttled: () => hubspot.callsTo(hubspotUpsertPath).filter((call) => call.status === 429).length,
      close: () => hubspot.close(),
    },
    {
      name: `Mailchimp (${limits.mailchimpPer10s} calls / 10 s)`,
      purposes: [
        await connect("marketing", "mailchimp", "Mailchimp", mailchimpSettingsSchema.parse({ ...mailchimp.connectorSettings(), doubleOptIn: false }), { apiKey: mailchimp.apiKey }),
      ],
      throttleHint: "none: the worker waits its default 10 s",
      minimumWaitMs: 10_000,
      // A member is stored once per address; a second write of it counts as an update.
      writesByEmail: () => tally(mailchimp.members().map((m) => m.email_address)),
      repeats: () => mailchimp.counters.updated,
      throttled: () => mailchimp.counters.throttled,
      close: () => mailchimp.close(),
    },
    {
      name: `Brevo (${limits.brevoPerSecond} calls / s)`,
      purposes: [
        await connect("sponsor:northwind-air", "brevo", "Brevo Northwind Air", brevoSettingsSchema.parse(brevo.connectorSettings([2])), { apiKey: brevo.apiKey }),
      ],
      throttleHint: "x-sib-ratelimit-reset, under a second",
      minimumWaitMs: 0,
      writesByEmail: () => tally(brevo.contacts().map((c) => c.email)),
      repeats: () => brevo.counters.updated,
      throttled: () => brevo.counters.throttled,
      close: () => brevo.close(),
    },
    {
      name: "Webhook (Standard Webhooks; 429 for a while mid-burst)",
      purposes: [
        await connect("marketing", "webhook", "Webhook", webhookSettingsSchema.parse({ endpointUrl: webhook.url, payload: "full" }), { signingSecrets: [signing] }),
      ],
      throttleHint: "Retry-After: 2",
      minimumWaitMs: 2000,
      // One accepted message per webhook-id; an id that came again is a duplicate.
      writesByEmail: () => tally(webhook.messages.map((m) => String(m.payload.data.email ?? ""))),
      repeats: () => webhook.duplicates.length,
      throttled: () => webhook.requests.filter((r) => r.status === 429).length,
      close: () => webhook.close(),
    },
  ];
  return {
    accounts,
    /** The receiver refuses the next few messages with 429, as a vendor under load does. */
    throttleWebhook: (count: number) => webhook.answerNext(count, { status: 429, retryAfter: "2" }),
  };
}
