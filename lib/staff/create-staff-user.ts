import { recordAudit } from "@/lib/audit/record-audit";
import { hashPassword } from "@/lib/auth/password";
import { assertPermission } from "@/lib/auth/permissions";
import type { StaffActor } from "@/lib/auth/session";
import type { Db } from "@/lib/db/client";
import type { StaffUser } from "@/lib/generated/prisma/client";
import { normaliseEmail } from "@/lib/email/normalise-email";
import { DomainError } from "@/lib/errors";

import type { NewStaffUser } from "./schemas";
import { staffSnapshot } from "./staff-snapshot";

export { newStaffUserSchema, type NewStaffUser } from "./schemas";

/** Another account already has this email: the form shows it on the email field. */
export function staffEmailTaken(email: string): DomainError {
  return new DomainError("staffEmailTaken", { params: { email }, fieldErrors: { email: ["staffEmailExists"] } });
}

/**
 * Creates a staff account. `actor` is the admin doing it (audited); null only for the
 * command-line bootstrap of the first admin, which runs with the database's own authority.
 */
export async function createStaffUser(db: Db, input: NewStaffUser, actor: Pick<StaffActor, "id" | "role"> | null = null, ip: string | null = null): Promise<StaffUser> {
  if (actor) assertPermission(actor, "staff.manage");
  const email = normaliseEmail(input.email);
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    if (await tx.staffUser.findUnique({ where: { email } })) throw staffEmailTaken(email);
    const staff = await tx.staffUser.create({ data: { email, name: input.name || null, role: input.role, passwordHash } });
    if (actor) {
      await recordAudit(tx, { actorId: actor.id, action: "staff_user.created", entityType: "staff_user", entityId: staff.id, after: staffSnapshot(staff), ip });
    }
    return staff;
  });
}
