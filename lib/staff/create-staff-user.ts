import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { hashPassword } from "@/lib/auth/password";
import { assertPermission, type Actor } from "@/lib/auth/permissions";
import { refuseOnUniqueViolation } from "@/lib/db/refuse-on-unique-violation";
import type { Db } from "@/lib/db/client";
import { normaliseEmail } from "@/lib/email/normalise-email";
import { DomainError } from "@/lib/errors";
import type { StaffUser } from "@/lib/generated/prisma/client";

import type { NewStaffUser } from "./schemas";
import { staffSnapshot } from "./staff-snapshot";

export { newStaffUserSchema, type NewStaffUser } from "./schemas";

/**
 * Portico itself adding an account outside any staff session, for the bootstrap paths only
 * (the staff:create command, the embedded database's first admin, test fixtures). It skips
 * the permission check, having the database's own authority, but is audited all the same,
 * under `description`.
 */
export interface SystemActor {
  kind: "system";
  description: string;
}

export function systemActor(description: string): SystemActor {
  return { kind: "system", description };
}

/** An admin (checked for `staff.manage`) or Portico itself; there is no default. */
export type StaffCreator = Pick<Actor, "id" | "role"> | SystemActor;

/** Another account already has this email: the form shows it on the email field. */
export function staffEmailTaken(email: string): DomainError {
  return new DomainError("staffEmailTaken", { params: { email }, fieldErrors: { email: ["staffEmailExists"] } });
}

/**
 * Creates a staff account and its `staff_user.created` audit entry in one transaction. Two
 * admins adding the same email at the same moment: the loser gets the email field error.
 */
export async function createStaffUser(db: Db, input: NewStaffUser, actor: StaffCreator, ip: string | null = null): Promise<StaffUser> {
  // The type already demands an actor; this also stops an untyped caller.
  if (!actor) throw new DomainError("actorRequired");
  const auditActor: AuditActor = "kind" in actor ? { actorId: null, actorDescription: actor.description } : { actorId: actor.id };
  if (!("kind" in actor)) assertPermission(actor, "staff.manage");
  const email = normaliseEmail(input.email);
  const passwordHash = await hashPassword(input.password);
  return refuseOnUniqueViolation(
    () =>
      db.$transaction(async (tx) => {
        if (await tx.staffUser.findUnique({ where: { email } })) throw staffEmailTaken(email);
        const staff = await tx.staffUser.create({ data: { email, name: input.name || null, role: input.role, passwordHash } });
        await recordAudit(tx, { ...auditActor, action: "staff_user.created", entityType: "staff_user", entityId: staff.id, after: staffSnapshot(staff), ip });
        return staff;
      }),
    staffEmailTaken(email),
  );
}
