// Answering a request: started, done or refused (with the reason the requester is told), the
// deadline extended once, or an erasure request fulfilled by erasing the guest — the request
// and the erasure in one commit. Each step names who and when on the row and in the audit
// trail; neither keeps the erased email.
import "server-only";

import { assertPermission, type Actor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db, DbTx } from "@/lib/db/client";
import type { ErasureSubjectBox } from "@/lib/delivery/erasure-subject";
import { wakeDeliverySoon } from "@/lib/delivery/wake";
import { DomainError } from "@/lib/errors";
import type { RightsRequest } from "@/lib/generated/prisma/client";
import { eraseGuestInTransaction, type ErasureResult } from "@/lib/rights/erase-guest";

import { canMoveRequest, extendedDueAt } from "./deadlines";
import {
  extendRightsRequestSchema,
  fulfilErasureRequestSchema,
  moveRightsRequestSchema,
  type ExtendRightsRequestInput,
  type FulfilErasureRequestInput,
  type MoveRightsRequestInput,
} from "./schemas";

export async function lockRequest(tx: DbTx, requestId: string): Promise<RightsRequest> {
  const [locked] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM rights_request WHERE id = ${requestId}::uuid FOR UPDATE`;
  if (!locked) throw new DomainError("rightsRequestGone");
  return tx.rightsRequest.findUniqueOrThrow({ where: { id: requestId } });
}

export function assertMove(request: RightsRequest, to: string) {
  if (!canMoveRequest(request.status, to)) throw new DomainError("rightsRequestTransition", { params: { from: request.status, to } });
}

/**
 * A request of `kind` to carry out now (erase, uphold, correct), locked: carrying it out is the
 * answer whether or not someone pressed "start" first, and it needs the guest it is about.
 */
export async function lockRequestToFulfil(tx: DbTx, requestId: string, kind: RightsRequest["kind"]): Promise<RightsRequest & { guestId: string }> {
  const request = await lockRequest(tx, requestId);
  if (request.kind !== kind) throw new DomainError("rightsRequestTransition", { params: { from: request.status, to: "DONE" } });
  if (request.status !== "RECEIVED" && request.status !== "IN_PROGRESS") assertMove(request, "DONE");
  if (!request.guestId) throw new DomainError("rightsRequestNoGuest");
  return request as RightsRequest & { guestId: string };
}

/** The request done with `outcome`, by `actor`, audited (`trail` adds to the audit entry's after). */
export async function markRequestDone(tx: DbTx, actor: Actor, request: RightsRequest, outcome: string, now: Date, trail: Record<string, unknown> = {}): Promise<RightsRequest> {
  const updated = await tx.rightsRequest.update({ where: { id: request.id }, data: { status: "DONE", handledById: actor.id, handledAt: now, outcome } });
  await recordAudit(tx, {
    actorId: actor.id,
    action: "rights.request.done",
    entityType: "rights_request",
    entityId: request.id,
    before: { status: request.status },
    after: { status: "DONE", outcome, ...trail },
    ip: actor.ip ?? null,
  });
  return updated;
}

export async function moveRightsRequest(db: Db, actor: Actor, input: MoveRightsRequestInput, options: { now?: Date } = {}) {
  assertPermission(actor, "requests.manage");
  const { requestId, to, note } = moveRightsRequestSchema.parse(input);
  const now = options.now ?? new Date();
  return db.$transaction(async (tx) => {
    const request = await lockRequest(tx, requestId);
    assertMove(request, to);
    if (to === "DONE" && request.kind === "ERASURE" && request.guestId) {
      const guest = await tx.guest.findUnique({ where: { id: request.guestId }, select: { erasedAt: true } });
      // Done means erased: the erasure itself marks the request done (fulfilErasureRequest).
      if (guest && !guest.erasedAt) throw new DomainError("rightsRequestUseFulfil");
    }
    const updated = await tx.rightsRequest.update({
      where: { id: requestId },
      data: {
        status: to,
        handledById: actor.id,
        handledAt: now,
        ...(to === "REFUSED" ? { refusalReason: note } : to === "DONE" ? { outcome: note || null } : {}),
      },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: `rights.request.${to === "IN_PROGRESS" ? "start" : to === "DONE" ? "done" : "refuse"}`,
      entityType: "rights_request",
      entityId: requestId,
      before: { status: request.status },
      after: { status: to, ...(to === "REFUSED" ? { refusalReason: note } : {}), ...(to === "DONE" && note ? { outcome: note } : {}) },
      ip: actor.ip ?? null,
    });
    return updated;
  });
}

export async function extendRightsRequest(db: Db, actor: Actor, input: ExtendRightsRequestInput, options: { now?: Date } = {}) {
  assertPermission(actor, "requests.manage");
  const { requestId, reason } = extendRightsRequestSchema.parse(input);
  const now = options.now ?? new Date();
  return db.$transaction(async (tx) => {
    const request = await lockRequest(tx, requestId);
    if (request.status === "DONE" || request.status === "REFUSED") throw new DomainError("rightsRequestTransition", { params: { from: request.status, to: "IN_PROGRESS" } });
    if (request.extendedAt) throw new DomainError("rightsRequestAlreadyExtended");
    const dueAt = extendedDueAt(request.receivedAt);
    const updated = await tx.rightsRequest.update({ where: { id: requestId }, data: { dueAt, extendedAt: now, extensionReason: reason, handledById: actor.id, handledAt: now } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "rights.request.extend",
      entityType: "rights_request",
      entityId: requestId,
      before: { dueAt: request.dueAt.toISOString() },
      after: { dueAt: dueAt.toISOString(), extensionReason: reason },
      ip: actor.ip ?? null,
    });
    return updated;
  });
}

/**
 * An erasure request answered: the guest erased (lib/rights/erase-guest.ts: every system that
 * received them asked to delete them) and the request done, in one transaction. The request
 * keeps the guest's anonymous id, its dates and who handled it; its email and details go.
 */
export async function fulfilErasureRequest(
  db: Db,
  actor: Actor,
  input: FulfilErasureRequestInput,
  options: { now?: Date; subjects?: ErasureSubjectBox; wake?: boolean } = {},
): Promise<{ request: RightsRequest; erasure: ErasureResult }> {
  assertPermission(actor, "requests.manage");
  assertPermission(actor, "guests.erase");
  const { requestId } = fulfilErasureRequestSchema.parse(input);
  const now = options.now ?? new Date();
  const result = await db.$transaction(async (tx) => {
    const request = await lockRequestToFulfil(tx, requestId, "ERASURE");
    const erasure = await eraseGuestInTransaction(tx, { actorId: actor.id, ip: actor.ip ?? null }, { guestId: request.guestId, reason: `Erasure request ${request.id}` }, { now, subjects: options.subjects });
    const outcome = `Erased; ${erasure.erasures.length === 1 ? "1 system" : `${erasure.erasures.length} systems`} asked to delete the guest.`;
    const updated = await markRequestDone(tx, actor, request, outcome, now, { guestId: request.guestId, erasedAt: now.toISOString(), erasuresQueued: erasure.erasures.length });
    return { request: updated, erasure };
  });
  if (options.wake !== false) wakeDeliverySoon(db, result.erasure.erasures.map((e) => e.connectorId));
  return result;
}
