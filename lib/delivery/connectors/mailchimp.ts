// Mailchimp audiences through the Marketing API 3.0 (docs/integrations/mailchimp.md).
// Consented guests join one audience by batch subscribe (POST /lists/{list_id}, at most 500
// members a call) with update_existing and status_if_new, so a replay updates the member it
// created and never changes the subscription status of someone already in the audience.
// Marketing permissions are not part of the batch schema: a member Portico introduces gets
// them in a PATCH of that member right after.
import type { BatchOutcome, Connector, ConnectorContext, DeliveryItem, EraseOutcome, ItemOutcome, WithdrawalSubject, WithdrawOutcome } from "../connector";
import type { ConsentFlag } from "../guest-record";
import { failureOutcome, vendorFetch } from "../vendor-http";
import {
  apiRoot,
  type MailchimpSecrets,
  type MailchimpSettings,
  mailchimpSecretsSchema,
  mailchimpSettingsSchema,
  maxMembersPerCall,
  type MemberError,
  memberErrorResult,
  memberFor,
  subscriberHash,
} from "./mailchimp-members";
import { groupByContact, type ContactGroup } from "./crm-fields";
import { contactEmail, marketingConsent } from "./newsletter-fields";

type Context = ConnectorContext<MailchimpSettings, MailchimpSecrets>;

/** Member PATCHes in flight at once; Mailchimp allows 10 simultaneous connections per user. */
const permissionConcurrency = 4;

/** One member per address: two deliveries for the same guest in a batch share one answer. */
interface MemberGroup extends ContactGroup<DeliveryItem> {
  consent: ConsentFlag;
}

function call(context: Context, method: string, path: string, body?: unknown) {
  const { settings, secrets } = context;
  return vendorFetch(context.fetch, `${apiRoot(settings, secrets.apiKey)}${path}`, {
    method,
    // Mailchimp's Basic auth: any user name, the API key as the password.
    headers: {
      authorization: `Basic ${Buffer.from(`portico:${secrets.apiKey}`).toString("base64")}`,
      accept: "application/json",
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** Mailchimp's problem document (type, title, status, detail, instance) in one line. */
async function problemText(response: Response): Promise<string> {
  const text = await response.text().catch(() => "");
  try {
    const problem = JSON.parse(text) as { title?: string; detail?: string };
    return [problem.title, problem.detail].filter(Boolean).join(": ") || text.slice(0, 300);
  } catch {
    return text.slice(0, 300);
  }
}

async function failed(response: Response, context: Context) {
  const detail = await problemText(response);
  return failureOutcome(response.status, response.headers, context.now(), detail) ?? { kind: "refused" as const, error: `HTTP ${response.status}: ${detail}` };
}

type Result = { result: "delivered"; externalId?: string } | { result: "retry" | "rejected"; error: string };

interface BatchAnswer {
  new_members?: { id?: string; email_address?: string }[];
  updated_members?: { id?: string; email_address?: string }[];
  errors?: MemberError[];
}

async function deliver(context: Context, items: DeliveryItem[]): Promise<BatchOutcome> {
  const { settings } = context;
  const results = new Map<string, ItemOutcome>();
  const settle = (group: Pick<MemberGroup, "items">, outcome: Result) => {
    for (const item of group.items) results.set(item.deliveryId, { deliveryId: item.deliveryId, ...outcome });
  };

  const groups: MemberGroup[] = [];
  for (const group of groupByContact(items, contactEmail)) {
    const consent = marketingConsent(group.record);
    if (consent?.granted) groups.push({ ...group, consent });
    else settle(group, { result: "rejected", error: "The record carries no granted marketing consent; Mailchimp receives consented guests only" });
  }
  if (groups.length > maxMembersPerCall) throw new Error(`Mailchimp takes at most ${maxMembersPerCall} members a call; the worker sent ${groups.length}`);

  if (groups.length > 0) {
    const response = await call(context, "POST", `/lists/${encodeURIComponent(settings.listId)}`, {
      members: groups.map((group) => memberFor(group, settings)),
      update_existing: true,
    });
    if ("kind" in response) return response;
    if (!response.ok) {
      const failure = await failed(response, context);
      if (failure.kind !== "refused") return failure;
      // The request itself was refused (an audience that is gone, a body it does not accept):
      // nothing was taken, and sending the same again would be refused the same way.
      for (const group of groups) settle(group, { result: "rejected", error: `Mailchimp refused the batch: ${failure.error}` });
    } else {
      const answer = (await response.json().catch(() => ({}))) as BatchAnswer;
      const byEmail = new Map(groups.map((group) => [group.key, group]));
      const created = new Set<string>();
      for (const [members, isNew] of [[answer.new_members, true], [answer.updated_members, false]] as const) {
        for (const member of members ?? []) {
          const group = byEmail.get(member.email_address?.trim().toLowerCase() ?? "");
          if (!group) continue;
          if (isNew) created.add(group.key);
          settle(group, { result: "delivered", externalId: member.id ?? subscriberHash(group.key) });
        }
      }
      for (const error of answer.errors ?? []) {
        const group = byEmail.get(error.email_address?.trim().toLowerCase() ?? "");
        if (group) settle(group, { result: memberErrorResult(error), error: `Mailchimp: ${[error.error, error.field_message].filter(Boolean).join(" ")}`.slice(0, 500) });
      }
      for (const group of groups) {
        if (!results.has(group.items[0]!.deliveryId)) settle(group, { result: "retry", error: "Mailchimp's answer did not mention this member" });
      }
      const needPermissions = groups.filter(
        (group) => settings.marketingPermissionIds.length > 0 && results.get(group.items[0]!.deliveryId)?.result === "delivered" && (created.has(group.key) || group.firstDelivery),
      );
      const stop = await grantMarketingPermissions(context, needPermissions, settle);
      if (stop) return stop;
    }
  }
  return { kind: "answered", items: items.map((item) => results.get(item.deliveryId)!) };
}

/**
 * Enables the configured marketing permissions on members Portico has just introduced, a few
 * at a time. Later deliveries leave them alone, so a choice the person made in Mailchimp's
 * preference centre is never overwritten. A member whose PATCH did not go through is retried
 * (the batch subscribe is idempotent); refused credentials stop everything.
 */
async function grantMarketingPermissions(
  context: Context,
  groups: MemberGroup[],
  settle: (group: MemberGroup, outcome: Result) => void,
): Promise<BatchOutcome | undefined> {
  const body = { marketing_permissions: context.settings.marketingPermissionIds.map((id) => ({ marketing_permission_id: id, enabled: true })) };
  let stop: BatchOutcome | undefined;
  let halted = false;
  const queue = [...groups];
  const worker = async () => {
    for (let group = queue.shift(); group; group = queue.shift()) {
      if (halted) {
        settle(group, { result: "retry", error: "Marketing permissions not set yet: Mailchimp was unavailable or throttling" });
        continue;
      }
      const response = await call(context, "PATCH", `/lists/${encodeURIComponent(context.settings.listId)}/members/${subscriberHash(group.key)}`, body);
      if ("kind" in response) {
        halted = true;
        settle(group, { result: "retry", error: `Marketing permissions not set yet: ${response.error}` });
        continue;
      }
      if (response.ok) {
        await response.body?.cancel();
        continue;
      }
      const failure = await failed(response, context);
      if (failure.kind === "unauthorized") stop = failure;
      else if (failure.kind === "refused" && response.status === 400) settle(group, { result: "rejected", error: `Mailchimp refused the marketing permissions: ${failure.error}` });
      else {
        halted ||= failure.kind !== "refused";
        settle(group, { result: "retry", error: `Marketing permissions not set yet: ${failure.error}` });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(permissionConcurrency, groups.length) }, worker));
  return stop;
}

async function erase(context: Context, subject: { email: string; externalIds: string[] }): Promise<EraseOutcome> {
  // The email's hash, and any member id Portico recorded that differs (an address changed since).
  const hashes = [...new Set([subscriberHash(subject.email), ...subject.externalIds.filter((id) => /^[0-9a-f]{32}$/.test(id))])];
  let erased = false;
  for (const hash of hashes) {
    const response = await call(context, "POST", `/lists/${encodeURIComponent(context.settings.listId)}/members/${hash}/actions/delete-permanent`);
    if ("kind" in response) return response;
    if (response.status === 404) {
      await response.body?.cancel();
      continue;
    }
    if (response.ok) {
      await response.body?.cancel();
      erased = true;
      continue;
    }
    const failure = await failed(response, context);
    return failure.kind === "refused" ? { kind: "unavailable", error: failure.error } : failure;
  }
  return { kind: erased ? "erased" : "notFound" };
}

/**
 * A withdrawal: the member's status set to "unsubscribed" (PATCH /lists/{list_id}/members/
 * {subscriber_hash}), Mailchimp's own record of an opt-out, kept so the address is not mailed.
 */
async function withdraw(context: Context, subject: WithdrawalSubject): Promise<WithdrawOutcome> {
  const hashes = [...new Set([subscriberHash(subject.email), ...subject.externalIds.filter((id) => /^[0-9a-f]{32}$/.test(id))])];
  let withdrawn = false;
  for (const hash of hashes) {
    const response = await call(context, "PATCH", `/lists/${encodeURIComponent(context.settings.listId)}/members/${hash}`, { status: "unsubscribed" });
    if ("kind" in response) return response;
    await (response.ok || response.status === 404 ? response.body?.cancel() : Promise.resolve());
    if (response.status === 404) continue;
    if (response.ok) {
      withdrawn = true;
      continue;
    }
    const failure = await failed(response, context);
    return failure.kind === "refused" ? { kind: "unavailable", error: failure.error } : failure;
  }
  return { kind: withdrawn ? "withdrawn" : "notFound" };
}

async function testConnection(context: Context) {
  const { settings } = context;
  const ping = await call(context, "GET", "/ping");
  if ("kind" in ping) return { ok: false as const, error: ping.error };
  if (!ping.ok) return { ok: false as const, error: `Mailchimp refused the API key: ${(await failed(ping, context)).error}` };
  await ping.body?.cancel();
  const list = await call(context, "GET", `/lists/${encodeURIComponent(settings.listId)}?fields=id,name`);
  if ("kind" in list) return { ok: false as const, error: list.error };
  if (list.status === 404) {
    await list.body?.cancel();
    return { ok: false as const, error: `Mailchimp has no audience with id "${settings.listId}" in this account` };
  }
  if (!list.ok) return { ok: false as const, error: (await failed(list, context)).error };
  const audience = (await list.json().catch(() => ({}))) as { name?: string };
  const optIn = settings.doubleOptIn ? "new members confirm by email (double opt-in)" : "new members are subscribed at once";
  return { ok: true as const, detail: `Audience "${audience.name ?? settings.listId}": ${optIn}` };
}

export const mailchimpConnector: Connector<MailchimpSettings, MailchimpSecrets> = {
  kind: "mailchimp",
  label: "Mailchimp",
  settingsSchema: mailchimpSettingsSchema,
  secretsSchema: mailchimpSecretsSchema,
  maxBatchSize: maxMembersPerCall,
  deliver,
  erase,
  withdraw,
  testConnection,
};
