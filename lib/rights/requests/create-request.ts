// Staff enter a rights request a guest sent in. The guest is found by their normalised email;
// a request for an email Portico does not know is kept too (the answer is then "we hold
// nothing about you", and the queue still proves it was answered on time).
import "server-only";

import { assertPermission, type Actor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { normaliseEmail } from "@/lib/email/normalise-email";

import { dueAtFor } from "./deadlines";
import { createRightsRequestSchema, type CreateRightsRequestInput } from "./schemas";

export async function createRightsRequest(db: Db, actor: Actor, input: CreateRightsRequestInput, options: { now?: Date } = {}) {
  assertPermission(actor, "requests.manage");
  const { kind, email, details, receivedOn } = createRightsRequestSchema.parse(input);
  const now = options.now ?? new Date();
  // A day typed by staff is the day it arrived; the clock starts at that day's start (UTC), never in the future.
  const receivedAt = receivedOn ? new Date(Math.min(new Date(`${receivedOn}T00:00:00Z`).getTime(), now.getTime())) : now;
  const emailNormalized = normaliseEmail(email);

  return db.$transaction(async (tx) => {
    const guest = await tx.guest.findUnique({ where: { emailNormalized }, select: { id: true } });
    const request = await tx.rightsRequest.create({
      data: { kind, email, emailNormalized, guestId: guest?.id ?? null, details, receivedAt, dueAt: dueAtFor(receivedAt), createdById: actor.id },
    });
    // The trail names the request, the guest id and the deadline; never the email or details,
    // which an erasure removes from the request row while the trail stays.
    await recordAudit(tx, {
      actorId: actor.id,
      action: "rights.request.create",
      entityType: "rights_request",
      entityId: request.id,
      after: { kind, guestId: request.guestId, guestFound: guest !== null, receivedAt: receivedAt.toISOString(), dueAt: request.dueAt.toISOString(), status: request.status },
      ip: actor.ip ?? null,
    });
    return request;
  });
}
