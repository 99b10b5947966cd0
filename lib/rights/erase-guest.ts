// Erasure of one guest (GDPR art. 17), in one transaction: an 'erase' delivery for every system
// that received them (carrying what the vendor needs to find them, sealed), pending sends
// cancelled, then the personal data removed from every table that holds it. Ids, times,
// purposes, decisions and wording hashes stay, so counts and the consent ledger stay whole.
// What is nulled and what remains: docs/RIGHTS.md.
import "server-only";

import { assertPermission, type Actor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db, DbTx } from "@/lib/db/client";
import { erasureSubjectBox, type ErasureSubjectBox } from "@/lib/delivery/erasure-subject";
import { recordOperations } from "@/lib/delivery/outbox";
import { wakeDeliverySoon } from "@/lib/delivery/wake";
import { DomainError } from "@/lib/errors";

import { eraseGuestSchema, type EraseGuestInput } from "./schemas";

/**
 * Event payload keys that say what happened, never who it was: everything else (a gateway's
 * error text, rejected gateway parameters, any key added later) is dropped from an erased
 * guest's events until it is added here after a look at what it holds.
 */
export const anonymousEventPayloadKeys = [
  "method",
  "visitCount",
  "visitId",
  "loginMethod",
  "decisions",
  "sessionId",
  "gateway",
  "grant",
  "reason",
  "source",
  "revocation",
  "dwellSeconds",
  "bytesIn",
  "bytesOut",
] as const;

export interface ErasureCounts {
  guest: number;
  devices: number;
  journeys: number;
  accessSessions: number;
  consentRecords: number;
  events: number;
  /** Upserts not yet sent, cancelled (SKIPPED). */
  cancelledDeliveries: number;
  /** Delivered upserts whose vendor ids moved into the sealed subject. */
  deliveriesScrubbed: number;
}

export interface ErasureResult {
  guestId: string;
  erasedAt: Date;
  /** The connectors an 'erase' delivery was queued for. */
  erasures: { connectorId: string; connector: string; deliveryId: string }[];
  counts: ErasureCounts;
}

export interface EraseGuestOptions {
  subjects?: ErasureSubjectBox;
  now?: Date;
  /** Wake the delivery worker after the commit (default true). */
  wake?: boolean;
}

interface Receiver {
  connectorId: string;
  connector: string;
  externalIds: string[];
}

/**
 * Who erases: a staff member with `guests.erase`, or the guest themselves, whose email a
 * self-service link proved (lib/rights/self-service; the audit trail describes them).
 */
export type ErasureActor = Actor | { selfService: true; description: string; ip: string | null };

export async function eraseGuest(db: Db, actor: ErasureActor, input: EraseGuestInput, options: EraseGuestOptions = {}): Promise<ErasureResult> {
  if (!("selfService" in actor)) assertPermission(actor, "guests.erase");
  const auditActor: ErasureAuditActor = "selfService" in actor ? { actorId: null, actorDescription: actor.description, ip: actor.ip } : { actorId: actor.id, ip: actor.ip ?? null };
  const result = await db.$transaction((tx) => eraseGuestInTransaction(tx, auditActor, input, options));
  if (options.wake !== false) wakeDeliverySoon(db, result.erasures.map((e) => e.connectorId));
  return result;
}

/** Who an erasure is signed by in the audit trail: a staff member, or a description (the guest by self-service, the retention job). */
export type ErasureAuditActor = { actorId: string; ip?: string | null } | { actorId: null; actorDescription: string; ip?: string | null };

/**
 * The erasure inside the caller's transaction, for callers that answer something else in the
 * same commit (a rights request marked done, lib/rights/requests) or act without a staff
 * session (the retention job, lib/rights/retention). The caller checks the permission and
 * wakes the delivery worker after its commit.
 */
export async function eraseGuestInTransaction(tx: DbTx, auditActor: ErasureAuditActor, input: EraseGuestInput, options: Omit<EraseGuestOptions, "wake"> = {}): Promise<ErasureResult> {
  const { guestId, reason } = eraseGuestSchema.parse(input);
  const subjects = options.subjects ?? erasureSubjectBox();
  const now = options.now ?? new Date();

  const [guest] = await tx.$queryRaw<{ email: string | null; emailNormalized: string | null; erasedAt: Date | null }[]>`
    SELECT email, email_normalized AS "emailNormalized", erased_at AS "erasedAt" FROM guest WHERE id = ${guestId}::uuid FOR UPDATE`;
  if (!guest) throw new DomainError("guestGone");
  if (guest.erasedAt) throw new DomainError("guestAlreadyErased");
  const email = guest.email ?? guest.emailNormalized ?? "";
  // The reason outlives the erasure in the audit trail; it must not carry what is erased.
  if (email && reason.toLowerCase().includes((guest.emailNormalized ?? email).toLowerCase())) {
    throw new DomainError("invalidFields", { fieldErrors: { reason: ["erasureReasonNamesGuest"] } });
  }

  // Pending sends first: this locks a row a worker may be sending right now, so its settle
  // waits for this commit and then sees the guest erased (the worker then queues that
  // connection's erasure itself, lib/delivery/erase-batch.ts); a send settled before this
  // statement is SENT and found just below.
  const cancelledDeliveries = await tx.$executeRaw`
    UPDATE delivery SET status = 'SKIPPED', last_error = 'The guest''s data was erased before it was sent.', leased_until = NULL, settled_at = ${now}
    WHERE guest_id = ${guestId}::uuid AND operation = ANY (${recordOperations}::text[]) AND status = 'PENDING'`;

  // Every connection that was sent this guest (a removed connection cannot be called any more).
  const receivers = await tx.$queryRaw<Receiver[]>`
    SELECT connector_id AS "connectorId", max(connector) AS connector,
           COALESCE(array_agg(DISTINCT external_id) FILTER (WHERE external_id IS NOT NULL), '{}') AS "externalIds"
    FROM delivery
    WHERE guest_id = ${guestId}::uuid AND operation = 'upsert' AND status = 'SENT' AND connector_id IS NOT NULL
    GROUP BY connector_id ORDER BY connector_id`;
  const erasureRows = receivers.map((r) => ({
    connector_id: r.connectorId,
    connector: r.connector,
    subject: Buffer.from(subjects.seal({ email, externalIds: r.externalIds }, guestId, r.connectorId)).toString("hex"),
  }));
  const erasures = await tx.$queryRaw<{ deliveryId: bigint; connectorId: string; connector: string }[]>`
    INSERT INTO delivery (guest_id, connector_id, connector, operation, status, next_attempt_at, created_at, subject)
    SELECT ${guestId}::uuid, r.connector_id, r.connector, 'erase', 'PENDING', ${now}, ${now}, decode(r.subject, 'hex')
    FROM jsonb_to_recordset(${JSON.stringify(erasureRows)}::jsonb) AS r(connector_id uuid, connector text, subject text)
    RETURNING id AS "deliveryId", connector_id AS "connectorId", connector`;

  const deliveriesScrubbed = await tx.$executeRaw`
    UPDATE delivery SET external_id = NULL WHERE guest_id = ${guestId}::uuid AND operation = 'upsert' AND external_id IS NOT NULL`;

  // Journeys: the guest's own, and those that never reached a guest (abandoned, not yet
  // purged) but came from the guest's devices or carry the guest's login.
  const journeys = await tx.$executeRaw`
    UPDATE journey SET identity = NULL, client_mac = NULL, client_ip = NULL, original_url = NULL,
           gateway_params = '{}'::jsonb, ip = NULL, user_agent = NULL
    WHERE guest_id = ${guestId}::uuid
       OR (guest_id IS NULL AND client_mac IN (SELECT mac_address FROM device WHERE guest_id = ${guestId}::uuid AND mac_address IS NOT NULL))
       OR (guest_id IS NULL AND ${guest.emailNormalized}::text IS NOT NULL AND identity ->> 'emailNormalized' = ${guest.emailNormalized}::text)`;
  const accessSessions = await tx.$executeRaw`
    UPDATE access_session SET client_mac = NULL, client_ip = NULL, error = NULL, updated_at = ${now}
    WHERE journey_id IN (SELECT id FROM journey WHERE guest_id = ${guestId}::uuid)
       OR visit_id IN (SELECT id FROM visit WHERE guest_id = ${guestId}::uuid)
       OR client_mac IN (SELECT mac_address FROM device WHERE guest_id = ${guestId}::uuid AND mac_address IS NOT NULL)`;
  // The fingerprint is a hash of the MAC (or user agent): guessable, so it is replaced too.
  const devices = await tx.$executeRaw`
    UPDATE device SET mac_address = NULL, user_agent = NULL, fingerprint = encode(sha256(convert_to('erased:' || id::text, 'UTF8')), 'hex')
    WHERE guest_id = ${guestId}::uuid`;
  // The ledger keeps every decision and the wording it answered; only where it came from goes
  // (the append-only trigger allows exactly this).
  const consentRecords = await tx.$executeRaw`
    UPDATE consent_record SET ip = NULL, user_agent = NULL
    WHERE guest_id = ${guestId}::uuid AND (ip IS NOT NULL OR user_agent IS NOT NULL)`;
  const keys = [...anonymousEventPayloadKeys];
  const events = await tx.$executeRaw`
    UPDATE event SET payload = COALESCE((SELECT jsonb_object_agg(k, v) FROM jsonb_each(payload) AS p(k, v) WHERE k = ANY (${keys}::text[])), '{}'::jsonb)
    WHERE (guest_id = ${guestId}::uuid OR journey_id IN (SELECT id FROM journey WHERE guest_id = ${guestId}::uuid))
      AND EXISTS (SELECT 1 FROM jsonb_object_keys(payload) AS k WHERE k <> ALL (${keys}::text[]))`;
  // Requests the guest sent (lib/rights/requests) keep their dates, kind and answer as proof;
  // the email they were entered under and what they said go with the rest.
  await tx.$executeRaw`
    UPDATE rights_request SET email = NULL, email_normalized = NULL, details = '', updated_at = ${now}
    WHERE guest_id = ${guestId}::uuid OR (${guest.emailNormalized}::text IS NOT NULL AND email_normalized = ${guest.emailNormalized}::text)`;
  // The website's issuer + NameID identify the person as surely as the email (lib/saml/sp).
  await tx.$executeRaw`DELETE FROM guest_saml_identity WHERE guest_id = ${guestId}::uuid`;
  const guestRows = await tx.$executeRaw`
    UPDATE guest SET email = NULL, email_normalized = NULL, name = NULL, phone = NULL, birthday = NULL,
           visitor_data = '{}'::jsonb, metadata = '{}'::jsonb, erased_at = ${now}, updated_at = ${now}
    WHERE id = ${guestId}::uuid`;

  const counts: ErasureCounts = { guest: guestRows, devices, journeys, accessSessions, consentRecords, events, cancelledDeliveries, deliveriesScrubbed };
  const queued = erasures.map((e) => ({ connectorId: e.connectorId, connector: e.connector, deliveryId: String(e.deliveryId) }));
  await recordAudit(tx, {
    ...("actorDescription" in auditActor ? { actorId: null, actorDescription: auditActor.actorDescription } : { actorId: auditActor.actorId }),
    action: "guest.erase",
    entityType: "guest",
    entityId: guestId,
    before: { erasedAt: null },
    after: { erasedAt: now.toISOString(), reason, rowsChanged: { ...counts }, erasuresQueued: queued },
    ip: auditActor.ip ?? null,
  });
  return { guestId, erasedAt: now, erasures: queued, counts };
}
