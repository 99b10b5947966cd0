// Brevo contacts through API v3 (docs/integrations/brevo.md). Each guest is one create-or-update
// call (POST /v3/contacts with updateEnabled and the venue's list ids): of Brevo's contact
// writes it is the only one that creates and updates and answers for that contact. The batch
// update (POST /v3/contacts/batch) cannot create, and the import (POST /v3/contacts/import)
// answers with a process id and reports per-contact problems only later, by email. Calls go one
// after the other and stop when Brevo's x-sib-ratelimit-remaining reaches 0; the rest of the
// batch is handed back to the worker with Brevo's reset time.
import type { BatchOutcome, Connector, ConnectorContext, DeliveryItem, EraseOutcome, ItemOutcome, RateLimitHint, WithdrawalSubject, WithdrawOutcome } from "../connector";
import { defaultThrottleMs, failureOutcome, vendorFetch } from "../vendor-http";
import {
  apiRoot,
  attributesFor,
  type BrevoSecrets,
  type BrevoSettings,
  brevoSecretsSchema,
  brevoSettingsSchema,
  contactErrorResult,
  contactFor,
  contactsPerBatch,
  doubleOptInRequestFor,
  rateLimitOf,
} from "./brevo-contacts";
import { groupByContact } from "./crm-fields";
import { contactEmail, marketingConsent } from "./newsletter-fields";

type Context = ConnectorContext<BrevoSettings, BrevoSecrets>;
type Result = { result: "delivered"; externalId?: string } | { result: "retry" | "rejected" | "notSent"; error: string };

/** One contact per address: two deliveries for the same guest in a batch share one call. */
type ContactGroup = ReturnType<typeof groupByContact<DeliveryItem>>[number];

function call(context: Context, method: string, path: string, body?: unknown) {
  return vendorFetch(context.fetch, `${apiRoot(context.settings)}${path}`, {
    method,
    headers: { "api-key": context.secrets.apiKey, accept: "application/json", ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** Brevo's error body ({ code, message }) read once. */
async function errorOf(response: Response): Promise<{ code?: string; text: string }> {
  const raw = await response.text().catch(() => "");
  try {
    const body = JSON.parse(raw) as { code?: string; message?: string };
    return { code: body.code, text: [body.code, body.message].filter(Boolean).join(": ") || raw.slice(0, 300) };
  } catch {
    return { text: raw.slice(0, 300) };
  }
}

/**
 * A refusal that concerns the whole connector rather than one contact. 402 (no credits, plan
 * exhausted) needs staff like a refused key does, so it pauses the connector the same way.
 */
function connectorFailure(response: Response, error: string, context: Context) {
  if (response.status === 402) return { kind: "unauthorized" as const, error: `HTTP 402: ${error}` };
  const failure = failureOutcome(response.status, response.headers, context.now(), error);
  if (failure?.kind === "throttled" && !response.headers.get("retry-after")) {
    // Brevo says when its window resets instead of sending Retry-After.
    const hint = rateLimitOf(response.headers);
    return { ...failure, retryAfterMs: hint ? Math.max(hint.resetAfterMs, 1000) : defaultThrottleMs };
  }
  return failure;
}

/** The one call that writes a guest, by the venue's opt-in choice and whether Portico knows them. */
function send(context: Context, group: ContactGroup) {
  const { settings } = context;
  if (!settings.doubleOptIn) return call(context, "POST", "/contacts", contactFor(group.record, group.firstDelivery, settings));
  if (group.firstDelivery) return call(context, "POST", "/contacts/doubleOptinConfirmation", doubleOptInRequestFor(group.record, { ...settings, doubleOptIn: settings.doubleOptIn }));
  // Under double opt-in a later visit only updates a contact who confirmed; it never adds one to
  // the lists, which would skip the confirmation.
  return call(context, "PUT", `/contacts/${encodeURIComponent(group.record.email)}?identifierType=email_id`, { attributes: attributesFor(group.record, false, settings) });
}

async function deliver(context: Context, items: DeliveryItem[]): Promise<BatchOutcome> {
  const results = new Map<string, ItemOutcome>();
  const settle = (group: ContactGroup, outcome: Result) => {
    for (const item of group.items) results.set(item.deliveryId, { deliveryId: item.deliveryId, ...outcome });
  };
  const groups = groupByContact(items, contactEmail).filter((group) => {
    if (marketingConsent(group.record)?.granted) return true;
    settle(group, { result: "rejected", error: "The record carries no granted marketing consent; Brevo receives consented guests only" });
    return false;
  });

  let rateLimit: RateLimitHint | undefined;
  for (const [index, group] of groups.entries()) {
    // Held back under Brevo's limit (or refused with 429, which takes nothing): not sent, so no
    // attempt spent. After another failure the failed call's contact may have been written: a retry.
    const holdBack = (error: string, result: "notSent" | "retry") => groups.slice(index).forEach((rest) => settle(rest, { result, error }));
    if (rateLimit && rateLimit.remaining <= 0) {
      holdBack("Not sent yet: Brevo's rate limit window is used up", "notSent");
      break;
    }
    const response = await send(context, group);
    if ("kind" in response) {
      if (index === 0) return response;
      holdBack(response.error, "retry");
      break;
    }
    rateLimit = rateLimitOf(response.headers) ?? rateLimit;
    if (response.ok) {
      // 201 carries the new contact's id; 204 (updated) carries nothing.
      const { id } = response.status === 201 ? ((await response.json().catch(() => ({}))) as { id?: number }) : {};
      if (id === undefined) await response.body?.cancel().catch(() => {});
      settle(group, { result: "delivered", ...(id === undefined ? {} : { externalId: String(id) }) });
      continue;
    }
    const error = await errorOf(response);
    if (response.status === 404 && context.settings.doubleOptIn && !group.firstDelivery) {
      // Not confirmed (yet): Brevo holds nothing to update, and nothing is stored without the click.
      settle(group, { result: "delivered" });
      continue;
    }
    const failure = connectorFailure(response, error.text, context);
    if (failure?.kind === "unauthorized" || failure?.kind === "gone") return failure;
    if (failure) {
      if (index === 0) return failure;
      if (failure.kind === "throttled") rateLimit = { remaining: 0, resetAfterMs: failure.retryAfterMs };
      holdBack(failure.error, failure.kind === "throttled" ? "notSent" : "retry");
      break;
    }
    settle(group, { result: contactErrorResult(response.status, error.code), error: `Brevo: HTTP ${response.status}: ${error.text}`.slice(0, 500) });
  }
  return { kind: "answered", items: items.map((item) => results.get(item.deliveryId)!), ...(rateLimit ? { rateLimit } : {}) };
}

async function erase(context: Context, subject: { email: string; externalIds: string[] }): Promise<EraseOutcome> {
  // The address, and any contact id Portico recorded (the address may have changed in Brevo).
  const targets = [`${encodeURIComponent(subject.email)}?identifierType=email_id`, ...subject.externalIds.filter((id) => /^\d+$/.test(id)).map((id) => `${id}?identifierType=contact_id`)];
  let erased = false;
  for (const target of targets) {
    const response = await call(context, "DELETE", `/contacts/${target}`);
    if ("kind" in response) return response;
    if (response.ok || response.status === 404) {
      erased ||= response.ok;
      await response.body?.cancel();
      continue;
    }
    const error = await errorOf(response);
    // 405: Brevo will not delete a contact it is still processing; ask again later.
    return connectorFailure(response, error.text, context) ?? { kind: "unavailable", error: `HTTP ${response.status}: ${error.text}` };
  }
  return { kind: erased ? "erased" : "notFound" };
}

/**
 * A withdrawal: the contact blocklisted for email (PUT /v3/contacts/{identifier} with
 * `emailBlacklisted: true`), Brevo's documented way to stop all campaigns to an address.
 */
async function withdraw(context: Context, subject: WithdrawalSubject): Promise<WithdrawOutcome> {
  const response = await call(context, "PUT", `/contacts/${encodeURIComponent(subject.email)}?identifierType=email_id`, { emailBlacklisted: true });
  if ("kind" in response) return response;
  if (response.ok || response.status === 404) {
    await response.body?.cancel();
    return { kind: response.ok ? "withdrawn" : "notFound" };
  }
  const error = await errorOf(response);
  return connectorFailure(response, error.text, context) ?? { kind: "unavailable", error: `HTTP ${response.status}: ${error.text}` };
}

async function testConnection(context: Context) {
  const account = await call(context, "GET", "/account");
  if ("kind" in account) return { ok: false as const, error: account.error };
  if (!account.ok) return { ok: false as const, error: `Brevo refused the API key: HTTP ${account.status}: ${(await errorOf(account)).text}` };
  const { companyName, email } = (await account.json().catch(() => ({}))) as { companyName?: string; email?: string };
  const names: string[] = [];
  for (const listId of context.settings.listIds) {
    const list = await call(context, "GET", `/contacts/lists/${listId}`);
    if ("kind" in list) return { ok: false as const, error: list.error };
    if (list.status === 404) {
      await list.body?.cancel();
      return { ok: false as const, error: `Brevo has no list with id ${listId} in this account` };
    }
    if (!list.ok) return { ok: false as const, error: `HTTP ${list.status}: ${(await errorOf(list)).text}` };
    names.push(((await list.json().catch(() => ({}))) as { name?: string }).name ?? String(listId));
  }
  const optIn = context.settings.doubleOptIn ? "new guests confirm by email (double opt-in)" : "new guests join at once";
  return { ok: true as const, detail: `Brevo account ${companyName || email || ""}; lists ${names.map((name) => `"${name}"`).join(", ")}: ${optIn}` };
}

export const brevoConnector: Connector<BrevoSettings, BrevoSecrets> = {
  kind: "brevo",
  label: "Brevo",
  settingsSchema: brevoSettingsSchema,
  secretsSchema: brevoSecretsSchema,
  maxBatchSize: contactsPerBatch,
  deliver,
  erase,
  withdraw,
  testConnection,
};
