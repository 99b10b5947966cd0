// A rectification (art. 16) carried out: the guest's name, phone and birthday as they should be,
// and every system that was already sent the guest sent the corrected record (art. 19), in one
// transaction with the request done. The corrected record goes as a 'rectify' delivery per
// connection, which the worker sends as it sends an upsert, through the same consent gate that
// reads the ledger before each send: a system the guest has since withdrawn from is not sent
// it. The email is not corrected here: it is the guest's identity in Portico and the key the
// connected systems file them under.
import "server-only";

import { assertPermission, type Actor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { wakeDeliverySoon } from "@/lib/delivery/wake";
import { DomainError } from "@/lib/errors";
import { recordEvents } from "@/lib/events/record-event";
import type { RightsRequest } from "@/lib/generated/prisma/client";

import { lockRequestToFulfil, markRequestDone } from "./answer-request";
import { fulfilRectificationRequestSchema, type FulfilRectificationRequest, type FulfilRectificationRequestInput } from "./schemas";

const fieldWords = { name: "name", phone: "phone", birthday: "birthday" } as const;
type Field = keyof typeof fieldWords;

export interface RectificationResult {
  request: RightsRequest;
  /** The fields that changed (names only), and the corrected record's deliveries queued. */
  changed: Field[];
  resent: { connectorId: string; deliveryId: string }[];
}

type Options = { now?: Date; wake?: boolean };

/** The rectification from the form as posted (parsed here). */
export async function fulfilRectificationRequest(db: Db, actor: Actor, input: FulfilRectificationRequestInput, options: Options = {}): Promise<RectificationResult> {
  return applyRectification(db, actor, fulfilRectificationRequestSchema.parse(input), options);
}

/** The rectification from input the schema already parsed (a staff action's). */
export async function applyRectification(db: Db, actor: Actor, input: FulfilRectificationRequest, options: Options = {}): Promise<RectificationResult> {
  assertPermission(actor, "requests.manage");
  const { requestId, ...corrected } = input;
  const now = options.now ?? new Date();
  const result = await db.$transaction(async (tx) => {
    const request = await lockRequestToFulfil(tx, requestId, "RECTIFICATION");
    const [guest] = await tx.$queryRaw<{ name: string | null; phone: string | null; birthday: Date | null }[]>`
      SELECT name, phone, birthday FROM guest WHERE id = ${request.guestId}::uuid AND erased_at IS NULL FOR UPDATE`;
    if (!guest) throw new DomainError("guestAlreadyErased");

    const same = (a: string | Date | null, b: string | Date | null) => (a instanceof Date ? a.getTime() : a) === (b instanceof Date ? b.getTime() : b);
    const changed = (Object.keys(fieldWords) as Field[]).filter((field) => !same(guest[field], corrected[field]));
    if (changed.length === 0) throw new DomainError("rectificationUnchanged");
    await tx.guest.update({ where: { id: request.guestId }, data: Object.fromEntries(changed.map((field) => [field, corrected[field]])) });

    // Each connection that has the guest gets the record again, about the visit it was last sent
    // (one 'rectify' row per connection and visit: a later correction sends that row again).
    const resent = await tx.$queryRaw<{ connectorId: string; deliveryId: bigint }[]>`
      INSERT INTO delivery AS r (guest_id, connector_id, connector, operation, visit_id, status, next_attempt_at, created_at)
      SELECT * FROM (
        SELECT DISTINCT ON (d.connector_id) d.guest_id, d.connector_id, d.connector, 'rectify', d.visit_id, 'PENDING'::delivery_status, ${now}::timestamptz, ${now}::timestamptz
        FROM delivery d JOIN connector c ON c.id = d.connector_id
        WHERE d.guest_id = ${request.guestId}::uuid AND d.operation = 'upsert' AND d.status = 'SENT'
        ORDER BY d.connector_id, d.created_at DESC, d.id DESC) latest
      ON CONFLICT (connector_id, visit_id, operation) DO UPDATE SET
        status = 'PENDING', attempts = 0, next_attempt_at = EXCLUDED.next_attempt_at, leased_until = NULL, last_error = NULL,
        created_at = EXCLUDED.created_at, delivered_at = NULL, settled_at = NULL
      RETURNING connector_id AS "connectorId", id AS "deliveryId"`;
    const queued = resent.map((r) => ({ connectorId: r.connectorId, deliveryId: String(r.deliveryId) }));

    await recordEvents(tx, [{ type: "guest.rectified", guestId: request.guestId, occurredAt: now, payload: { requestId, fields: changed, resent: queued.length } }]);
    const names = changed.map((field) => fieldWords[field]).join(", ");
    const removed = changed.filter((field) => corrected[field] === null);
    const outcome = [
      `Corrected: ${names}.`,
      queued.length === 0 ? "No connected system had the guest." : `${queued.length === 1 ? "1 system" : `${queued.length} systems`} sent the corrected record.`,
      removed.length > 0 ? `Removed (${removed.map((f) => fieldWords[f]).join(", ")}): connected systems keep a removed field until asked to delete it.` : "",
    ]
      .filter(Boolean)
      .join(" ");
    // The trail names the fields, never their values (docs/RIGHTS.md).
    await recordAudit(tx, {
      actorId: actor.id,
      action: "guest.rectify",
      entityType: "guest",
      entityId: request.guestId,
      after: { fields: changed, rectificationRequest: requestId, deliveriesQueued: queued },
      ip: actor.ip ?? null,
    });
    const updated = await markRequestDone(tx, actor, request, outcome, now);
    return { request: updated, changed, resent: queued };
  });
  if (options.wake !== false && result.resent.length > 0) wakeDeliverySoon(db, result.resent.map((r) => r.connectorId));
  return result;
}
